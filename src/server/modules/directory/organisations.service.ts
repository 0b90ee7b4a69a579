// Organisations: the tree of ministries, provinces, press agencies, socio-political organisations and
// missions abroad that take part in the programme. Editors write only inside their own subtree;
// organisations are deactivated, never deleted, because records point to them.
import crypto from 'node:crypto';
import { and, asc, eq, ilike, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { OrganisationInput, type Organisation, type OrgTreeNode, type SuccessionKind } from '../../../shared/contracts/directory.js';
import { vnToday } from '../../../shared/format.js';
import { recordAudit, type Actor } from '../../kernel/audit.js';
import { intArray, rows, type Db } from '../../kernel/db.js';
import { AppError, forbidden, notFound } from '../../kernel/errors.js';
import { containsPattern, fold, nfc } from '../../kernel/text.js';
import { parseInput } from '../../kernel/validate.js';
import { adminUnits, countries, organisations } from './directory.tables.js';
import { assertCountry, resolveProvinceAt } from './units.service.js';

const parent = alias(organisations, 'parent');

const selectFields = {
  o: organisations,
  parentName: parent.nameVi,
  provinceCode: adminUnits.code,
  provinceName: adminUnits.nameVi,
  provinceMap: adminUnits.mapVersion,
  countryName: countries.nameVi,
};

function baseQuery(db: Db) {
  return db
    .select(selectFields)
    .from(organisations)
    .leftJoin(parent, eq(parent.id, organisations.parentId))
    .leftJoin(adminUnits, eq(adminUnits.id, organisations.provinceUnitId))
    .leftJoin(countries, eq(countries.alpha2, organisations.countryCode));
}

type Row = Awaited<ReturnType<ReturnType<typeof baseQuery>['execute']>>[number];

function toOrganisation(r: Row): Organisation {
  const o = r.o;
  return {
    id: o.id,
    code: o.code,
    nameVi: o.nameVi,
    nameEn: o.nameEn,
    shortName: o.shortName,
    kind: o.kind as Organisation['kind'],
    parentId: o.parentId,
    parentName: r.parentName,
    provinceCode: r.provinceCode,
    provinceName: r.provinceName,
    provinceMap: (r.provinceMap as Organisation['provinceMap']) ?? null,
    countryCode: o.countryCode,
    countryName: r.countryName,
    isStateAdminAgency: o.isStateAdminAgency,
    active: o.active,
    validFrom: o.validFrom,
    validTo: o.validTo,
    successorId: o.successorId,
    successionKind: (o.successionKind as Organisation['successionKind']) ?? null,
    isDemo: o.isDemo,
    updatedAt: new Date(o.updatedAt).toISOString(),
  };
}

export async function getOrganisation(db: Db, id: number): Promise<Organisation> {
  const [r] = await baseQuery(db).where(eq(organisations.id, id));
  if (!r) throw notFound(`Organisation ${id}`);
  const predecessors = await db
    .select({
      id: organisations.id,
      code: organisations.code,
      nameVi: organisations.nameVi,
      successionKind: organisations.successionKind,
      validTo: organisations.validTo,
    })
    .from(organisations)
    .where(eq(organisations.successorId, id))
    .orderBy(asc(organisations.validTo), asc(organisations.id));
  return {
    ...toOrganisation(r),
    predecessors: predecessors.map((p) => ({ ...p, successionKind: p.successionKind as Organisation['successionKind'] })),
  };
}

export async function findOrganisationByCode(db: Db, code: string): Promise<{ id: number } | undefined> {
  const [r] = await db
    .select({ id: organisations.id })
    .from(organisations)
    .where(sql`lower(${organisations.code}) = lower(${code.trim()})`);
  return r;
}

export async function listOrganisations(
  db: Db,
  q: { q?: string; kind?: string; province?: string; includeInactive?: string; limit: number; offset: number },
) {
  const where: SQL[] = [];
  if (q.q) where.push(ilike(organisations.searchText, containsPattern(fold(q.q))));
  if (q.kind) where.push(eq(organisations.kind, q.kind));
  if (q.province) where.push(eq(adminUnits.code, q.province));
  if (q.includeInactive !== 'true') where.push(eq(organisations.active, true));
  const cond = where.length ? and(...where) : undefined;
  const items = await baseQuery(db).where(cond).orderBy(asc(organisations.nameVi), asc(organisations.id)).limit(q.limit).offset(q.offset);
  const [t] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(organisations)
    .leftJoin(adminUnits, eq(adminUnits.id, organisations.provinceUnitId))
    .where(cond);
  return { items: items.map(toOrganisation), total: t?.n ?? 0 };
}

export async function organisationTree(db: Db, includeInactive: boolean): Promise<OrgTreeNode[]> {
  const r = await db
    .select({
      id: organisations.id,
      parentId: organisations.parentId,
      code: organisations.code,
      nameVi: organisations.nameVi,
      nameEn: organisations.nameEn,
      kind: organisations.kind,
      provinceCode: adminUnits.code,
      active: organisations.active,
    })
    .from(organisations)
    .leftJoin(adminUnits, eq(adminUnits.id, organisations.provinceUnitId))
    .where(includeInactive ? undefined : eq(organisations.active, true))
    .orderBy(asc(organisations.nameVi));
  return r.map((n) => ({ ...n, kind: n.kind as OrgTreeNode['kind'] }));
}

/** A version of the whole directory that changes with every write (each write sets updated_at, adds or
 *  removes a row): the tree's ETag, and the key of the per-process cache of its JSON. */
export async function organisationsVersion(db: Db): Promise<string> {
  const [r] = await rows<{ n: number; m: string | null; top: number | null }>(
    db,
    sql`select count(*)::int as n, sum(extract(epoch from updated_at))::text as m, max(id) as top from organisations`,
  );
  return `${r.n}-${r.top ?? 0}-${r.m ?? ''}`;
}

const treeCache = new Map<string, string>();

/** The tree as JSON text, rebuilt only when the directory has changed since the last build. */
export async function organisationTreeJson(db: Db, includeInactive: boolean): Promise<{ etag: string; json: string }> {
  const etag = `"org-tree-${includeInactive ? 'all' : 'active'}-${crypto
    .createHash('sha1')
    .update(await organisationsVersion(db))
    .digest('hex')
    .slice(0, 16)}"`;
  let json = treeCache.get(etag);
  if (!json) {
    json = JSON.stringify(await organisationTree(db, includeInactive));
    for (const k of treeCache.keys()) if (k.includes(includeInactive ? '-all-' : '-active-')) treeCache.delete(k);
    treeCache.set(etag, json);
  }
  return { etag, json };
}

/** True when `orgId` is `ancestorId` or lies below it in the tree. */
export async function isWithin(db: Db, ancestorId: number, orgId: number): Promise<boolean> {
  const r = await rows<{ found: boolean }>(
    db,
    sql`
    with recursive up(id, parent_id, depth) as (
      select id, parent_id, 0 from organisations where id = ${orgId}
      union all select o.id, o.parent_id, up.depth + 1 from organisations o join up on o.id = up.parent_id where up.depth < 100
    ) select exists(select 1 from up where id = ${ancestorId}) as found`,
  );
  return Boolean(r[0]?.found);
}

/** The organisation and every organisation below it. */
export async function subtreeIds(db: Db, rootId: number): Promise<number[]> {
  const r = await rows<{ id: number }>(
    db,
    sql`
    with recursive down(id, depth) as (
      select id, 0 from organisations where id = ${rootId}
      union all select o.id, d.depth + 1 from organisations o join down d on o.parent_id = d.id where d.depth < 100
    ) select id from down`,
  );
  return r.map((x) => Number(x.id));
}

/** Admins and system paths write anywhere; editors only inside their organisation's subtree. */
export async function assertCanWriteUnder(db: Db, actor: Actor, orgId: number | null, what = 'this organisation'): Promise<void> {
  if (actor.role === 'admin' || actor.role === 'system') return;
  if (actor.role !== 'editor') throw forbidden(`Your role (${actor.role}) is read-only`);
  if (actor.organisationId === null || orgId === null || !(await isWithin(db, actor.organisationId, orgId))) {
    throw forbidden(`You may only change organisations within your own organisation; ${what} is outside it`);
  }
}

/** assertCanWriteUnder's rule read the other way, for many organisations at once: the active editors who may write
 *  under each of `orgIds` (those of the organisation itself and of every organisation above it), by organisation.
 *  Admins, who write anywhere, are not listed. */
export async function editorsWritingFor(db: Db, orgIds: Iterable<number>): Promise<Map<number, number[]>> {
  const ids = [...new Set(orgIds)];
  const out = new Map<number, number[]>();
  if (!ids.length) return out;
  const r = await rows<{ org: number; user_id: number }>(
    db,
    sql`
    with recursive up(org, anc, depth) as (
      select id, id, 0 from organisations where id = any(${intArray(ids)})
      union all select up.org, o.parent_id, up.depth + 1 from up join organisations o on o.id = up.anc where o.parent_id is not null and up.depth < 100
    ) select distinct up.org, u.id as user_id from up join users u on u.organisation_id = up.anc
    where u.active and u.role = 'editor' order by 1, 2`,
  );
  for (const x of r) out.set(Number(x.org), [...(out.get(Number(x.org)) ?? []), Number(x.user_id)]);
  return out;
}

type Resolved = Omit<typeof organisations.$inferInsert, 'id'>;

/** `existing`: the organisation being updated (its dates stay when the input leaves them out). */
async function resolveInput(
  db: Db,
  raw: unknown,
  row?: number,
  existing?: {
    id: number;
    validFrom: string | null;
    validTo: string | null;
    active: boolean;
    successorId: number | null;
    successionKind: string | null;
  },
): Promise<Resolved> {
  const input = parseInput(OrganisationInput, raw, row);
  const validFrom = input.validFrom !== undefined ? input.validFrom : (existing?.validFrom ?? null);
  const validTo = input.validTo !== undefined ? input.validTo : (existing?.validTo ?? null);
  if (validFrom && validTo && validFrom > validTo)
    throw new AppError('validation_failed', 'An organisation cannot end before it begins', [
      { ...(row ? { row } : {}), field: 'validTo', message: `must be on or after the first day (${validFrom})` },
    ]);
  const withRow = async <T>(f: () => Promise<T>): Promise<T> => {
    try {
      return await f();
    } catch (e) {
      if (e instanceof AppError && row !== undefined && Array.isArray(e.details))
        throw new AppError(
          e.code,
          e.message,
          e.details.map((d) => ({ row, ...d })),
        );
      throw e;
    }
  };
  // The province on the map of the organisation's dates: a former agency (ended before 2025-07-01) on the 63-unit map.
  const provinceUnitId = input.provinceCode ? await withRow(() => resolveProvinceAt(db, input.provinceCode!, validTo)) : null;
  const countryCode = input.countryCode ? await withRow(() => assertCountry(db, input.countryCode!)) : null;
  if (input.kind === 'mission_abroad' && !countryCode) {
    throw new AppError('validation_failed', 'A mission abroad needs its country', [
      { ...(row ? { row } : {}), field: 'countryCode', message: 'required for a mission abroad' },
    ]);
  }
  if (input.parentId) {
    const [p] = await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.id, input.parentId));
    if (!p)
      throw new AppError('validation_failed', `Parent organisation ${input.parentId} does not exist`, [
        { ...(row ? { row } : {}), field: 'parentId', message: 'no such organisation' },
      ]);
  }
  const successorId = input.successorId !== undefined ? input.successorId : (existing?.successorId ?? null);
  const successionKind =
    input.successionKind !== undefined ? input.successionKind : input.successorId !== undefined ? null : (existing?.successionKind ?? null);
  await withRow(() => assertSuccession(db, existing?.id ?? null, successorId, successionKind, validTo));
  const nameVi = nfc(input.nameVi);
  const nameEn = input.nameEn ? nfc(input.nameEn) : null;
  const shortName = input.shortName ? nfc(input.shortName) : null;
  return {
    code: input.code,
    nameVi,
    nameEn,
    shortName,
    kind: input.kind,
    parentId: input.parentId ?? null,
    provinceUnitId,
    countryCode,
    isStateAdminAgency: input.isStateAdminAgency,
    validFrom,
    validTo,
    successorId,
    successionKind,
    // Dates given: active until its last day has passed (deactivating sets the last day to today and ends it).
    active: input.validTo !== undefined ? validTo === null || validTo > vnToday() : (existing?.active ?? true),
    searchText: fold([input.code, nameVi, nameEn, shortName].filter(Boolean).join(' ')),
  };
}

