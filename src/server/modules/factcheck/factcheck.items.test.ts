// Monitored items on a real database: on-topic rules the office edits (factcheck.topic.ts; unsure → a person),
// exact and near-duplicate groups, matching against the claims (suggested; automatic only at 8 words or more; any link
// undone), and bulk files (CSV, Excel, JSON Lines) written all or nothing with every bad row named.
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeUser } from '../../../../test/factories.js';
import { testDatabase } from '../../../../test/test-db.js';
import type { Actor } from '../../kernel/audit.js';
import { rows, type Db } from '../../kernel/db.js';
import { ITEM_MATCH_CHARS } from '../../../shared/contracts/factcheck.js';
import { importItems } from './factcheck.import.js';
import {
  addItem,
  claimIndex,
  confirmLink,
  recordHandlingAction,
  createTopicRule,
  decideItemTopic,
  deleteTopicRule,
  getItem,
  judgeTopic,
  linkItem,
  listItems,
  listTopicRules,
  undoLink,
  updateTopicRule,
} from './factcheck.items.js';
import { AUTO_LINK_THRESHOLD, buildClaimIndex, match } from './factcheck.matcher.js';
import { createClaim, transitionClaim, updateDraft } from './factcheck.service.js';

let db: Db;
let analyst: Actor, reviewer: Actor, viewer: Actor;
let religion: number, language: number, journalists: number;

async function actor(role: 'analyst' | 'reviewer' | 'viewer'): Promise<Actor> {
  const u = await makeUser(db, role);
  return { userId: u.id, name: u.username, role, organisationId: null, via: 'api' };
}
const failure = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    return e as { code: string; message: string; details?: { row?: number; field: string; message: string }[] };
  }
  throw new Error('expected a failure');
};
const count = async () => Number((await rows<{ n: string }>(db, sql`select count(*)::text as n from fc_items`))[0]!.n);

beforeAll(async () => {
  db = (await testDatabase()).db;
  [analyst, reviewer, viewer] = [await actor('analyst'), await actor('reviewer'), await actor('viewer')];
  religion = (await createClaim(db, analyst, { text: 'Việt Nam cấm mọi hoạt động tôn giáo từ năm 2026', topics: ['religion'] })).id;
  language = (await createClaim(db, analyst, { text: 'Học sinh dân tộc thiểu số bị cấm học tiếng mẹ đẻ ở trường' })).id;
  journalists = (await createClaim(db, analyst, { text: 'Vietnam arrested 500 journalists in 2025' })).id;
  const gone = await createClaim(db, analyst, { text: 'Giá vàng Việt Nam bị cấm niêm yết từ năm 2026' });
  await db.execute(sql`update fc_claims set status = 'withdrawn' where id = ${gone.id}`);
});

