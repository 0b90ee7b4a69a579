// What the press module tells people (notification source, see notifications/notifications.sources.ts): T1's periodic
// information missing — for the current reporting period once its last day is within REMINDER_DAYS_AHEAD days, and for
// the previous period while its grace days run (information then still counts, late). Read from T1's compliance rows
// (press.compliance.ts), so the notice says exactly what the compliance page shows.
//   - each expected agency without information: to the active editors who may publish for it (its own and those of
//     the organisations above it: assertCanWriteUnder's rule), never to another organisation's;
//   - the programme office: one notice per period and stage with how many agencies have none yet.
import { workspacePage } from '../../../shared/contracts/links.js';
import type { Db } from '../../kernel/db.js';
import { periodContaining, type Period } from '../../kernel/periods.js';
import {
  activeUsersWithRoles,
  addDays,
  daysBetween,
  editorsWritingFor,
  type Notice,
  type NotificationSource,
  type SourceContext,
} from '../notifications/notifications.sources.js';
import { computeT1 } from './press.compliance.js';
import { getReportingSettings } from './press.settings.js';
import { periodLabel, periodPhrase } from '../../../shared/labels.js';

export const PRESS_T1_MISSING = 'press.t1_missing';

async function find(db: Db, ctx: SourceContext): Promise<Notice[]> {
  const settings = await getReportingSettings(db);
  const current = periodContaining(settings.periodKind, ctx.now);
  const previous = periodContaining(settings.periodKind, new Date(current.start.getTime() - 1));
  const stages: { period: Period; late: boolean; lastDay: string }[] = [];
  const graceLast = addDays(previous.lastDay, settings.graceDays);
  if (settings.graceDays > 0 && ctx.today <= graceLast) stages.push({ period: previous, late: true, lastDay: graceLast });
  if (daysBetween(ctx.today, current.lastDay) <= ctx.daysAhead) stages.push({ period: current, late: false, lastDay: current.lastDay });
  const out: Notice[] = [];
  for (const { period, late, lastDay } of stages) {
    const id = period.id!;
    const t1 = await computeT1(db, { period: id });
    const missing = t1.rows.filter((r) => r.information === 'missing');
    if (!missing.length) continue;
    const stage = late ? 'late' : 'due';
    const link = workspacePage.compliance(id);
    const when = late
      ? {
          vi: `${periodLabel(id, 'vi')} đã kết thúc ngày ${period.lastDay}; thông tin công bố đến hết ngày ${lastDay} vẫn được tính (muộn).`,
          en: `${periodLabel(id, 'en')} ended on ${period.lastDay}; information published until ${lastDay} still counts (late).`,
        }
      : { vi: `${periodLabel(id, 'vi')} kết thúc ngày ${period.lastDay}.`, en: `${periodLabel(id, 'en')} ends on ${period.lastDay}.` };
    const editors = await editorsWritingFor(
      db,
      missing.map((r) => r.organisationId),
    );
    for (const r of missing) {
      out.push({
        kind: PRESS_T1_MISSING,
        key: `${id}:${r.organisationId}:${stage}`,
        organisationId: r.organisationId,
        userIds: editors.get(r.organisationId) ?? [],
        title: {
          vi: `Chưa cung cấp thông tin định kỳ ${periodPhrase(id, 'vi')}: ${r.nameVi}`,
          en: `No periodic information yet for ${periodPhrase(id, 'en')}: ${r.nameVi}`,
        },
        body: when,
        link,
        due: lastDay,
      });
    }
    out.push({
      kind: PRESS_T1_MISSING,
      key: `${id}:office:${stage}`,
      organisationId: null,
      userIds: await activeUsersWithRoles(db, ['admin']),
      title: {
        vi: `${missing.length}/${t1.denominator} cơ quan chưa cung cấp thông tin định kỳ ${periodPhrase(id, 'vi')}`,
        en: `${missing.length} of ${t1.denominator} agencies have given no periodic information for ${periodPhrase(id, 'en')}`,
      },
      body: when,
      link,
      due: lastDay,
    });
  }
  return out;
}

export const pressNotificationSource: NotificationSource = {
  module: 'press',
  kinds: [
    {
      id: PRESS_T1_MISSING,
      label: { vi: 'Thiếu thông tin định kỳ (T1)', en: 'Periodic information missing (T1)' },
      description: {
        vi: 'Cơ quan của bạn chưa cung cấp thông tin cho báo chí trong kỳ báo cáo sắp kết thúc, hoặc kỳ vừa kết thúc còn trong thời gian gia hạn (Văn phòng Đề án: số cơ quan còn thiếu).',
        en: 'Your organisation has given the press no periodic information in a reporting period about to end, or in the one just ended while its grace days run (the programme office: how many agencies have none).',
      },
    },
  ],
  find,
};
