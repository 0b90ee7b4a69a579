// OAI-PMH 2.0 at /oai on a real database. Every response of every kind (each verb, each error) is validated
// against the official OAI-PMH and oai_dc schemas with xmllint (data/schemas/oai-pmh-oai_dc.xsd), and read back
// with an independent parser (fast-xml-parser). A whole repository is harvested with an independent OAI-PMH client
// (npm `oai-pmh`) over resumption tokens on a real socket.
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { eq, sql } from 'drizzle-orm';
import Fastify, { type FastifyInstance } from 'fastify';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOrg } from '../../../../test/factories.js';
import { testApp } from '../../../../test/test-db.js';
import { XMLLINT_MISSING, xmllint as validateXml } from '../../../../test/xmllint.js';
import type { Config } from '../../kernel/config.js';
import type { Db } from '../../kernel/db.js';
import { organisations } from '../directory/directory.tables.js';
import { pressTopics } from '../press/press.tables.js';
import { decodeToken, encodeToken, parseUtcBound } from './library.oai.args.js';
import { defaultAdminEmail, FALLBACK_ADMIN_EMAIL, oaiRepository, REPOSITORY_NAME, xmlText } from './library.oai.repository.js';
import { orgSetSegment } from './library.oai.records.js';
import { oaiRoutes } from './library.oai.routes.js';
import {
  libraryFiles,
  libraryProductLanguages,
  libraryProductTexts,
  libraryProductTopics,
  libraryProducts,
  libraryRelations,
} from './library.tables.js';

// The independent client is CommonJS (loaded through `esm`), so it is required rather than imported.
const { OaiPmh } = createRequire(import.meta.url)('oai-pmh') as {
  OaiPmh: new (
    baseUrl: string,
    options?: Record<string, unknown>,
  ) => {
    identify(): Promise<Record<string, unknown>>;
    listRecords(o: Record<string, string>): AsyncIterable<OaiClientRecord>;
    listIdentifiers(o: Record<string, string>): AsyncIterable<OaiClientHeader>;
    listSets(): AsyncIterable<{ setSpec: string; setName: string }>;
    getRecord(id: string, prefix: string): Promise<OaiClientRecord>;
  };
};
type OaiClientHeader = { $?: { status?: string }; identifier: string; datestamp: string; setSpec: string | string[] };
type OaiClientRecord = { header: OaiClientHeader; metadata?: Record<string, Record<string, unknown>> };

/** xmllint --noout --schema data/schemas/oai-pmh-oai_dc.xsd - (the document on stdin). */
const xmllint = (xml: string) => validateXml(xml, 'oai-pmh-oai_dc.xsd');

const ARRAYS = new Set([
  'error',
  'record',
  'set',
  'setSpec',
  'metadataFormat',
  'adminEmail',
  'description',
  'dc:title',
  'dc:creator',
  'dc:subject',
  'dc:description',
  'dc:publisher',
  'dc:date',
  'dc:type',
  'dc:format',
  'dc:identifier',
  'dc:language',
  'dc:relation',
  'dc:rights',
]);
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  parseAttributeValue: false,
  isArray: (n, jpath) => ARRAYS.has(n) || String(jpath) === 'OAI-PMH.ListIdentifiers.header',
});
type X = any;

let db: Db;
let config: Config;
let full: FastifyInstance; // the whole server (buildApp), /oai wired through modules/index.ts, 100 per page
let small: FastifyInstance; // /oai alone with 4 per page, listening for the independent client
let smallUrl: string;
const PAGE = 4;
const validated = new Set<string>(); // response kinds validated by xmllint: verb or error code

/** One OAI-PMH request; the answer is checked (200, text/xml, valid against the schemas) and parsed. */
async function oai(params: string | [string, string][], opts: { app?: FastifyInstance; method?: 'GET' | 'POST' } = {}) {
  const query = typeof params === 'string' ? params : new URLSearchParams(params).toString();
  const target = opts.app ?? small;
  const res =
    opts.method === 'POST'
      ? await target.inject({
          method: 'POST',
          url: '/oai',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          payload: query,
        })
      : await target.inject({ method: 'GET', url: `/oai?${query}` });
  expect(res.statusCode, res.body).toBe(200);
  expect(res.headers['content-type']).toBe('text/xml; charset=utf-8');
  const v = await xmllint(res.body);
  expect(v.code, `xmllint refused the response to ${query}:\n${v.stderr}\n${res.body}`).toBe(0);
  const doc = parser.parse(res.body)['OAI-PMH'] as X;
  const errors = (doc.error ?? []).map((e: X) => e['@code'] as string);
  for (const k of errors.length ? errors : Object.keys(doc).filter((k) => !['responseDate', 'request'].includes(k) && !k.startsWith('@')))
    validated.add(k);
  return { body: res.body, doc, errors, request: doc.request as X };
}
const attrsOf = (request: X) =>
  typeof request === 'string' ? {} : Object.fromEntries(Object.entries(request).filter(([k]) => k.startsWith('@')));
const text = (v: X) => (typeof v === 'string' ? v : (v?.['#text'] ?? ''));

// ---------------------------------------------------------------- fixture

type Spec = {
  key: string;
  kind: string;
  org: 'A' | 'B' | 'C';
  status: 'draft' | 'published' | 'withdrawn';
  at: string;
  texts?: { language: string; title: string; description?: string | null }[];
  langs?: string[];
  topics?: number;
  isbn?: string;
  publisher?: string;
  rights?: string;
  licence?: string;
  url?: string;
  files?: string[];
};
const ids: Record<string, number> = {};
const specs: Spec[] = [];
const orgIds: Record<string, number> = {};
const orgCodes: Record<string, string> = {};
let topicNames: { vi: string; en: string }[] = [];
const NASTY = 'Quyền <con người> & "tự do" \'cơ bản\'\u0001\u0008 hết';
const KINDS = [
  'periodical_article',
  'news_article',
  'audio',
  'infographic',
  'photo',
  'archival_document',
  'exhibition_catalogue',
  'social_media_post',
  'web_page',
  'other',
  'book',
];