/** The organisations down the chain of successors from `id` (itself first), a cycle stopping where it closes. */
export async function successorChain(db: Db, id: number): Promise<number[]> {
  const r = await rows<{ id: number }>(
    db,
    sql`
    with recursive down(id, depth, path) as (
      select id, 0, array[id] from organisations where id = ${id}
      union all select o.successor_id, d.depth + 1, d.path || o.successor_id from down d join organisations o on o.id = d.id
      where o.successor_id is not null and not o.successor_id = any(d.path) and d.depth < 64
    ) select id from down order by depth`,
  );
  return r.map((x) => Number(x.id));
}

/** A successor goes with its kind and a last day, is another organisation that exists, and closes no cycle. */
async function assertSuccession(db: Db, id: number | null, successorId: number | null, kind: string | null, validTo: string | null) {
  const fail = (field: string, message: string, en: string) => {
    throw new AppError('validation_failed', en, [{ field, message }]);
  };
  if (successorId === null) {
    if (kind !== null) fail('successionKind', 'only with a successor', 'A kind of succession needs a successor');
    return;
  }
  if (kind === null) fail('successionKind', 'required with a successor', 'A successor needs the kind of succession');
  if (validTo === null) fail('validTo', 'required with a successor', 'An organisation with a successor needs its last day');
  if (successorId === id) fail('successorId', 'must be another organisation', 'An organisation cannot succeed itself');
  const [s] = await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.id, successorId));
  if (!s) fail('successorId', 'no such organisation', `Successor organisation ${successorId} does not exist`);
  if (id !== null && (await successorChain(db, successorId)).includes(id))
    fail('successorId', 'would make the organisation its own successor down the chain', 'Successions cannot go round in a circle');
}

