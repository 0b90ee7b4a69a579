// Exhibitions (target T3): photo and archival-document exhibitions, physical and/or online. A physical exhibition in
// Viet Nam lies in a province of the map valid on its start date (the 63-unit map before 1 July 2025, the 34-unit map
// from then) and records the pre-2025 unit its venue lies in, because T3 was set on the 63-unit map: the crosswalk
// pre-fills it when the province has one former unit and asks for it when the province was formed from several.
// Abroad: a country and a city. The items are published library products (read only through the library service),
// each with a caption per language; an online exhibition is published on the portal with a narrative per language.
//
// Editors write exhibitions whose lead organiser is in their organisation's subtree, admins anywhere, other roles
// read only. A co-organiser outside the writer's subtree is only requested: it waits (pending) until an editor of
// that organisation's subtree or the programme office confirms or declines it (decideCoOrganiser), and counts for it
// (T3 by organiser, coverage) and shows on the portal only once confirmed. Every write validates the whole input (each problem named by its field), writes and audits in one
// transaction: nothing is half-written.
import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import * as C from '../../../shared/contracts/exhibitions.js';
import { recordAudit, type Actor } from '../../kernel/audit.js';
import { type Db, intArray, lockRow, rows } from '../../kernel/db.js';
import { AppError, forbidden, notFound } from '../../kernel/errors.js';
import { containsPattern, fold, foldedWords, nfc } from '../../kernel/text.js';
import { sitemapSource } from '../../kernel/sitemap.js';
import { parseInput } from '../../kernel/validate.js';
import { assertDatesWritable, type DatedField } from '../../kernel/dateLock.js';
import { adminUnitCrosswalk, adminUnits, countries, organisations, users } from '../directory/directory.tables.js';
import { assertCanWriteUnder, isWithin, subtreeIds } from '../directory/organisations.service.js';
import { listLanguages, productSummaries, type ProductSummary } from '../library/library.service.js';
import {
  exhibitionAudiences,
  exhibitionCaptionLanguages,
  exhibitionItems,
  exhibitionOrganisers,
  exhibitionPhotos,
  exhibitions,
  exhibitionTexts,
} from './exhibitions.tables.js';

export const AUDIT_ENTITY = 'exhibition';
type Detail = { row?: number; field: string; message: string };

// ---------------------------------------------------------------- reference lookups (loaded once per call or import)

type Unit = { id: number; map: '63' | '34'; code: string; nameVi: string; nameEn: string };
export type Reference = {
  units: Record<'63' | '34', Map<string, Unit>>;
  unitById: Map<number, Unit>;
  /** 34-unit code → its former (63-unit) units; 63-unit code → its 34-unit unit. */
  formerOf: Map<string, Unit[]>;
  newOf: Map<string, Unit>;
  countries: Map<string, { nameVi: string; nameEn: string }>;
  languages: Map<string, string>; // code → group
};

export async function loadReference(db: Db): Promise<Reference> {
  const [all, cw, cs, langs] = await Promise.all([
    db.select().from(adminUnits),
    db.select().from(adminUnitCrosswalk),
    db.select().from(countries),
    listLanguages(db),
  ]);
  const ref: Reference = {
    units: { '63': new Map(), '34': new Map() },
    unitById: new Map(),
    formerOf: new Map(),
    newOf: new Map(),
    countries: new Map(),
    languages: new Map(),
  };
  for (const u of all) {
    const unit: Unit = { id: u.id, map: u.mapVersion as '63' | '34', code: u.code, nameVi: u.nameVi, nameEn: u.nameEn };
    ref.units[unit.map].set(u.code, unit);
    ref.unitById.set(u.id, unit);
  }
  for (const c of cw) {
    const o = ref.unitById.get(c.oldUnitId)!,
      n = ref.unitById.get(c.newUnitId)!;
    ref.formerOf.set(
      n.code,
      [...(ref.formerOf.get(n.code) ?? []), o].sort((a, b) => a.code.localeCompare(b.code)),
    );
    ref.newOf.set(o.code, n);
  }
  for (const c of cs) ref.countries.set(c.alpha2, { nameVi: c.nameVi, nameEn: c.nameEn });
  for (const l of langs) ref.languages.set(l.code, l.group);
  return ref;
}

/** The pre-2025 units a venue in this province may lie in, and the one to pre-fill when there is only one. */
export function formerUnits(ref: Reference, map: '63' | '34', code: string): C.FormerUnits {
  const c = code.padStart(2, '0');
  const unit = ref.units[map].get(c);
  if (!unit)
    throw new AppError('validation_failed', `No province ${c} on the ${map}-unit map`, [
      { field: 'province', message: `unknown province code ${c} on the ${map}-unit map` },
    ]);
  const candidates = map === '63' ? [unit] : (ref.formerOf.get(c) ?? []);
  const pick = (u: Unit) => ({ code: u.code, nameVi: u.nameVi, nameEn: u.nameEn });
  return { map, province: pick(unit), candidates: candidates.map(pick), prefilled: candidates.length === 1 ? candidates[0]!.code : null };
}

// ---------------------------------------------------------------- validation

