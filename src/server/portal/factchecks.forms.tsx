// The public fact-checking desk's forms (factchecks.routes.tsx): the signed token and honeypot, field errors, the
// claim and complaint forms and their pages, the receipt.
import { COMPLAINT_REPLY_DAYS, PLATFORMS, PLATFORM_LABELS } from '../../shared/contracts/factcheck.js';
import { Layout, type PageContext } from './portal.views.js';
import type { Lang } from './programme.js';
import { P, T } from './factchecks.text.js';

/** The hidden inputs every public form carries: the signed token and the honeypot (hidden from people by CSS). */
function Guard({ lang, token, honeypot }: { lang: Lang; token: string; honeypot?: string }) {
  return (
    <>
      <input type="hidden" name="token" value={token} />
      <div className="fc-hp">
        <label htmlFor="fc-website">{T[lang].honeypot}</label>
        <input id="fc-website" name="website" type="text" tabIndex={-1} autoComplete="off" defaultValue={honeypot ?? ''} />
      </div>
    </>
  );
}

export type Errors = Record<string, string>;
function FieldError({ id, errors }: { id: string; errors: Errors }) {
  return errors[id] ? (
    <p className="field-error" id={`fc-${id}-error`}>
      {errors[id]}
    </p>
  ) : null;
}
const invalid = (id: string, errors: Errors) => (errors[id] ? { 'aria-invalid': true as const, 'aria-describedby': `fc-${id}-error` } : {});
const describedBy = (id: string, hint: string, errors: Errors) =>
  errors[id] ? { 'aria-invalid': true as const, 'aria-describedby': `fc-${id}-error ${hint}` } : { 'aria-describedby': hint };

function ErrorSummary({ lang, errors }: { lang: Lang; errors: Errors }) {
  const list = Object.entries(errors);
  if (!list.length) return null;
  return (
    <div className="notice fc-error-summary" role="alert" aria-labelledby="fc-errors-h">
      <h2 id="fc-errors-h">{T[lang].errorsTitle}</h2>
      <ul>
        {list.map(([field, msg]) => (
          <li key={field}>{['form', 'website'].includes(field) ? msg : <a href={`#fc-${field}`}>{msg}</a>}</li>
        ))}
      </ul>
    </div>
  );
}

export type ComplaintValues = { text: string; email: string; consent: boolean; claimId: number | null; honeypot?: string };
export function ComplaintForm({
  lang,
  token,
  values,
  errors,
  headingId,
}: {
  lang: Lang;
  token: string;
  values: ComplaintValues;
  errors: Errors;
  headingId: string;
}) {
  const t = T[lang];
  return (
    <form className="fc-form" method="post" action={P.complaints[lang]} aria-labelledby={headingId} noValidate>
      <Guard lang={lang} token={token} honeypot={values.honeypot} />
      {values.claimId ? <input type="hidden" name="claimId" value={values.claimId} /> : null}
      <div className="field">
        <label htmlFor="fc-text">{t.complaintText}</label>
        <textarea id="fc-text" name="text" rows={6} maxLength={5000} required defaultValue={values.text} {...invalid('text', errors)} />
        <FieldError id="text" errors={errors} />
      </div>
      <ContactFields lang={lang} email={values.email} consent={values.consent} errors={errors} />
      <p className="actions">
        <button type="submit">{t.send}</button>
      </p>
    </form>
  );
}

function ContactFields({ lang, email, consent, errors }: { lang: Lang; email: string; consent: boolean; errors: Errors }) {
  const t = T[lang];
  return (
    <fieldset className="fc-contact">
      <legend>{t.contact}</legend>
      <div className="field">
        <label htmlFor="fc-email">{t.formEmail}</label>
        <input
          id="fc-email"
          name="email"
          type="email"
          autoComplete="email"
          maxLength={254}
          defaultValue={email}
          {...describedBy('email', 'fc-email-hint', errors)}
        />
        <p className="hint" id="fc-email-hint">
          {t.formEmailHint}
        </p>
        <FieldError id="email" errors={errors} />
      </div>
      <div className="field field-check">
        <input id="fc-consent" name="consent" type="checkbox" value="yes" defaultChecked={consent} />
        <label htmlFor="fc-consent">{t.formConsent}</label>
      </div>
    </fieldset>
  );
}

