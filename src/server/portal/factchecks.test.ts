// The public fact-checking pages: the list (published and corrected; withdrawn listed with a notice; never a claim
// still in review), search and filters, a fact-check with its rating in the reader's language, rationale (with the
// other-language fallback), evidence with the stored text, corrections and ClaimReview JSON-LD (checked field by
// field after JSON.parse); a withdrawn one without JSON-LD; `</script>` in a claim cannot break out; the methodology
// page reads the rating scale; the sitemap lists the pages.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeUser } from '../../../test/factories.js';
import { readSitemap } from '../../../test/sitemap.js';
import { testApp } from '../../../test/test-db.js';
import { COMPLAINT_REPLY_DAYS } from '../../shared/contracts/factcheck.js';
import type { Actor } from '../kernel/audit.js';
import type { Db } from '../kernel/db.js';
import { addItem, linkItem, undoLink } from '../modules/factcheck/factcheck.items.js';
import { addEvidence, createClaim, proposeCorrection, transitionClaim, updateDraft } from '../modules/factcheck/factcheck.service.js';

let app: Awaited<ReturnType<typeof testApp>>['app'];
let db: Db;
let analyst: Actor, reviewer: Actor;
const ids = { published: 0, corrected: 0, withdrawn: 0, drafted: 0, script: 0, enOnly: 0 };

async function actor(role: 'analyst' | 'reviewer'): Promise<Actor> {
  const u = await makeUser(db, role);
  return { userId: u.id, name: u.username, role, organisationId: null, via: 'api' };
}

/** A claim drafted by the analyst, approved and published by the reviewer (the two-person rule). */
async function publish(
  text: string,
  opts: {
    rating?: 'false' | 'partly_false' | 'true' | 'unverifiable';
    vi?: string | null;
    en?: string | null;
    topics?: string[];
    stopAt?: 'drafted';
  } = {},
) {
  const c = await createClaim(db, analyst, { text, topics: opts.topics ?? ['religion'] });
  await transitionClaim(db, analyst, c.id, { to: 'researching' });
  await addEvidence(db, analyst, c.id, {
    url: 'https://vbpl.example/luat-2016',
    title: 'Luật Tín ngưỡng, tôn giáo 2016',
    snapshot: 'Điều 6. Mọi người có quyền tự do tín ngưỡng, tôn giáo.\nĐoạn thứ hai.',
    fetchedAt: '2026-11-10T03:00:00Z',
  });
  await updateDraft(db, analyst, c.id, {
    ratingCode: opts.rating ?? 'false',
    rationaleVi: opts.vi === undefined ? 'Luật năm 2016 vẫn có hiệu lực.' : opts.vi,
    rationaleEn: opts.en === undefined ? 'The 2016 law is in force.' : opts.en,
  });
  await transitionClaim(db, analyst, c.id, { to: 'drafted' });
  if (opts.stopAt === 'drafted') return c.id;
  await transitionClaim(db, reviewer, c.id, { to: 'approved' });
  await transitionClaim(db, reviewer, c.id, { to: 'published' });
  return c.id;
}

beforeAll(async () => {
  const t = await testApp();
  app = t.app;
  db = t.db;
  analyst = await actor('analyst');
  reviewer = await actor('reviewer');
  ids.published = await publish('Việt Nam cấm mọi hoạt động tôn giáo từ năm 2026', { topics: ['religion'] });
  // Where it appeared: one item linked (confirmed), one linked then undone (not an appearance).
  const seen = await addItem(db, analyst, {
    text: 'Nóng: Việt Nam cấm mọi hoạt động tôn giáo từ năm 2026, chia sẻ ngay',
    url: 'https://social.example/post/1',
    platform: 'facebook',
    publishedAt: '2026-11-11T09:00:00+07:00',
  });
  await linkItem(db, analyst, seen.id, { claimId: ids.published });
  const later = await addItem(db, analyst, {
    text: 'Tin đồn: cấm tôn giáo ở Việt Nam từ năm 2026',
    url: 'https://video.example/v/2',
    platform: 'youtube',
    publishedAt: '2026-11-12T09:00:00+07:00',
  });
  await linkItem(db, analyst, later.id, { claimId: ids.published });
  const undone = await addItem(db, analyst, { text: 'Một bài khác không liên quan', url: 'https://undone.example/x', platform: 'web' });
  const l = await linkItem(db, analyst, undone.id, { claimId: ids.published });
  await undoLink(db, analyst, l.id);

  ids.corrected = await publish('Báo chí nước ngoài bị cấm hoàn toàn tại Việt Nam', { topics: ['press_freedom'] });
  await proposeCorrection(db, analyst, ids.corrected, {
    ratingCode: 'partly_false',
    note: 'Một số cơ quan báo chí nước ngoài có văn phòng thường trú; đã sửa kết luận.',
  });
  await transitionClaim(db, reviewer, ids.corrected, { to: 'corrected' });
  ids.withdrawn = await publish('Tin cũ đã rút lại về quyền lao động', { topics: ['labour'] });
  await transitionClaim(db, reviewer, ids.withdrawn, { to: 'withdrawn', reason: 'Nguồn chính đã được cập nhật; bài không còn chính xác.' });
  ids.drafted = await publish('Nhận định còn đang duyệt, chưa công bố', { stopAt: 'drafted' });
  ids.script = await publish('Claim with </script><script>alert(1)</script> inside & more', { rating: 'unverifiable' });
  ids.enOnly = await publish('English-only rationale claim about education rights', {
    rating: 'true',
    vi: null,
    en: 'Only an English rationale exists.',
    topics: ['education'],
  });
});

