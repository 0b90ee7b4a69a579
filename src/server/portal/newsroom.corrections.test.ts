// What the public sees of a correction that changed the text: the item page shows the corrected title, summary
// and body, and a Correction box with each correction's date, note and changed fields and the previous title, never
// who made it; the RSS, Atom and JSON feeds carry the corrected title, and their updated dates are the correction's.
import { XMLParser } from 'fast-xml-parser';
import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeOrg } from '../../../test/factories.js';
import { testApp } from '../../../test/test-db.js';
import type { Actor } from '../kernel/audit.js';
import type { Db } from '../kernel/db.js';
import { correctPressItem, createPressItem, publishPressItem } from '../modules/press/press.service.js';

let app: FastifyInstance;
let db: Db;
let base: string;
let org: number;
let id: number;
const corrector: Actor = { userId: null, name: 'Nguyễn Thị Người Sửa', role: 'system', organisationId: null, via: 'seed' };
const OLD = 'Thông cáo về 12 trường hợp trợ giúp pháp lý';
const NEW = 'Thông cáo về 21 trường hợp trợ giúp pháp lý';
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => ['item', 'entry'].includes(name) });
const get = (url: string) => app.inject({ method: 'GET', url });

beforeAll(async () => {
  const t = await testApp({ BASE_URL: 'https://rightshub.example.vn' });
  app = t.app;
  db = t.db;
  base = t.config.baseUrl;
  org = (await makeOrg(db, { nameVi: 'Sở Tư pháp thử đính chính', kind: 'provincial_department', isStateAdminAgency: true })).id;
  const i = await createPressItem(db, corrector, {
    kind: 'press_release',
    organisationId: org,
    title: OLD,
    summary: 'Tóm tắt cũ',
    bodyHtml: '<p>Nội dung cũ: 12 trường hợp</p>',
  });
  await publishPressItem(db, corrector, i.id, { publishedAt: '2026-03-01T02:00:00Z' });
  await correctPressItem(
    db,
    corrector,
    i.id,
    { note: 'Sửa số trường hợp từ 12 thành 21', title: NEW, summary: 'Tóm tắt mới', bodyHtml: '<p>Nội dung mới: 21 trường hợp</p>' },
    new Date('2026-03-02T03:00:00Z'),
  );
  await correctPressItem(db, corrector, i.id, { note: 'Bổ sung nguồn số liệu' }, new Date('2026-03-05T03:00:00Z'));
  id = i.id;
});

describe('a corrected item in the newsroom', () => {
  it('shows the corrected text and a Correction box with dates, notes, changed fields and the previous title', async () => {
    const vi = await get(`/tin-tuc/${id}`);
    expect(vi.statusCode).toBe(200);
    expect(vi.body).toContain(`<h1 id="item-title">${NEW}</h1>`);
    expect(vi.body).toContain('<p class="lead">Tóm tắt mới</p>');
    expect(vi.body).toContain('<p>Nội dung mới: 21 trường hợp</p>');
    expect(vi.body).not.toContain('Nội dung cũ');
    expect(vi.body).not.toContain('Tóm tắt cũ');
    const box = /<section class="corrections"[^>]*>(.*?)<\/section>/s.exec(vi.body)![1];
    expect(box).toContain('<h2 id="corrections-h">Đính chính</h2>');
    expect(box).toContain('Đính chính ngày <time dateTime="2026-03-02T03:00:00.000Z">02/03/2026, 10:00 (giờ Việt Nam)</time>');
    expect(box).toContain('Sửa số trường hợp từ 12 thành 21');
    expect(box).toContain('Phần được sửa: tiêu đề, tóm tắt, nội dung');
    expect(box).toContain(`Tiêu đề trước khi đính chính: <q>${OLD}</q>`);
    expect(box).toContain('Bổ sung nguồn số liệu');
    expect(box.match(/Phần được sửa/g)).toHaveLength(1);
    // Never the person who corrected.
    expect(vi.body).not.toContain('Người Sửa');
    const en = await get(`/en/news/${id}`);
    const enBox = /<section class="corrections"[^>]*>(.*?)<\/section>/s.exec(en.body)![1];
    expect(enBox).toContain('<h2 id="corrections-h">Corrections</h2>');
    expect(enBox).toContain('Corrected on <time dateTime="2026-03-02T03:00:00.000Z">2 March 2026, 10:00 (Viet Nam time)</time>');
    expect(enBox).toContain('Changed: title, summary, body');
    expect(enBox).toContain(`Title before the correction: <q lang="vi">${OLD}</q>`);
    expect(en.body).not.toContain('Người Sửa');
    // The JSON-LD headline is the corrected one, modified at the last correction.
    const ld = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/s.exec(vi.body)![1]);
    expect(ld['@graph'].find((n: { '@type': string }) => n['@type'] === 'NewsArticle')).toMatchObject({
      headline: NEW,
      dateModified: '2026-03-05T03:00:00.000Z',
    });
  });

  it('lists the corrected title in the newsroom search and the feeds, updated at the correction', async () => {
    expect((await get('/tin-tuc?q=21%20truong%20hop')).body).toContain(`href="/tin-tuc/${id}"`);
    const url = `${base}/tin-tuc/${id}`;
    const rss = parser.parse((await get(`/tin-tuc/rss.xml?org=${org}`)).body).rss.channel;
    const ri = rss.item.find((x: { link: string }) => x.link === url);
    expect(ri.title).toBe(NEW);
    expect(ri.description).toBe('<p>Nội dung mới: 21 trường hợp</p>');
    expect(rss.lastBuildDate).toBe(new Date('2026-03-05T03:00:00Z').toUTCString());
    const atom = parser.parse((await get(`/tin-tuc/atom.xml?org=${org}`)).body).feed;
    const ae = atom.entry.find((x: { id: string }) => x.id === url);
    expect(ae.title['#text']).toBe(NEW);
    expect(ae.published).toBe('2026-03-01T02:00:00.000Z');
    expect(ae.updated).toBe('2026-03-05T03:00:00.000Z');
    expect(atom.updated).toBe('2026-03-05T03:00:00.000Z');
    const json = JSON.parse((await get(`/tin-tuc/feed.json?org=${org}`)).body);
    expect(json.items.find((x: { id: string }) => x.id === url)).toMatchObject({
      title: NEW,
      date_published: '2026-03-01T02:00:00.000Z',
      date_modified: '2026-03-05T03:00:00.000Z',
    });
    for (const f of ['rss.xml', 'atom.xml', 'feed.json']) {
      const body = (await get(`/tin-tuc/${f}?org=${org}`)).body;
      expect(body, f).not.toContain(OLD);
      expect(body, f).not.toContain('Người Sửa');
    }
  });
});
