// Allow-list HTML sanitiser for rich text stored on the server (press item bodies). A small tokenizer reads
// the input; the output is rebuilt from scratch: only allowed tags and attributes, every text and attribute
// value entity-decoded then re-escaped, so what a browser sees is exactly what was checked.

/** The tags the sanitiser keeps (the feeds' test checks their HTML against it). */
export const ALLOWED: ReadonlySet<string> = new Set([
  'p',
  'br',
  'strong',
  'em',
  'b',
  'i',
  'u',
  'ul',
  'ol',
  'li',
  'blockquote',
  'h2',
  'h3',
  'h4',
  'a',
  'table',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'th',
  'td',
  'caption',
]);
const VOID = new Set(['br']);
/** Dropped together with everything inside them. */
const DROP_WITH_CONTENT = new Set([
  'script',
  'style',
  'iframe',
  'object',
  'embed',
  'noscript',
  'template',
  'textarea',
  'title',
  'xmp',
  'noembed',
  'noframes',
  'plaintext',
  'svg',
  'math',
  'frameset',
  'frame',
  'applet',
  'select',
  'head',
  'xml',
]);
const ATTRS: Record<string, Set<string>> = {
  a: new Set(['href', 'title']),
  td: new Set(['colspan', 'rowspan']),
  th: new Set(['colspan', 'rowspan', 'scope']),
};
const SAFE_SCHEMES = new Set(['http', 'https', 'mailto']);

const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  colon: ':',
  tab: '\t',
  newline: '\n',
  lpar: '(',
  rpar: ')',
  sol: '/',
  bsol: '\\',
  semi: ';',
  comma: ',',
  period: '.',
  excl: '!',
  equals: '=',
  num: '#',
  percnt: '%',
  plus: '+',
  ndash: '–',
  mdash: '—',
  hellip: '…',
  laquo: '«',
  raquo: '»',
  ldquo: '“',
  rdquo: '”',
  lsquo: '‘',
  rsquo: '’',
  copy: '©',
  reg: '®',
  deg: '°',
};

