// Reads the portal's sitemap as a crawler does: the index at /sitemap.xml, then every part it lists.
import { XMLParser } from 'fast-xml-parser';

type Get = (url: string) => Promise<{ statusCode: number; body: string }>;
export type SitemapUrl = { loc: string; lastmod?: string; 'xhtml:link': { '@rel': string; '@hreflang': string; '@href': string }[] };

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  isArray: (name) => ['sitemap', 'url', 'xhtml:link'].includes(name),
});

/** The index, each part (its path and body) and every <url> of all parts in order. */
export async function readSitemap(
  get: Get,
): Promise<{ index: string; parts: { path: string; body: string }[]; urls: SitemapUrl[]; locs: string[]; body: string }> {
  const res = await get('/sitemap.xml');
  if (res.statusCode !== 200) throw new Error(`/sitemap.xml answered ${res.statusCode}`);
  const listed = (parser.parse(res.body).sitemapindex?.sitemap ?? []) as { loc: string }[];
  const parts: { path: string; body: string }[] = [];
  const urls: SitemapUrl[] = [];
  for (const s of listed) {
    const path = new URL(s.loc).pathname;
    const part = await get(path);
    if (part.statusCode !== 200) throw new Error(`${path} answered ${part.statusCode}`);
    parts.push({ path, body: part.body });
    urls.push(...(parser.parse(part.body).urlset.url as SitemapUrl[]));
  }
  return { index: res.body, parts, urls, locs: urls.map((u) => u.loc), body: parts.map((p) => p.body).join('\n') };
}