describe('on-topic rules', () => {
  it('the office reads and edits them; matching ignores diacritics and needs whole words', async () => {
    const rules = await listTopicRules(db);
    expect(rules.some((r) => r.kind === 'subject' && r.phrase === 'nhân quyền')).toBe(true);
    const rule = (kind: 'subject' | 'place' | 'exclude', phrase: string, topic: string | null = null) => ({
      id: 0,
      kind,
      phrase,
      language: 'vi',
      topic,
      accents: false,
    });
    const r = [
      rule('subject', 'nhân quyền', 'human_rights'),
      rule('place', 'Việt Nam'),
      rule('place', 'TP.HCM'),
      rule('exclude', 'xổ số'),
      rule('subject', 'human rights', 'human_rights'),
    ];
    r.forEach((x, i) => {
      x.id = i + 1;
    });
    expect(judgeTopic(r, 'Tình hình nhân quyền ở Việt Nam')).toMatchObject({ onTopic: 'yes', topics: ['human_rights'], ruleIds: [1, 2] });
    expect(judgeTopic(r, 'tinh hinh NHAN QUYEN o tp hcm')).toMatchObject({ onTopic: 'yes' });
    expect(judgeTopic(r, 'Báo cáo nhân quyền thế giới')).toMatchObject({ onTopic: 'yes' }); // Vietnamese text: no place needed
    expect(judgeTopic(r, 'A report on human rights in the region')).toMatchObject({ onTopic: 'unsure', why: { reason: 'subject_abroad' } });
    expect(judgeTopic(r, 'A report on human rights in Viet Nam')).toMatchObject({ onTopic: 'yes', why: { reason: 'subject' } });
    expect(judgeTopic(r, 'Thời tiết Việt Nam hôm nay')).toMatchObject({ onTopic: 'no', why: { reason: 'place_only' } });
    expect(judgeTopic(r, 'Thời tiết hôm nay')).toMatchObject({ onTopic: 'no' });
    expect(judgeTopic(r, 'Xổ số và nhân quyền ở Việt Nam')).toMatchObject({ onTopic: 'unsure', why: { reason: 'excluded' } });
    expect(judgeTopic(r, 'Kết quả xổ số Việt Nam')).toMatchObject({ onTopic: 'no' });
    expect(judgeTopic(r, 'Vietnamese food')).toMatchObject({ onTopic: 'no' }); // "Việt Nam" is not part of "Vietnamese"
  });

  it('only a reviewer or an admin edits the rules; a new rule decides the next items', async () => {
    expect(
      (await failure(createTopicRule(db, analyst, { kind: 'subject', phrase: 'quyền lao động', language: 'vi', topic: 'labour' }))).code,
    ).toBe('forbidden');
    expect(
      (await failure(createTopicRule(db, reviewer, { kind: 'subject', phrase: 'quyền lao động', language: 'vi' }))).details!.map(
        (d) => d.field,
      ),
    ).toEqual(['topic']);
    const before = await addItem(db, analyst, { text: 'Quyền lao động của công nhân ở Việt Nam được bảo đảm' });
    expect(before).toMatchObject({ onTopic: 'no', onTopicWhy: { reason: 'place_only' } }); // a place alone is not a reason to be unsure
    const r = await createTopicRule(db, reviewer, { kind: 'subject', phrase: 'quyền lao động', language: 'vi', topic: 'labour' });
    const after = await addItem(db, analyst, { text: 'Quyen lao dong cua cong nhan o Viet Nam duoc bao dam day du' });
    expect(after).toMatchObject({ onTopic: 'yes', onTopicBy: 'rules', topics: ['labour'] });
    expect(after.onTopicRuleIds).toContain(r.id);
    await updateTopicRule(db, reviewer, r.id, { kind: 'subject', phrase: 'quyền người lao động', language: 'vi', topic: 'labour' });
    await deleteTopicRule(db, reviewer, r.id);
    expect((await listTopicRules(db)).some((x) => x.id === r.id)).toBe(false);
  });

  it('a person decides where the rules are unsure, and is recorded', async () => {
    const it = await addItem(db, analyst, { url: 'https://video.example/watch?v=abc', platform: 'youtube' });
    expect(it).toMatchObject({ onTopic: 'unsure', links: [] });
    const d = await decideItemTopic(db, analyst, it.id, { onTopic: true, topics: ['expression'] });
    expect(d).toMatchObject({ onTopic: 'yes', onTopicBy: 'person', onTopicDecidedBy: analyst.userId, topics: ['expression'] });
    expect((await failure(decideItemTopic(db, viewer, it.id, { onTopic: false }))).code).toBe('forbidden');
  });
});