const get = (url: string) => app.inject({ method: 'GET', url });
/** The page's JSON-LD graph nodes. */
function ldNodes(body: string): Record<string, unknown>[] {
  const blocks = [...body.matchAll(/<script type="application\/ld\+json">(.*?)<\/script>/gs)].map((m) => JSON.parse(m[1]!));
  return blocks.flatMap((b) => b['@graph'] ?? [b]);
}

describe('the public list of fact-checks', () => {
  it('lists published, corrected and withdrawn fact-checks (with a notice), never one still in review', async () => {
    const res = await get('/kiem-chung');
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain('sẽ sớm ra mắt');
    expect(res.body).toContain(`href="/kiem-chung/${ids.published}"`);
    expect(res.body).toContain(`href="/kiem-chung/${ids.corrected}"`);
    expect(res.body).toContain(`href="/kiem-chung/${ids.withdrawn}"`);
    expect(res.body).not.toContain('Nhận định còn đang duyệt');
    expect(res.body).toContain('Bài kiểm chứng này đã được rút lại ngày');
    expect(res.body).toContain('Sai sự thật');
    expect(res.body).toContain('href="/kiem-chung/phuong-phap"');
    expect(res.body).toContain('href="/kiem-chung/gui-tin"');
    expect(res.body).not.toMatch(/<script(?![^>]*application\/ld\+json)/);
  });

  it('searches without diacritics and filters by rating and topic, in English too', async () => {
    const q = await get('/kiem-chung?q=ton%20giao');
    expect(q.body).toContain(`href="/kiem-chung/${ids.published}"`);
    expect(q.body).not.toContain(`href="/kiem-chung/${ids.corrected}"`);
    const rating = await get('/en/fact-checks?rating=partly_false');
    expect(rating.body).toContain('1 fact-check<');
    expect(rating.body).toContain(`href="/en/fact-checks/${ids.corrected}"`);
    expect(rating.body).toContain('Partly false');
    const topic = await get('/en/fact-checks?topic=education');
    expect(topic.body).toContain(`href="/en/fact-checks/${ids.enOnly}"`);
    expect(topic.body).not.toContain(`href="/en/fact-checks/${ids.published}"`);
    const none = await get('/en/fact-checks?q=zzzz-nothing');
    expect(none.body).toContain('No fact-check matches the filters.');
  });
});