export type ResolvedVenue = {
  location: 'vietnam' | 'abroad' | null;
  venueName: string | null;
  unitId: number | null;
  formerUnitId: number | null;
  countryCode: string | null;
  city: string | null;
  lat: number | null;
  lon: number | null;
};
export type ResolvedExhibition = { venue: ResolvedVenue; hasForeign: boolean; products: Map<number, ProductSummary> };

const isRealDate = (d: string) => {
  const t = new Date(`${d}T00:00:00Z`);
  return !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === d;
};
const mapName = (m: '63' | '34') => (m === '63' ? '63-unit map (until 2025-06-30)' : '34-unit map (from 2025-07-01)');

/** The venue's columns, or its problems (each named by its field under `venue`). */
export function resolveVenue(ref: Reference, input: z_Input, details: Detail[]): ResolvedVenue {
  const none: ResolvedVenue = {
    location: null,
    venueName: null,
    unitId: null,
    formerUnitId: null,
    countryCode: null,
    city: null,
    lat: null,
    lon: null,
  };
  const v = input.venue ?? null;
  const physical = C.isPhysical(input.format);
  if (!physical) {
    if (v) details.push({ field: 'venue', message: 'an online-only exhibition has no venue (choose the format "physical" or "both")' });
    return none;
  }
  if (!v) {
    details.push({
      field: 'venue',
      message: 'a physical exhibition needs its venue (a province in Viet Nam, or a country and city abroad)',
    });
    return none;
  }
  const base = { ...none, location: v.location, venueName: nfc(v.name), lat: v.lat ?? null, lon: v.lon ?? null };
  if ((v.lat == null) !== (v.lon == null)) details.push({ field: 'venue.lat', message: 'give both latitude and longitude, or neither' });
  if (v.location === 'abroad') {
    const c = ref.countries.get(v.countryCode);
    if (!c) details.push({ field: 'venue.countryCode', message: `unknown ISO 3166-1 alpha-2 country code ${v.countryCode}` });
    else if (v.countryCode === 'VN')
      details.push({ field: 'venue.countryCode', message: 'a venue in Viet Nam is located by its province (location "vietnam")' });
    return { ...base, countryCode: v.countryCode, city: nfc(v.city) };
  }
  if (!isRealDate(input.startDate)) return base; // the date's own error is reported
  const map = C.mapOn(input.startDate);
  const other = map === '63' ? '34' : '63';
  if (v.map && v.map !== map) {
    details.push({
      field: 'venue.map',
      message: `an exhibition starting on ${input.startDate} lies on the ${mapName(map)}, not the ${v.map}-unit map`,
    });
    return base;
  }
  const unit = ref.units[map].get(v.provinceCode);
  if (!unit) {
    const elsewhere = ref.units[other].get(v.provinceCode);
    if (elsewhere) {
      const hint =
        map === '34'
          ? `; since 2025-07-01 it is part of ${ref.newOf.get(v.provinceCode)?.code} (${ref.newOf.get(v.provinceCode)?.nameVi})`
          : '';
      details.push({
        field: 'venue.provinceCode',
        message: `province ${v.provinceCode} (${elsewhere.nameVi}) is on the ${mapName(other)}; an exhibition starting on ${input.startDate} is placed on the ${mapName(map)}${hint}`,
      });
    } else details.push({ field: 'venue.provinceCode', message: `unknown province code ${v.provinceCode} on the ${mapName(map)}` });
    return base;
  }
  const former = formerUnits(ref, map, unit.code);
  let formerCode = v.formerProvinceCode ?? null;
  if (!formerCode) {
    if (former.prefilled) formerCode = former.prefilled;
    else {
      details.push({
        field: 'venue.formerProvinceCode',
        message: `${unit.nameVi} was formed from ${former.candidates.map((c) => `${c.code} ${c.nameVi}`).join(', ')}: say which pre-2025 unit the venue lies in`,
      });
      return { ...base, unitId: unit.id };
    }
  } else if (!former.candidates.some((c) => c.code === formerCode)) {
    details.push({
      field: 'venue.formerProvinceCode',
      message: `${formerCode} is not a pre-2025 unit of ${unit.nameVi}; choose one of ${former.candidates.map((c) => `${c.code} ${c.nameVi}`).join(', ')}`,
    });
    return { ...base, unitId: unit.id };
  }
  return { ...base, unitId: unit.id, formerUnitId: ref.units['63'].get(formerCode)!.id };
}