describe('items', () => {
  it('keeps text, URL, platform, time and detected language; needs text or URL', async () => {
    const it = await addItem(db, analyst, {
      text: 'Human rights defenders in Vietnam face new restrictions',
      url: 'https://news.example/a',
      platform: 'news',
      publishedAt: '2026-11-02T10:00:00+07:00',
    });
    expect(it).toMatchObject({
      language: 'en',
      platform: 'news',
      url: 'https://news.example/a',
      publishedAt: '2026-11-02T03:00:00.000Z',
      source: 'staff',
      onTopic: 'yes',
    });
    expect((await addItem(db, analyst, { text: 'Nhân quyền ở Việt Nam được cải thiện' })).language).toBe('vi');
    const e = await failure(addItem(db, analyst, { platform: 'facebook' }));
    expect(e.details!.map((d) => d.field)).toEqual(['text']);
    // The contract has no author field: one sent along is dropped, never stored.
    const withAuthor = await addItem(db, analyst, {
      text: 'Một bài đăng khác về nhân quyền Việt Nam',
      author: 'Nguyễn Văn A',
      handle: '@nva',
    } as never);
    expect(JSON.stringify(withAuthor)).not.toMatch(/Nguyễn Văn A|@nva/);
  });

  it('groups exact and near duplicates; an unrelated item starts its own group', async () => {
    const base = 'Công an tỉnh Nghệ An bắt giữ ba người vì tụ tập cầu nguyện tại nhà riêng vào tối chủ nhật';
    const a = await addItem(db, analyst, { text: base, platform: 'facebook' });
    const exact = await addItem(db, analyst, {
      text: `  CÔNG AN tỉnh Nghệ An bắt giữ ba người, vì tụ tập cầu nguyện tại nhà riêng vào tối chủ nhật!!! `,
      platform: 'tiktok',
    });
    const near = await addItem(db, analyst, { text: `${base} vừa qua, mọi người chia sẻ`, platform: 'x' });
    const other = await addItem(db, analyst, { text: 'Hội thảo quốc tế về quyền trẻ em tổ chức tại Hà Nội trong tháng mười một năm nay' });
    expect(a.groupId).toBe(a.id);
    expect(exact.groupId).toBe(a.id);
    expect(near.groupId).toBe(a.id);
    expect(other.groupId).toBe(other.id);
    expect((await getItem(db, a.id)).groupSize).toBe(3);
    expect((await listItems(db, { groupId: a.id })).rows.map((r) => r.platform).sort()).toEqual(['facebook', 'tiktok', 'x']);
  });
});

describe('matching against the claims', () => {
  it('links automatically above the strict threshold for 8 words or more, suggests otherwise; withdrawn claims are not matched', async () => {
    const long = await addItem(db, analyst, { text: 'Nóng: Việt Nam cấm mọi hoạt động tôn giáo từ năm 2026, chia sẻ ngay' });
    expect(long.links[0]).toMatchObject({ claimId: religion, status: 'auto', decidedBy: null });
    expect(long.links[0]!.score!).toBeGreaterThanOrEqual(AUTO_LINK_THRESHOLD);
    const noDiacritics = await addItem(db, analyst, { text: 'Hoc sinh dan toc thieu so bi cam hoc tieng me de o truong hoc' });
    expect(noDiacritics.links[0]).toMatchObject({ claimId: language, status: 'auto' });
    const english = await addItem(db, analyst, { text: 'Vietnam arrested 500 journalists in 2025 says a report shared widely online' });
    expect(english.links[0]).toMatchObject({ claimId: journalists, status: 'auto' });
    // Short: never automatic, however close.
    const short = await addItem(db, analyst, { text: 'Cấm mọi hoạt động tôn giáo?' });
    expect(short.words).toBeLessThan(8);
    expect(short.links.map((l) => [l.claimId, l.status])).toEqual([[religion, 'suggested']]);
    const none = await addItem(db, analyst, { text: 'Giá vàng hôm nay tăng mạnh' });
    expect(none.links).toEqual([]);
  });

  it('a person confirms a suggestion, undoes any link, links by hand', async () => {
    const short = await addItem(db, analyst, { text: 'Cấm mọi hoạt động tôn giáo à?' });
    const s = short.links[0]!;
    expect(await confirmLink(db, analyst, s.id)).toMatchObject({ status: 'confirmed', decidedBy: analyst.userId });
    const auto = (await addItem(db, analyst, { text: 'Tin nóng: Việt Nam cấm mọi hoạt động tôn giáo từ năm 2026 rồi' })).links[0]!;
    expect(auto.status).toBe('auto');
    const undone = await undoLink(db, reviewer, auto.id);
    expect(undone).toMatchObject({ status: 'undone', decidedBy: reviewer.userId });
    expect((await getItem(db, auto.itemId)).links[0]!.status).toBe('undone');
    const manual = await linkItem(db, analyst, auto.itemId, { claimId: language });
    expect(manual).toMatchObject({ status: 'confirmed', score: null, claimId: language });
    expect(await linkItem(db, analyst, auto.itemId, { claimId: religion })).toMatchObject({ id: auto.id, status: 'confirmed' });
    expect((await listItems(db, { linkStatus: 'confirmed' })).rows.map((r) => r.id)).toEqual(
      expect.arrayContaining([short.id, auto.itemId]),
    );
    expect((await failure(undoLink(db, viewer, auto.id))).code).toBe('forbidden');
  });
});

