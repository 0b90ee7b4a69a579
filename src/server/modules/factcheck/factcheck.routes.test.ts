// The fact-checking API as a signed-in desk uses it: an analyst researches and drafts, cannot approve (403), a second
// person (a reviewer) approves and publishes; a correction's author cannot approve it; an item arrives and is linked automatically, the link is undone; a file
// of items; the on-topic rules; signed out nothing is readable; every route is in the OpenAPI document.
import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeUser, TEST_PASSWORD } from '../../../../test/factories.js';
import { signIn, testApp, type Session } from '../../../../test/test-db.js';

let app: FastifyInstance;
let analyst: Session, reviewer: Session;

function multipart(buf: Buffer, filename: string) {
  const boundary = '----rh' + Math.random().toString(16).slice(2);
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    buf,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

beforeAll(async () => {
  const t = await testApp();
  app = t.app;
  const a = await makeUser(t.db, 'analyst');
  const r = await makeUser(t.db, 'reviewer');
  analyst = await signIn(app, a.username, TEST_PASSWORD);
  reviewer = await signIn(app, r.username, TEST_PASSWORD);
});

const call = (s: Session | null, method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
  app.inject({ method, url, headers: s?.headers ?? {}, ...(payload !== undefined ? { payload: payload as object } : {}) });

describe('the fact-checking API', () => {
  it('draft by one person, approval and publication by another; an item is linked and the link undone', async () => {
    const created = await call(analyst, 'POST', '/api/factcheck/claims', {
      text: 'Việt Nam cấm mọi hoạt động tôn giáo từ năm 2026',
      topics: ['religion'],
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as number;
    expect(created.json()).toMatchObject({ status: 'new', language: 'vi', next: ['researching'] });
    expect((await call(analyst, 'POST', `/api/factcheck/claims/${id}/transition`, { to: 'researching' })).statusCode).toBe(200);
    const ev = await call(analyst, 'POST', `/api/factcheck/claims/${id}/evidence`, {
      url: 'https://vbpl.example/luat-2016',
      title: 'Luật Tín ngưỡng, tôn giáo 2016',
      snapshot: 'Điều 6. Quyền tự do tín ngưỡng, tôn giáo của mọi người.',
      fetchedAt: '2026-11-10',
    });
    expect(ev.statusCode).toBe(201);
    expect(
      (await call(analyst, 'PATCH', `/api/factcheck/claims/${id}`, { ratingCode: 'false', rationaleVi: 'Luật năm 2016 vẫn có hiệu lực.' }))
        .statusCode,
    ).toBe(200);
    expect((await call(analyst, 'POST', `/api/factcheck/claims/${id}/transition`, { to: 'drafted' })).json().status).toBe('drafted');
    const own = await call(analyst, 'POST', `/api/factcheck/claims/${id}/transition`, { to: 'approved' });
    expect(own.statusCode).toBe(403);
    expect((await call(reviewer, 'POST', `/api/factcheck/claims/${id}/transition`, { to: 'approved' })).statusCode).toBe(200);
    const pub = await call(reviewer, 'POST', `/api/factcheck/claims/${id}/transition`, { to: 'published' });
    expect(pub.json()).toMatchObject({ status: 'published', version: 1 });
    expect((await call(reviewer, 'POST', `/api/factcheck/claims/${id}/transition`, { to: 'drafted' })).statusCode).toBe(409);
    // A correction: proposed by the reviewer, who then cannot approve it (403); the analyst may not approve at all.
    const proposed = await call(reviewer, 'POST', `/api/factcheck/claims/${id}/correction`, {
      ratingCode: 'partly_false',
      note: 'Một số hoạt động bị hạn chế tại địa phương.',
    });
    expect(proposed.statusCode, proposed.body).toBe(200);
    expect(proposed.json().pendingCorrection).toMatchObject({ version: 2, ratingCode: 'partly_false' });
    expect((await call(reviewer, 'POST', `/api/factcheck/claims/${id}/transition`, { to: 'corrected' })).statusCode).toBe(403);
    expect((await call(analyst, 'POST', `/api/factcheck/claims/${id}/transition`, { to: 'corrected' })).statusCode).toBe(403);
    expect((await call(analyst, 'DELETE', `/api/factcheck/claims/${id}/correction`)).statusCode).toBe(403);
    expect((await call(reviewer, 'DELETE', `/api/factcheck/claims/${id}/correction`)).json().pendingCorrection).toBeNull();

    const item = await call(analyst, 'POST', '/api/factcheck/items', {
      text: 'Nóng: Việt Nam cấm mọi hoạt động tôn giáo từ năm 2026, chia sẻ ngay',
      platform: 'facebook',
      publishedAt: '2026-11-11T09:00:00+07:00',
    });
    expect(item.statusCode).toBe(201);
    const link = item.json().links[0];
    expect(link).toMatchObject({ claimId: id, status: 'auto' });
    expect((await call(analyst, 'POST', `/api/factcheck/links/${link.id}/undo`)).json().status).toBe('undone');
    expect((await call(analyst, 'POST', `/api/factcheck/items/${item.json().id}/links`, { claimId: id })).json()).toMatchObject({
      status: 'confirmed',
    });
    expect((await call(analyst, 'GET', '/api/factcheck/claims?status=published')).json().rows.map((c: { id: number }) => c.id)).toEqual([
      id,
    ]);
    expect((await call(analyst, 'GET', '/api/factcheck/ratings')).json()).toHaveLength(5);
  });

  it('items from a file (all or nothing, 422 with every bad row) and a person deciding what the rules could not', async () => {
    const bad = multipart(Buffer.from('text,platform\nNhân quyền Việt Nam,nowhere\n'), 'items.csv');
    const r = await app.inject({
      method: 'POST',
      url: '/api/factcheck/items/import',
      headers: { ...analyst.headers, ...bad.headers },
      payload: bad.payload,
    });
    expect(r.statusCode).toBe(422);
    expect(r.json().error.details).toEqual([expect.objectContaining({ row: 2, field: 'platform' })]);
    const good = multipart(
      Buffer.from('{"text":"A world report on human rights this year"}\n{"text":"Nhân quyền ở Việt Nam"}\n'),
      'items.jsonl',
    );
    const ok = await app.inject({
      method: 'POST',
      url: '/api/factcheck/items/import',
      headers: { ...analyst.headers, ...good.headers },
      payload: good.payload,
    });
    expect(ok.json()).toMatchObject({ created: 2, unsure: 1 });
    const unsure = (await call(analyst, 'GET', '/api/factcheck/items?onTopic=unsure')).json().rows;
    const world = unsure.find((i: { text: string }) => i.text === 'A world report on human rights this year');
    expect(unsure.some((i: { text: string }) => i.text === 'Nhân quyền ở Việt Nam')).toBe(false);
    const d = await call(analyst, 'POST', `/api/factcheck/items/${world.id}/topic`, { onTopic: false });
    expect(d.json()).toMatchObject({ onTopic: 'no', onTopicBy: 'person' });
  });

  it('?mode=valid imports the valid rows and answers with the rejected ones as a file; an unknown mode is refused', async () => {
    const file = multipart(Buffer.from('text,platform\nMột bài viết hợp lệ về quyền của người khuyết tật,web\n,web\n'), 'mixed.csv');
    const r = await app.inject({
      method: 'POST',
      url: '/api/factcheck/items/import?mode=valid',
      headers: { ...analyst.headers, ...file.headers },
      payload: file.payload,
    });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({
      created: 1,
      rejected: 1,
      problems: [{ row: 3, field: 'text' }],
      rejectedFile: { name: 'mixed.rejected.csv' },
    });
    const back = Buffer.from(r.json().rejectedFile.base64, 'base64').toString('utf8');
    expect(back).toMatch(/^\uFEFFtext,platform,error\r\n,web,"?Dòng 3 — text: bài đăng trống/);
    const again = multipart(Buffer.from('text\nMột bài\n'), 'x.csv');
    const bad = await app.inject({
      method: 'POST',
      url: '/api/factcheck/items/import?mode=some',
      headers: { ...analyst.headers, ...again.headers },
      payload: again.payload,
    });
    expect(bad.statusCode).toBe(400);
  });

  it('on-topic rules: read by all, edited by a reviewer', async () => {
    expect((await call(analyst, 'GET', '/api/factcheck/topic-rules')).json().length).toBeGreaterThan(10);
    const rule = { kind: 'subject', phrase: 'quyền biểu tình', language: 'vi', topic: 'assembly' };
    expect((await call(analyst, 'POST', '/api/factcheck/topic-rules', rule)).statusCode).toBe(403);
    const c = await call(reviewer, 'POST', '/api/factcheck/topic-rules', rule);
    expect(c.statusCode).toBe(201);
    expect(
      (await call(reviewer, 'PUT', `/api/factcheck/topic-rules/${c.json().id}`, { ...rule, phrase: 'tự do hội họp' })).json().phrase,
    ).toBe('tự do hội họp');
    expect((await call(reviewer, 'DELETE', `/api/factcheck/topic-rules/${c.json().id}`)).statusCode).toBe(204);
  });

  it('"test a text": the verdict an item with that text would get, with the rules that decided', async () => {
    const rules = (await call(analyst, 'GET', '/api/factcheck/topic-rules')).json() as { id: number; kind: string; phrase: string }[];
    const yes = await call(analyst, 'POST', '/api/factcheck/topic-rules/test', { text: 'Nhân quyền ở Việt Nam' });
    expect(yes.statusCode).toBe(200);
    expect(yes.json().onTopic).toBe('yes');
    const hit = rules.filter((r) => yes.json().ruleIds.includes(r.id));
    expect(hit.map((r) => r.kind).sort()).toEqual(expect.arrayContaining(['place', 'subject']));
    expect(
      (await call(analyst, 'POST', '/api/factcheck/topic-rules/test', { text: 'A world report on human rights this year' })).json().onTopic,
    ).toBe('unsure');
    expect((await call(analyst, 'POST', '/api/factcheck/topic-rules/test', { text: 'Giá vàng hôm nay tăng nhẹ' })).json()).toEqual({
      onTopic: 'no',
      topics: [],
      ruleIds: [],
      why: { reason: 'none', terms: [] },
    });
    expect((await call(null, 'POST', '/api/factcheck/topic-rules/test', { text: 'Nhân quyền ở Việt Nam' })).statusCode).toBe(401);
  });

  it('nothing without signing in; every route documented', async () => {
    expect((await call(null, 'GET', '/api/factcheck/items')).statusCode).toBe(401);
    expect((await call(null, 'GET', '/api/factcheck/claims')).statusCode).toBe(401);
    const paths = Object.keys((await app.inject({ method: 'GET', url: '/api/docs/json' })).json().paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/factcheck/claims',
        '/api/factcheck/claims/{id}/transition',
        '/api/factcheck/items',
        '/api/factcheck/items/import',
        '/api/factcheck/links/{id}/undo',
        '/api/factcheck/topic-rules',
        '/api/factcheck/topic-rules/test',
      ]),
    );
  });
});