/** Every rule of an exhibition beyond the contract; collects every problem, then throws once (with `row` if given). */
export async function validateExhibition(
  db: Db,
  ref: Reference,
  i: z_Input,
  row?: number,
  products?: Map<number, ProductSummary>,
): Promise<ResolvedExhibition> {
  const details: Detail[] = [];
  if (!isRealDate(i.startDate)) details.push({ field: 'startDate', message: `${i.startDate} is not a calendar date` });
  if (!isRealDate(i.endDate)) details.push({ field: 'endDate', message: `${i.endDate} is not a calendar date` });
  else if (isRealDate(i.startDate) && i.endDate < i.startDate)
    details.push({ field: 'endDate', message: `the end (${i.endDate}) is before the start (${i.startDate})` });
  const seen = new Map<string, number>();
  i.texts.forEach((t, k) => {
    if (!ref.languages.has(t.language))
      details.push({ field: `texts.${k}.language`, message: `unknown language code ${t.language} (ISO 639-3, from the language list)` });
    else if (seen.has(t.language))
      details.push({ field: `texts.${k}.language`, message: `a second text in ${t.language}; one text per language` });
    seen.set(t.language, k);
  });
  (i.captionLanguages ?? []).forEach((l, k) => {
    if (!ref.languages.has(l)) details.push({ field: `captionLanguages.${k}`, message: `unknown language code ${l}` });
  });
  if (!C.isPhysical(i.format) && i.visitors != null)
    details.push({ field: 'visitors', message: 'visitors are counted for physical exhibitions; an online one has views' });
  if (i.format === 'physical' && i.views != null)
    details.push({ field: 'views', message: 'views are counted for online exhibitions; a physical one has visitors' });
  // Organisers
  const orgIds = [...new Set(i.organiserIds)];
  if (orgIds.length !== i.organiserIds.length) details.push({ field: 'organiserIds', message: 'an organiser is listed twice' });
  const found = new Set(
    (await db.select({ id: organisations.id }).from(organisations).where(inArray(organisations.id, orgIds))).map((o) => o.id),
  );
  i.organiserIds.forEach((id, k) => {
    if (!found.has(id)) details.push({ field: `organiserIds.${k}`, message: `no organisation ${id}` });
  });
  // Venue
  const venue = resolveVenue(ref, i, details);
  // Items: published library products, captions in known languages
  const items = i.items ?? [];
  const summaries =
    products ??
    (await productSummaries(
      db,
      items.map((x) => x.productId),
    ));
  const seenItems = new Set<number>();
  items.forEach((it, k) => {
    const p = summaries.get(it.productId);
    if (!p) details.push({ field: `items.${k}.productId`, message: `no library product ${it.productId}` });
    else if (p.status !== 'published')
      details.push({
        field: `items.${k}.productId`,
        message: `library product ${it.productId} «${p.title}» is ${p.status}, not published`,
      });
    if (seenItems.has(it.productId)) details.push({ field: `items.${k}.productId`, message: `product ${it.productId} is shown twice` });
    seenItems.add(it.productId);
    const langs = new Set<string>();
    (it.captions ?? []).forEach((c, j) => {
      if (!ref.languages.has(c.language))
        details.push({ field: `items.${k}.captions.${j}.language`, message: `unknown language code ${c.language}` });
      else if (langs.has(c.language))
        details.push({ field: `items.${k}.captions.${j}.language`, message: `a second caption in ${c.language}` });
      langs.add(c.language);
    });
  });
  if (details.length) {
    const withRow = details.map((d) => (row !== undefined ? { row, ...d } : d));
    throw new AppError('validation_failed', withRow.map((d) => `${d.field}: ${d.message}`).join('; '), withRow);
  }
  const langs = [
    ...i.texts.map((t) => t.language),
    ...(i.captionLanguages ?? []),
    ...items.flatMap((x) => (x.captions ?? []).map((c) => c.language)),
  ];
  return { venue, hasForeign: langs.some((l) => ref.languages.get(l) === 'foreign'), products: summaries };
}
type z_Input = ReturnType<typeof C.ExhibitionInput.parse>;

// ---------------------------------------------------------------- writes

function assertMayWrite(actor: Actor) {
  if (!['admin', 'editor', 'system'].includes(actor.role)) throw forbidden(`Your role (${actor.role}) is read-only`);
}

/** The exhibition row's columns of a validated input (the Excel import writes the same). */
export function exhibitionColumns(input: z_Input, v: ResolvedExhibition) {
  return {
    kind: input.kind,
    format: input.format,
    organisationId: input.organiserIds[0]!,
    startDate: input.startDate,
    endDate: input.endDate,
    visitors: input.visitors ?? null,
    views: input.views ?? null,
    ...v.venue,
    hasForeign: v.hasForeign,
    searchText: fold([...input.texts.map((t) => t.title), v.venue.venueName ?? '', v.venue.city ?? ''].join(' ')),
  };
}

/** Whether the actor confirms or declines for this organisation: the programme office (admin) and the system
 *  anywhere, an editor inside its own organisation's subtree (who may also write for it). */
async function mayDecideFor(db: Db, actor: Actor, organisationId: number): Promise<boolean> {
  if (actor.role === 'admin' || actor.role === 'system') return true;
  return actor.role === 'editor' && actor.organisationId !== null && isWithin(db, actor.organisationId, organisationId);
}

/** The organiser rows of an input: an organiser already there keeps its confirmation; the lead (the writer may write
 *  for it: checked by the caller) and a new co-organiser the writer may decide for are confirmed by the writer; any
 *  other new co-organiser is pending, requested by the writer. */
