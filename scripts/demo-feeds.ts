// Writes the demo feeds (data/demo/feeds/*.xml) from src/server/modules/factcheck/factcheck.demo.data.ts:
//   npx tsx scripts/demo-feeds.ts
// Deterministic (hash-based choices), so the files change only when the demo's content does. The demo feeds are
// read by the product from disk (and served at /demo/feeds/NAME), never fetched from outside.
import crypto from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_CLAIMS, DEMO_FEEDS, DEMO_NEWS, DEMO_OFF_TOPIC, DEMO_UNSURE } from '../src/server/modules/factcheck/factcheck.demo.data.js';

const OUT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../data/demo/feeds');
const rand = (...k: (string | number)[]) =>
  crypto
    .createHash('sha256')
    .update(`fc-demo:${k.join(':')}`)
    .digest()
    .readUInt32BE(0) / 0x1_0000_0000;
const DAY = 86_400_000;
const FIRST = Date.parse('2025-07-01T00:00:00Z');
const LAST = Date.parse('2026-11-25T00:00:00Z');
const clamp = (t: number) => Math.min(LAST, Math.max(FIRST, t));
const PREFIXES = ['', '', 'Chia sẻ: ', 'Lan truyền: ', 'Đọc ngay: ', 'RT ', 'Share: '];

type Entry = { feed: number; text: string; at: number };
const entries: Entry[] = [];
const pickFeed = (weights: number[], ...k: (string | number)[]) => {
  let r = rand('feed', ...k) * weights.reduce((a, b) => a + b, 0);
  for (let i = 0; i < weights.length; i++) {
    r -= weights[i]!;
    if (r < 0) return i;
  }
  return weights.length - 1;
};

for (const c of DEMO_CLAIMS) {
  const centre = c.publishedOn ? Date.parse(c.publishedOn) : Date.parse('2026-10-20');
  c.paraphrases.forEach((p, pi) => {
    const n = 4 + Math.floor(rand('n', c.key, pi) * 7);
    for (let i = 0; i < n; i++) {
      const prefix = PREFIXES[Math.floor(rand('prefix', c.key, pi, i) * PREFIXES.length)]!;
      const [from, span] = c.publishedOn ? [-40, 160] : [-30, 36];
      const at = clamp(centre + Math.round((rand('at', c.key, pi, i) * span + from) * DAY));
      entries.push({ feed: pickFeed([15, 25, 60], c.key, pi, i), text: prefix + p, at });
    }
  });
}
DEMO_NEWS.forEach((t, i) => {
  for (let k = 0; k < 4; k++)
    entries.push({
      feed: pickFeed([70, 30, 0], 'news', i, k),
      text: t,
      at: clamp(FIRST + Math.round(rand('news-at', i, k) * (LAST - FIRST))),
    });
});
DEMO_OFF_TOPIC.forEach((t, i) => {
  for (let k = 0; k < 3; k++)
    entries.push({
      feed: pickFeed([40, 20, 40], 'off', i, k),
      text: t,
      at: clamp(FIRST + Math.round(rand('off-at', i, k) * (LAST - FIRST))),
    });
});
DEMO_UNSURE.forEach((t, i) =>
  entries.push({ feed: pickFeed([0, 50, 50], 'unsure', i), text: t, at: clamp(FIRST + Math.round(rand('unsure-at', i) * (LAST - FIRST))) }),
);

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const title = (t: string) => (t.length > 90 ? `${t.slice(0, t.lastIndexOf(' ', 88))} …` : t);
mkdirSync(OUT, { recursive: true });
DEMO_FEEDS.forEach((f, fi) => {
  const mine = entries
    .map((e, i) => ({ ...e, n: i + 1 }))
    .filter((e) => e.feed === fi)
    .sort((a, b) => b.at - a.at || b.n - a.n);
  const host = f.fixture.replace(/\.xml$/, '.example');
  let xml: string;
  if (f.format === 'atom') {
    xml =
      `<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">\n  <title>${esc(f.title)}</title>\n  <id>urn:rightshub:demo:${f.fixture}</id>\n  <updated>${new Date(mine[0]!.at).toISOString()}</updated>\n` +
      mine
        .map(
          (e) =>
            `  <entry>\n    <title>${esc(title(e.text))}</title>\n    <id>urn:rightshub:demo:${fi}:${e.n}</id>\n    <link rel="alternate" href="https://${host}/bai-viet/${e.n}"/>\n    <published>${new Date(e.at).toISOString()}</published>\n    <updated>${new Date(e.at).toISOString()}</updated>\n    <summary>${esc(e.text)}</summary>\n  </entry>\n`,
        )
        .join('') +
      '</feed>\n';
  } else {
    xml =
      `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0">\n<channel>\n  <title>${esc(f.title)}</title>\n  <link>https://${host}/</link>\n  <description>${esc(f.title)} — RightsHub demo fixture</description>\n` +
      mine
        .map(
          (e) =>
            `  <item>\n    <title>${esc(title(e.text))}</title>\n    <link>https://${host}/p/${e.n}</link>\n    <guid isPermaLink="false">rightshub-demo-${fi}-${e.n}</guid>\n    <pubDate>${new Date(e.at).toUTCString()}</pubDate>\n    <description>${esc(e.text)}</description>\n  </item>\n`,
        )
        .join('') +
      '</channel>\n</rss>\n';
  }
  writeFileSync(path.join(OUT, f.fixture), xml);
  console.log(`${f.fixture}: ${mine.length} entries`);
});
console.log(`${entries.length} entries in all`);