function buildSpecs() {
  const day = (d: number, h = 8) => new Date(Date.UTC(2024, 0, 1 + d, h, 0, 0)).toISOString();
  specs.push({
    key: 'book',
    kind: 'book',
    org: 'A',
    status: 'published',
    at: day(0),
    texts: [
      { language: 'vie', title: 'Sách trắng về quyền con người', description: 'Mô tả tiếng Việt' },
      { language: 'eng', title: 'White paper on human rights', description: 'English description' },
      { language: 'khm', title: 'សៀវភៅស' },
      { language: 'hmn', title: 'Phau ntawv' },
    ],
    langs: ['vie', 'eng', 'khm'],
    topics: 2,
    isbn: '9786045700001',
    publisher: 'Nhà xuất bản Chính trị quốc gia Sự thật',
    rights: '© Bộ Văn hóa thử 2024',
    licence: 'CC BY 4.0',
    url: 'https://example.vn/sach-trang',
    files: ['application/pdf', 'image/png'],
  });
  specs.push({
    key: 'video',
    kind: 'video',
    org: 'B',
    status: 'published',
    at: day(1),
    texts: [{ language: 'vie', title: 'Phim tài liệu' }],
    langs: ['vie'],
  });
  specs.push({
    key: 'nasty',
    kind: 'news_article',
    org: 'B',
    status: 'published',
    at: day(2),
    texts: [{ language: 'vie', title: NASTY, description: 'Dòng 1\r\nDòng 2 <b>đậm</b>' }],
    langs: ['vie'],
  });
  // Two records in the same microsecond: the keyset breaks the tie on id.
  specs.push({ key: 'twinA', kind: 'photo', org: 'A', status: 'published', at: day(3) });
  specs.push({ key: 'twinB', kind: 'photo', org: 'B', status: 'published', at: day(3) });
  for (let i = 0; i < KINDS.length; i++)
    specs.push({ key: `p${i}`, kind: KINDS[i]!, org: i % 2 ? 'A' : 'B', status: 'published', at: day(4 + i, 9) });
  specs.push({ key: 'w1', kind: 'book', org: 'A', status: 'withdrawn', at: day(20) });
  specs.push({ key: 'w2', kind: 'video', org: 'B', status: 'withdrawn', at: day(21) });
  specs.push({ key: 'w3', kind: 'photo', org: 'A', status: 'withdrawn', at: day(22) });
  specs.push({ key: 'd1', kind: 'book', org: 'A', status: 'draft', at: day(5) });
  specs.push({ key: 'd2', kind: 'video', org: 'C', status: 'draft', at: day(6) });
  specs.push({ key: 'd3', kind: 'photo', org: 'B', status: 'draft', at: day(30) });
}

async function insertProduct(s: Spec, topicIds: number[]) {
  const [row] = await db
    .insert(libraryProducts)
    .values({
      kind: s.kind,
      organisationId: orgIds[s.org]!,
      channel: 'print',
      date: s.at.slice(0, 10),
      status: s.status,
      publishedAt: s.status === 'draft' ? null : new Date(s.at),
      withdrawnAt: s.status === 'withdrawn' ? new Date(s.at) : null,
      rights: s.rights ?? null,
      licence: s.licence ?? null,
      url: s.url ?? null,
      isbn: s.isbn ?? null,
      publisher: s.publisher ?? null,
      createdAt: new Date(s.at),
      updatedAt: new Date(s.at),
    })
    .returning({ id: libraryProducts.id });
  const id = row!.id;
  const texts = s.texts ?? [{ language: 'vie', title: `Sản phẩm ${s.key}` }];
  await db
    .insert(libraryProductTexts)
    .values(
      texts.map((t, position) => ({ productId: id, position, language: t.language, title: t.title, description: t.description ?? null })),
    );
  await db.insert(libraryProductLanguages).values((s.langs ?? ['vie']).map((language) => ({ productId: id, language })));
  if (s.topics) await db.insert(libraryProductTopics).values(topicIds.slice(0, s.topics).map((topicId) => ({ productId: id, topicId })));
  for (const [n, mediaType] of (s.files ?? []).entries()) {
    await db
      .insert(libraryFiles)
      .values({ productId: id, sha256: `${'ab'.repeat(31)}0${n}`, size: 100 + n, mediaType, filename: `tep-${n}` });
  }
  return id;
}

beforeAll(async () => {
  const t = await testApp();
  full = t.app;
  db = t.db;
  config = t.config;
  orgIds.A = (await makeOrg(db, { nameVi: 'Bộ Văn hóa thử', kind: 'ministry' })).id;
  // A code outside the directory contract (written straight into the table): the setSpec must still be valid.
  const [b] = await db
    .insert(organisations)
    .values({ code: 'SVH/HN 01', nameVi: 'Sở Văn hóa & Thể thao "thử"', kind: 'other' })
    .returning({ id: organisations.id });
  orgIds.B = b!.id;
  orgIds.C = (await makeOrg(db, { nameVi: 'Tổ chức chỉ có bản nháp' })).id;
  for (const k of ['A', 'B', 'C'])
    orgCodes[k] = (await db.select({ code: organisations.code }).from(organisations).where(eq(organisations.id, orgIds[k]!)))[0]!.code;
  const topics = await db.select().from(pressTopics).orderBy(pressTopics.sortOrder, pressTopics.id).limit(2);
  expect(topics.length).toBe(2);
  topicNames = topics.map((x) => ({ vi: x.nameVi, en: x.nameEn }));
  buildSpecs();
  for (const s of specs)
    ids[s.key] = await insertProduct(
      s,
      topics.map((x) => x.id),
    );
  await db.insert(libraryRelations).values([
    { fromId: ids.video!, toId: ids.book!, kind: 'part_of' },
    { fromId: ids.book!, toId: ids.d1!, kind: 'translation_of' }, // to a draft: never shown
    { fromId: ids.p0!, toId: ids.w1!, kind: 'edition_of' }, // to a withdrawn product: never shown
  ]);
  // Microsecond parts (and the twins identical to the microsecond): a cursor kept to the millisecond would repeat rows.
  await db.execute(
    sql`update library_products set updated_at = updated_at + (id % 7 + 1) * interval '123457 microseconds' where id <> ${ids.twinB!}`,
  );
  await db.execute(
    sql`update library_products set updated_at = (select updated_at from library_products where id = ${ids.twinA!}) where id = ${ids.twinB!}`,
  );

  small = Fastify({ logger: false });
  await oaiRoutes(small, { db, config }, { pageSize: PAGE });
  await small.listen({ host: '127.0.0.1', port: 0 });
  smallUrl = `http://127.0.0.1:${(small.server.address() as AddressInfo).port}/oai`;
});
afterAll(async () => {
  await small?.close();
});

