// What a notification source is. Each module that has something to tell people writes one source in its own folder
// (<module>.notifications.ts: it reads that module's tables and applies that module's scope rules) and adds it to the
// list in modules/notificationSources.ts. The notification job (notifications.service.ts) asks every source, on every
// copy of the server, "who must be told what, now?"; a source need not remember what it said before: a person is
// told of an event (kind + key) once, whatever the number of passes or copies — the notifications table's unique
// (person, kind, event) row is the claim.
import { sql } from 'drizzle-orm';
import type { Bilingual } from '../../../shared/contracts/indicators.js';
import type { Actor } from '../../kernel/audit.js';
import { rows, textArray, type Db } from '../../kernel/db.js';
/** The modules' notices count deadlines in days (shared with the workspace and the calendar). */
export { addDays } from '../../../shared/format.js';

export { editorsWritingFor } from '../directory/organisations.service.js';

export type NotificationKind = {
  /** `<module>.<what>`, e.g. press.t1_missing; stable (preferences are kept under it). */
  id: string;
  /** Shown in the inbox and on the preferences page. */
  label: Bilingual;
  /** Who gets it and when, one sentence, on the preferences page. */
  description: Bilingual;
  /** What a person who has set nothing gets (default: inbox and e-mail). */
  defaults?: { inbox: boolean; email: boolean };
};

/** One event and the people to tell of it. */
export type Notice = {
  kind: string;
  /** The event within the kind: the same key is the same event (a person is told of it once). Put into it what makes
   *  it a new event: e.g. the deadline (a moved deadline is announced again), the time a report was returned. */
  key: string;
  /** Who must be told, chosen with the module's own scope rules: only people who may see the record. */
  userIds: number[];
  /** The organisation whose record it is (null: no organisation's, e.g. the fact-checking desk's work). */
  organisationId: number | null;
  title: Bilingual;
  body?: Bilingual | null;
  /** The workspace page that shows it: a path of shared/contracts/links.ts workspacePage (checked by mail.links.test). */
  link: string;
  /** The deadline it is about (YYYY-MM-DD), if any. */
  due?: string | null;
};

export type SourceContext = {
  now: Date;
  /** Today in Viet Nam (YYYY-MM-DD). */
  today: string;
  /** Deadlines within this many days are "coming" (REMINDER_DAYS_AHEAD). */
  daysAhead: number;
};

export interface NotificationSource {
  /** The module it belongs to. */
  module: string;
  kinds: NotificationKind[];
  /** Who must be told what, now: every event that holds today (those already told are skipped by the job). */
  find(db: Db, ctx: SourceContext): Promise<Notice[]>;
}

/** Active users holding one of `roles` (the programme office: ['admin']). */
export async function activeUsersWithRoles(db: Db, roles: Actor['role'][]): Promise<number[]> {
  const r = await rows<{ id: number }>(db, sql`select id from users where active and role = any(${textArray(roles)}) order by id`);
  return r.map((x) => Number(x.id));
}

/** The Vietnamese names of organisations by id (what notices name them by). */
export async function organisationNames(db: Db, ids: number[]): Promise<Map<number, string>> {
  if (!ids.length) return new Map();
  const r = await rows<{ id: number; name: string }>(
    db,
    sql`select id, name_vi as name from organisations where id = any(${`{${ids.join(',')}}`}::int[])`,
  );
  return new Map(r.map((o) => [Number(o.id), o.name]));
}

/** `ids` without those in `except`. */
export const without = (ids: number[], except: Iterable<number>): number[] => {
  const drop = new Set(except);
  return ids.filter((id) => !drop.has(id));
};

/** Days from `from` to `to` (YYYY-MM-DD), negative when `to` is earlier. */
export const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