export type SubmitValues = {
  text: string;
  url: string;
  platform: string;
  note: string;
  email: string;
  consent: boolean;
  honeypot?: string;
};
export function SubmitPage({ ctx, token, values, errors }: { ctx: PageContext; token: string; values: SubmitValues; errors: Errors }) {
  const lang = ctx.lang;
  const t = T[lang];
  return (
    <Layout ctx={ctx} title={t.submit} current="factChecks">
      <p>
        <a href={P.list[lang]}>← {t.back}</a>
      </p>
      <h1 id="fc-submit-h">{t.submit}</h1>
      <p className="lead">{t.submitIntro}</p>
      <p className="note">{t.noPersonal}</p>
      <ErrorSummary lang={lang} errors={errors} />
      <form className="fc-form" method="post" action={P.submit[lang]} aria-labelledby="fc-submit-h" noValidate>
        <Guard lang={lang} token={token} honeypot={values.honeypot} />
        <div className="field">
          <label htmlFor="fc-text">{t.formText}</label>
          <textarea
            id="fc-text"
            name="text"
            rows={6}
            maxLength={5000}
            defaultValue={values.text}
            {...describedBy('text', 'fc-text-hint', errors)}
          />
          <p className="hint" id="fc-text-hint">
            {t.formTextHint}
          </p>
          <FieldError id="text" errors={errors} />
        </div>
        <div className="field">
          <label htmlFor="fc-url">{t.formUrl}</label>
          <input id="fc-url" name="url" type="url" inputMode="url" maxLength={2000} defaultValue={values.url} {...invalid('url', errors)} />
          <FieldError id="url" errors={errors} />
        </div>
        <div className="field">
          <label htmlFor="fc-platform">{t.formPlatform}</label>
          <select id="fc-platform" name="platform" defaultValue={values.platform || 'other'}>
            {PLATFORMS.map((p) => (
              <option key={p} value={p}>
                {PLATFORM_LABELS[p]?.[lang] ?? p}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="fc-note">{t.formNote}</label>
          <textarea id="fc-note" name="note" rows={3} maxLength={2000} defaultValue={values.note} {...invalid('note', errors)} />
          <FieldError id="note" errors={errors} />
        </div>
        <ContactFields lang={lang} email={values.email} consent={values.consent} errors={errors} />
        <p className="actions">
          <button type="submit">{t.send}</button>
        </p>
      </form>
      <p>
        <a href={P.methodology[lang]}>{t.methodology}</a>
      </p>
    </Layout>
  );
}

export function ComplaintsPage({
  ctx,
  token,
  values,
  errors,
  claimText,
}: {
  ctx: PageContext;
  token: string;
  values: ComplaintValues;
  errors: Errors;
  claimText: string | null;
}) {
  const lang = ctx.lang;
  const t = T[lang];
  return (
    <Layout ctx={ctx} title={t.complaints} current="factChecks">
      <p>
        <a href={P.list[lang]}>← {t.back}</a>
      </p>
      <h1 id="fc-complaints-h">{t.complaints}</h1>
      <p className="lead">{t.complaintsIntro(COMPLAINT_REPLY_DAYS)}</p>
      {values.claimId && claimText ? (
        <p>
          {t.complaintAbout}: <a href={`${P.list[lang]}/${values.claimId}`}>{claimText}</a>
        </p>
      ) : null}
      <ErrorSummary lang={lang} errors={errors} />
      <ComplaintForm lang={lang} token={token} values={values} errors={errors} headingId="fc-complaints-h" />
      <p>
        <a href={P.methodology[lang]}>{t.methodology}</a>
      </p>
    </Layout>
  );
}

export function ReceiptPage({ ctx, title, lines }: { ctx: PageContext; title: string; lines: string[] }) {
  const lang = ctx.lang;
  return (
    <Layout ctx={ctx} title={title} current="factChecks">
      <h1>{title}</h1>
      <div className="notice fc-receipt" role="status" data-testid="fc-receipt">
        {lines.map((l, i) => (
          <p key={i}>{l}</p>
        ))}
      </div>
      <p>
        <a href={P.list[lang]}>{T[lang].back}</a>
      </p>
    </Layout>
  );
}