describe('handling (T5c)', () => {
  it('is recorded only for items linked to a claim rated false or partly false; no action needs a reason', async () => {
    // Rate the religion claim false (its rating is what counts, whatever its state).
    await db.execute(sql`update fc_claims set rating_code = 'false' where id = ${religion}`);
    const linked = await addItem(db, analyst, { text: 'Chia sẻ: Việt Nam cấm mọi hoạt động tôn giáo từ năm 2026 theo luật mới' });
    expect(linked.links[0]).toMatchObject({ claimId: religion, status: 'auto' });
    const unlinked = await addItem(db, analyst, { text: 'Giá xăng hôm nay giảm nhẹ' });
    expect((await failure(recordHandlingAction(db, analyst, unlinked.id, { action: 'platform_report', actedOn: '2026-11-05' }))).code).toBe(
      'conflict',
    );
    expect(
      (await failure(recordHandlingAction(db, analyst, linked.id, { action: 'no_action', actedOn: '2026-11-05' }))).details!.map(
        (d) => d.field,
      ),
    ).toEqual(['reason']);
    expect(
      (await failure(recordHandlingAction(db, analyst, linked.id, { action: 'platform_report', actedOn: '2099-01-01' }))).details!.map(
        (d) => d.field,
      ),
    ).toEqual(['actedOn']);
    await recordHandlingAction(db, analyst, linked.id, { action: 'fact_check_published', actedOn: '2026-11-06' });
    const h = await recordHandlingAction(db, analyst, linked.id, { action: 'platform_report', actedOn: '2026-11-05' });
    expect(h.actions.map((a) => [a.action, a.actedOn])).toEqual([
      ['platform_report', '2026-11-05'],
      ['fact_check_published', '2026-11-06'],
    ]);
    // "Today" is Viet Nam's day: at 01:00 on 8 November in Ha Noi (18:00 UTC on the 7th) an action of the 8th is not in
    // the future; one of the 9th still is.
    const lateEvening = new Date('2026-11-07T18:00:00Z');
    expect(
      (await failure(recordHandlingAction(db, analyst, linked.id, { action: 'correction_requested', actedOn: '2026-11-09' }, lateEvening)))
        .details![0]!.field,
    ).toBe('actedOn');
    const vnDay = await recordHandlingAction(
      db,
      analyst,
      linked.id,
      { action: 'correction_requested', actedOn: '2026-11-08' },
      lateEvening,
    );
    expect(vnDay.actions.map((a) => a.actedOn)).toContain('2026-11-08');
    // Once the link is undone — and those of the other items of its duplicate group, which stand for the same claim —
    // no further handling is recorded against it.
    await undoLink(db, analyst, linked.links[0]!.id);
    await db.execute(
      sql`update fc_links set status = 'undone' where item_id in (select id from fc_items where group_id = ${linked.groupId})`,
    );
    expect(
      (await failure(recordHandlingAction(db, analyst, linked.id, { action: 'correction_requested', actedOn: '2026-11-07' }))).code,
    ).toBe('conflict');
  });
});

describe('a change of the rules', () => {
  it("judges again every item the rules decided; a person's decisions stay; audited", async () => {
    const byRules = await addItem(db, analyst, { text: 'Quyền hội họp ôn hoà ở Việt Nam được bàn tại hội thảo' });
    const byPerson = await addItem(db, analyst, { text: 'Quyền hội họp ôn hoà ở Việt Nam, một bài bình luận khác' });
    expect([byRules.onTopic, byPerson.onTopic]).toEqual(['no', 'no']);
    await decideItemTopic(db, analyst, byPerson.id, { onTopic: true });
    const rule = await createTopicRule(db, reviewer, { kind: 'subject', phrase: 'quyền hội họp', language: 'vi', topic: 'assembly' });
    expect(await getItem(db, byRules.id)).toMatchObject({
      onTopic: 'yes',
      topics: ['assembly'],
      onTopicBy: 'rules',
      onTopicWhy: {
        reason: 'subject',
        terms: expect.arrayContaining([expect.objectContaining({ ruleId: rule.id, found: 'quyền hội họp' })]),
      },
    });
    expect(await getItem(db, byPerson.id)).toMatchObject({ onTopic: 'yes', onTopicBy: 'person', onTopicWhy: null });
    const [a] = await rows<{ after: { items: number } }>(
      db,
      sql`select after from audit_log where action = 'rejudge-on-topic' order by id desc limit 1`,
    );
    expect(a!.after.items).toBeGreaterThanOrEqual(1);
    await deleteTopicRule(db, reviewer, rule.id);
    expect(await getItem(db, byRules.id)).toMatchObject({ onTopic: 'no', topics: [] });
  });
});

