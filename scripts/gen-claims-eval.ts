// Builds the claim-matching evaluation set data/eval/claims/ from the hand-written, FICTIONAL material in
// scripts/claims-eval-data.ts. Deterministic (seeded): `npx tsx scripts/gen-claims-eval.ts` rewrites the same files.
//   claims.tsv  id, lang, text                       one claim per (event, place): 45 events × 7 fictional provinces
//   items.tsv   id, lang, variant, text              2 items per claim + items that repeat no claim
//   qrels.tsv   item_id, claim_id                    the one relevant claim of each item that has one
//   split.tsv   item_id, split                       dev (events 0, 3, 6 …) or test (the others): tune on dev only
// Item variants: paraphrase (other wording, same language), no-diacritics, teencode (Vietnamese chat spelling, often
// without diacritics), informal-en, claim-folded (the claim's own wording typed without diacritics, with noise),
// cross-lingual (the paraphrase in the other language), distractor (neighbouring topic, no claim), hard-negative
// (the same event in a province no claim is about).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DISTRACTORS, EVENTS, OTHER_PLACES, PLACES } from './claims-eval-data.js';

const OUT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../data/eval/claims');
const PLACES_PER_EVENT = 7;

let seed = 0x8f1c2e;
function rand(): number {
  // mulberry32
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)];

export function stripDiacritics(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').normalize('NFC');
}

const TEEN: [RegExp, string[]][] = [
  [/\bkhông\b/gi, ['ko', 'k', 'hok', 'kh', 'khum']],
  [/\bđược\b/gi, ['dc', 'đc', 'dk']],
  [/\bmọi người\b/gi, ['mn', 'mng']],
  [/\bngười\b/gi, ['ng', 'ngừoi']],
  [/\bvới\b/gi, ['vs']],
  [/\bgì\b/gi, ['j']],
  [/\bbiết\b/gi, ['bt', 'bít']],
  [/\brồi\b/gi, ['r', 'rùi']],
  [/\bcũng\b/gi, ['cx', 'cg']],
  [/\bquá\b/gi, ['wá', 'wa']],
  [/\bnhư thế nào\b/gi, ['ntn']],
  [/\bthành phố\b/gi, ['tp']],
  [/\bFacebook\b/g, ['fb', 'phây', 'face']],
  [/\bmạng xã hội\b/gi, ['mxh']],
  [/\bhọc sinh\b/gi, ['hs']],
  [/\bsinh viên\b/gi, ['sv']],
  [/\bgiáo viên\b/gi, ['gv']],
  [/\bbệnh viện\b/gi, ['bv']],
  [/\bchính quyền\b/gi, ['cq']],
  [/\bphải\b/gi, ['fải', 'phai']],
  [/\bnhiều\b/gi, ['nhìu']],
  [/\bthông tin\b/gi, ['tt', 'ttin']],
];
const TEEN_OPENERS = ['mn ơi', 'ae ơi', 'trời ơi', 'thật hok thể tin', 'nghe nói là', 'vừa đọc dc tin', 'có ai bt ko'];
const TEEN_CLOSERS = ['ntn vậy???', 'sợ wá', 'share gấp mn ơi', 'ko thể chấp nhận dc', 'thật hay giả vậy', 'j vậy trời'];

function teencode(s: string): string {
  let out = s;
  for (const [re, subs] of TEEN) out = out.replace(re, () => pick(subs));
  if (rand() < 0.5) out = `${pick(TEEN_OPENERS)} ${out.charAt(0).toLowerCase()}${out.slice(1)}`;
  if (rand() < 0.6) out = `${out} ${pick(TEEN_CLOSERS)}`;
  out = out.replace(/\b(quá|wá|vậy)\b/g, (w) => w + w.slice(-1).repeat(2));
  return rand() < 0.6 ? stripDiacritics(out).toLowerCase() : out.toLowerCase();
}

const EN_INFORMAL: [RegExp, string[]][] = [
  [/\bpeople\b/gi, ['ppl']],
  [/\bgovernment\b/gi, ['govt', 'gov']],
  [/\bbecause\b/gi, ['bc', 'cuz']],
  [/\byou\b/gi, ['u']],
  [/\bwith\b/gi, ['w/']],
  [/\babout\b/gi, ['abt']],
  [/\bare\b/gi, ['r']],
  [/\bthe authorities\b/gi, ['the authorities', 'officials']],
];
function informalEn(s: string): string {
  let out = s;
  for (const [re, subs] of EN_INFORMAL) out = out.replace(re, () => pick(subs));
  out = out.replace(/\bthe\b /gi, () => (rand() < 0.5 ? '' : 'the '));
  if (rand() < 0.5)
    out = `${pick(['omg', 'wow', 'smh', 'unbelievable:', 'so apparently', 'just heard'])} ${out.charAt(0).toLowerCase()}${out.slice(1)}`;
  if (rand() < 0.6) out = `${out} ${pick(['!!!', 'smh', 'is this real??', '#HumanRights', 'pls share', 'wtf'])}`;
  return out.toLowerCase();
}

const VI_OPENERS = ['NÓNG:', 'Tin nóng!', 'Chia sẻ gấp:', 'Mọi người đọc đi:', 'Thật không thể tin được,', 'Theo một nguồn tin,'];
const VI_CLOSERS = [
  'Hãy chia sẻ để mọi người cùng biết!',
  '#nhanquyen',
  'Quá bức xúc!!!',
  'Link: https://example.invalid/bai-viet',
  '(ảnh)',
];
const EN_OPENERS = ['BREAKING:', 'Shocking:', 'Please share:', 'According to a source,', 'Unconfirmed reports say'];
const EN_CLOSERS = ['Share this before it gets deleted!', '#Vietnam #HumanRights', 'https://example.invalid/post', 'Outrageous.'];
function decorate(s: string, lang: 'vi' | 'en'): string {
  let out = s;
  if (rand() < 0.4) out = `${pick(lang === 'vi' ? VI_OPENERS : EN_OPENERS)} ${out}`;
  if (rand() < 0.4) out = `${out} ${pick(lang === 'vi' ? VI_CLOSERS : EN_CLOSERS)}`;
  return out;
}

