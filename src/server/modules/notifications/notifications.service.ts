// Notifications: the pass that asks every module's source who must be told what (generateNotifications), and each
// person's inbox and choices. A person is told of an event once: the (person, kind, event) row is unique, so passes
// repeated on any number of server copies add nothing twice. The row also records what the person chose when told
// (inbox, e-mail), and their role and organisation then: the inbox shows it only while they still hold both, so a
// person who moves to another organisation no longer sees the old one's notices. E-mail: notifications.mail.ts.
import { and, count, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import * as C from '../../../shared/contracts/notifications.js';
import type { Bilingual } from '../../../shared/contracts/indicators.js';
import { recordAudit, systemActor, type Actor } from '../../kernel/audit.js';
import { intArray, iso, rows, textArray, type Db } from '../../kernel/db.js';
import { AppError, forbidden, notFound } from '../../kernel/errors.js';
import { vnDate } from '../../kernel/periods.js';
import { parseInput } from '../../kernel/validate.js';
import { moduleNotificationSources } from '../notificationSources.js';
import type { Notice, NotificationKind, NotificationSource } from './notifications.sources.js';
import { notificationPreferences, notifications, notificationSettings } from './notifications.tables.js';

export const AUDIT_ENTITY = 'notification';
const DEFAULTS = { inbox: true, email: true };

/** Every kind of every source, in the sources' order, with its module. */
export function notificationKinds(sources: NotificationSource[] = moduleNotificationSources): (NotificationKind & { module: string })[] {
  return sources.flatMap((s) => s.kinds.map((k) => ({ ...k, module: s.module })));
}
const kindLabel = (id: string): Bilingual => notificationKinds().find((k) => k.id === id)?.label ?? { vi: id, en: id };

// ---------------------------------------------------------------- the pass

export type GenerateOptions = {
  daysAhead: number;
  /** Whether e-mail goes out (SMTP configured): without it nothing is marked to be mailed later. */
  mail: boolean;
  now?: Date;
  /** The sources to ask (tests); default every module's. */
  sources?: NotificationSource[];
  /** Demo data (seed --demo). */
  isDemo?: boolean;
};

/** One pass: asks every source, stores the notices not told before, one row per person; returns how many rows.
 *  A source that fails does not stop the others (its error is thrown after the rest are stored). */
export async function generateNotifications(db: Db, opts: GenerateOptions): Promise<number> {
  const sources = opts.sources ?? moduleNotificationSources;
  const now = opts.now ?? new Date();
  const ctx = { now, today: vnDate(now), daysAhead: opts.daysAhead };
  const notices: Notice[] = [];
  let failure: unknown;
  for (const s of sources) {
    try {
      const declared = new Set(s.kinds.map((k) => k.id));
      for (const n of await s.find(db, ctx)) {
        if (!declared.has(n.kind))
          throw new Error(`The notification source of ${s.module} gave a notice of kind ${n.kind}, which it does not declare`);
        if (n.userIds.length) notices.push(n);
      }
    } catch (err) {
      failure ??= err;
    }
  }
  const created = await store(db, notices, notificationKinds(sources), opts);
  // eslint-disable-next-line @typescript-eslint/only-throw-error -- rethrows the first error caught, whatever it was
  if (failure) throw failure;
  return created;
}

type Row = typeof notifications.$inferInsert;

async function store(db: Db, notices: Notice[], kinds: NotificationKind[], opts: GenerateOptions): Promise<number> {
  if (!notices.length) return 0;
  const userIds = [...new Set(notices.flatMap((n) => n.userIds))];
  const people = new Map(
    (
      await rows<{ id: number; role: string; org: number | null; email: string | null }>(
        db,
        sql`
    select id, role, organisation_id as org, email from users where active and id = any(${intArray(userIds)})`,
      )
    ).map((u) => [Number(u.id), u]),
  );
  const chosen = new Map(
    (await db.select().from(notificationPreferences).where(inArray(notificationPreferences.userId, userIds))).map((p) => [
      `${p.userId}:${p.kind}`,
      p,
    ]),
  );
  // Those already told are left out before inserting (the unique row still decides between copies racing).
  const told = new Set(
    (
      await rows<{ user_id: number; kind: string; event_key: string }>(
        db,
        sql`
    select user_id, kind, event_key from notifications where kind = any(${textArray([...new Set(notices.map((n) => n.kind))])})
      and event_key = any(${textArray([...new Set(notices.map((n) => n.key))])}) and user_id = any(${intArray(userIds)})`,
      )
    ).map((r) => `${r.user_id}:${r.kind}:${r.event_key}`),
  );
  const defaults = new Map(kinds.map((k) => [k.id, k.defaults ?? DEFAULTS]));
  const fresh: Row[] = [];
  const seen = new Set<string>();
  for (const n of notices) {
    for (const userId of n.userIds) {
      const key = `${userId}:${n.kind}:${n.key}`;
      const u = people.get(userId);
      if (!u || told.has(key) || seen.has(key)) continue;
      seen.add(key);
      const pref = chosen.get(`${userId}:${n.kind}`) ?? defaults.get(n.kind) ?? DEFAULTS;
      fresh.push({
        userId,
        kind: n.kind,
        eventKey: n.key,
        organisationId: n.organisationId,
        toldRole: u.role,
        toldOrganisationId: u.org === null ? null : Number(u.org),
        titleVi: n.title.vi,
        titleEn: n.title.en,
        bodyVi: n.body?.vi ?? null,
        bodyEn: n.body?.en ?? null,
        link: n.link,
        due: n.due ?? null,
        inInbox: pref.inbox,
        emailPending: opts.mail && pref.email && Boolean(u.email?.trim()),
        isDemo: opts.isDemo ?? false,
      });
    }
  }
  if (!fresh.length) return 0;
  return db.transaction(async (tx) => {
    const made: { kind: string }[] = [];
    for (let i = 0; i < fresh.length; i += 500) {
      made.push(
        ...(await tx
          .insert(notifications)
          .values(fresh.slice(i, i + 500))
          .onConflictDoNothing()
          .returning({ kind: notifications.kind })),
      );
    }
    if (made.length) {
      const byKind: Record<string, number> = {};
      for (const m of made) byKind[m.kind] = (byKind[m.kind] ?? 0) + 1;
      await recordAudit(tx, systemActor(opts.isDemo ? 'seed' : 'job', 'notifications'), 'notify', AUDIT_ENTITY, null, null, {
        created: byKind,
      });
    }
    return made.length;
  });
}

// ---------------------------------------------------------------- the inbox

function person(actor: Actor): number {
  if (actor.userId === null) throw forbidden('Notifications belong to a signed-in person');
  return actor.userId;
}

/** What the actor sees: their notices for the inbox, told while they held the role and organisation they hold now. */
function inbox(actor: Actor): SQL {
  return and(
    eq(notifications.userId, person(actor)),
    eq(notifications.inInbox, true),
    eq(notifications.toldRole, actor.role),
    actor.organisationId === null ? isNull(notifications.toldOrganisationId) : eq(notifications.toldOrganisationId, actor.organisationId),
  )!;
}

function present(n: typeof notifications.$inferSelect): C.Notification {
  return {
    id: n.id,
    kind: n.kind,
    kindLabel: kindLabel(n.kind),
    title: { vi: n.titleVi, en: n.titleEn },
    body: n.bodyVi !== null || n.bodyEn !== null ? { vi: n.bodyVi ?? n.bodyEn ?? '', en: n.bodyEn ?? n.bodyVi ?? '' } : null,
    link: n.link,
    due: n.due,
    createdAt: iso(n.createdAt)!,
    readAt: iso(n.readAt),
    emailedAt: iso(n.emailedAt),
  };
}

export async function unreadCount(db: Db, actor: Actor): Promise<number> {
  const [r] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(inbox(actor), isNull(notifications.readAt)));
  return Number(r?.n ?? 0);
}