/** The kinds of succession whose predecessors' names find the successor in a search (a renamed or merged ministry). */
const NAMES_PASS = ['renamed', 'merged_into'];

/** Rewrites the search text of `ids`: their own code and names, and the names and codes of every organisation renamed
 *  or merged into them, down chains of successions (a search for an old ministry's name finds the new one). */
async function refreshSearchText(db: Db, ids: number[]): Promise<void> {
  for (const id of new Set(ids)) {
    const names = await rows<{ code: string; name_vi: string; name_en: string | null; short_name: string | null }>(
      db,
      sql`
      with recursive up(id, depth) as (
        select id, 0 from organisations where id = ${id}
        union all select o.id, up.depth + 1 from organisations o join up on o.successor_id = up.id
        where o.succession_kind in (${sql.join(
          NAMES_PASS.map((k) => sql`${k}`),
          sql`, `,
        )}) and up.depth < 64
      ) select o.code, o.name_vi, o.name_en, o.short_name from up join organisations o on o.id = up.id order by up.depth, o.id`,
    );
    const text = fold(names.flatMap((n) => [n.code, n.name_vi, n.name_en, n.short_name].filter(Boolean)).join(' '));
    await db.execute(sql`update organisations set search_text = ${text} where id = ${id} and search_text is distinct from ${text}`);
  }
}