async function organiserRows(db: Db, actor: Actor, id: number, organiserIds: number[], now = new Date()) {
  const prior = new Map(
    (await db.select().from(exhibitionOrganisers).where(eq(exhibitionOrganisers.exhibitionId, id))).map((o) => [o.organisationId, o]),
  );
  const confirmed = { confirmation: 'confirmed', decidedBy: actor.userId, decidedAt: now };
  return Promise.all(
    organiserIds.map(async (organisationId, position) => {
      const was = prior.get(organisationId);
      const row = { exhibitionId: id, position, organisationId };
      if (was && (position > 0 || was.confirmation === 'confirmed')) {
        return {
          ...row,
          confirmation: was.confirmation,
          requestedBy: was.requestedBy,
          requestedAt: was.requestedAt,
          decidedBy: was.decidedBy,
          decidedAt: was.decidedAt,
        };
      }
      const requested = { requestedBy: was?.requestedBy ?? actor.userId, requestedAt: was?.requestedAt ?? now };
      if (position === 0 || (await mayDecideFor(db, actor, organisationId))) return { ...row, ...requested, ...confirmed };
      return { ...row, ...requested, confirmation: 'pending', decidedBy: null, decidedAt: null };
    }),
  );
}

/** Replaces the exhibition's texts, organisers (keeping each one's confirmation: organiserRows), audiences, caption
 *  languages and items. */
export async function writeExhibitionChildren(db: Db, actor: Actor, id: number, input: z_Input) {
  const organisers = await organiserRows(db, actor, id, input.organiserIds);
  await db.delete(exhibitionTexts).where(eq(exhibitionTexts.exhibitionId, id));
  await db.delete(exhibitionOrganisers).where(eq(exhibitionOrganisers.exhibitionId, id));
  await db.delete(exhibitionAudiences).where(eq(exhibitionAudiences.exhibitionId, id));
  await db.delete(exhibitionCaptionLanguages).where(eq(exhibitionCaptionLanguages.exhibitionId, id));
  await db.delete(exhibitionItems).where(eq(exhibitionItems.exhibitionId, id));
  const opt = (s: string | null | undefined) => (s ? nfc(s) : null);
  await db.insert(exhibitionTexts).values(
    input.texts.map((t, position) => ({
      exhibitionId: id,
      position,
      language: t.language,
      title: nfc(t.title),
      description: opt(t.description),
      narrative: opt(t.narrative),
    })),
  );
  await db.insert(exhibitionOrganisers).values(organisers);
  const auds = [...new Set(input.audiences)];
  if (auds.length) await db.insert(exhibitionAudiences).values(auds.map((audience) => ({ exhibitionId: id, audience })));
  const langs = [...new Set(input.captionLanguages)];
  if (langs.length) await db.insert(exhibitionCaptionLanguages).values(langs.map((language) => ({ exhibitionId: id, language })));
  if (input.items.length) {
    await db.insert(exhibitionItems).values(
      input.items.map((it, position) => ({
        exhibitionId: id,
        position,
        productId: it.productId,
        captions: it.captions.map((c) => ({ language: c.language, text: nfc(c.text) })),
      })),
    );
  }
}

/** An exhibition's days, as the date lock reads them. */
export const exhibitionDays = (x: { startDate: string; endDate: string }): DatedField[] => [
  { field: 'startDate', day: x.startDate },
  { field: 'endDate', day: x.endDate },
];

export async function createExhibition(db: Db, actor: Actor, raw: unknown, opts: { isDemo?: boolean } = {}): Promise<C.Exhibition> {
  assertMayWrite(actor);
  const input = parseInput(C.ExhibitionInput, raw);
  return db.transaction(async (tx) => {
    const v = await validateExhibition(tx, await loadReference(tx), input);
    await assertCanWriteUnder(tx, actor, input.organiserIds[0]!, 'the lead organiser');
    await assertDatesWritable(tx, actor, exhibitionDays(input));
    const [r] = await tx
      .insert(exhibitions)
      .values({ ...exhibitionColumns(input, v), createdBy: actor.userId, isDemo: opts.isDemo ?? false })
      .returning({ id: exhibitions.id });
    await writeExhibitionChildren(tx, actor, r!.id, input);
    const after = await getExhibition(tx, r!.id);
    await recordAudit(tx, actor, 'create', AUDIT_ENTITY, r!.id, null, after);
    return after;
  });
}

const lockExhibition = (db: Db, id: number): Promise<C.Exhibition> => lockRow(db, 'exhibitions', id, 'Exhibition', getExhibition);

export async function updateExhibition(db: Db, actor: Actor, id: number, raw: unknown): Promise<C.Exhibition> {
  assertMayWrite(actor);
  return db.transaction(async (tx) => {
    const before = await lockExhibition(tx, id);
    await assertCanWriteUnder(tx, actor, before.organisers[0]!.id, 'the lead organiser');
    const input = parseInput(C.ExhibitionInput, raw);
    const v = await validateExhibition(tx, await loadReference(tx), input);
    if (input.organiserIds[0] !== before.organisers[0]!.id)
      await assertCanWriteUnder(tx, actor, input.organiserIds[0]!, 'the new lead organiser');
    if (before.onlinePublishedAt && (input.format === 'physical' || !input.items.length)) {
      throw new AppError('conflict', 'The online version is published: unpublish it before removing its items or its online format', [
        { field: 'format', message: 'the online version is published' },
      ]);
    }
    await assertDatesWritable(tx, actor, [...exhibitionDays(before), ...exhibitionDays(input)]);
    await tx
      .update(exhibitions)
      .set({ ...exhibitionColumns(input, v), updatedAt: new Date() })
      .where(eq(exhibitions.id, id));
    await writeExhibitionChildren(tx, actor, id, input);
    const after = await getExhibition(tx, id);
    await recordAudit(tx, actor, 'update', AUDIT_ENTITY, id, before, after);
    return after;
  });
}

