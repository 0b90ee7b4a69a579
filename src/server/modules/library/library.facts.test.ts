// T4a, T4b and T5a from the indicator facts against the old record-by-record providers (the oracle), on randomised
// library data: every kind, channel, audience and language group, links and files, drafts, withdrawn products, books
// re-published (also before 2023 and out of date order), organisations in merged and unmerged provinces, central and
// abroad; then a series of writes through the services, each followed by a read (the dirty-key path).
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeOrg, seedActor } from '../../../../test/factories.js';
import { seededRandom } from '../../../../test/random.js';
import { testDatabase } from '../../../../test/test-db.js';
import type { IndicatorId, IndicatorScope } from '../../../shared/contracts/indicators.js';
import type { Actor } from '../../kernel/audit.js';
import { rows, type Db } from '../../kernel/db.js';
import { getOrganisation, updateOrganisation } from '../directory/organisations.service.js';
import { compareWithOracle, overlappingFacts } from '../indicators/indicators.oracle.js';
import { refreshAllFacts } from '../indicators/indicators.facts.js';
import type { FileStore } from '../../kernel/storage.js';
import { attachProductFile, removeProductFile } from './library.files.js';
import { createProduct, publishProduct, updateProduct, withdrawProduct } from './library.write.js';
import { getProduct } from './library.service.js';
import { libraryFiles } from './library.tables.js';

const IDS: IndicatorId[] = ['T4a', 'T4b', 'T5a'];
const admin: Actor = { ...seedActor, role: 'admin', via: 'api' };

const KINDS = ['book', 'book', 'book', 'video', 'news_article', 'social_media_post', 'infographic', 'periodical_article'] as const;
const CHANNELS = ['print', 'television', 'radio', 'online_press', 'social_media', 'website', 'mobile_app', 'outdoor', 'other'] as const;
const LANGUAGES = ['vie', 'vie', 'hmn', 'ium', 'eng', 'fra'] as const;

let db: Db;
const orgs: Record<string, number> = {};
type Made = { id: number; kind: string; status: 'draft' | 'published' | 'withdrawn'; date: string };
const made: Made[] = [];
const r = seededRandom(20260515);

function productInput(kind: string, orgKey: string, date: string, books: Made[]) {
  const republication = kind === 'book' && books.length > 0 && r.next() < 0.45;
  const languages = r.some(LANGUAGES, 0.35);
  return {
    kind,
    organisationId: orgs[orgKey],
    channel: r.pick(CHANNELS),
    date,
    languages: languages.length ? [...new Set(languages)] : ['vie'],
    audiences: r.some([1, 2, 3, 4, 5, 6], 0.3),
    texts: [{ language: 'vie', title: `Ấn phẩm thử ${made.length + 1}` }],
    url: r.next() < 0.3 ? `https://example.org/p${made.length + 1}` : null,
    book:
      kind === 'book' ? { edition: republication ? 'republication' : 'first', editionOfId: republication ? r.pick(books).id : null } : null,
  };
}

async function addProduct(p: { kind?: string; org?: string; date?: string; status?: Made['status'] } = {}): Promise<Made> {
  const kind = p.kind ?? r.pick(KINDS);
  const date = p.date ?? r.day('2022-09-01', '2027-12-31');
  const c = await createProduct(
    db,
    seedActor,
    productInput(
      kind,
      p.org ?? r.pick(Object.keys(orgs)),
      date,
      made.filter((m) => m.kind === 'book'),
    ),
  );
  const roll = r.next();
  const status = p.status ?? (roll < 0.12 ? 'draft' : roll < 0.24 ? 'withdrawn' : 'published');
  if (status !== 'draft') await publishProduct(db, seedActor, c.id, new Date(`${date}T09:00:00+07:00`));
  if (status === 'withdrawn') await withdrawProduct(db, seedActor, c.id, { reason: 'thu hồi' });
  if (r.next() < 0.2)
    await db
      .insert(libraryFiles)
      .values({ productId: c.id, sha256: 'e'.repeat(64), size: 10, mediaType: 'application/pdf', filename: 'f.pdf' });
  const m = { id: c.id, kind, status, date };
  made.push(m);
  return m;
}