/** Decodes numeric entities (with or without ';') and the named entities above; anything else stays literal. */
export function decodeEntities(s: string): string {
  return s.replace(/&(#[xX][0-9a-fA-F]{1,8};?|#[0-9]{1,10};?|[a-zA-Z][a-zA-Z0-9]{1,31};)/g, (m, body: string) => {
    if (body[0] === '#') {
      const hex = body[1] === 'x' || body[1] === 'X';
      const cp = parseInt(body.slice(hex ? 2 : 1).replace(';', ''), hex ? 16 : 10);
      if (!Number.isFinite(cp) || cp <= 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return '\ufffd';
      return String.fromCodePoint(cp);
    }
    const v = NAMED[body.slice(0, -1).toLowerCase()];
    return v ?? m;
  });
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** An http(s) or mailto URL with control characters and whitespace removed, or null when anything else. */
export function safeUrl(raw: string): string | null {
  // eslint-disable-next-line no-control-regex
  const url = decodeEntities(raw).replace(/[\u0000-\u0020\u007f-\u009f\u00a0\u1680\u2000-\u200f\u2028\u2029\u202f\u205f\u3000\ufeff]/g, '');
  const m = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(url);
  if (!m || !SAFE_SCHEMES.has(m[1].toLowerCase())) return null;
  return url;
}

type Tag = { name: string; end: boolean; attrs: [string, string][]; next: number };

function readTag(s: string, i: number): Tag | null {
  // s[i] === '<'
  let j = i + 1;
  const end = s[j] === '/';
  if (end) j++;
  if (!/[a-zA-Z]/.test(s[j] ?? '')) return null;
  const start = j;
  while (j < s.length && !/[\s/>]/.test(s[j])) j++;
  const name = s.slice(start, j).toLowerCase();
  const attrs: [string, string][] = [];
  while (j < s.length && s[j] !== '>') {
    if (/[\s/]/.test(s[j])) {
      j++;
      continue;
    }
    const an = j;
    while (j < s.length && !/[\s/>=]/.test(s[j])) j++;
    if (j === an) j++; // a lone '=' where a name should be: skip it
    const attrName = s.slice(an, j).toLowerCase();
    while (j < s.length && /\s/.test(s[j])) j++;
    let value = '';
    if (s[j] === '=') {
      j++;
      while (j < s.length && /\s/.test(s[j])) j++;
      const q = s[j];
      if (q === '"' || q === "'") {
        const close = s.indexOf(q, j + 1);
        value = s.slice(j + 1, close < 0 ? s.length : close);
        j = close < 0 ? s.length : close + 1;
      } else {
        const vs = j;
        while (j < s.length && !/[\s>]/.test(s[j])) j++;
        value = s.slice(vs, j);
      }
    }
    if (attrName) attrs.push([attrName, value]);
  }
  return { name, end, attrs, next: j + 1 };
}

function renderAttrs(tag: string, attrs: [string, string][]): string {
  const allowed = ATTRS[tag];
  const out: string[] = [];
  const seen = new Set<string>();
  for (const [name, raw] of attrs) {
    if (!allowed?.has(name) || seen.has(name)) continue;
    seen.add(name);
    const value = decodeEntities(raw);
    if (name === 'href') {
      const url = safeUrl(raw);
      if (url) out.push(` href="${escapeHtml(url)}"`);
    } else if (name === 'colspan' || name === 'rowspan') {
      if (/^\s*\d{1,3}\s*$/.test(value)) out.push(` ${name}="${value.trim()}"`);
    } else if (name === 'scope') {
      if (/^(row|col|rowgroup|colgroup)$/i.test(value.trim())) out.push(` scope="${value.trim().toLowerCase()}"`);
    } else {
      out.push(` ${name}="${escapeHtml(value)}"`);
    }
  }
  if (tag === 'a') out.push(' rel="noopener nofollow"');
  return out.join('');
}

/** Keeps only the allow-listed markup of `input`; the result is well-formed (every opened tag closed). */
export function sanitizeHtml(input: string): string {
  const s = input.replaceAll('\u0000', '');
  const out: string[] = [];
  const open: string[] = [];
  let i = 0;
  while (i < s.length) {
    const lt = s.indexOf('<', i);
    const textEnd = lt < 0 ? s.length : lt;
    if (textEnd > i) out.push(escapeHtml(decodeEntities(s.slice(i, textEnd))));
    if (lt < 0) break;
    i = lt;
    if (s.startsWith('<!--', i)) {
      const close = s.indexOf('-->', i + 4);
      i = close < 0 ? s.length : close + 3;
      continue;
    }
    if (s[i + 1] === '!' || s[i + 1] === '?') {
      const close = s.indexOf('>', i);
      i = close < 0 ? s.length : close + 1;
      continue;
    }
    const tag = readTag(s, i);
    if (!tag) {
      out.push('&lt;');
      i++;
      continue;
    }
    i = Math.min(tag.next, s.length);
    if (!tag.end && DROP_WITH_CONTENT.has(tag.name)) {
      if (tag.name === 'plaintext') break;
      const re = new RegExp(`</${tag.name}[\\s/>]`, 'ig');
      re.lastIndex = i;
      const m = re.exec(s);
      if (!m) break;
      const close = s.indexOf('>', m.index);
      i = close < 0 ? s.length : close + 1;
      continue;
    }
    if (!ALLOWED.has(tag.name)) continue;
    if (tag.end) {
      const at = open.lastIndexOf(tag.name);
      if (at < 0) continue;
      while (open.length > at) out.push(`</${open.pop()}>`);
      continue;
    }
    out.push(`<${tag.name}${renderAttrs(tag.name, tag.attrs)}>`);
    if (!VOID.has(tag.name)) open.push(tag.name);
  }
  while (open.length) out.push(`</${open.pop()}>`);
  return out.join('');
}

/** The readable text of untrusted HTML (a feed's description, a fetched page): scripts and styles dropped with their
 *  content, the ends of blocks kept as line breaks, entities decoded, spaces collapsed within a line. */
export function readableText(html: string): string {
  return decodeEntities(
    html
      .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, ' ')
      .replace(/<br\s*\/?>|<\/(p|div|li|h[1-6]|tr|blockquote|section|article)>/gi, '\n')
      .replace(/<[^>]*>/g, ' '),
  )
    .replace(/[^\S\n]+/g, ' ')
    .replace(/\s*\n\s*/g, '\n')
    .trim();
}

/** The text of sanitised HTML, for search and summaries. */
export function htmlToText(html: string): string {
  return decodeEntities(html.replace(/<br>|<\/(p|li|h[2-4]|blockquote|tr)>/g, ' ').replace(/<[^>]*>/g, ''))
    .replace(/\s+/g, ' ')
    .trim();
}