/** Publishes (or takes down) the online version on the portal; it needs an online format, items and a title. */
export async function setOnlinePublished(db: Db, actor: Actor, id: number, published: boolean, now = new Date()): Promise<C.Exhibition> {
  assertMayWrite(actor);
  return db.transaction(async (tx) => {
    const before = await lockExhibition(tx, id);
    await assertCanWriteUnder(tx, actor, before.organisers[0]!.id, 'the lead organiser');
    if (published) {
      const details: Detail[] = [];
      if (before.format === 'physical')
        details.push({ field: 'format', message: 'only an online (or physical and online) exhibition has an online version' });
      if (!before.items.length) details.push({ field: 'items', message: 'an online exhibition shows at least one item' });
      if (details.length) throw new AppError('validation_failed', details.map((d) => d.message).join('; '), details);
      // Items must still be published library products.
      const summaries = await productSummaries(
        tx,
        before.items.map((it) => it.productId),
      );
      const gone = before.items.filter((it) => summaries.get(it.productId)?.status !== 'published');
      if (gone.length) {
        throw new AppError(
          'validation_failed',
          'Some items are no longer published in the library',
          gone.map((it) => ({
            field: `items.${it.position}.productId`,
            message: `library product ${it.productId} is no longer published`,
          })),
        );
      }
    }
    await tx
      .update(exhibitions)
      .set({
        onlinePublishedAt: published ? (before.onlinePublishedAt ? new Date(before.onlinePublishedAt) : now) : null,
        updatedAt: new Date(),
      })
      .where(eq(exhibitions.id, id));
    const after = await getExhibition(tx, id);
    await recordAudit(tx, actor, published ? 'publish-online' : 'unpublish-online', AUDIT_ENTITY, id, before, after);
    return after;
  });
}

/** Lists the exhibition on the portal (its title, dates, place and organisers; its venue a point on the public
 *  coverage map) or takes it off. An exhibition whose online version is published stays public until that is
 *  unpublished. */
export async function setExhibitionPublic(db: Db, actor: Actor, id: number, listed: boolean, now = new Date()): Promise<C.Exhibition> {
  assertMayWrite(actor);
  return db.transaction(async (tx) => {
    const before = await lockExhibition(tx, id);
    await assertCanWriteUnder(tx, actor, before.organisers[0]!.id, 'the lead organiser');
    if (!listed && before.onlinePublishedAt) {
      throw new AppError('conflict', 'The online version is published on the portal: unpublish it first', [
        { field: 'onlinePublishedAt', message: 'the online version is published' },
      ]);
    }
    await tx
      .update(exhibitions)
      .set({ publicAt: listed ? (before.publicAt ? new Date(before.publicAt) : now) : null, updatedAt: new Date() })
      .where(eq(exhibitions.id, id));
    const after = await getExhibition(tx, id);
    await recordAudit(tx, actor, listed ? 'make-public' : 'make-internal', AUDIT_ENTITY, id, before, after);
    return after;
  });
}

/** A co-organiser's own organisation (an editor of its subtree) or the programme office confirms it (it then counts
 *  for it and shows on the portal) or declines it (it stays listed as declined, counting nowhere, until the lead's
 *  editors remove it). Either may be changed later; the lead organiser is neither. */
export async function decideCoOrganiser(
  db: Db,
  actor: Actor,
  id: number,
  organisationId: number,
  decision: 'confirmed' | 'declined',
  now = new Date(),
): Promise<C.Exhibition> {
  assertMayWrite(actor);
  return db.transaction(async (tx) => {
    const before = await lockExhibition(tx, id);
    const position = before.organisers.findIndex((o) => o.id === organisationId);
    if (position < 0)
      throw new AppError('not_found', `Organisation ${organisationId} is not an organiser of exhibition ${id}`, [
        { field: 'organisationId', message: 'not an organiser of this exhibition' },
      ]);
    if (!(await mayDecideFor(tx, actor, organisationId))) {
      throw new AppError(
        'forbidden',
        "Only an editor of the co-organiser's own organisation, or the programme office, confirms or declines it",
        [{ field: 'organisationId', message: 'outside your organisation' }],
      );
    }
    if (position === 0)
      throw new AppError('conflict', 'The lead organiser is not confirmed or declined: whoever writes the exhibition writes for it', [
        { field: 'organisationId', message: 'the lead organiser' },
      ]);
    await assertDatesWritable(tx, actor, exhibitionDays(before));
    await tx
      .update(exhibitionOrganisers)
      .set({ confirmation: decision, decidedBy: actor.userId, decidedAt: now })
      .where(and(eq(exhibitionOrganisers.exhibitionId, id), eq(exhibitionOrganisers.organisationId, organisationId)));
    const after = await getExhibition(tx, id);
    await recordAudit(tx, actor, decision === 'confirmed' ? 'confirm-organiser' : 'decline-organiser', AUDIT_ENTITY, id, before, after);
    return after;
  });
}

