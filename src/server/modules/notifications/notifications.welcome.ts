// The notifications module's own source: once per person, a notice that says what notifications are and where to
// choose them (inbox only unless they choose otherwise).
import { sql } from 'drizzle-orm';
import { workspacePage } from '../../../shared/contracts/links.js';
import { rows, type Db } from '../../kernel/db.js';
import type { Notice, NotificationSource } from './notifications.sources.js';

export const WELCOME = 'notifications.welcome';

async function find(db: Db): Promise<Notice[]> {
  const r = await rows<{ id: number }>(
    db,
    sql`
    select u.id from users u where u.active and not exists (select 1 from notifications n where n.user_id = u.id and n.kind = ${WELCOME}) order by u.id`,
  );
  if (!r.length) return [];
  return [
    {
      kind: WELCOME,
      key: 'welcome',
      organisationId: null,
      userIds: r.map((x) => Number(x.id)),
      title: { vi: 'Thông báo của bạn trong RightsHub', en: 'Your notifications in RightsHub' },
      body: {
        vi: 'Tại đây bạn nhận thông báo về hạn báo cáo, việc chờ bạn xử lý và hồ sơ bị trả lại. Chọn loại thông báo, nhận trong hộp thư hay qua e-mail, và bản tóm tắt hằng ngày.',
        en: 'Here you are told of reporting deadlines, work waiting for you and records returned to you. Choose which kinds you get, in the inbox or by e-mail, and a daily digest.',
      },
      link: workspacePage.notificationSettings(),
    },
  ];
}

export const welcomeNotificationSource: NotificationSource = {
  module: 'notifications',
  kinds: [
    {
      id: WELCOME,
      label: { vi: 'Giới thiệu thông báo', en: 'About notifications' },
      description: { vi: 'Một lần, khi bạn bắt đầu dùng RightsHub.', en: 'Once, when you start using RightsHub.' },
      defaults: { inbox: true, email: false },
    },
  ],
  find,
};