function fill(t: string, place: string, n: number, lang: 'vi' | 'en'): string {
  return t.replaceAll('{P}', lang === 'en' ? stripDiacritics(place) : place).replaceAll('{N}', String(n));
}

type Row = Record<string, string>;
const claims: Row[] = [];
const items: Row[] = [];
const qrels: Row[] = [];
const split: Row[] = [];
let itemNo = 0;
const addItem = (lang: 'vi' | 'en', variant: string, text: string, which: string, claimId?: string) => {
  const id = `I${String(++itemNo).padStart(4, '0')}`;
  items.push({ id, lang, variant, text: text.replace(/\s+/g, ' ').trim() });
  split.push({ item_id: id, split: which });
  if (claimId) qrels.push({ item_id: id, claim_id: claimId });
};

EVENTS.forEach((ev, e) => {
  const which = e % 3 === 0 ? 'dev' : 'test';
  const used = new Set<string>();
  for (let k = 0; k < PLACES_PER_EVENT; k++) {
    const place = PLACES[(e * 5 + k) % PLACES.length];
    used.add(place);
    const n = 2 + Math.floor(rand() * 48);
    const lang: 'vi' | 'en' = rand() < 0.6 ? 'vi' : 'en';
    const claimId = `C${String(claims.length + 1).padStart(4, '0')}`;
    claims.push({ id: claimId, lang, text: fill(lang === 'vi' ? ev.vi : ev.en, place, n, lang) });
    const paras = lang === 'vi' ? ev.paraVi : ev.paraEn;
    const first = Math.floor(rand() * paras.length);
    // Item A: a paraphrase in the claim's language, typed one of several ways.
    const a = fill(paras[first], place, n, lang);
    const r = rand();
    if (lang === 'vi') {
      if (r < 0.35) addItem('vi', 'paraphrase', decorate(a, 'vi'), which, claimId);
      else if (r < 0.65) addItem('vi', 'no-diacritics', decorate(stripDiacritics(a), 'vi'), which, claimId);
      else addItem('vi', 'teencode', teencode(a), which, claimId);
    } else if (r < 0.6) addItem('en', 'paraphrase', decorate(a, 'en'), which, claimId);
    else addItem('en', 'informal-en', informalEn(a), which, claimId);
    // Item B: the other paraphrase, the claim's own words folded with noise, or the other language.
    const r2 = rand();
    const other = lang === 'vi' ? 'en' : 'vi';
    if (r2 < 0.25) {
      const t = fill(pick(other === 'vi' ? ev.paraVi : ev.paraEn), place, n, other);
      addItem(other, 'cross-lingual', decorate(t, other), which, claimId);
    } else if (r2 < 0.45) {
      const t = fill(lang === 'vi' ? ev.vi : ev.en, place, n, lang);
      addItem(lang, 'claim-folded', lang === 'vi' ? teencode(t) : informalEn(t), which, claimId);
    } else {
      const b = fill(paras[(first + 1) % paras.length], place, n, lang);
      if (lang === 'vi')
        addItem(
          'vi',
          rand() < 0.5 ? 'no-diacritics' : 'paraphrase',
          rand() < 0.5 ? decorate(stripDiacritics(b), 'vi') : decorate(b, 'vi'),
          which,
          claimId,
        );
      else addItem('en', 'paraphrase', decorate(b, 'en'), which, claimId);
    }
  }
  // A hard negative: the same event in a province none of its claims is about.
  const free = PLACES.filter((p) => !used.has(p));
  const hl: 'vi' | 'en' = rand() < 0.6 ? 'vi' : 'en';
  addItem(
    hl,
    'hard-negative',
    decorate(fill(pick(hl === 'vi' ? ev.paraVi : ev.paraEn), pick(free), 2 + Math.floor(rand() * 48), hl), hl),
    which,
  );
});

DISTRACTORS.forEach((d, i) => {
  for (let k = 0; k < 4; k++) {
    const place = k === 3 ? pick(OTHER_PLACES) : pick(PLACES);
    const lang: 'vi' | 'en' = rand() < 0.6 ? 'vi' : 'en';
    const t = fill(lang === 'vi' ? d.vi : d.en, place, 2 + Math.floor(rand() * 48), lang);
    addItem(lang, 'distractor', lang === 'vi' && rand() < 0.3 ? stripDiacritics(t) : t, (i + k) % 3 === 0 ? 'dev' : 'test');
  }
});

function tsv(file: string, rows: Row[]) {
  const cols = Object.keys(rows[0]);
  fs.writeFileSync(
    path.join(OUT, file),
    [cols.join('\t'), ...rows.map((r) => cols.map((c) => r[c].replace(/[\t\r\n]+/g, ' ')).join('\t'))].join('\n') + '\n',
  );
}
fs.mkdirSync(OUT, { recursive: true });
tsv('claims.tsv', claims);
tsv('items.tsv', items);
tsv('qrels.tsv', qrels);
tsv('split.tsv', split);
console.log(
  `${claims.length} claims, ${items.length} items (${qrels.length} with a relevant claim) written to ${path.relative(process.cwd(), OUT)}`,
);