/** Re-sends a product's own input with changes (updateProduct replaces everything but the status). */
async function edit(id: number, change: (input: Record<string, unknown>) => void) {
  const p = await getProduct(db, id);
  const input: Record<string, unknown> = {
    kind: p.kind,
    organisationId: p.organisationId,
    channel: p.channel,
    date: p.date,
    languages: p.languages.map((l) => l.code),
    audiences: p.audiences,
    texts: p.texts.map((t) => ({ language: t.language, title: t.title })),
    url: p.url,
    book: p.kind === 'book' ? { edition: p.book?.edition ?? 'first', editionOfId: p.book?.editionOfId ?? null } : null,
  };
  change(input);
  return updateProduct(db, admin, id, input);
}

const SCOPES: IndicatorScope[] = [
  { period: '2023' },
  { period: '2025' },
  { period: '2026-Q2' },
  { period: '2024-03' },
  { period: '2026', map: '63', province: '02' },
  { period: '2026', map: '63', province: '79' },
  { period: '2025', map: '34', province: '08' },
  { period: '2026', orgKind: 'ministry' },
] as IndicatorScope[];

const check = async (scopes: IndicatorScope[]) => expect(await compareWithOracle(db, IDS, scopes)).toEqual([]);

beforeAll(async () => {
  db = (await testDatabase()).db;
  orgs.H = (await makeOrg(db, { nameVi: 'UBND thử Hà Nội', kind: 'provincial_committee', provinceCode: '01' })).id;
  orgs.T = (await makeOrg(db, { nameVi: 'Sở thử Tuyên Quang', kind: 'provincial_department', provinceCode: '08' })).id; // Hà Giang + Tuyên Quang
  orgs.S = (await makeOrg(db, { nameVi: 'Báo thử TP HCM', kind: 'press', provinceCode: '79' })).id; // three former units
  orgs.D = (await makeOrg(db, { nameVi: 'Hội thử Đà Nẵng', kind: 'socio_political_provincial', provinceCode: '48' })).id;
  orgs.M = (await makeOrg(db, { nameVi: 'Bộ thử', kind: 'ministry' })).id;
  orgs.E = (await makeOrg(db, { nameVi: 'Đại sứ quán thử', kind: 'mission_abroad', countryCode: 'FR' })).id;
  for (let i = 0; i < 70; i++) await addProduct();
}, 300_000);