export async function listNotifications(db: Db, actor: Actor, raw: unknown): Promise<C.NotificationList> {
  const q = parseInput(C.NotificationListQuery, raw);
  const where = and(
    inbox(actor),
    q.unread === 'true' ? isNull(notifications.readAt) : q.unread === 'false' ? sql`${notifications.readAt} is not null` : undefined,
    q.kind ? eq(notifications.kind, q.kind) : undefined,
  );
  const [{ n }] = (await db.select({ n: count() }).from(notifications).where(where)) as [{ n: number }];
  const list = await db
    .select()
    .from(notifications)
    .where(where)
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(q.limit)
    .offset(q.offset);
  return { total: Number(n), unread: await unreadCount(db, actor), rows: list.map(present) };
}

/** Marks one of the actor's notices read (again: no change); another person's is not found. */
export async function markRead(db: Db, actor: Actor, id: number): Promise<C.Notification> {
  return db.transaction(async (tx) => {
    const [r] = await tx
      .update(notifications)
      .set({ readAt: sql`coalesce(${notifications.readAt}, now())` })
      .where(and(inbox(actor), eq(notifications.id, id)))
      .returning();
    if (!r) throw notFound(`Notification ${id}`);
    await recordAudit(tx, actor, 'read', AUDIT_ENTITY, id, null, { readAt: iso(r.readAt) });
    return present(r);
  });
}