describe('a new claim and the items already received', () => {
  it('links the recent items it matches, as if they arrived now; a reworded claim too; audited', async () => {
    const early = await addItem(db, analyst, {
      text: 'Bài đăng nói rằng chính quyền Việt Nam cấm người dân nuôi chim bồ câu trong thành phố từ tháng sau',
    });
    const c = await createClaim(db, analyst, { text: 'Việt Nam cấm người dân nuôi chim bồ câu trong thành phố' });
    expect(early.links.some((l) => l.claimId === c.id)).toBe(false);
    const link = (await getItem(db, early.id)).links.find((l) => l.claimId === c.id);
    expect(link).toMatchObject({ status: 'auto' }); // the best match, 17 words
    const [a] = await rows<{ after: { links: number } }>(
      db,
      sql`select after from audit_log where entity = 'fc_claim' and entity_id = ${String(c.id)} and action = 'match-recent-items'`,
    );
    expect(a!.after.links).toBeGreaterThanOrEqual(1);
    // An undone link stays undone: matching again never brings back what a person removed.
    await undoLink(db, analyst, link!.id);
    await transitionClaim(db, analyst, c.id, { to: 'researching' });
    const { updateDraft } = await import('./factcheck.service.js');
    await updateDraft(db, analyst, c.id, { text: 'Việt Nam cấm nuôi chim bồ câu trong thành phố' });
    expect((await getItem(db, early.id)).links.find((l) => l.claimId === c.id)!.status).toBe('undone');
  });
});

describe('the claim index kept up to date claim by claim', () => {
  it('after claims are added, reworded and withdrawn ranks as an index built afresh from the table', async () => {
    await claimIndex(db); // the index of this process exists; what follows only changes it
    const added = await createClaim(db, analyst, { text: 'Chính quyền cấm ngư dân ra khơi đánh cá trong mùa bão năm nay' });
    const reworded = await createClaim(db, analyst, { text: 'Người dân bị cấm đăng ảnh lũ lụt lên mạng xã hội' });
    await updateDraft(db, analyst, reworded.id, { text: 'Người dân bị phạt vì đăng ảnh ngập lụt lên mạng xã hội' });
    const gone = await createClaim(db, analyst, { text: 'Bệnh viện từ chối chữa trị người không có hộ khẩu' });
    const { index } = await claimIndex(db);
    await db.execute(sql`update fc_claims set status = 'withdrawn', updated_at = '2020-01-01' where id = ${gone.id}`);
    const after = await claimIndex(db);
    expect(after.index).toBe(index); // the same index, changed, not rebuilt
    const table = await rows<{ id: number; text: string }>(db, sql`select id, text from fc_claims where status <> 'withdrawn' order by id`);
    const fresh = buildClaimIndex(table.map((c) => ({ id: String(c.id), text: c.text })));
    for (const text of [
      'ngu dan bi cam ra khoi danh ca mua bao',
      'Bị phạt vì đăng ảnh ngập lụt lên mạng',
      'Bệnh viện từ chối chữa trị người không có hộ khẩu',
      'Vietnam arrested journalists',
    ])
      expect(match(after.index, text, 5)).toEqual(match(fresh, text, 5));
    expect(match(after.index, 'ngu dan bi cam ra khoi danh ca mua bao', 1)[0]!.claimId).toBe(String(added.id));
    expect(match(after.index, 'Bệnh viện từ chối chữa trị người không có hộ khẩu', 5).map((m) => m.claimId)).not.toContain(String(gone.id));
    expect(after.size).toBe(table.length);
  });
});

