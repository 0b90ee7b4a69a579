// What the fact-checking desk tells people (notification source, see notifications/notifications.sources.ts), always
// to those who may act on it — reviewers and admins (REVIEWERS):
//   - an open complaint whose reply is due within COMPLAINT_NEAR_DAYS days, and again once it is overdue (the notice
//     names the complaint by reference, never the sender);
//   - a fact-check waiting for a second person: a draft marked drafted, or a correction proposed — told to every
//     reviewer and admin who wrote none of it (the two-person rule of factcheck.service.ts: an author cannot approve).
// A draft sent back and drafted again, or a new correction, is a new event.
import { sql } from 'drizzle-orm';
import { workspacePage } from '../../../shared/contracts/links.js';
import { rows, textArray, type Db } from '../../kernel/db.js';
import {
  activeUsersWithRoles,
  addDays,
  type Notice,
  type NotificationSource,
  type SourceContext,
} from '../notifications/notifications.sources.js';
import { complaintReference } from './factcheck.desk.js';
import { REVIEWERS } from './factcheck.roles.js';

export const FC_COMPLAINT_DUE = 'factcheck.complaint_due';
export const FC_REVIEW_WAITING = 'factcheck.review_waiting';
/** A complaint is announced when this many days or fewer are left to reply. */
export const COMPLAINT_NEAR_DAYS = 3;

const short = (s: string) => (s.length > 120 ? `${s.slice(0, 119)}…` : s);

async function find(db: Db, ctx: SourceContext): Promise<Notice[]> {
  const out: Notice[] = [];
  const complaints = await rows<{ id: number; due: string; claim: number | null }>(
    db,
    sql`
    select id, reply_due::text as due, claim_id as claim from fc_complaints
    where status = 'open' and reply_due <= ${addDays(ctx.today, COMPLAINT_NEAR_DAYS)}::date order by reply_due, id limit 5000`,
  );
  if (complaints.length) {
    const desk = await activeUsersWithRoles(db, REVIEWERS);
    for (const c of complaints) {
      const ref = complaintReference(Number(c.id));
      const overdue = c.due < ctx.today;
      out.push({
        kind: FC_COMPLAINT_DUE,
        key: `${c.id}:${c.due}:${overdue ? 'overdue' : 'due'}`,
        organisationId: null,
        userIds: desk,
        title: overdue
          ? { vi: `Khiếu nại ${ref} đã quá hạn trả lời`, en: `Complaint ${ref}: reply overdue` }
          : { vi: `Khiếu nại ${ref} sắp đến hạn trả lời`, en: `Complaint ${ref}: reply due soon` },
        body: {
          vi: `Hạn trả lời ${c.due}${c.claim ? `, về bài kiểm chứng #${c.claim}` : ''}.`,
          en: `Reply due ${c.due}${c.claim ? `, about fact-check #${c.claim}` : ''}.`,
        },
        link: workspacePage.complaint(Number(c.id)),
        due: c.due,
      });
    }
  }
  // Drafts and corrections waiting, each with the reviewers and admins who wrote none of it.
  const waiting = await rows<{
    id: number;
    text: string;
    what: 'draft' | 'correction';
    version: number;
    at: string;
    users: number[] | null;
  }>(
    db,
    sql`
    with w as (
      select c.id, c.text, 'draft' as what, c.version, c.drafted_at as at, c.drafted_by as marker from fc_claims c where c.status = 'drafted'
      union all
      select c.id, c.text, 'correction', p.version, p.proposed_at, null from fc_correction_proposals p join fc_claims c on c.id = p.claim_id
    )
    select w.id, w.text, w.what, w.version, to_char(w.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS') as at,
      array(select u.id from users u where u.active and u.role = any(${textArray(REVIEWERS)}) and u.id is distinct from w.marker
        and not exists (select 1 from fc_contributions k where k.claim_id = w.id and k.version = w.version and k.user_id = u.id) order by u.id) as users
    from w order by w.id limit 5000`,
  );
  for (const w of waiting) {
    const draft = w.what === 'draft';
    out.push({
      kind: FC_REVIEW_WAITING,
      key: `${w.what}:${w.id}:${w.version}:${w.at}`,
      organisationId: null,
      userIds: (w.users ?? []).map(Number),
      title: draft
        ? { vi: `Bài kiểm chứng chờ người thứ hai duyệt: ${short(w.text)}`, en: `Fact-check awaiting a second person: ${short(w.text)}` }
        : { vi: `Đính chính chờ người thứ hai duyệt: ${short(w.text)}`, en: `Correction awaiting a second person: ${short(w.text)}` },
      body: draft
        ? { vi: 'Bạn không tham gia viết bản nháp này nên có thể duyệt.', en: 'You wrote none of this draft, so you may approve it.' }
        : {
            vi: `Phiên bản ${w.version}: bạn không tham gia viết đính chính này nên có thể duyệt.`,
            en: `Version ${w.version}: you wrote none of this correction, so you may approve it.`,
          },
      link: workspacePage.claim(Number(w.id)),
    });
  }
  return out;
}

export const factcheckNotificationSource: NotificationSource = {
  module: 'factcheck',
  kinds: [
    {
      id: FC_COMPLAINT_DUE,
      label: { vi: 'Khiếu nại sắp đến hạn trả lời', en: 'Complaints near their reply deadline' },
      description: {
        vi: `Khiếu nại còn ${COMPLAINT_NEAR_DAYS} ngày hoặc ít hơn để trả lời, và khi đã quá hạn (người thẩm định và quản trị).`,
        en: `Complaints with ${COMPLAINT_NEAR_DAYS} days or fewer left to reply, and once overdue (reviewers and admins).`,
      },
    },
    {
      id: FC_REVIEW_WAITING,
      label: { vi: 'Bài kiểm chứng chờ người thứ hai duyệt', en: 'Fact-checks awaiting a second person' },
      description: {
        vi: 'Bản nháp hoặc đính chính bạn không tham gia viết, đang chờ duyệt (người thẩm định và quản trị).',
        en: 'Drafts or corrections you wrote none of, waiting for approval (reviewers and admins).',
      },
    },
  ],
  find,
};