describe('a fact-check page', () => {
  it("shows the claim, the rating in the reader's language, the rationale, every source with its stored text", async () => {
    const vi = await get(`/kiem-chung/${ids.published}`);
    expect(vi.statusCode).toBe(200);
    expect(vi.body).toContain('Việt Nam cấm mọi hoạt động tôn giáo từ năm 2026');
    expect(vi.body).toContain('>Sai sự thật</strong>');
    expect(vi.body).toContain('Luật năm 2016 vẫn có hiệu lực.');
    expect(vi.body).toContain(
      '<a href="https://vbpl.example/luat-2016" rel="nofollow noopener noreferrer">Luật Tín ngưỡng, tôn giáo 2016</a>',
    );
    expect(vi.body).toMatch(
      /<details><summary>Văn bản được lưu làm căn cứ<\/summary><blockquote[^>]*>Điều 6\. Mọi người có quyền tự do tín ngưỡng, tôn giáo\.\nĐoạn thứ hai\.<\/blockquote><\/details>/,
    );
    expect(vi.body).toContain('Truy cập ngày <time dateTime="2026-11-10T03:00:00.000Z">10/11/2026</time>');
    // A complaint form on the page, pointing at the complaints route with the claim.
    expect(vi.body).toContain('action="/kiem-chung/khieu-nai"');
    expect(vi.body).toContain(`name="claimId" value="${ids.published}"`);
    const en = await get(`/en/fact-checks/${ids.published}`);
    expect(en.body).toContain('>False</strong>');
    expect(en.body).toContain('The 2016 law is in force.');
  });

  it('opens with a verdict panel coloured by its rating (a distinct colour each, true never red); appearances collapsed', async () => {
    const panel = async (id: number, lang: 'vi' | 'en' = 'en') =>
      /<section class="(verdict [^"]+)"[^>]*data-testid="fc-verdict"/.exec(
        (await get(lang === 'vi' ? `/kiem-chung/${id}` : `/en/fact-checks/${id}`)).body,
      )?.[1];
    expect(await panel(ids.published)).toBe('verdict verdict-false');
    expect(await panel(ids.corrected)).toBe('verdict verdict-partly_false');
    expect(await panel(ids.enOnly)).toBe('verdict verdict-true');
    expect(await panel(ids.script, 'vi')).toBe('verdict verdict-unverifiable');
    // The panel comes before the rationale; it says what the rating means.
    const en = (await get(`/en/fact-checks/${ids.published}`)).body;
    expect(en.indexOf('data-testid="fc-verdict"')).toBeLessThan(en.indexOf('id="fc-rationale-h"'));
    expect(en).toContain('<p class="verdict-meaning">The claim contradicts the verified facts.</p>');
    // On the English page the Vietnamese claim is marked as Vietnamese.
    expect(en).toMatch(/<h1 lang="vi">Việt Nam cấm mọi hoạt động tôn giáo từ năm 2026<\/h1>/);
    // Where it appeared: folded away in a <details>, with how many.
    expect(en).toMatch(
      /<h2 id="fc-appear-h">Where the claim appeared<\/h2><details><summary>Show the 2 places where it appeared<\/summary>/,
    );
    // Each rating has its own colour in the stylesheet, and "true" is not the red of "false".
    const css = readFileSync(new URL('./portal.css', import.meta.url), 'utf8');
    const colour = (code: string) => new RegExp(`\\.rating-${code}[^{]*\\{ color: (#[0-9a-f]{6}); \\}`).exec(css)?.[1];
    const colours = ['false', 'partly_false', 'missing_context', 'true', 'unverifiable'].map(colour);
    expect(colours.every(Boolean)).toBe(true);
    expect(new Set(colours).size).toBe(5);
    expect(colour('true')).not.toBe(colour('false'));
  });

  it("falls back to the other language's rationale with a note", async () => {
    const vi = await get(`/kiem-chung/${ids.enOnly}`);
    expect(vi.body).toContain('Chưa có bản tiếng Việt; dưới đây là bản tiếng Anh.');
    expect(vi.body).toContain('<p class="fc-text" lang="en">Only an English rationale exists.</p>');
    const en = await get(`/en/fact-checks/${ids.enOnly}`);
    expect(en.body).not.toContain('No English version yet');
  });

  it('carries ClaimReview JSON-LD with the rating, author, dates and the appearances of linked items', async () => {
    const res = await get(`/en/fact-checks/${ids.published}`);
    const review = ldNodes(res.body).find((n) => n['@type'] === 'ClaimReview') as Record<string, any>;
    expect(review).toBeDefined();
    expect(review.url).toBe(`http://localhost:3000/en/fact-checks/${ids.published}`);
    expect(review.claimReviewed).toBe('Việt Nam cấm mọi hoạt động tôn giáo từ năm 2026');
    expect(review.datePublished).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(review.dateModified).toBeUndefined();
    expect(review.inLanguage).toBe('en');
    expect(review.author).toMatchObject({ '@type': 'Organization' });
    expect(review.author.name).toContain('Fact-checks');
    expect(review.reviewRating).toEqual({ '@type': 'Rating', ratingValue: 1, bestRating: 5, worstRating: 1, alternateName: 'False' });
    expect(review.itemReviewed['@type']).toBe('Claim');
    expect(review.itemReviewed.appearance.map((a: { url: string }) => a.url)).toEqual([
      'https://social.example/post/1',
      'https://video.example/v/2',
    ]);
    expect(review.itemReviewed.appearance[0]['@type']).toBe('CreativeWork');
    expect(review.itemReviewed.firstAppearance).toMatchObject({ '@type': 'CreativeWork', url: 'https://social.example/post/1' });
    expect(res.body).not.toContain('undone.example');
  });

  it('shows the correction history and dates the change in the JSON-LD', async () => {
    const res = await get(`/kiem-chung/${ids.corrected}`);
    expect(res.body).toContain('Lịch sử đính chính');
    expect(res.body).toContain('Phiên bản 2');
    expect(res.body).toContain('Kết luận: Sai sự thật → Sai một phần');
    expect(res.body).toContain('Một số cơ quan báo chí nước ngoài có văn phòng thường trú; đã sửa kết luận.');
    const review = ldNodes(res.body).find((n) => n['@type'] === 'ClaimReview') as Record<string, any>;
    expect(review.dateModified).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(review.reviewRating).toMatchObject({ ratingValue: 2, alternateName: 'Partly false' });
    expect(review.inLanguage).toBe('vi');
  });

  it('a withdrawn fact-check stays readable with its reason, without any JSON-LD and not indexed', async () => {
    const res = await get(`/kiem-chung/${ids.withdrawn}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Nguồn chính đã được cập nhật; bài không còn chính xác.');
    expect(res.body).toContain('Đã rút lại');
    expect(res.body).not.toContain('application/ld+json');
    expect(res.body).toContain('<meta name="robots" content="noindex"/>');
  });

  it('a claim not yet published, unknown ids and bad ids are 404 on the portal', async () => {
    for (const url of [
      `/kiem-chung/${ids.drafted}`,
      `/en/fact-checks/${ids.drafted}`,
      '/kiem-chung/99999999',
      '/kiem-chung/abc',
      '/en/fact-checks/0',
    ]) {
      const r = await get(url);
      expect(r.statusCode, url).toBe(404);
      expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(r.body).not.toContain('Nhận định còn đang duyệt');
    }
  });

  it('escapes </script> in the JSON-LD: the text cannot break out, and parses back intact', async () => {
    const res = await get(`/en/fact-checks/${ids.script}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain('<script>alert(1)');
    expect(res.body.match(/<script/g)).toHaveLength(1);
    const review = ldNodes(res.body).find((n) => n['@type'] === 'ClaimReview') as Record<string, any>;
    expect(review.claimReviewed).toBe('Claim with </script><script>alert(1)</script> inside & more');
    // Unverifiable is not on the 1–5 scale: no ratingValue, the scale and the name stay.
    expect(review.reviewRating).toEqual({ '@type': 'Rating', bestRating: 5, worstRating: 1, alternateName: 'Unverifiable' });
    expect(review.itemReviewed).toEqual({ '@type': 'Claim' });
  });
});

