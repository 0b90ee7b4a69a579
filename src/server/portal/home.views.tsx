/**
 * The public home: where the programme stands (the statuses' summary and the headline figures), the latest news,
 * fact-checks and online exhibitions, then the decision's text (purpose, targets, audiences) and the sections.
 * Without a database (tests of the shell) only the decision's text and the sections.
 */
import { EXH, pick } from './exhibitions.routes.js';
import { P as FC_PATHS, ratingLabel } from './factchecks.text.js';
import type { HomeOverview } from './home.js';
import { tagIfOther } from './newsroom.views.js';
import { formatDate, NEWS } from './newsroom.text.js';
import { groupTranslations } from './newsroom.group.js';
import { UI } from './portal.text.js';
import { Layout, type PageContext } from './portal.views.js';
import { AUDIENCES, DECISION, PROGRAMME_NAME, PURPOSE, SECTIONS, TARGETS, type Lang } from './programme.js';
import { figureText, summariseStatuses, summaryLine } from './progress.summary.js';
import { periodLabel, PROGRESS } from './progress.text.js';
import { Status } from './progress.views.js';

/** The figures the home puts first: spokespersons (T1), exhibitions in the provinces (T3), books (T4a), false
 *  information handled (T5c). */
export const HEADLINE_TARGETS = ['T1', 'T3', 'T4a', 'T5c'] as const;

const ISO3: Record<string, Lang> = { vie: 'vi', eng: 'en' };

function Standing({ overview, lang }: { overview: HomeOverview; lang: Lang }) {
  const t = UI[lang];
  const d = overview.dashboard;
  const figures = new Map(d.figures.map((x) => [x.id, x]));
  return (
    <section aria-labelledby="standing-h" className="home-standing">
      <h2 id="standing-h">{t.standing(periodLabel(d.scope.period.id, lang))}</h2>
      <p className="summary-line" data-testid="status-summary">
        {summaryLine(summariseStatuses(d), lang)}
      </p>
      <ul className="headline">
        {HEADLINE_TARGETS.map((id) => {
          const def = d.indicators.find((x) => x.id === id);
          if (!def) return null;
          const fig = figures.get(id);
          return (
            <li key={id}>
              <p className="headline-name">
                <span className="ind-id">{id}</span> {def.name[lang]}
              </p>
              <p className="headline-value">{fig ? figureText(fig.value, def, lang) : '—'}</p>
              <p className="headline-target">
                {t.target2028}: {def.targetLabel[lang]}
              </p>
              <Status status={fig ? fig.status : 'no_source'} lang={lang} />
            </li>
          );
        })}
      </ul>
      <p>
        <a href={PROGRESS[lang].base}>{t.seeProgress}</a>
      </p>
    </section>
  );
}

