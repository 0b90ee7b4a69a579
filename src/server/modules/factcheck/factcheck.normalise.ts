// Text normalisation for claim matching and de-duplication, Vietnamese and English.
//   1. NFC; URLs and @handles dropped (no author data is ever derived); hashtags split at case changes
//      (#NhanQuyenVN → nhan quyen vn); letters repeated 3+ times squashed (khôngggg → không).
//   2. Language (vi | en) guessed from function words and Vietnamese letters; "accented" when at least a fifth of the
//      words carry diacritics (typed with them), otherwise the text is treated as typed without them.
//   3. Informal spelling (data/factcheck/teencode.tsv: ko, dc, j, vs, ntn …, ppl, govt, bc …) replaced word by word.
//   4. A light English suffix stripper (arrested → arrest); Vietnamese syllables never end in its suffixes.
//   5. Phrases of the bilingual domain lexicon (data/factcheck/lexicon.tsv: bắt giữ | tạm giam | arrested → §arrest)
//      become concept terms — matched on the accented form when the text has diacritics (so "cá" is not "cả"), on
//      the folded form when it has none.
//   6. Stop words (data/factcheck/stopwords.tsv) leave the terms; everything left is folded (fold in src/shared/text).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fold as foldText } from '../../../shared/text.js';

// fold (NFD + regex) is the costliest step per word; words repeat, so folded words are remembered (bounded).
const foldCache = new Map<string, string>();
function fold(word: string): string {
  let f = foldCache.get(word);
  if (f === undefined) {
    f = /^[a-z0-9 ]*$/.test(word) ? word : foldText(word);
    if (foldCache.size < 200_000) foldCache.set(word, f);
  }
  return f;
}

export const FACTCHECK_DATA_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../data/factcheck');

export type Lang = 'vi' | 'en';

export type Normalised = {
  lang: Lang;
  /** Words in the original text (URLs and handles excluded): the auto-link rule needs 8 or more. */
  words: number;
  /** Folded, informal spelling expanded, stemmed, stop words removed: for character n-grams and shingles. */
  surface: string[];
  /** Content terms: concept ids (prefixed §) where the lexicon knows the phrase, folded words elsewhere. */
  terms: string[];
  /** Every word folded, informal spelling expanded, stemmed, nothing removed: for duplicate detection. */
  folded: string[];
  /** Every word folded, as typed (no informal-spelling expansion, no stop words removed): for names. */
  plain: string[];
  /** Capitalised word runs (names of places, bodies, groups), folded; sentence-initial words only inside a run.
   *  Empty when the text is mostly capitalised (a title-case headline). */
  names: string[][];
};

type Resources = {
  teencodeExact: Map<string, { lang: string; to: string }[]>;
  teencodeFolded: Map<string, { lang: string; to: string }[]>;
  phrasesExact: Map<string, string>;
  phrasesFolded: Map<string, string>;
  /** Folded phrases written with diacritics (Vietnamese): not matched in English text ("Dong Nhan" is not "đóng nhận"). */
  viOnly: Set<string>;
  /** Longest phrase (in words) starting with a given word, per form. */
  maxExact: Map<string, number>;
  maxFolded: Map<string, number>;
  /** Stop words as written (compared in accented text) and folded (in text without diacritics). */
  stopExact: Record<Lang, Set<string>>;
  stopFolded: Record<Lang, Set<string>>;
};

const VI_MARKERS = new Set([
  'khong',
  'la',
  'cua',
  'va',
  'cac',
  'nhung',
  'mot',
  'da',
  'dang',
  'duoc',
  'nguoi',
  'cho',
  'voi',
  'trong',
  'nay',
  'co',
  'bi',
  'se',
  'thi',
  'rang',
  've',
  'tai',
  'nhu',
  'ko',
  'dc',
  'k',
  'j',
  'vs',
  'ng',
  'nha',
  'dan',
  'tinh',
  'xa',
  'cung',
  'lam',
  'sau',
  'khi',
]);
const EN_MARKERS = new Set([
  'the',
  'is',
  'are',
  'was',
  'were',
  'of',
  'and',
  'to',
  'in',
  'that',
  'for',
  'on',
  'with',
  'by',
  'has',
  'have',
  'will',
  'be',
  'this',
  'it',
  'not',
  'from',
  'their',
  'they',
  'all',
  'people',
  'government',
]);
/** A folded Vietnamese syllable: onset, vowel nucleus, coda ("nghieng", "truong", "khuyet"); most English words fail. */
const VI_SYLLABLE =
  /^(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvx])?(uye|uya|uyu|oai|oay|oeo|uoi|uou|ieu|yeu|uay|uai|uoi|uoc|[aeiouy]{1,2})(ch|ng|nh|[cmnpt])?$/;
