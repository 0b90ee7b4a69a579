/** The footer's fixed pages (contact, accessibility statement, privacy notice): static text from info.text.ts. */
import type { ReactNode } from 'react';
import { INFO, type InfoKey } from './info.text.js';
import { Layout, type PageContext } from './portal.views.js';

/** A paragraph's text with its `[label](href)` parts as links (hrefs are the portal's own paths, written in info.text.ts). */
export function withLinks(text: string): ReactNode[] {
  const out: ReactNode[] = [];
  const re = /\[([^\]]+)\]\(([^)\s]+)\)/g;
  let last = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    if (m.index > last) out.push(text.slice(last, m.index));
    out.push(
      <a key={m.index} href={m[2]}>
        {m[1]}
      </a>,
    );
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

export function InfoPage({ ctx, page }: { ctx: PageContext; page: InfoKey }) {
  const t = INFO[page][ctx.lang];
  return (
    <Layout ctx={ctx} title={t.title}>
      <div className={`info-page info-${page}`}>
        <h1>{t.title}</h1>
        <p className="lead">{t.lead}</p>
        {t.sections.map((s, i) => (
          <section key={i} aria-labelledby={`info-${i}`}>
            <h2 id={`info-${i}`}>{s.heading}</h2>
            {(s.paras ?? []).map((p, k) => (
              <p key={k}>{withLinks(p)}</p>
            ))}
            {s.list ? (
              <ul>
                {s.list.map((p, k) => (
                  <li key={k}>{withLinks(p)}</li>
                ))}
              </ul>
            ) : null}
          </section>
        ))}
      </div>
    </Layout>
  );
}