function LatestNews({ overview, lang }: { overview: HomeOverview; lang: Lang }) {
  const t = UI[lang];
  const n = NEWS[lang];
  const entries = groupTranslations(overview.news, [], lang);
  return (
    <section aria-labelledby="latest-news-h" className="home-latest">
      <h2 id="latest-news-h">{t.latestNews}</h2>
      {entries.length ? (
        <ul className="latest">
          {entries.map(({ item, title }) => (
            <li key={item.id}>
              <a href={`${n.base}/${title.id}`} lang={tagIfOther(title.language, lang)}>
                {title.text}
              </a>
              {item.publishedAt ? (
                <>
                  {' '}
                  <span className="note">
                    <time dateTime={item.publishedAt}>{formatDate(item.publishedAt, lang)}</time>
                  </span>
                </>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t.noneYet}</p>
      )}
      <p>
        <a href={n.base}>{t.allNews}</a>
      </p>
    </section>
  );
}

function LatestFactChecks({ overview, lang }: { overview: HomeOverview; lang: Lang }) {
  const t = UI[lang];
  return (
    <section aria-labelledby="latest-fc-h" className="home-latest">
      <h2 id="latest-fc-h">{t.latestFactChecks}</h2>
      {overview.factChecks.length ? (
        <ul className="latest">
          {overview.factChecks.map((r) => (
            <li key={r.id}>
              <span className={`badge rating rating-${r.ratingCode ?? 'none'}`}>{ratingLabel(overview.ratings, r.ratingCode, lang)}</span>{' '}
              <a href={`${FC_PATHS.list[lang]}/${r.id}`} lang={r.language === lang ? undefined : r.language}>
                {r.text.length > 160 ? `${r.text.slice(0, 159)}…` : r.text}
              </a>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t.noneYet}</p>
      )}
      <p>
        <a href={FC_PATHS.list[lang]}>{t.allFactChecks}</a>
      </p>
    </section>
  );
}

function LatestExhibitions({ exhibitions, lang }: { exhibitions: NonNullable<HomeOverview['exhibitions']>; lang: Lang }) {
  const t = UI[lang];
  const e = EXH[lang];
  return (
    <section aria-labelledby="latest-exh-h" className="home-latest">
      <h2 id="latest-exh-h">{t.latestExhibitions}</h2>
      {exhibitions.length ? (
        <ul className="latest">
          {exhibitions.map((x) => {
            const text = pick(x.texts, lang)!;
            const tag = ISO3[text.language];
            return (
              <li key={x.id}>
                <a href={`${e.base}/${x.id}`} lang={tag && tag !== lang ? tag : undefined}>
                  {text.title}
                </a>
              </li>
            );
          })}
        </ul>
      ) : (
        <p>{e.noOnline}</p>
      )}
      <p>
        <a href={e.base}>{t.allExhibitions}</a>
      </p>
    </section>
  );
}

export function HomePage({ ctx, overview }: { ctx: PageContext; overview?: HomeOverview }) {
  const { lang } = ctx;
  const t = UI[lang];
  return (
    <Layout ctx={ctx} title={PROGRAMME_NAME[lang]}>
      <h1>{PROGRAMME_NAME[lang]}</h1>
      <p className="lead">
        {t.approvedBy} {DECISION[lang]}.
      </p>

      {overview ? (
        <>
          <Standing overview={overview} lang={lang} />
          <div className="home-columns">
            <LatestNews overview={overview} lang={lang} />
            <LatestFactChecks overview={overview} lang={lang} />
            {overview.exhibitions ? <LatestExhibitions exhibitions={overview.exhibitions} lang={lang} /> : null}
          </div>
        </>
      ) : null}

      <section aria-labelledby="purpose">
        <h2 id="purpose">{t.purpose}</h2>
        <p>{PURPOSE[lang]}</p>
      </section>

      <section aria-labelledby="targets">
        <h2 id="targets">{t.targets}</h2>
        <div className="table-scroll">
          <table className="targets">
            <caption>{t.targetsCaption}</caption>
            <thead>
              <tr>
                <th scope="col">{t.colId}</th>
                <th scope="col">{t.colTarget}</th>
                <th scope="col">{t.colFigure}</th>
              </tr>
            </thead>
            <tbody>
              {TARGETS.map((x) => (
                <tr key={x.id} id={x.id.toLowerCase()}>
                  <th scope="row">{x.id}</th>
                  <td>{x.text[lang]}</td>
                  <td className="figure">{x.figure[lang]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p className="note">{t.t3Note}</p>
      </section>

      <section aria-labelledby="audiences">
        <h2 id="audiences">{t.audiences}</h2>
        <ol className="audiences">
          {AUDIENCES.map((a, i) => (
            <li key={i}>{a[lang]}</li>
          ))}
        </ol>
      </section>

      <section aria-labelledby="sections">
        <h2 id="sections">{t.sections}</h2>
        <ul className="cards">
          {SECTIONS.map((s) => (
            <li key={s.key}>
              <h3>
                <a href={s.path[lang]}>{s.title[lang]}</a>
              </h3>
              <p>{s.summary[lang]}</p>
              <p className="tags">
                {t.sectionTargets}: {s.targets}
              </p>
            </li>
          ))}
        </ul>
      </section>
    </Layout>
  );
}