/** The co-organiser requests waiting for the actor: pending organisers in its organisation's subtree (an editor),
 *  every one (the programme office); none for the read-only roles. Oldest first. */
export async function listCoOrganiserRequests(
  db: Db,
  actor: Actor,
  query: { limit?: number; offset?: number } = {},
): Promise<C.CoOrganiserRequestList> {
  const limit = Math.min(Math.max(query.limit ?? 50, 1), 200),
    offset = Math.max(query.offset ?? 0, 0);
  let scope: SQL;
  if (actor.role === 'admin' || actor.role === 'system') scope = sql`true`;
  else if (actor.role === 'editor' && actor.organisationId !== null)
    scope = sql`eo.organisation_id = any(${intArray(await subtreeIds(db, actor.organisationId))})`;
  else return { items: [], total: 0 };
  const where = sql`eo.confirmation = 'pending' and ${scope}`;
  const [page, count] = await Promise.all([
    rows<{
      exhibition_id: number;
      title: string | null;
      start_date: string;
      end_date: string;
      lead_id: number;
      lead_name: string;
      lead_name_en: string | null;
      org_id: number;
      org_name: string;
      org_name_en: string | null;
      requested_by: string | null;
      requested_at: Date | string;
    }>(
      db,
      sql`
      select eo.exhibition_id, t.title, e.start_date::text, e.end_date::text, lo.id as lead_id, lo.name_vi as lead_name, lo.name_en as lead_name_en,
        o.id as org_id, o.name_vi as org_name, o.name_en as org_name_en, u.display_name as requested_by, eo.requested_at
      from exhibition_organisers eo join exhibitions e on e.id = eo.exhibition_id
      join organisations o on o.id = eo.organisation_id join organisations lo on lo.id = e.organisation_id
      left join exhibition_texts t on t.exhibition_id = e.id and t.position = 0
      left join users u on u.id = eo.requested_by
      where ${where} order by eo.requested_at, eo.exhibition_id, eo.position limit ${limit} offset ${offset}`,
    ),
    rows<{ n: number }>(db, sql`select count(*)::int as n from exhibition_organisers eo where ${where}`),
  ]);
  return {
    total: Number(count[0]?.n ?? 0),
    items: page.map((r) => ({
      exhibitionId: Number(r.exhibition_id),
      title: r.title ?? `#${r.exhibition_id}`,
      startDate: r.start_date,
      endDate: r.end_date,
      lead: { id: Number(r.lead_id), name: r.lead_name, nameEn: r.lead_name_en },
      organisation: { id: Number(r.org_id), name: r.org_name, nameEn: r.org_name_en },
      requestedByName: r.requested_by,
      requestedAt: new Date(r.requested_at).toISOString(),
    })),
  };
}

// ---------------------------------------------------------------- reads