export async function markAllRead(db: Db, actor: Actor): Promise<number> {
  return db.transaction(async (tx) => {
    const r = await tx
      .update(notifications)
      .set({ readAt: sql`now()` })
      .where(and(inbox(actor), isNull(notifications.readAt)))
      .returning({ id: notifications.id });
    if (r.length) await recordAudit(tx, actor, 'read-all', AUDIT_ENTITY, null, null, { marked: r.length });
    return r.length;
  });
}

// ---------------------------------------------------------------- choices

/** What the choices page says of e-mail; `sources`: the kinds offered (tests; default every module's). */
export type MailFacts = { mailEnabled: boolean; digestHour: number; sources?: NotificationSource[] };

export async function getPreferences(db: Db, actor: Actor, facts: MailFacts): Promise<C.Preferences> {
  const userId = person(actor);
  const chosen = new Map(
    (await db.select().from(notificationPreferences).where(eq(notificationPreferences.userId, userId))).map((p) => [p.kind, p]),
  );
  const [s] = await db.select().from(notificationSettings).where(eq(notificationSettings.userId, userId));
  const [u] = await rows<{ email: string | null }>(db, sql`select email from users where id = ${userId}`);
  return {
    kinds: notificationKinds(facts.sources).map((k) => {
      const p = chosen.get(k.id) ?? k.defaults ?? DEFAULTS;
      return { id: k.id, module: k.module, label: k.label, description: k.description, inbox: p.inbox, email: p.email };
    }),
    digest: s?.digest ?? false,
    digestHour: facts.digestHour,
    email: u?.email?.trim() || null,
    mailEnabled: facts.mailEnabled,
  };
}

/** Sets the actor's own choices: the kinds listed (others keep theirs) and the digest. */
export async function setPreferences(db: Db, actor: Actor, raw: unknown, facts: MailFacts): Promise<C.Preferences> {
  const userId = person(actor);
  const input = parseInput(C.PreferencesInput, raw);
  const known = new Set(notificationKinds(facts.sources).map((k) => k.id));
  const bad = input.kinds.flatMap((k, i) => (known.has(k.id) ? [] : [{ field: `kinds.${i}.id`, message: `no notification kind ${k.id}` }]));
  if (bad.length) throw new AppError('validation_failed', bad.map((d) => `${d.field}: ${d.message}`).join('; '), bad);
  return db.transaction(async (tx) => {
    const before = await getPreferences(tx, actor, facts);
    const now = new Date();
    for (const k of input.kinds) {
      await tx
        .insert(notificationPreferences)
        .values({ userId, kind: k.id, inbox: k.inbox, email: k.email, updatedAt: now })
        .onConflictDoUpdate({
          target: [notificationPreferences.userId, notificationPreferences.kind],
          set: { inbox: k.inbox, email: k.email, updatedAt: now },
        });
    }
    // Not by e-mail any more: what still waits for the next message or digest is not sent.
    const off = input.kinds.filter((k) => !k.email).map((k) => k.id);
    if (off.length)
      await tx
        .update(notifications)
        .set({ emailPending: false })
        .where(and(eq(notifications.userId, userId), eq(notifications.emailPending, true), inArray(notifications.kind, off)));
    await tx
      .insert(notificationSettings)
      .values({ userId, digest: input.digest, updatedAt: now })
      .onConflictDoUpdate({ target: notificationSettings.userId, set: { digest: input.digest, updatedAt: now } });
    const after = await getPreferences(tx, actor, facts);
    const brief = (p: C.Preferences) => ({
      digest: p.digest,
      kinds: Object.fromEntries(p.kinds.map((k) => [k.id, { inbox: k.inbox, email: k.email }])),
    });
    await recordAudit(tx, actor, 'update', 'notification_preferences', userId, brief(before), brief(after));
    return after;
  });
}
