// "Fetch the page": the text of a web page an analyst relies on, fetched once through the SSRF-safe fetcher
// (kernel/safeFetch: http(s) only, size and time limits, no loopback/private/link-local/metadata address, checked after
// DNS and on every redirect) so the evidence's stored snapshot can be taken from what the page said when fetched.
// The analyst then keeps only the passage relied on. Nothing is stored here: the snapshot is saved with the evidence.
import * as C from '../../../shared/contracts/factcheck.js';
import type { Actor } from '../../kernel/audit.js';
import { AppError } from '../../kernel/errors.js';
import { readableText } from '../../kernel/html.js';
import { safeFetch, SafeFetchError, type SafeFetchOptions } from '../../kernel/safeFetch.js';
import { nfc } from '../../kernel/text.js';
import { parseInput } from '../../kernel/validate.js';
import { assertMayWrite } from './factcheck.roles.js';

export const PAGE_MAX_BYTES = 5 * 1024 * 1024;
const SNAPSHOT_MAX = 200_000;

/** Title and readable text of an HTML page (the <article> or <main> when there is one, else the <body>). */
export function pageText(html: string): { title: string; text: string } {
  const title = readableText(
    html.match(/<meta[^>]+property=["']og:title["'][^>]*content=["']([^"']*)["']/i)?.[1] ??
      html.match(/<title[^>]*>([\s\S]*?)<\/title>/i)?.[1] ??
      '',
  );
  const part =
    html.match(/<article[\s\S]*?<\/article>/i)?.[0] ??
    html.match(/<main[\s\S]*?<\/main>/i)?.[0] ??
    html.match(/<body[\s\S]*<\/body>/i)?.[0] ??
    html;
  const text = readableText(part.replace(/<(nav|header|footer|aside|form|noscript|svg)[^>]*>[\s\S]*?<\/\1>/gi, ' '));
  return { title: nfc(title).slice(0, 500), text: nfc(text).slice(0, SNAPSHOT_MAX) };
}

export async function fetchPage(
  actor: Actor,
  raw: unknown,
  opts: Pick<SafeFetchOptions, 'testOnlyAllowedAddresses' | 'resolve' | 'timeoutMs'> = {},
  now = new Date(),
): Promise<C.FetchedPage> {
  assertMayWrite(actor);
  const { url } = parseInput(C.FetchPageInput, raw);
  const fail = (message: string) =>
    new AppError('validation_failed', `This page could not be fetched: ${message}`, [{ field: 'url', message }]);
  let r;
  try {
    r = await safeFetch(url, {
      maxBytes: PAGE_MAX_BYTES,
      timeoutMs: opts.timeoutMs ?? 15_000,
      headers: { accept: 'text/html, text/plain;q=0.9', 'user-agent': 'RightsHub evidence snapshot' },
      ...opts,
    });
  } catch (e) {
    if (e instanceof SafeFetchError) throw fail(`${e.code}: ${e.message}`);
    throw e;
  }
  if (r.status < 200 || r.status >= 300) throw fail(`the server answered HTTP ${r.status}`);
  const type = String(r.headers['content-type'] ?? '').toLowerCase();
  const body = r.body.toString('utf8');
  let page: { title: string; text: string };
  if (type.includes('text/plain')) page = { title: '', text: nfc(body).slice(0, SNAPSHOT_MAX) };
  else if (type.includes('html') || type === '') page = pageText(body);
  else throw fail(`not a web page (${type.split(';')[0]}); copy the text relied on by hand`);
  if (!page.text) throw fail('the page has no readable text; copy the text relied on by hand');
  return { url, finalUrl: r.url, title: page.title, text: page.text, fetchedAt: now.toISOString() };
}