const visible = () => specs.filter((s) => s.status !== 'draft');
const oaiId = (key: string) => `oai:localhost:product/${ids[key]}`;
async function datestampOf(key: string): Promise<string> {
  const r = (await db.execute(
    sql`select to_char(updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as d from library_products where id = ${ids[key]!}`,
  )) as unknown as { rows: { d: string }[] };
  return r.rows[0]!.d;
}

/** Follows resumption tokens with our own requests; every page validated. */
async function harvest(verb: 'ListIdentifiers' | 'ListRecords', args: [string, string][], between?: (page: number) => Promise<void>) {
  const headers: X[] = [];
  const records: X[] = [];
  const tokens: X[] = [];
  let r = await oai([['verb', verb], ...args]);
  for (let page = 1; ; page++) {
    if (r.errors.length) return { errors: r.errors, headers, records, tokens };
    const body = r.doc[verb];
    if (verb === 'ListRecords') {
      records.push(...body.record);
      headers.push(...body.record.map((x: X) => x.header));
    } else headers.push(...body.header);
    const tok = body.resumptionToken;
    if (tok !== undefined) tokens.push(tok);
    const next = typeof tok === 'string' ? tok : tok?.['#text'];
    if (!next) break;
    await between?.(page);
    r = await oai([
      ['verb', verb],
      ['resumptionToken', next],
    ]);
  }
  return { errors: [] as string[], headers, records, tokens };
}
const idsOf = (headers: X[]) => headers.map((h) => h.identifier as string);

// ---------------------------------------------------------------- tests

describe('the validator', () => {
  it('has xmllint (apt-get install -y libxml2-utils)', () => {
    expect(XMLLINT_MISSING, XMLLINT_MISSING ?? '').toBeNull();
  });

  it('refuses what the schemas refuse (so a pass means something)', async () => {
    const ok = (await full.inject({ method: 'GET', url: '/oai?verb=Identify' })).body;
    expect((await xmllint(ok)).code).toBe(0);
    expect((await xmllint(ok.replace('<deletedRecord>persistent', '<deletedRecord>sometimes'))).code).not.toBe(0);
    const rec = (
      await full.inject({ method: 'GET', url: `/oai?verb=GetRecord&metadataPrefix=oai_dc&identifier=${encodeURIComponent(oaiId('book'))}` })
    ).body;
    expect((await xmllint(rec)).code).toBe(0);
    expect((await xmllint(rec.replace('<dc:date>', '<dc:when>').replace('</dc:date>', '</dc:when>'))).code).not.toBe(0); // strict ##other
    expect((await xmllint(rec.replace('xml:lang="vi"', 'xml:lang="not a tag"'))).code).not.toBe(0);
  });
});