describe('bulk files', () => {
  it('CSV: every bad row named by row and field, nothing written', async () => {
    const n = await count();
    const csv =
      'text,url,platform,published_at\n' +
      '"Nhân quyền ở Việt Nam, một bài viết",https://a.example/1,facebook,2026-11-01T08:00:00Z\n' +
      ',,web,\n' +
      'Bài viết thứ ba,ftp://bad.example,myspace,hôm qua\n';
    const e = await failure(importItems(db, analyst, 'items.csv', Buffer.from(csv)));
    expect(e.code).toBe('import_invalid');
    expect(e.details!.map((d) => `${d.row}:${d.field}`).sort()).toEqual(['3:text', '4:platform', '4:published_at', '4:url']);
    expect(await count()).toBe(n);
  });

  it('Excel: bad rows named with their sheet row, date cells read, nothing written', async () => {
    const n = await count();
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('items');
    ws.addRow(['Text', 'URL', 'Platform', 'Published at']);
    ws.addRow(['Nhân quyền ở Việt Nam', null, 'web', new Date('2026-10-01T00:00:00Z')]);
    ws.addRow([null, 'not a url', 'web', null]);
    const e = await failure(importItems(db, analyst, 'items.xlsx', Buffer.from(await wb.xlsx.writeBuffer())));
    expect(e.details!.map((d) => `${d.row}:${d.field}`)).toEqual(['3:url']);
    expect(await count()).toBe(n);
  });

  it('a column carrying an author refuses the file', async () => {
    const e = await failure(
      importItems(db, analyst, 'items.csv', Buffer.from('text,author_handle,followers\nNhân quyền Việt Nam,@x,1000\n')),
    );
    expect(e.details!.map((d) => d.field)).toEqual(['author_handle', 'followers']);
    const j = await failure(
      importItems(
        db,
        analyst,
        'items.jsonl',
        Buffer.from('{"text":"Nhân quyền Việt Nam","user":{"name":"A"},"profile_url":"https://x"}\n'),
      ),
    );
    expect(j.details!.map((d) => d.field)).toEqual(['user', 'profile_url']);
  });

  it('groups near duplicates within one file too (a repost with a few words added joins the first)', async () => {
    const csv =
      'text\n' +
      '"Chính quyền một huyện miền núi buộc người dân ký cam kết bỏ đạo để được nhận gạo cứu trợ sau bão"\n' +
      '"Nóng: Chính quyền một huyện miền núi buộc người dân ký cam kết bỏ đạo để được nhận gạo cứu trợ sau bão"\n' +
      '"Giá rau xanh ở chợ đầu mối tăng gấp đôi sau đợt mưa lớn kéo dài"\n';
    const r = await importItems(db, analyst, 'near.csv', Buffer.from(csv));
    expect(r).toMatchObject({ created: 3, groups: 2 });
    const [c, b, a] = (await listItems(db, { limit: 3 })).rows;
    expect([a!.groupId, b!.groupId, c!.groupId]).toEqual([a!.id, a!.id, c!.id]);
    expect(b!.groupSize).toBe(2);
  });

  it('CSV, JSON Lines and Excel import all rows, grouped, judged and matched', async () => {
    const n = await count();
    const csv =
      'text,url,platform,published_at\n' +
      '"Việt Nam cấm mọi hoạt động tôn giáo từ năm 2026, lan truyền trên mạng xã hội",https://a.example/2,facebook,2026-11-03\n' +
      '"Việt Nam cấm mọi hoạt động tôn giáo từ năm 2026, lan truyền trên mạng xã hội",,tiktok,\n';
    const r = await importItems(db, analyst, 'items.csv', Buffer.from(csv));
    // Both repeat items added earlier (near duplicates): they join that group rather than starting one.
    expect(r).toMatchObject({ created: 2, groups: 0, autoLinked: 2 });
    const two = (await listItems(db, { limit: 2 })).rows;
    expect(two[0]!.groupId).toBe(two[1]!.groupId);
    expect(two[0]!.groupId).toBeLessThan(two[1]!.id);
    const jl =
      '{"text":"Human rights in Vietnam: a new report","platform":"web","published_at":"2026-11-04T00:00:00Z"}\n\n{"url":"https://b.example/3"}\n';
    expect(await importItems(db, analyst, 'items.jsonl', Buffer.from(jl))).toMatchObject({ created: 2, unsure: 1 });
    const bad = await failure(importItems(db, analyst, 'items.jsonl', Buffer.from('{"text":"ok"}\nnot json\n{"platform":"web"}\n')));
    // every problem at once: the line that is not JSON and the row without text or URL
    expect(bad.details!.map((d) => `${d.row}:${d.field}`)).toEqual(['2:(line)', '3:text']);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('items');
    ws.addRow(['text', 'url', 'platform', 'published_at']);
    ws.addRow(['Quyền con người ở Việt Nam được bảo đảm trong Hiến pháp 2013', 'https://c.example/4', 'news', '2026-11-05']);
    ws.addRow(['Thời tiết hôm nay', null, 'web', null]);
    const x = await importItems(db, analyst, 'items.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    expect(x).toMatchObject({ created: 2, groups: 2 });
    expect(await count()).toBe(n + 6);
    const last = (await listItems(db, { limit: 2 })).rows;
    expect(last.map((i) => [i.onTopic, i.source])).toEqual([
      ['no', 'file'],
      ['yes', 'file'],
    ]);
    // The list filters by platform and by source.
    const news = await listItems(db, { platform: 'news', source: 'file' });
    expect(news.total).toBeGreaterThanOrEqual(1);
    expect(news.rows.every((i) => i.platform === 'news' && i.source === 'file')).toBe(true);
    expect((await listItems(db, { source: 'feed' })).total).toBe(0);
    expect((await failure(importItems(db, analyst, 'items.pdf', Buffer.from('x')))).code).toBe('unsupported_media_type');
    expect((await failure(importItems(db, viewer, 'items.csv', Buffer.from(csv)))).code).toBe('forbidden');
  });
});

describe('real posts that broke imports', () => {
  const filler = 'Giá rau xanh ở chợ đầu mối tăng gấp đôi sau đợt mưa lớn kéo dài nhiều ngày. ';
  const long = (head: string, length: number) => (head + filler.repeat(Math.ceil(length / filler.length))).slice(0, length).trim();
  const csvOf = (rows: string[][]) =>
    'text,url,platform,published_at\n' + rows.map((r) => r.map((v) => `"${v.replaceAll('"', '""')}"`).join(',')).join('\n') + '\n';

  it('keeps a post of 28,453 characters whole and matches it on its first characters; a claim past them is not read', async () => {
    const claimFirst = long('Việt Nam cấm mọi hoạt động tôn giáo từ năm 2026, theo một bài đăng lan truyền. ', 28_453);
    const claimLate = (
      filler.repeat(Math.ceil((ITEM_MATCH_CHARS + 200) / filler.length)) + 'Việt Nam cấm mọi hoạt động tôn giáo từ năm 2026'
    ).trim();
    const r = await importItems(
      db,
      analyst,
      'long.csv',
      Buffer.from(
        csvOf([
          [claimFirst, '', 'facebook', ''],
          [long(claimLate, 21_233), '', 'web', ''],
        ]),
      ),
    );
    expect(r.created).toBe(2);
    const [late, first] = (await listItems(db, { limit: 2 })).rows;
    expect(first!.text).toBe(claimFirst);
    expect(first!.text.length).toBe(28_453);
    expect(late!.text.length).toBeGreaterThan(ITEM_MATCH_CHARS);
    expect(first!.links.map((l) => l.claimId)).toContain(religion);
    expect(late!.links.map((l) => l.claimId)).not.toContain(religion);
  });

  it('an empty post is a row error naming its row and field, in Vietnamese and English; all or nothing writes nothing', async () => {
    const n = await count();
    const e = await failure(
      importItems(
        db,
        analyst,
        'empty.csv',
        Buffer.from(
          csvOf([
            ['Bài viết thứ nhất về nhân quyền', '', 'web', ''],
            ['', '', 'facebook', '2026-11-02'],
          ]),
        ),
      ),
    );
    expect(e.code).toBe('import_invalid');
    expect(e.details).toEqual([{ row: 3, field: 'text', message: expect.stringMatching(/empty post.*bài đăng trống/) }]);
    expect(await count()).toBe(n);
  });

  it('"import the valid rows": writes only them and returns the rejected rows as a file of the same format with the error column', async () => {
    const n = await count();
    const csv = csvOf([
      ['Bài viết hợp lệ số một về quyền của người lao động', 'https://a.example/ok', 'facebook', '2026-11-01'],
      ['', '', 'facebook', '2026-11-02'],
      ['Bài viết có địa chỉ sai', 'ftp://bad.example', 'myspace', 'hôm qua'],
      ['Bài viết hợp lệ số hai về quyền trẻ em ở trường học', '', 'web', ''],
    ]);
    const r = await importItems(db, analyst, 'mixed.csv', Buffer.from(csv), 'valid');
    expect(r).toMatchObject({ created: 2, rejected: 2 });
    expect(await count()).toBe(n + 2);
    expect(r.problems!.map((p) => `${p.row}:${p.field}`)).toEqual(['3:text', '4:url', '4:platform', '4:published_at']);
    expect(r.rejectedFile!.name).toBe('mixed.rejected.csv');
    const back = Buffer.from(r.rejectedFile!.base64, 'base64')
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(back[0]).toBe('text,url,platform,published_at,error');
    expect(back).toHaveLength(3);
    expect(back[1]).toMatch(/^,,facebook,2026-11-02,"?Dòng 3 — text: bài đăng trống.* \/ Row 3 — text: empty post/);
    expect(back[2]).toMatch(
      /^Bài viết có địa chỉ sai,ftp:\/\/bad\.example,myspace,hôm qua,.*Dòng 4 — url: .*platform: .*published_at: .*Row 4 — url: .*not an http\(s\) address/,
    );
    // nothing to reject: no file
    const ok = await importItems(
      db,
      analyst,
      'ok.csv',
      Buffer.from(csvOf([['Một bài viết hợp lệ khác về nhà ở xã hội', '', 'web', '']])),
      'valid',
    );
    expect(ok).toMatchObject({ created: 1, rejected: 0, rejectedFile: null });
  });

  it('"import the valid rows" from Excel returns an Excel file; a wrong column still refuses the whole file', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('items');
    ws.addRow(['Text', 'URL', 'Platform']);
    ws.addRow(['Một bài viết hợp lệ về quyền tiếp cận thông tin', null, 'web']);
    ws.addRow([null, null, 'web']);
    const r = await importItems(db, analyst, 'items.xlsx', Buffer.from(await wb.xlsx.writeBuffer()), 'valid');
    expect(r).toMatchObject({ created: 1, rejected: 1 });
    const back = new ExcelJS.Workbook();
    await back.xlsx.load(Buffer.from(r.rejectedFile!.base64, 'base64') as unknown as ArrayBuffer);
    const sheet = back.worksheets[0]!;
    expect(sheet.getRow(1).values).toEqual([undefined, 'Text', 'URL', 'Platform', 'error']);
    expect(String(sheet.getRow(2).getCell(4).value)).toMatch(/Dòng 3 — text: bài đăng trống.*Row 3 — text: empty post/);
    const n = await count();
    const e = await failure(importItems(db, analyst, 'x.csv', Buffer.from('text,author\nMột bài,@x\n,\n'), 'valid'));
    expect(e.code).toBe('import_invalid');
    expect(await count()).toBe(n);
  });

  it('the same short caption over different links makes different groups; over the same link, one', async () => {
    const csv = csvOf([
      ['Xem ngay!', 'https://video.example/a', 'facebook', ''],
      ['Xem ngay!', 'https://video.example/b', 'facebook', ''],
      ['Xem ngay!', 'https://www.video.example/a/?utm_source=fb', 'tiktok', ''],
    ]);
    const r = await importItems(db, analyst, 'captions.csv', Buffer.from(csv));
    expect(r).toMatchObject({ created: 3, groups: 2 });
    const [c, b, a] = (await listItems(db, { limit: 3 })).rows;
    expect(c!.groupId).toBe(a!.groupId);
    expect(b!.groupId).not.toBe(a!.groupId);
  });
});