/** After a write to `id` (whose successor was `formerSuccessor`): the search texts it changes, its own and those down
 *  its chains of successors, old and new. */
async function refreshSearchTextsAround(db: Db, id: number, formerSuccessor: number | null): Promise<void> {
  await refreshSearchText(db, [...(await successorChain(db, id)), ...(formerSuccessor ? await successorChain(db, formerSuccessor) : [])]);
}

async function assertCodeFree(db: Db, code: string, exceptId?: number, row?: number) {
  const existing = await findOrganisationByCode(db, code);
  if (existing && existing.id !== exceptId) {
    throw new AppError('conflict', `Code ${code} is already used by another organisation`, [
      { ...(row ? { row } : {}), field: 'code', message: `code ${code} is already used` },
    ]);
  }
}

export async function createOrganisation(
  db: Db,
  actor: Actor,
  raw: unknown,
  opts: { row?: number; isDemo?: boolean } = {},
): Promise<Organisation> {
  return db.transaction(async (tx) => {
    const values = await resolveInput(tx, raw, opts.row);
    await assertCanWriteUnder(tx, actor, values.parentId ?? null, 'the parent organisation');
    if (values.successorId) await assertCanWriteUnder(tx, actor, values.successorId, 'the successor');
    await assertCodeFree(tx, values.code, undefined, opts.row);
    const [created] = await tx
      .insert(organisations)
      .values({ ...values, isDemo: opts.isDemo ?? false })
      .returning({ id: organisations.id });
    await refreshSearchTextsAround(tx, created.id, null);
    const after = await getOrganisation(tx, created.id);
    await recordAudit(tx, actor, 'create', 'organisation', created.id, null, after);
    return after;
  });
}

