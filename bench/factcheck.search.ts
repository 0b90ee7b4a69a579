// Search of monitored items at scale (`BENCH_ONLY=factcheck-search npm run bench`): 200,000 items written straight into
// fc_items on PGlite (Vietnamese sentences from a few hundred words, with and without diacritics, some in teencode),
// then the items list with a search box through the service (listItems: the GIN expression index of migration 0037,
// the newest 200 matches ranked, the total counted up to 1,000), each query 5 times after one warm-up; median ms.
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { openPglite } from '../src/server/kernel/db.js';
import { loadAllReference } from '../src/server/modules/index.js';
import { listItems } from '../src/server/modules/factcheck/factcheck.items.js';

const ITEMS = Number(process.env.BENCH_FC_SEARCH_ITEMS ?? 200_000);

const WORDS = [
  'người dân',
  'chính quyền',
  'nhân quyền',
  'tự do',
  'tôn giáo',
  'báo chí',
  'công an',
  'bắt giữ',
  'Hà Nội',
  'Việt Nam',
  'học sinh',
  'trường học',
  'bệnh viện',
  'giá vàng',
  'bóng đá',
  'thời tiết',
  'mưa lớn',
  'giao thông',
  'doanh nghiệp',
  'đất đai',
  'thu hồi',
  'khiếu kiện',
  'nhà thờ',
  'chùa',
  'lễ hội',
  'dân tộc',
  'thiểu số',
  'trẻ em',
  'phụ nữ',
  'lao động',
  'không',
  'được',
  'ko',
  'dc',
  'đc',
  'k',
  'cấm',
  'cho phép',
  'tin đồn',
  'sự thật',
  'mạng xã hội',
  'facebook',
  'tiktok',
];

export async function benchFactcheckSearch(root: string): Promise<void> {
  const d = await openPglite(path.join(root, 'fc-search-db'));
  await d.migrate();
  await loadAllReference(d.db);
  const t0 = Date.now();
  // Deterministic sentences: 12 words chosen by a multiplicative hash of (row, position); one row in three folded.
  const words = `{${WORDS.map((w) => `"${w}"`).join(',')}}`;
  await d.db.execute(sql`
    insert into fc_items (text, platform, source, language, words, on_topic, on_topic_by, exact_key, group_id)
    select case when g % 3 = 0 then lower(f_unaccent(s)) else s end, 'facebook', 'file', 'vi', 12, 'no', 'rules', md5(g::text), g
    from (select g, (select string_agg((${words}::text[])[1 + ((g * 7919 + k * 104729) % ${WORDS.length})], ' ')
      from generate_series(1, 12) k) as s from generate_series(1, ${ITEMS}) g) x`);
  await d.db.execute(sql`analyze fc_items`);
  console.log(`factcheck search: ${ITEMS.toLocaleString('en')} items written and indexed in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  for (const q of ['nhân quyền', 'nhan quyen', '"tự do tôn giáo"', 'ko được', 'đc', 'k', 'giá vàng -"Hà Nội"', 'tiktok facebook', '😀']) {
    await listItems(d.db, { q, limit: 50 });
    const times: number[] = [];
    let total = 0;
    let capped = false;
    for (let i = 0; i < 5; i++) {
      const s = performance.now();
      const r = await listItems(d.db, { q, limit: 50 });
      times.push(performance.now() - s);
      total = r.total;
      capped = !!r.totalCapped;
    }
    times.sort((a, b) => a - b);
    console.log(`  q=${JSON.stringify(q)}: ${total}${capped ? '+' : ''} matches, ${times[2]!.toFixed(1)} ms median (first page of 50)`);
  }
  await d.close();
}