describe('library facts against the oracle', () => {
  it('give every figure, trend, breakdown row and drill-down the providers give', async () => {
    await check([...SCOPES, { period: '2027', organisationId: orgs.T } as IndicatorScope]);
    for (const id of IDS)
      expect(await overlappingFacts(db, id, ['2023-01-01', '2024-02-29', '2025-07-01', '2026-06-30', '2027-12-31'])).toEqual([]);
  }, 300_000);

  it('stay exact after each write through the services', async () => {
    const pub = () => made.filter((m) => m.status === 'published' && m.date >= '2023-01-01');
    const pubBooks = () => pub().filter((m) => m.kind === 'book');
    // A product's languages, channel and audiences change.
    const p1 = pub().find((m) => m.kind !== 'book')!;
    await edit(p1.id, (i) => {
      i.languages = ['hmn', 'eng'];
      i.channel = 'social_media';
      i.audiences = [4];
    });
    await check([{ period: p1.date.slice(0, 4) }, { period: '2026' }] as IndicatorScope[]);
    // A book moves to another date and organisation (its title is placed by its earliest edition).
    const b1 = pubBooks()[0]!;
    await edit(b1.id, (i) => {
      i.date = '2023-02-03';
      i.organisationId = orgs.E;
    });
    b1.date = '2023-02-03';
    await check([{ period: '2023' }, { period: '2026', orgKind: 'mission_abroad' }] as IndicatorScope[]);
    // A new re-publication of a title dated before its other editions; then one before 2023 (out of every span).
    const root = pubBooks()[1]!;
    const re = await createProduct(db, seedActor, {
      ...productInput('book', 'S', '2023-01-05', []),
      book: { edition: 'republication', editionOfId: root.id },
    });
    await publishProduct(db, seedActor, re.id);
    made.push({ id: re.id, kind: 'book', status: 'published', date: '2023-01-05' });
    const old = await createProduct(db, seedActor, {
      ...productInput('book', 'D', '2022-11-05', []),
      book: { edition: 'republication', editionOfId: root.id },
    });
    await publishProduct(db, seedActor, old.id);
    await check([{ period: '2023' }, { period: '2025', map: '63', province: '79' }] as IndicatorScope[]);
    // A re-publication re-pointed to another title (both titles change), then made a first edition (a title of its own).
    const moved = made.find((m) => m.id === re.id)!;
    await edit(moved.id, (i) => {
      i.book = { edition: 'republication', editionOfId: pubBooks()[2]!.id };
    });
    await check([{ period: '2026' }] as IndicatorScope[]);
    await edit(moved.id, (i) => {
      i.book = { edition: 'first', editionOfId: null };
    });
    await check([{ period: '2024' }] as IndicatorScope[]);
    // A draft published; a title's first edition withdrawn (its later editions keep the title).
    const draft = made.find((m) => m.status === 'draft' && m.date >= '2023-01-01')!;
    await publishProduct(db, seedActor, draft.id, new Date(`${draft.date}T10:00:00+07:00`));
    draft.status = 'published';
    const rootWithEditions = (
      await rows<{ id: number }>(
        db,
        sql`select r.id from library_products r where r.status = 'published' and r.kind = 'book'
      and exists (select 1 from library_products e where e.title_root_id = r.id and e.id <> r.id and e.status = 'published') order by r.id limit 1`,
      )
    )[0]!;
    await withdrawProduct(db, seedActor, rootWithEditions.id, { reason: 'sai sót' });
    await check([{ period: '2027' }, { period: '2026-05' }] as IndicatorScope[]);
    // Files: one added to a product without a link, then removed through the service.
    const bare = (
      await rows<{ id: number }>(
        db,
        sql`select p.id from library_products p where p.status = 'published' and p.url is null and p.date >= '2023-01-01'
      and not exists (select 1 from library_files f where f.product_id = p.id) order by p.id limit 1`,
      )
    )[0]!;
    const store = { put: async (bytes: Buffer) => ({ sha256: 'a'.repeat(64), size: bytes.length }) } as unknown as FileStore;
    const file = await attachProductFile(db, store, admin, bare.id, {
      bytes: Buffer.from('Văn bản số hoá thử'),
      filename: 'ban-so-hoa.txt',
    });
    await check([{ period: '2027' }] as IndicatorScope[]);
    await removeProductFile(db, admin, bare.id, file.id);
    await check([{ period: '2027', orgKind: 'press' }] as IndicatorScope[]);
    // An organisation moves province (facts need no rewrite: places are joined when read).
    const t = await getOrganisation(db, orgs.T);
    await updateOrganisation(db, admin, orgs.T, { code: t.code, nameVi: t.nameVi, kind: t.kind, provinceCode: '01' });
    await check([{ period: '2026', map: '63', province: '01' }] as IndicatorScope[]);
    for (const id of IDS) expect(await overlappingFacts(db, id, ['2023-01-05', '2023-12-31', '2026-06-30', '2027-12-31'])).toEqual([]);
  }, 600_000);

  it('rebuild to the same facts from scratch', async () => {
    const snapshot = async () =>
      (
        await rows<{ s: string }>(
          db,
          sql`select ind || src || rec_id || d_from || coalesce(d_to::text, '') || counts || coalesce(org_id, 0)
      || array_to_string(dims, ',') || coalesce(array_to_string(counts_in, ','), '') || sort_key || coalesce(info::text, '') as s
      from indicator_facts where ind in ('T4a', 'T4b', 'T5a') order by 1`,
        )
      ).map((x) => x.s);
    const before = await snapshot();
    await refreshAllFacts(db, ['library']);
    expect(await snapshot()).toEqual(before);
    expect(before.length).toBeGreaterThan(50);
  }, 120_000);
});