describe('methodology, forms and sitemap', () => {
  it('the methodology page reads the rating scale and states the rules, in both languages', async () => {
    const vi = await get('/kiem-chung/phuong-phap');
    expect(vi.statusCode).toBe(200);
    for (const label of ['Sai sự thật', 'Sai một phần', 'Thiếu bối cảnh', 'Đúng sự thật', 'Không thể kiểm chứng'])
      expect(vi.body).toContain(label);
    expect(vi.body).toContain(`trong vòng ${COMPLAINT_REPLY_DAYS} ngày`);
    expect(vi.body).toContain('người duyệt khác với tác giả dự thảo');
    const en = await get('/en/fact-checks/methodology');
    expect(en.body).toContain(`within ${COMPLAINT_REPLY_DAYS} days`);
    expect(en.body).toContain('We store no author identity');
    expect(en.body).toMatch(
      /<th scope="row">False <span class="note" lang="en">\(False\)<\/span><\/th><td>[^<]+<\/td><td>Yes<\/td><td>1<\/td>/,
    );
    expect(en.body).toMatch(
      /<th scope="row">True <span class="note" lang="en">\(True\)<\/span><\/th><td>[^<]+<\/td><td>No<\/td><td>5<\/td>/,
    );
  });

  it('serves the submission and complaint forms without JavaScript, never cached', async () => {
    for (const url of ['/kiem-chung/gui-tin', '/en/fact-checks/submit', '/kiem-chung/khieu-nai', '/en/fact-checks/complaints']) {
      const r = await get(url);
      expect(r.statusCode, url).toBe(200);
      expect(r.body).toContain('method="post"');
      expect(r.body).toMatch(/name="token" value="\d+\.[\w-]{43}"/);
      expect(r.body).toContain('name="website"');
      expect(r.headers['cache-control']).toBe('private, no-store');
      expect(r.body).not.toMatch(/<script(?![^>]*application\/ld\+json)/);
    }
    // A fact-check's page carries the complaint form: kept by no shared cache either.
    const page = await get(`/kiem-chung/${ids.published}`);
    expect(page.body).toMatch(/name="token" value="\d+\.[\w-]{43}"/);
    expect(page.headers['cache-control']).toBe('private, no-store');
  });

  it("lists the desk's pages and the public fact-checks (not withdrawn, not drafts) in the sitemap", async () => {
    const res = await readSitemap(get);
    expect(res.body).toContain('<loc>http://localhost:3000/kiem-chung/phuong-phap</loc>');
    expect(res.body).toContain('<loc>http://localhost:3000/en/fact-checks/methodology</loc>');
    expect(res.body).toContain(`<loc>http://localhost:3000/kiem-chung/${ids.published}</loc>`);
    expect(res.body).toContain(`<loc>http://localhost:3000/en/fact-checks/${ids.corrected}</loc>`);
    expect(res.body).not.toContain(`/kiem-chung/${ids.withdrawn}</loc>`);
    expect(res.body).not.toContain(`/kiem-chung/${ids.drafted}</loc>`);
  });
});