export async function loadExhibitions(db: Db, ids: number[]): Promise<C.Exhibition[]> {
  const wanted = [...new Set(ids)];
  if (!wanted.length) return [];
  const [base, texts, orgs, auds, langs, items, photos, ref] = await Promise.all([
    db.select().from(exhibitions).where(inArray(exhibitions.id, wanted)),
    db
      .select()
      .from(exhibitionTexts)
      .where(inArray(exhibitionTexts.exhibitionId, wanted))
      .orderBy(asc(exhibitionTexts.exhibitionId), asc(exhibitionTexts.position)),
    db
      .select({
        e: exhibitionOrganisers.exhibitionId,
        id: organisations.id,
        name: organisations.nameVi,
        nameEn: organisations.nameEn,
        confirmation: exhibitionOrganisers.confirmation,
        decidedByName: users.displayName,
        decidedAt: exhibitionOrganisers.decidedAt,
      })
      .from(exhibitionOrganisers)
      .innerJoin(organisations, eq(organisations.id, exhibitionOrganisers.organisationId))
      .leftJoin(users, eq(users.id, exhibitionOrganisers.decidedBy))
      .where(inArray(exhibitionOrganisers.exhibitionId, wanted))
      .orderBy(asc(exhibitionOrganisers.position)),
    db
      .select()
      .from(exhibitionAudiences)
      .where(inArray(exhibitionAudiences.exhibitionId, wanted))
      .orderBy(asc(exhibitionAudiences.audience)),
    db
      .select()
      .from(exhibitionCaptionLanguages)
      .where(inArray(exhibitionCaptionLanguages.exhibitionId, wanted))
      .orderBy(asc(exhibitionCaptionLanguages.language)),
    db
      .select()
      .from(exhibitionItems)
      .where(inArray(exhibitionItems.exhibitionId, wanted))
      .orderBy(asc(exhibitionItems.exhibitionId), asc(exhibitionItems.position)),
    db.select().from(exhibitionPhotos).where(inArray(exhibitionPhotos.exhibitionId, wanted)).orderBy(asc(exhibitionPhotos.id)),
    loadUnitsAndCountries(db),
  ]);
  const products = await productSummaries(
    db,
    items.map((it) => it.productId),
  );
  const byId = new Map(
    base.map((e): [number, C.Exhibition] => {
      const unit = e.unitId ? ref.units.get(e.unitId) : undefined;
      const former = e.formerUnitId ? ref.units.get(e.formerUnitId) : undefined;
      return [
        e.id,
        {
          id: e.id,
          kind: e.kind as C.ExhibitionKind,
          format: e.format as C.ExhibitionFormat,
          texts: texts
            .filter((t) => t.exhibitionId === e.id)
            .map((t) => ({ language: t.language, title: t.title, description: t.description, narrative: t.narrative })),
          organisers: orgs
            .filter((o) => o.e === e.id)
            .map((o) => ({
              id: o.id,
              name: o.name,
              nameEn: o.nameEn,
              confirmation: o.confirmation as C.OrganiserConfirmation,
              decidedByName: o.decidedByName ?? null,
              decidedAt: o.decidedAt ? new Date(o.decidedAt).toISOString() : null,
            })),
          startDate: e.startDate,
          endDate: e.endDate,
          audiences: auds.filter((a) => a.exhibitionId === e.id).map((a) => a.audience),
          captionLanguages: langs.filter((l) => l.exhibitionId === e.id).map((l) => l.language),
          hasForeignVersion: e.hasForeign,
          visitors: e.visitors,
          views: e.views,
          venue: e.location
            ? {
                location: e.location as 'vietnam' | 'abroad',
                name: e.venueName ?? '',
                map: (unit?.map ?? null) as '63' | '34' | null,
                provinceCode: unit?.code ?? null,
                provinceName: unit?.nameVi ?? null,
                provinceNameEn: unit?.nameEn ?? null,
                formerProvinceCode: former?.code ?? null,
                formerProvinceName: former?.nameVi ?? null,
                formerProvinceNameEn: former?.nameEn ?? null,
                countryCode: e.countryCode,
                countryName: e.countryCode ? (ref.countries.get(e.countryCode)?.vi ?? e.countryCode) : null,
                countryNameEn: e.countryCode ? (ref.countries.get(e.countryCode)?.en ?? e.countryCode) : null,
                city: e.city,
                lat: e.lat,
                lon: e.lon,
              }
            : null,
          items: items
            .filter((it) => it.exhibitionId === e.id)
            .map((it) => {
              const p = products.get(it.productId);
              return {
                position: it.position,
                productId: it.productId,
                title: p?.title ?? `#${it.productId}`,
                productKind: p?.kind ?? 'other',
                captions: it.captions,
                image: p?.image ? { fileId: p.image.fileId, hasThumbnail: p.image.hasThumbnail, mediaType: p.image.mediaType } : null,
                credit: [p?.organisationName, p?.rights].filter(Boolean).join(' · '),
              };
            }),
          photos: photos
            .filter((p) => p.exhibitionId === e.id)
            .map((p) => ({
              id: p.id,
              filename: p.filename,
              mediaType: p.mediaType,
              size: p.size,
              caption: p.caption,
              hasThumbnail: p.thumbnailSha256 !== null,
            })),
          onlinePublishedAt: e.onlinePublishedAt ? new Date(e.onlinePublishedAt).toISOString() : null,
          publicAt: e.publicAt ? new Date(e.publicAt).toISOString() : null,
          isPublic: e.publicAt !== null || e.onlinePublishedAt !== null,
          isDemo: e.isDemo,
          updatedAt: new Date(e.updatedAt).toISOString(),
        },
      ];
    }),
  );
  return wanted.filter((id) => byId.has(id)).map((id) => byId.get(id)!);
}

async function loadUnitsAndCountries(db: Db) {
  const [u, c] = await Promise.all([
    db.select().from(adminUnits),
    db.select({ a: countries.alpha2, vi: countries.nameVi, en: countries.nameEn }).from(countries),
  ]);
  return {
    units: new Map(u.map((x) => [x.id, { map: x.mapVersion, code: x.code, nameVi: x.nameVi, nameEn: x.nameEn }])),
    countries: new Map(c.map((x) => [x.a, { vi: x.vi, en: x.en }])),
  };
}

export async function getExhibition(db: Db, id: number): Promise<C.Exhibition> {
  const [e] = await loadExhibitions(db, [id]);
  if (!e) throw notFound(`Exhibition ${id}`);
  return e;
}

/** The exhibition as the public sees it: only its confirmed organisers (a co-organiser waiting for its organisation's
 *  confirmation, or declined, is not named). The portal, the IIIF manifest and the catalogue print this. */
export const publicView = (e: C.Exhibition): C.Exhibition => ({
  ...e,
  organisers: e.organisers.filter((o) => o.confirmation === 'confirmed'),
});

/** An online exhibition published on the portal (publicView); anything else is not found. */
export async function getPublicExhibition(db: Db, id: number): Promise<C.Exhibition> {
  const e = await loadExhibitions(db, [id]).then((r) => r[0]);
  if (!e || !e.onlinePublishedAt) throw notFound(`Exhibition ${id}`);
  return publicView(e);
}