export async function updateOrganisation(
  db: Db,
  actor: Actor,
  id: number,
  raw: unknown,
  opts: { row?: number } = {},
): Promise<Organisation> {
  return db.transaction(async (tx) => {
    const before = await getOrganisation(tx, id);
    await assertCanWriteUnder(tx, actor, id);
    const values = await resolveInput(tx, raw, opts.row, before);
    if (values.parentId !== before.parentId) await assertCanWriteUnder(tx, actor, values.parentId ?? null, 'the new parent');
    if (values.successorId && values.successorId !== before.successorId)
      await assertCanWriteUnder(tx, actor, values.successorId, 'the successor');
    if (values.parentId !== null && values.parentId !== undefined && (await isWithin(tx, id, values.parentId))) {
      throw new AppError('validation_failed', 'An organisation cannot be placed under itself or one of its own descendants', [
        { ...(opts.row ? { row: opts.row } : {}), field: 'parentId', message: 'would create a cycle in the organisation tree' },
      ]);
    }
    await assertCodeFree(tx, values.code, id, opts.row);
    await tx
      .update(organisations)
      .set({ ...values, updatedAt: new Date() })
      .where(eq(organisations.id, id));
    await refreshSearchTextsAround(tx, id, before.successorId);
    const after = await getOrganisation(tx, id);
    await recordAudit(tx, actor, 'update', 'organisation', id, before, after);
    return after;
  });
}

export async function setOrganisationActive(
  db: Db,
  actor: Actor,
  id: number,
  active: boolean,
  successorId: number | null = null,
  successionKind: SuccessionKind = 'merged_into',
): Promise<Organisation> {
  return db.transaction(async (tx) => {
    const before = await getOrganisation(tx, id);
    await assertCanWriteUnder(tx, actor, id);
    if (successorId !== null) {
      await assertSuccession(tx, id, successorId, successionKind, vnToday());
      // A successor takes over the obligations and the period's records of what it succeeds (T1 compliance): only
      // who may write for it names it — an editor within its own subtree, else the programme office.
      await assertCanWriteUnder(tx, actor, successorId, 'the successor');
    }
    const today = vnToday();
    await tx
      .update(organisations)
      .set(
        active
          ? { active: true, validTo: null, successorId: null, successionKind: null, updatedAt: new Date() }
          : {
              active: false,
              validTo: today,
              successorId,
              successionKind: successorId === null ? null : successionKind,
              updatedAt: new Date(),
            },
      )
      .where(eq(organisations.id, id));
    await refreshSearchTextsAround(tx, id, before.successorId);
    const after = await getOrganisation(tx, id);
    await recordAudit(tx, actor, active ? 'reactivate' : 'deactivate', 'organisation', id, before, after);
    return after;
  });
}