const VI_LETTERS = /[ăâđêôơưạảãàáằắẳẵặầấẩẫậẹẻẽèéềếểễệịỉĩìíọỏõòóồốổỗộờớởỡợụủũùúừứửữựỳýỷỹỵ]/iu;

function readTsv(file: string): string[][] {
  return fs
    .readFileSync(path.join(FACTCHECK_DATA_DIR, file), 'utf8')
    .split(/\r?\n/)
    .filter((l) => l.trim() && !l.startsWith('#'))
    .map((l) => l.split('\t').map((c) => c.trim()));
}

const lower = (s: string) => s.normalize('NFC').toLowerCase();

/** English suffix stripping, applied to ASCII words only (folded Vietnamese syllables never end in these). */
export function stem(w: string): string {
  if (w.length < 4 || !/^[a-z]+$/.test(w)) return w;
  if (w.endsWith('ies') && w.length > 4) return w.slice(0, -3) + 'y';
  if (w.endsWith('sses')) return w.slice(0, -2);
  if (w.endsWith('ing') && w.length > 5) return w.slice(0, -3);
  if (w.endsWith('ed') && w.length > 4) return w.endsWith('ied') ? w.slice(0, -3) + 'y' : w.slice(0, -2);
  if (w.endsWith('s') && !/(ss|us|is)$/.test(w)) return w.slice(0, -1);
  return w;
}