describe('Identify', () => {
  it('describes the repository through the full server, without a description element', async () => {
    const r = await oai('verb=Identify', { app: full });
    const id = r.doc.Identify;
    expect(id.repositoryName).toBe(REPOSITORY_NAME);
    expect(id.baseURL).toBe('http://localhost:3000/oai');
    expect(id.protocolVersion).toBe('2.0');
    expect(id.adminEmail).toEqual([FALLBACK_ADMIN_EMAIL]);
    expect(id.earliestDatestamp).toBe(await datestampOf('book'));
    expect(id.deletedRecord).toBe('persistent');
    expect(id.granularity).toBe('YYYY-MM-DDThh:mm:ssZ');
    expect(id.description).toBeUndefined();
    expect(attrsOf(r.request)).toEqual({ '@verb': 'Identify' });
    expect(text(r.request)).toBe('http://localhost:3000/oai');
    expect(r.doc.responseDate).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  it("takes adminEmail from BASE_URL's host, falls back for hosts without a dot, and can be overridden", async () => {
    expect(defaultAdminEmail('https://rightshub.gov.vn')).toBe('thuvien@rightshub.gov.vn');
    expect(defaultAdminEmail('https://thuvien.rightshub.vn:8443/x')).toBe('thuvien@thuvien.rightshub.vn');
    expect(defaultAdminEmail('http://localhost:3000')).toBe(FALLBACK_ADMIN_EMAIL);
    expect(defaultAdminEmail('http://10.0.0.5:3000')).toBe(FALLBACK_ADMIN_EMAIL);
    expect(oaiRepository('https://a.vn', { adminEmail: ['x@y.vn', 'z@y.vn'] }).adminEmails).toEqual(['x@y.vn', 'z@y.vn']);
    expect(() => oaiRepository('https://a.vn', { adminEmail: 'nobody' })).toThrow(/adminEmail/);
    const other = Fastify({ logger: false });
    await oaiRoutes(other, { db, config: { baseUrl: 'https://rightshub.gov.vn' } }, { adminEmail: 'oai@rightshub.gov.vn' });
    const r = await oai('verb=Identify', { app: other });
    expect(r.doc.Identify.adminEmail).toEqual(['oai@rightshub.gov.vn']);
    expect(r.doc.Identify.baseURL).toBe('https://rightshub.gov.vn/oai');
    await other.close();
  });
});

describe('ListMetadataFormats', () => {
  it('offers oai_dc for the repository and for a record; idDoesNotExist for unknown, draft and foreign identifiers', async () => {
    for (const q of [
      'verb=ListMetadataFormats',
      `verb=ListMetadataFormats&identifier=${encodeURIComponent(oaiId('book'))}`,
      `verb=ListMetadataFormats&identifier=${encodeURIComponent(oaiId('w1'))}`,
    ]) {
      const r = await oai(q);
      expect(r.doc.ListMetadataFormats.metadataFormat).toEqual([
        {
          metadataPrefix: 'oai_dc',
          schema: 'http://www.openarchives.org/OAI/2.0/oai_dc.xsd',
          metadataNamespace: 'http://www.openarchives.org/OAI/2.0/oai_dc/',
        },
      ]);
    }
    for (const identifier of [
      oaiId('d1'),
      'oai:localhost:product/999999',
      'oai:other.vn:product/1',
      `oai:localhost:product/0${ids.book}`,
    ]) {
      const r = await oai([
        ['verb', 'ListMetadataFormats'],
        ['identifier', identifier],
      ]);
      expect(r.errors).toEqual(['idDoesNotExist']);
      expect(attrsOf(r.request)).toEqual({ '@verb': 'ListMetadataFormats', '@identifier': identifier });
    }
  });
});

describe('ListSets', () => {
  it('lists kinds and organisations with records (valid setSpecs, Vietnamese names), paged with tokens', async () => {
    const sets: X[] = [];
    let r = await oai('verb=ListSets');
    for (;;) {
      sets.push(...r.doc.ListSets.set);
      const tok = r.doc.ListSets.resumptionToken;
      const next = typeof tok === 'string' ? tok : tok?.['#text'];
      if (!next) break;
      r = await oai([
        ['verb', 'ListSets'],
        ['resumptionToken', next],
      ]);
    }
    const specsListed = sets.map((s) => s.setSpec[0]);
    expect(specsListed).toContain('kind');
    expect(specsListed).toContain('kind:book');
    expect(specsListed).toContain('kind:exhibition_catalogue');
    expect(specsListed).toContain('org');
    expect(specsListed).toContain(`org:${orgCodes.A}`);
    expect(specsListed).toContain('org:SVH~2FHN~2001');
    expect(specsListed).not.toContain(`org:${orgSetSegment(orgCodes.C!)}`); // drafts only
    expect(new Set(specsListed).size).toBe(specsListed.length);
    expect(sets.find((s) => s.setSpec[0] === 'kind:book').setName).toBe('Sách');
    expect(sets.find((s) => s.setSpec[0] === 'org:SVH~2FHN~2001').setName).toBe('Sở Văn hóa & Thể thao "thử"');
    expect(sets.length).toBeGreaterThan(PAGE * 2);
  });

  it('is harvested whole by the independent client', async () => {
    const client = new OaiPmh(smallUrl, { retry: false });
    const specsSeen: string[] = [];
    for await (const s of client.listSets()) specsSeen.push(s.setSpec);
    expect(specsSeen).toContain('org:SVH~2FHN~2001');
    expect(specsSeen.length).toBe(1 + 12 + 1 + 2);
  });
});

describe('GetRecord', () => {
  it('gives the oai_dc record of a published product', async () => {
    const r = await oai([
      ['verb', 'GetRecord'],
      ['identifier', oaiId('book')],
      ['metadataPrefix', 'oai_dc'],
    ]);
    expect(attrsOf(r.request)).toEqual({ '@verb': 'GetRecord', '@identifier': oaiId('book'), '@metadataPrefix': 'oai_dc' });
    const rec = r.doc.GetRecord.record[0];
    expect(rec.header['@status']).toBeUndefined();
    expect(rec.header.identifier).toBe(oaiId('book'));
    expect(rec.header.datestamp).toBe(await datestampOf('book'));
    expect(rec.header.setSpec).toEqual(['kind:book', `org:${orgCodes.A}`]);
    const dc = rec.metadata['oai_dc:dc'];
    const vals = (name: string) => (dc[`dc:${name}`] ?? []).map((v: X) => [text(v), v['@xml:lang'] ?? null]);
    expect(vals('title')).toEqual([
      ['Sách trắng về quyền con người', 'vi'],
      ['White paper on human rights', 'en'],
      ['សៀវភៅស', 'km'],
      ['Phau ntawv', 'hmn'],
    ]);
    expect(vals('description')).toEqual([
      ['Mô tả tiếng Việt', 'vi'],
      ['English description', 'en'],
    ]);
    expect(vals('creator')).toEqual([['Bộ Văn hóa thử', 'vi']]);
    expect(vals('publisher')).toEqual([['Nhà xuất bản Chính trị quốc gia Sự thật', null]]);
    expect(vals('date')).toEqual([['2024-01-01', null]]);
    expect(vals('type')).toEqual([
      ['Text', null],
      ['Sách', 'vi'],
    ]);
    expect(vals('language')).toEqual([
      ['eng', null],
      ['khm', null],
      ['vie', null],
    ]);
    expect(vals('subject')).toEqual(
      topicNames.flatMap((t) => [
        [t.vi, 'vi'],
        [t.en, 'en'],
      ]),
    );
    expect(vals('format')).toEqual([
      ['application/pdf', null],
      ['image/png', null],
    ]);
    const files = await db
      .select({ id: libraryFiles.id })
      .from(libraryFiles)
      .where(eq(libraryFiles.productId, ids.book!))
      .orderBy(libraryFiles.id);
    expect(vals('identifier').map((v: X) => v[0])).toEqual([
      `http://localhost:3000/thu-vien/${ids.book}`,
      'urn:isbn:9786045700001',
      'https://example.vn/sach-trang',
      ...files.map((f) => `http://localhost:3000/api/library/files/${f.id}`),
    ]);
    expect(vals('rights').map((v: X) => v[0])).toEqual(['© Bộ Văn hóa thử 2024', 'CC BY 4.0']);
    // Related: the video (part of this book); not the draft it is a translation of.
    expect(vals('relation').map((v: X) => v[0])).toEqual([oaiId('video')]);
  });

  it('uses the organisation as publisher, the DCMI type of the kind, and relations the other way round', async () => {
    const r = await oai([
      ['verb', 'GetRecord'],
      ['identifier', oaiId('video')],
      ['metadataPrefix', 'oai_dc'],
    ]);
    const dc = r.doc.GetRecord.record[0].metadata['oai_dc:dc'];
    expect(text(dc['dc:publisher'][0])).toBe('Sở Văn hóa & Thể thao "thử"');
    expect(text(dc['dc:type'][0])).toBe('MovingImage');
    expect(dc['dc:relation'].map(text)).toEqual([oaiId('book')]);
    const p0 = (
      await oai([
        ['verb', 'GetRecord'],
        ['identifier', oaiId('p0')],
        ['metadataPrefix', 'oai_dc'],
      ])
    ).doc.GetRecord.record[0].metadata['oai_dc:dc'];
    expect(p0['dc:relation']).toBeUndefined(); // its only relation is to a withdrawn product
    const audio = (
      await oai([
        ['verb', 'GetRecord'],
        ['identifier', oaiId('p2')],
        ['metadataPrefix', 'oai_dc'],
      ])
    ).doc.GetRecord.record[0].metadata['oai_dc:dc'];
    expect(text(audio['dc:type'][0])).toBe('Sound');
  });

  it('escapes markup and drops characters XML 1.0 forbids', async () => {
    const r = await oai([
      ['verb', 'GetRecord'],
      ['identifier', oaiId('nasty')],
      ['metadataPrefix', 'oai_dc'],
    ]);
    expect(r.body).toContain('Quyền &lt;con người&gt; &amp; &quot;tự do&quot; &apos;cơ bản&apos; hết');
    expect(r.body).toContain('Dòng 1&#13;\nDòng 2 &lt;b&gt;đậm&lt;/b&gt;');
    // eslint-disable-next-line no-control-regex -- the control characters are what must not be in the XML
    expect(r.body).not.toMatch(/[\u0001\u0008]/);
    expect(text(r.doc.GetRecord.record[0].metadata['oai_dc:dc']['dc:title'][0])).toBe('Quyền <con người> & "tự do" \'cơ bản\' hết');
    // Unpaired surrogates cannot reach the database (UTF-8), but are dropped too; pairs are kept.
    expect(xmlText('a\ud800b\udc00c\ud83d\ude00')).toBe('abc\ud83d\ude00');
  });

  it('gives a withdrawn product as a deleted record without metadata', async () => {
    const r = await oai([
      ['verb', 'GetRecord'],
      ['identifier', oaiId('w2')],
      ['metadataPrefix', 'oai_dc'],
    ]);
    const rec = r.doc.GetRecord.record[0];
    expect(rec.header['@status']).toBe('deleted');
    expect(rec.header.setSpec).toEqual(['kind:video', 'org:SVH~2FHN~2001']);
    expect(rec.metadata).toBeUndefined();
  });

  it('never gives a draft, and says which arguments are wrong', async () => {
    expect(
      (
        await oai([
          ['verb', 'GetRecord'],
          ['identifier', oaiId('d1')],
          ['metadataPrefix', 'oai_dc'],
        ])
      ).errors,
    ).toEqual(['idDoesNotExist']);
    const fmt = await oai([
      ['verb', 'GetRecord'],
      ['identifier', oaiId('book')],
      ['metadataPrefix', 'marc21'],
    ]);
    expect(fmt.errors).toEqual(['cannotDisseminateFormat']);
    expect(attrsOf(fmt.request)).toEqual({ '@verb': 'GetRecord', '@identifier': oaiId('book'), '@metadataPrefix': 'marc21' });
    expect(
      (
        await oai([
          ['verb', 'GetRecord'],
          ['identifier', 'oai:localhost:product/999999'],
          ['metadataPrefix', 'marc21'],
        ])
      ).errors,
    ).toEqual(['cannotDisseminateFormat', 'idDoesNotExist']);
    // An identifier that is no URI is not echoed (the request element must stay valid).
    const weird = await oai([
      ['verb', 'GetRecord'],
      ['identifier', 'no such thing <>'],
      ['metadataPrefix', 'oai_dc'],
    ]);
    expect(weird.errors).toEqual(['idDoesNotExist']);
    expect(attrsOf(weird.request)).toEqual({ '@verb': 'GetRecord', '@metadataPrefix': 'oai_dc' });
  });
});

describe('ListIdentifiers and ListRecords', () => {
  it('page through every published and withdrawn product once, in datestamp order, with cursor and completeListSize', async () => {
    for (const verb of ['ListIdentifiers', 'ListRecords'] as const) {
      const h = await harvest(verb, [['metadataPrefix', 'oai_dc']]);
      expect(h.errors).toEqual([]);
      const got = idsOf(h.headers);
      expect(got.length).toBe(visible().length);
      expect(new Set(got)).toEqual(new Set(visible().map((s) => oaiId(s.key))));
      expect(got.some((i) => specs.filter((s) => s.status === 'draft').some((s) => oaiId(s.key) === i))).toBe(false);
      const stamps = h.headers.map((x) => x.datestamp as string);
      expect([...stamps].sort()).toEqual(stamps);
      const pages = Math.ceil(visible().length / PAGE);
      expect(h.tokens.length).toBe(pages); // a token on every page, empty on the last
      expect(h.tokens.map((t) => [t['@cursor'], t['@completeListSize']])).toEqual(
        Array.from({ length: pages }, (_, i) => [String(i * PAGE), String(visible().length)]),
      );
      expect(text(h.tokens.at(-1))).toBe('');
      const deleted = h.headers.filter((x) => x['@status'] === 'deleted').map((x) => x.identifier);
      expect(deleted.sort()).toEqual(['w1', 'w2', 'w3'].map(oaiId).sort());
      if (verb === 'ListRecords') {
        for (const rec of h.records) expect(rec.metadata === undefined).toBe(rec.header['@status'] === 'deleted');
      }
    }
  });

  it('need no token when everything fits on one page (the full server: 500 per page)', async () => {
    const r = await oai('verb=ListIdentifiers&metadataPrefix=oai_dc', { app: full });
    expect(r.doc.ListIdentifiers.header.length).toBe(visible().length);
    expect(r.doc.ListIdentifiers.resumptionToken).toBeUndefined();
  });

  it('are harvested by the independent oai-pmh client: every published record once, withdrawn ones as deleted, no draft', async () => {
    const client = new OaiPmh(smallUrl, { retry: false });
    const identify = await client.identify();
    expect(identify.repositoryName).toBe(REPOSITORY_NAME);
    const seen = new Map<string, OaiClientRecord>();
    let n = 0;
    for await (const rec of client.listRecords({ metadataPrefix: 'oai_dc' })) {
      n++;
      seen.set(rec.header.identifier, rec);
    }
    expect(n).toBe(visible().length);
    expect(seen.size).toBe(n);
    for (const s of specs) {
      const rec = seen.get(oaiId(s.key));
      if (s.status === 'draft') {
        expect(rec, s.key).toBeUndefined();
        continue;
      }
      expect(rec, s.key).toBeDefined();
      expect(rec!.header.$?.status, s.key).toBe(s.status === 'withdrawn' ? 'deleted' : undefined);
      expect(rec!.metadata === undefined, s.key).toBe(s.status === 'withdrawn');
    }
    const book = seen.get(oaiId('book'))!.metadata!['oai_dc:dc']!;
    expect(JSON.stringify(book['dc:title'])).toContain('Sách trắng về quyền con người');
    const viaGet = await client.getRecord(oaiId('video'), 'oai_dc');
    expect(viaGet.header.identifier).toBe(oaiId('video'));
    const headers: string[] = [];
    for await (const h of client.listIdentifiers({ metadataPrefix: 'oai_dc', set: 'kind:photo' })) headers.push(h.identifier);
    expect(headers.sort()).toEqual(['twinA', 'twinB', 'p4', 'w3'].map(oaiId).sort());
  });

  it('filter by from and until, inclusive at both granularities', async () => {
    const sorted = await Promise.all(visible().map(async (s) => ({ key: s.key, stamp: await datestampOf(s.key) })));
    const between = (lo: string, hi: string) =>
      sorted
        .filter((s) => s.stamp >= lo && s.stamp <= hi)
        .map((s) => oaiId(s.key))
        .sort();
    const video = await datestampOf('video');
    const twins = await datestampOf('twinA');
    // seconds: both ends inclusive
    let h = await harvest('ListIdentifiers', [
      ['metadataPrefix', 'oai_dc'],
      ['from', video],
      ['until', twins],
    ]);
    expect(idsOf(h.headers).sort()).toEqual(between(video, twins));
    expect(idsOf(h.headers)).toContain(oaiId('video'));
    expect(idsOf(h.headers)).toContain(oaiId('twinB'));
    // days: the whole day of until counts
    h = await harvest('ListRecords', [
      ['metadataPrefix', 'oai_dc'],
      ['from', video.slice(0, 10)],
      ['until', twins.slice(0, 10)],
    ]);
    expect(idsOf(h.headers).sort()).toEqual(between(`${video.slice(0, 10)}T00:00:00Z`, `${twins.slice(0, 10)}T23:59:59Z`));
    // only from / only until
    h = await harvest('ListIdentifiers', [
      ['metadataPrefix', 'oai_dc'],
      ['from', '2024-01-21'],
    ]);
    expect(idsOf(h.headers).sort()).toEqual(['w1', 'w2', 'w3'].map(oaiId).sort());
    h = await harvest('ListIdentifiers', [
      ['metadataPrefix', 'oai_dc'],
      ['until', '2024-01-01'],
    ]);
    expect(idsOf(h.headers)).toEqual([oaiId('book')]);
    // nothing in range
    const none = await oai('verb=ListRecords&metadataPrefix=oai_dc&until=2023-12-31T23:59:59Z');
    expect(none.errors).toEqual(['noRecordsMatch']);
    expect(attrsOf(none.request)).toEqual({ '@verb': 'ListRecords', '@metadataPrefix': 'oai_dc', '@until': '2023-12-31T23:59:59Z' });
    // a second before the book's datestamp excludes it; its own second includes it
    const book = await datestampOf('book');
    const before = new Date(new Date(book).getTime() - 1000).toISOString().replace('.000Z', 'Z');
    expect((await oai(`verb=ListIdentifiers&metadataPrefix=oai_dc&until=${before}`)).errors).toEqual(['noRecordsMatch']);
    expect(idsOf((await oai(`verb=ListIdentifiers&metadataPrefix=oai_dc&until=${book}`)).doc.ListIdentifiers.header)).toEqual([
      oaiId('book'),
    ]);
  });

  it('filter by set: kind, organisation (encoded code), the parent sets; unknown sets match nothing', async () => {
    let h = await harvest('ListRecords', [
      ['metadataPrefix', 'oai_dc'],
      ['set', 'kind:book'],
    ]);
    expect(idsOf(h.headers).sort()).toEqual(['book', 'p10', 'w1'].map(oaiId).sort());
    h = await harvest('ListIdentifiers', [
      ['metadataPrefix', 'oai_dc'],
      ['set', 'org:SVH~2FHN~2001'],
    ]);
    expect(idsOf(h.headers).sort()).toEqual(
      visible()
        .filter((s) => s.org === 'B')
        .map((s) => oaiId(s.key))
        .sort(),
    );
    h = await harvest('ListIdentifiers', [
      ['metadataPrefix', 'oai_dc'],
      ['set', `org:${orgCodes.A}`],
      ['from', '2024-01-05'],
    ]);
    expect(idsOf(h.headers).sort()).toEqual(
      visible()
        .filter((s) => s.org === 'A' && s.at >= '2024-01-05')
        .map((s) => oaiId(s.key))
        .sort(),
    );
    for (const parent of ['kind', 'org']) {
      h = await harvest('ListIdentifiers', [
        ['metadataPrefix', 'oai_dc'],
        ['set', parent],
      ]);
      expect(h.headers.length).toBe(visible().length);
    }
    for (const set of ['kind:nope', 'org:NOPE', `org:${orgSetSegment(orgCodes.C!)}`, 'topic:x', 'kind:book:x', 'org:SVH~2fHN']) {
      const r = await oai([
        ['verb', 'ListIdentifiers'],
        ['metadataPrefix', 'oai_dc'],
        ['set', set],
      ]);
      expect(r.errors, set).toEqual(['noRecordsMatch']);
      expect(attrsOf(r.request)['@set']).toBe(set);
    }
  });

  it('keep their place when products are added during a harvest (keyset cursor, not an offset)', async () => {
    const before = visible().map((s) => oaiId(s.key));
    const added: string[] = [];
    const h = await harvest('ListIdentifiers', [['metadataPrefix', 'oai_dc']], async (page) => {
      if (page > 2) return;
      // New products while the harvest runs: their datestamp is now, after everything, so they come at the end.
      for (const k of [`new${page}a`, `new${page}b`]) {
        const s: Spec = { key: k, kind: 'photo', org: 'A', status: 'published', at: new Date().toISOString() };
        specs.push(s);
        ids[k] = await insertProduct(s, []);
        added.push(oaiId(k));
      }
    });
    const got = idsOf(h.headers);
    expect(new Set(got).size).toBe(got.length); // nothing twice
    for (const i of [...before, ...added]) expect(got).toContain(i);
    // completeListSize followed the growth: the last token counts everything.
    expect(h.tokens.at(-1)['@completeListSize']).toBe(String(before.length + added.length));
  });

  it('neither skip nor repeat a record when products are added and changed during a harvest; old tokens stay valid', async () => {
    const start = visible().map((s) => oaiId(s.key));
    const tokensSeen: string[] = [];
    const changed = new Map<string, string>(); // identifier → its datestamp after the change
    const h = await harvest('ListRecords', [['metadataPrefix', 'oai_dc']], async (page) => {
      if (page > 3) return;
      // Inserts and updates committed by another connection between two pages.
      const k = `conc${page}`;
      const s: Spec = { key: k, kind: 'video', org: 'B', status: 'published', at: new Date().toISOString() };
      specs.push(s);
      ids[k] = await insertProduct(s, []);
      // A record not yet harvested (the newest of the start) and one already harvested (the oldest) change now.
      const ahead = visible()[visible().length - 4 - page]!;
      const behind = [...visible()].sort((a, b) => a.at.localeCompare(b.at))[page - 1]!;
      for (const t of [ahead, behind]) {
        await db.execute(sql`update library_products set updated_at = clock_timestamp() where id = ${ids[t.key]!}`);
        changed.set(oaiId(t.key), await datestampOf(t.key));
      }
    });
    expect(h.errors).toEqual([]);
    for (const tok of h.tokens) if (text(tok)) tokensSeen.push(text(tok));
    const seen = h.headers.map((x) => `${x.identifier}@${x.datestamp}`);
    expect(new Set(seen).size).toBe(seen.length); // no record twice with the same datestamp
    const got = new Set(idsOf(h.headers));
    for (const i of start) expect(got).toContain(i); // nothing present at the start is skipped
    for (const k of ['conc1', 'conc2', 'conc3']) expect(got).toContain(oaiId(k)); // nor anything added
    // A record changed during the harvest comes with its new datestamp (at the end, in datestamp order).
    for (const [i, stamp] of changed) expect(h.headers.some((x) => x.identifier === i && x.datestamp === stamp)).toBe(true);
    const stamps = h.headers.map((x) => x.datestamp as string);
    // Only records already harvested before their change come twice (old datestamp, then the new one).
    const twice = idsOf(h.headers).filter((i, n, all) => all.indexOf(i) !== n);
    for (const i of twice) expect(changed.has(i)).toBe(true);
    expect(stamps.slice(-3)).toEqual([...stamps.slice(-3)].sort());
    // Every token given out is still valid afterwards and starts where it started.
    for (const tok of tokensSeen) {
      const r = await oai([
        ['verb', 'ListRecords'],
        ['resumptionToken', tok],
      ]);
      expect(r.errors).toEqual([]);
      expect(r.doc.ListRecords.record.length).toBeGreaterThan(0);
    }
  });
});

describe('errors', () => {
  const noAttributes = (r: { request: X }) => expect(attrsOf(r.request)).toEqual({});

  it('badVerb: missing, unknown, repeated (no attributes echoed)', async () => {
    for (const q of [
      '',
      'foo=bar',
      'verb=ListThings',
      'verb=identify',
      'verb=',
      'verb=Identify&verb=Identify',
      'verb=Identify&verb=ListSets',
    ]) {
      const r = await oai(q);
      expect(r.errors, q).toEqual(['badVerb']);
      noAttributes(r);
    }
  });

  it('badArgument: illegal, repeated, missing, malformed and non-exclusive arguments (no attributes echoed)', async () => {
    const token = encodeToken({
      verb: 'ListRecords',
      metadataPrefix: 'oai_dc',
      after: { at: '2024-01-01T00:00:00.000000Z', id: 1 },
      cursor: 4,
    });
    const cases = [
      'verb=Identify&metadataPrefix=oai_dc',
      'verb=Identify&from=2024-01-01',
      'verb=ListSets&set=kind',
      'verb=ListMetadataFormats&metadataPrefix=oai_dc',
      'verb=ListRecords',
      'verb=ListIdentifiers&from=2024-01-01',
      'verb=GetRecord&metadataPrefix=oai_dc',
      'verb=GetRecord&identifier=oai%3Alocalhost%3Aproduct%2F1',
      'verb=GetRecord&identifier=&metadataPrefix=oai_dc',
      'verb=ListRecords&metadataPrefix=oai_dc&metadataPrefix=oai_dc',
      'verb=ListRecords&metadataPrefix=oai_dc&set=kind&set=org',
      'verb=ListRecords&metadataPrefix=oai_dc&foo=bar',
      'verb=ListRecords&metadataPrefix=oai%20dc',
      'verb=ListRecords&metadataPrefix=oai_dc&set=kind%3A',
      'verb=ListRecords&metadataPrefix=oai_dc&set=a%20b',
      'verb=ListRecords&metadataPrefix=oai_dc&from=2024-13-01',
      'verb=ListRecords&metadataPrefix=oai_dc&from=2024-02-30',
      'verb=ListRecords&metadataPrefix=oai_dc&from=2024-01-01T00%3A00%3A00',
      'verb=ListRecords&metadataPrefix=oai_dc&from=2024-01-01T00%3A00%3A00.5Z',
      'verb=ListRecords&metadataPrefix=oai_dc&from=2024-01-01T00%3A00%3A00%2B07%3A00',
      'verb=ListRecords&metadataPrefix=oai_dc&until=yesterday',
      'verb=ListRecords&metadataPrefix=oai_dc&from=2024-01-02&until=2024-01-01',
      'verb=ListRecords&metadataPrefix=oai_dc&from=2024-01-01T00%3A00%3A01Z&until=2024-01-01T00%3A00%3A00Z',
      'verb=ListRecords&metadataPrefix=oai_dc&from=2024-01-01&until=2024-01-02T00%3A00%3A00Z',
      `verb=ListRecords&resumptionToken=${token}&metadataPrefix=oai_dc`,
      `verb=ListIdentifiers&resumptionToken=${token}&set=kind`,
      'verb=ListRecords&resumptionToken=',
      'verb=Identify&resumptionToken=x',
    ];
    for (const q of cases) {
      const r = await oai(q);
      expect(r.errors, q).toEqual(['badArgument']);
      noAttributes(r);
    }
  });

  it("badResumptionToken: garbled, changed, truncated, or another verb's", async () => {
    const h = await oai('verb=ListRecords&metadataPrefix=oai_dc');
    const good = h.doc.ListRecords.resumptionToken['#text'] as string;
    expect(decodeToken(good, 'ListRecords')).not.toBeNull();
    const flipped = good.slice(0, 5) + (good[5] === 'A' ? 'B' : 'A') + good.slice(6);
    const forged =
      Buffer.from(JSON.stringify({ verb: 'ListRecords', metadataPrefix: 'oai_dc', after: { at: 'x', id: 1 }, cursor: 0 })).toString(
        'base64url',
      ) + '.AAAAAAAAAAAA';
    const sets = (await oai('verb=ListSets')).doc.ListSets.resumptionToken['#text'] as string;
    const cases: [string, string][] = [
      ['ListRecords', 'garbage'],
      ['ListRecords', flipped],
      ['ListRecords', good.slice(0, -3)],
      ['ListRecords', forged],
      ['ListRecords', '%%%<>&"'],
      ['ListIdentifiers', good],
      ['ListSets', good],
      ['ListRecords', sets],
      ['ListSets', encodeToken({ verb: 'ListSets', offset: 10_000 })],
    ];
    for (const [verb, token] of cases) {
      const r = await oai([
        ['verb', verb],
        ['resumptionToken', token],
      ]);
      expect(r.errors, token).toEqual(['badResumptionToken']);
      expect(attrsOf(r.request)).toEqual({ '@verb': verb, '@resumptionToken': token });
    }
    // A token with a character XML cannot carry is not echoed.
    const ctl = await oai([
      ['verb', 'ListRecords'],
      ['resumptionToken', 'a\u0001b'],
    ]);
    expect(ctl.errors).toEqual(['badResumptionToken']);
    expect(attrsOf(ctl.request)).toEqual({ '@verb': 'ListRecords' });
    // The good token still works, on the same verb.
    expect(
      (
        await oai([
          ['verb', 'ListRecords'],
          ['resumptionToken', good],
        ])
      ).errors,
    ).toEqual([]);
  });

  it('cannotDisseminateFormat, idDoesNotExist and noRecordsMatch on the list verbs', async () => {
    for (const verb of ['ListRecords', 'ListIdentifiers']) {
      const r = await oai(`verb=${verb}&metadataPrefix=mods`);
      expect(r.errors).toEqual(['cannotDisseminateFormat']);
      expect(attrsOf(r.request)).toEqual({ '@verb': verb, '@metadataPrefix': 'mods' });
      expect((await oai(`verb=${verb}&metadataPrefix=oai_dc&from=2030-01-01`)).errors).toEqual(['noRecordsMatch']);
    }
  });

  it('every response kind was validated by xmllint', () => {
    for (const k of [
      'Identify',
      'ListMetadataFormats',
      'ListSets',
      'GetRecord',
      'ListIdentifiers',
      'ListRecords',
      'badVerb',
      'badArgument',
      'cannotDisseminateFormat',
      'idDoesNotExist',
      'noRecordsMatch',
      'badResumptionToken',
    ]) {
      expect(validated.has(k), k).toBe(true);
    }
  });
});

describe('HTTP', () => {
  it('answers POST with a form body on the full server, the same as GET', async () => {
    const q = `verb=GetRecord&identifier=${encodeURIComponent(oaiId('book'))}&metadataPrefix=oai_dc`;
    const get = await oai(q, { app: full });
    const post = await oai(q, { app: full, method: 'POST' });
    const strip = (s: string) => s.replace(/<responseDate>[^<]*<\/responseDate>/, '');
    expect(strip(post.body)).toBe(strip(get.body));
    const charset = await full.inject({
      method: 'POST',
      url: '/oai',
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=UTF-8' },
      payload: 'verb=Identify',
    });
    expect(charset.statusCode).toBe(200);
    expect(charset.body).toContain('<Identify>');
    // Arguments in the query string and the body together: a repeat is still a repeat.
    const both = await full.inject({
      method: 'POST',
      url: '/oai?verb=Identify',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'verb=Identify',
    });
    expect(both.body).toContain('code="badVerb"');
    expect((await oai('verb=ListSets&verb=', { app: full, method: 'POST' })).errors).toEqual(['badVerb']);
  });

  it('refuses other POST bodies at /oai, and form bodies stay refused everywhere else', async () => {
    const json = await full.inject({ method: 'POST', url: '/oai', payload: { verb: 'Identify' } });
    expect(json.statusCode).toBe(415);
    const login = await full.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'username=a&password=b',
    });
    expect(login.statusCode).toBe(415);
  });

  it('parses from and until strictly', () => {
    expect(parseUtcBound('2024-02-29')?.granularity).toBe('day');
    expect(parseUtcBound('2023-02-29')).toBeNull();
    expect(parseUtcBound('2024-01-01T24:00:00Z')).toBeNull();
    expect(parseUtcBound('2024-01-01T23:59:59Z')?.end.toISOString()).toBe('2024-01-02T00:00:00.000Z');
  });
});