/** The online exhibitions published on the portal, newest first. */
export async function listPublishedOnline(db: Db): Promise<C.Exhibition[]> {
  const r = await db
    .select({ id: exhibitions.id })
    .from(exhibitions)
    .where(sql`${exhibitions.onlinePublishedAt} is not null`)
    .orderBy(desc(exhibitions.startDate), desc(exhibitions.id))
    .limit(500);
  return (
    await loadExhibitions(
      db,
      r.map((x) => x.id),
    )
  ).map(publicView);
}

/** Exhibitions whose online version is published (their portal pages), for the sitemap (read block by block). */
export const exhibitionsSitemap = sitemapSource(
  exhibitions,
  { id: exhibitions.id, updatedAt: exhibitions.updatedAt },
  () => sql`${exhibitions.onlinePublishedAt} is not null`,
);

export async function listExhibitions(db: Db, query: C.ExhibitionListQuery): Promise<C.ExhibitionList> {
  const q = parseInput(C.ExhibitionListQuery, query ?? {});
  const where: SQL[] = [];
  if (q.format) where.push(sql`e.format = ${q.format}`);
  if (q.location === 'online') where.push(sql`e.location is null`);
  else if (q.location) where.push(sql`e.location = ${q.location}`);
  if (q.organisationId)
    where.push(
      sql`exists (select 1 from exhibition_organisers eo where eo.exhibition_id = e.id and eo.organisation_id = ${q.organisationId} and eo.confirmation = 'confirmed')`,
    );
  if (q.year) where.push(sql`e.start_date <= ${`${q.year}-12-31`}::date and e.end_date >= ${`${q.year}-01-01`}::date`);
  if (q.province && q.map) {
    const code = q.province.padStart(2, '0');
    where.push(
      q.map === '63'
        ? sql`e.former_unit_id = (select id from admin_units where map_version = '63' and code = ${code})`
        : sql`(e.unit_id = (select id from admin_units where map_version = '34' and code = ${code}) or e.former_unit_id in (select c.old_unit_id from admin_unit_crosswalk c join admin_units n on n.id = c.new_unit_id where n.map_version = '34' and n.code = ${code}))`,
    );
  }
  for (const word of foldedWords(q.q)) where.push(sql`e.search_text ilike ${containsPattern(word)}`);
  const cond = where.length
    ? sql.join(
        where.map((w) => sql`(${w})`),
        sql` and `,
      )
    : sql`true`;
  const [page, count] = await Promise.all([
    rows<{
      id: number;
      title: string;
      title_en: string | null;
      format: string;
      kind: string;
      start_date: string;
      end_date: string;
      location: string | null;
      venue_name: string | null;
      unit: string | null;
      former: string | null;
      unit_en: string | null;
      former_en: string | null;
      city: string | null;
      country: string | null;
      country_en: string | null;
      organiser: string;
      organiser_en: string | null;
      items: number;
      online: boolean;
      public: boolean;
      is_demo: boolean;
    }>(
      db,
      sql`
      select e.id, t.title, (select te.title from exhibition_texts te where te.exhibition_id = e.id and te.language = 'eng' order by te.position limit 1) as title_en, e.format, e.kind, e.start_date::text, e.end_date::text, e.location, e.venue_name, u.name_vi as unit, f.name_vi as former,
        u.name_en as unit_en, f.name_en as former_en, e.city, c.name_vi as country, c.name_en as country_en, o.name_vi as organiser, o.name_en as organiser_en,
        (select count(*)::int from exhibition_items i where i.exhibition_id = e.id) as items,
        e.online_published_at is not null as online, (e.public_at is not null or e.online_published_at is not null) as public, e.is_demo
      from exhibitions e join organisations o on o.id = e.organisation_id
      left join exhibition_texts t on t.exhibition_id = e.id and t.position = 0
      left join admin_units u on u.id = e.unit_id left join admin_units f on f.id = e.former_unit_id
      left join countries c on c.alpha2 = e.country_code
      where ${cond} order by e.start_date desc, e.id desc limit ${q.limit} offset ${q.offset}`,
    ),
    rows<{ n: number }>(db, sql`select count(*)::int as n from exhibitions e where ${cond}`),
  ]);
  return {
    total: Number(count[0]?.n ?? 0),
    items: page.map((r) => ({
      id: Number(r.id),
      title: r.title ?? `#${r.id}`,
      titleEn: r.title_en,
      format: r.format as C.ExhibitionFormat,
      kind: r.kind as C.ExhibitionKind,
      startDate: r.start_date,
      endDate: r.end_date,
      place:
        r.location === 'abroad'
          ? `${r.city}, ${r.country}`
          : r.location === 'vietnam'
            ? `${r.unit}${r.former && r.former !== r.unit ? ` (${r.former})` : ''}`
            : 'Trực tuyến',
      placeEn:
        r.location === 'abroad'
          ? `${r.city}, ${r.country_en}`
          : r.location === 'vietnam'
            ? `${r.unit_en}${r.former_en && r.former_en !== r.unit_en ? ` (${r.former_en})` : ''}`
            : 'Online',
      organiser: r.organiser,
      organiserEn: r.organiser_en,
      items: Number(r.items),
      online: Boolean(r.online),
      public: Boolean(r.public),
      isDemo: Boolean(r.is_demo),
    })),
  };
}