function tokensOf(s: string): string[] {
  return s.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

let cached: Resources | undefined;

/** The shipped data files, read once. */
export function resources(): Resources {
  if (cached) return cached;
  const r: Resources = {
    teencodeExact: new Map(),
    teencodeFolded: new Map(),
    phrasesExact: new Map(),
    phrasesFolded: new Map(),
    viOnly: new Set(),
    maxExact: new Map(),
    maxFolded: new Map(),
    stopExact: { vi: new Set(), en: new Set() },
    stopFolded: { vi: new Set(), en: new Set() },
  };
  const [, ...teen] = readTsv('teencode.tsv');
  for (const [from, to, lang = '*'] of teen) {
    if (!from || !to) continue;
    const key = lower(from).replace(/['’]/g, '');
    for (const [map, k] of [
      [r.teencodeExact, key],
      [r.teencodeFolded, fold(key)],
    ] as const) {
      const list = map.get(k) ?? [];
      list.push({ lang, to: lower(to) });
      map.set(k, list);
    }
  }
  const [, ...lex] = readTsv('lexicon.tsv');
  for (const [concept, phrases] of lex) {
    for (const phrase of (phrases ?? '').split('|')) {
      const exact = tokensOf(lower(phrase)).map(stem);
      if (!exact.length) continue;
      const folded = exact.map((t) => stem(fold(t)));
      for (const [map, max, toks] of [
        [r.phrasesExact, r.maxExact, exact],
        [r.phrasesFolded, r.maxFolded, folded],
      ] as const) {
        const key = toks.join(' ');
        if (!map.has(key)) map.set(key, concept);
        if (map === r.phrasesFolded && fold(phrase) !== lower(phrase) && !r.phrasesExact.has(key)) r.viOnly.add(key);
        max.set(toks[0], Math.max(max.get(toks[0]) ?? 0, toks.length));
      }
    }
  }
  const [, ...stops] = readTsv('stopwords.tsv');
  for (const [w, lang] of stops)
    if (w && (lang === 'vi' || lang === 'en')) {
      r.stopExact[lang].add(lower(w));
      r.stopFolded[lang].add(fold(w));
    }
  cached = r;
  return r;
}

/** Steps 1–2: cleaned tokens (NFC, lower case), language and whether the text was typed with diacritics. */
function clean(text: string): { raw: string[]; lang: Lang; accented: boolean; names: string[][] } {
  const s = text
    .normalize('NFC')
    .replace(/https?:\/\/\S+|www\.\S+/gi, ' ')
    .replace(/(^|\s)@[\p{L}\p{N}_.]+/gu, ' ')
    .replace(/\bw\/o\b/gi, ' without ')
    .replace(/\bw\//gi, ' with ')
    .replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2')
    .replace(/(\p{L})\1{2,}/gu, '$1')
    .replace(/['’]/g, '');
  const cased = s.split(/([.!?:;#\n]+|[^\p{L}\p{N}]+)/u);
  const words: { w: string; start: boolean }[] = [];
  let start = true;
  for (const piece of cased) {
    if (!piece) continue;
    if (/^[\p{L}\p{N}]+$/u.test(piece)) {
      words.push({ w: piece, start });
      start = false;
    } else if (/[.!?:;#\n]/.test(piece)) start = true;
  }
  const raw = words.map((x) => x.w.toLowerCase());
  const names: string[][] = [];
  const capital = (w: string) => /^\p{Lu}/u.test(w);
  if (words.filter((x) => capital(x.w)).length * 2 < words.length) {
    for (let i = 0; i < words.length;) {
      const run: string[] = [];
      let j = i;
      while (
        j < words.length &&
        capital(words[j].w) &&
        (j > i ? !words[j].start : !words[j].start || (j + 1 < words.length && capital(words[j + 1].w) && !words[j + 1].start))
      )
        run.push(fold(words[j++].w));
      if (run.length) {
        names.push(run);
        i = j;
      } else i++;
    }
  }
  let vi = 0;
  let en = 0;
  let marked = 0;
  let letters = 0;
  for (const t of raw) {
    const f = fold(t);
    if (f !== t) marked++;
    if (/\p{L}/u.test(t)) letters++;
    if (VI_MARKERS.has(f)) vi++;
    if (EN_MARKERS.has(t)) en++;
  }
  if (VI_LETTERS.test(s)) vi += 2;
  if (vi === en) {
    // no clue from function words: Vietnamese if nearly every word is a possible Vietnamese syllable
    const alpha = raw.filter((t) => /^\p{L}+$/u.test(t));
    vi = alpha.length && alpha.filter((t) => VI_SYLLABLE.test(fold(t))).length >= 0.8 * alpha.length ? 1 : 0;
    en = 1 - vi;
  }
  return { raw, lang: vi > en ? 'vi' : 'en', accented: letters > 0 && marked / letters >= 0.2, names };
}

export function normaliseText(text: string): Normalised {
  const r = resources();
  const { raw, lang, accented, names } = clean(text);
  const teen = accented ? r.teencodeExact : r.teencodeFolded;
  // Step 3–4: informal spelling, then stemming; each token kept in its match form (accented or folded) and folded.
  const forms: string[] = [];
  for (const t of raw) {
    const f = fold(t);
    // In accented text a word typed without diacritics may still be informal spelling (mixed typing): fall back.
    const forLang = (m: { lang: string }) => m.lang === '*' || m.lang === lang;
    const sub = accented
      ? (teen.get(t)?.find(forLang) ?? (f === t ? r.teencodeFolded.get(f)?.find(forLang) : undefined))
      : teen.get(f)?.find(forLang);
    const out = sub ? tokensOf(sub.to) : [t];
    for (const o of out) forms.push(stem(accented ? o : fold(o)));
  }
  // Step 5–6: longest lexicon phrase at each position.
  const phrases = accented ? r.phrasesExact : r.phrasesFolded;
  const maxLen = accented ? r.maxExact : r.maxFolded;
  const stop = (accented ? r.stopExact : r.stopFolded)[lang];
  const terms: string[] = [];
  const surface: string[] = [];
  for (let i = 0; i < forms.length;) {
    const max = Math.min(maxLen.get(forms[i]) ?? 0, forms.length - i);
    let matched = 0;
    for (let n = max; n >= 1 && !matched; n--) {
      const key = n === 1 ? forms[i] : forms.slice(i, i + n).join(' ');
      const concept = phrases.get(key);
      if (concept && !(lang === 'en' && !accented && r.viOnly.has(key))) {
        terms.push('§' + concept);
        matched = n;
      }
    }
    if (!matched && accented) {
      // mixed typing: the words without diacritics may be a known phrase typed without them
      const maxF = Math.min(r.maxFolded.get(forms[i]) ?? 0, forms.length - i);
      for (let n = maxF; n >= 1 && !matched; n--) {
        const span = forms.slice(i, i + n);
        if (span.some((x) => fold(x) !== x)) continue;
        const concept = r.phrasesFolded.get(span.join(' '));
        if (concept) {
          terms.push('§' + concept);
          matched = n;
        }
      }
    }
    const span = matched || 1;
    for (let k = i; k < i + span; k++) {
      if (stop.has(forms[k])) continue;
      const f = stem(fold(forms[k]));
      surface.push(f);
      if (!matched) terms.push(f);
    }
    i += span;
  }
  return { lang, words: raw.length, surface, terms, folded: forms.map(fold), plain: raw.map(fold), names };
}
