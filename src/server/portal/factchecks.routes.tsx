/**
 * The public fact-checking desk under /kiem-chung (vi) and /en/fact-checks (en), server-rendered, no JavaScript:
 *   - the list of published fact-checks (published and corrected; withdrawn ones stay listed with a notice), with
 *     search, rating and topic filters and paging;
 *   - a fact-check: the claim, its rating in the reader's language, the rationale (falling back to the other language
 *     with a note), every source with the stored text relied on, the correction history, the withdrawal reason,
 *     schema.org ClaimReview JSON-LD (none on a withdrawn one: it is not indexed) and a complaint form;
 *   - the methodology (rating scale from fc_ratings, process, two-person review, corrections policy, complaint reply
 *     period, no author identity stored);
 *   - "send us a suspicious claim" and the general complaint form: plain HTML forms with a signed token (issue time),
 *     a honeypot, a link limit and a per-address rate limit shared by every copy (only a keyed hash of the address is kept, for the window); bad input re-renders the
 *     form with the message beside the field and the values kept (400); success shows a receipt with a reference.
 * Reads through factcheck.public.ts, writes through factcheck.desk.ts. The pages: factchecks.views.tsx (reading) and
 * factchecks.forms.tsx (the forms); their words: factchecks.text.ts. This file: the routes.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { PLATFORMS } from '../../shared/contracts/factcheck.js';
import { AppError } from '../kernel/errors.js';
import { PRIVATE_CACHE_CONTROL } from './portal.cache.js';
import {
  checkPublicForm,
  checkFormToken,
  formToken,
  submitClaim,
  submitComplaint,
  type FormKind,
} from '../modules/factcheck/factcheck.desk.js';
import { getPublicFactCheck, listPublicFactChecks, listRatings, publicTopics } from '../modules/factcheck/factcheck.public.js';
import type { NewsroomDeps } from './newsroom.routes.js';
import { formatDate } from './newsroom.text.js';
import { abs, queryText } from './portal.views.js';
import type { Lang } from './programme.js';
import { fieldMessage, other, P, PAGE_SIZE, RATE_MAX, RATE_WINDOW, T } from './factchecks.text.js';
import { claimReviewLd, FactCheckPage, ListPage, MethodologyPage, parseFactCheckFilter, qstr } from './factchecks.views.js';
import { ComplaintsPage, type ComplaintValues, type Errors, ReceiptPage, SubmitPage, type SubmitValues } from './factchecks.forms.js';

// ---------------------------------------------------------------- routes

export type FactCheckPortalDeps = Omit<NewsroomDeps, 'origin'> & { formSecret?: string };

const bool = (v: unknown) => ['yes', 'on', 'true', '1'].includes(queryText(v, 10));

export function factCheckPortalRoutes(app: FastifyInstance, deps: FactCheckPortalDeps) {
  const { db, ctx, sendPage, securityHeaders, notFound, formSecret } = deps;
  /** Pages with a form token or a receipt are never cached. */
  const sendFresh = (reply: FastifyReply, status: number, page: ReactElement) =>
    securityHeaders(reply)
      .status(status)
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', PRIVATE_CACHE_CONTROL)
      .send('<!DOCTYPE html>' + renderToStaticMarkup(page));
  /** The token to serve again: the sender's own when it is ours (its issue time still counts), else a new one. */
  const keepToken = (kind: FormKind, sent: string) =>
    checkFormToken(formSecret, kind, sent) === 'token' ? formToken(formSecret, kind) : sent;
  const errorsOf = (e: unknown, lang: Lang): Errors | null => {
    if (!(e instanceof AppError) || e.code !== 'validation_failed') return null;
    const out: Errors = {};
    for (const d of (e.details ?? []) as { field: string; message: string }[]) {
      const field = d.field === 'claimId' ? 'form' : d.field;
      out[field] ??= fieldMessage(d.message, lang);
    }
    return out;
  };

  const claimTextOf = async (id: number | null) => (id ? ((await getPublicFactCheck(db, id))?.claim.text ?? null) : null);

  for (const lang of ['vi', 'en'] as const) {
    const alt = other(lang);
    app.get(P.list[lang], async (req, reply) => {
      const ratings = await listRatings(db);
      const filter = parseFactCheckFilter(
        req.query,
        ratings.map((r) => r.code),
      );
      const [list, topics] = await Promise.all([listPublicFactChecks(db, filter, PAGE_SIZE), publicTopics(db)]);
      return sendPage(
        reply,
        200,
        <ListPage
          ctx={ctx(lang, P.list[lang] + qstr(filter, filter.page), P.list[alt] + qstr(filter, filter.page), filter.page > 1)}
          filter={filter}
          ratings={ratings}
          topics={topics}
          rows={list.rows}
          total={list.total}
        />,
      );
    });
    app.get(P.methodology[lang], async (_req, reply) =>
      sendPage(reply, 200, <MethodologyPage ctx={ctx(lang, P.methodology[lang], P.methodology[alt])} ratings={await listRatings(db)} />),
    );
    app.get(`${P.list[lang]}/:id`, async (req: FastifyRequest<{ Params: { id: string } }>, reply) => {
      const id = /^[1-9]\d{0,8}$/.test(req.params.id) ? Number(req.params.id) : null;
      const fc = id ? await getPublicFactCheck(db, id) : null;
      if (!fc) return notFound(req, reply);
      const c = ctx(lang, `${P.list[lang]}/${id}`, `${P.list[alt]}/${id}`, fc.claim.status === 'withdrawn');
      if (fc.claim.status !== 'withdrawn') c.ld = [claimReviewLd(c, fc, abs(c, c.path))];
      // Rendered from the page cache (an hour at most: its complaint token is not personal and stays valid for a day),
      // but never kept by a shared cache (portal.cache.ts: private).
      return sendPage(
        reply,
        200,
        <FactCheckPage ctx={c} fc={fc} ratings={await listRatings(db)} token={formToken(formSecret, 'complaint')} />,
      );
    });

    // ---- "send us a suspicious claim" ----
    const submitCtx = (noindex = false) => ctx(lang, P.submit[lang], P.submit[alt], noindex);
    const emptySubmit: SubmitValues = { text: '', url: '', platform: 'other', note: '', email: '', consent: false };
    app.get(P.submit[lang], async (_req, reply) =>
      sendFresh(reply, 200, <SubmitPage ctx={submitCtx()} token={formToken(formSecret, 'submit')} values={emptySubmit} errors={{}} />),
    );
    // ---- complaints (general, or about one fact-check via ?claim=ID / the hidden claimId) ----
    const complaintsCtx = (noindex = false) => ctx(lang, P.complaints[lang], P.complaints[alt], noindex);
    app.get(P.complaints[lang], async (req, reply) => {
      const raw = Number(queryText((req.query as Record<string, unknown>)?.claim, 10));
      const claimId = Number.isInteger(raw) && raw > 0 ? raw : null;
      const claimText = await claimTextOf(claimId);
      return sendFresh(
        reply,
        200,
        <ComplaintsPage
          ctx={complaintsCtx(Boolean(claimId))}
          token={formToken(formSecret, 'complaint')}
          values={{ text: '', email: '', consent: false, claimId: claimText ? claimId : null }}
          errors={{}}
          claimText={claimText}
        />,
      );
    });
  }

  // The forms' POST routes: their own scope (form bodies, an HTML answer when rate-limited).
  // Not awaited: this registration function is synchronous; Fastify queues the plugin and loads it (failing there) at ready().
  void app.register(async (scope) => {
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 64 * 1024 }, (_req, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(body as string)));
    });
    scope.setErrorHandler((err: FastifyError, req, reply) => {
      const lang: Lang = req.url.startsWith('/en/') ? 'en' : 'vi';
      const t = T[lang];
      const path = req.url.split('?')[0]!;
      const altPath = Object.values(P).find((p) => p[lang] === path)?.[other(lang)] ?? P.list[other(lang)];
      if (err.statusCode === 429)
        return sendFresh(reply, 429, <ReceiptPage ctx={ctx(lang, path, altPath, true)} title={t.tooMany} lines={[t.tooManyText]} />);
      if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500)
        return sendFresh(
          reply,
          err.statusCode,
          <ReceiptPage ctx={ctx(lang, path, altPath, true)} title={t.badForm} lines={[t.badFormText]} />,
        );
      throw err;
    });
    // Per address and route, counted in the database for every copy (kernel/rateLimit): only a keyed hash of the
    // address is stored, for the window, then deleted.
    const rateLimit = { max: RATE_MAX, timeWindow: RATE_WINDOW, keyGenerator: (req: FastifyRequest) => req.ip };
    for (const lang of ['vi', 'en'] as const) {
      const alt = other(lang);
      scope.post(P.submit[lang], { config: { rateLimit } }, async (req, reply) => {
        const b = (req.body ?? {}) as Record<string, unknown>;
        const values: SubmitValues = {
          text: queryText(b.text, 5000),
          url: queryText(b.url, 2000),
          platform: queryText(b.platform, 20),
          note: queryText(b.note, 2000),
          email: queryText(b.email, 254),
          consent: bool(b.consent),
          honeypot: queryText(b.website, 200),
        };
        const sent = queryText(b.token, 100);
        const render = (errors: Errors) =>
          sendFresh(
            reply,
            400,
            <SubmitPage
              ctx={ctx(lang, P.submit[lang], P.submit[alt], true)}
              token={keepToken('submit', sent)}
              values={values}
              errors={errors}
            />,
          );
        const formErrors = checkPublicForm(formSecret, 'submit', { token: sent, honeypot: values.honeypot ?? '' });
        if (formErrors.length) return render(Object.fromEntries(formErrors.map((d) => [d.field, fieldMessage(d.message, lang)])));
        try {
          const platform = (PLATFORMS as readonly string[]).includes(values.platform) ? values.platform : 'other';
          const r = await submitClaim(db, {
            text: values.text,
            url: values.url,
            platform,
            note: values.note,
            email: values.email,
            consent: values.consent,
            locale: lang,
          });
          const t = T[lang];
          return await sendFresh(
            reply,
            200,
            <ReceiptPage
              ctx={ctx(lang, P.submit[lang], P.submit[alt], true)}
              title={t.receiptTitle}
              lines={[t.receiptSubmit(r.reference), values.email && values.consent ? t.receiptContact : t.receiptNoContact]}
            />,
          );
        } catch (e) {
          const errors = errorsOf(e, lang);
          if (errors) return render(errors);
          throw e;
        }
      });
      scope.post(P.complaints[lang], { config: { rateLimit } }, async (req, reply) => {
        const b = (req.body ?? {}) as Record<string, unknown>;
        const rawId = Number(queryText(b.claimId, 10));
        const values: ComplaintValues = {
          text: queryText(b.text, 5000),
          email: queryText(b.email, 254),
          consent: bool(b.consent),
          claimId: Number.isInteger(rawId) && rawId > 0 ? rawId : null,
          honeypot: queryText(b.website, 200),
        };
        const sent = queryText(b.token, 100);
        const render = async (errors: Errors) =>
          sendFresh(
            reply,
            400,
            <ComplaintsPage
              ctx={ctx(lang, P.complaints[lang], P.complaints[alt], true)}
              token={keepToken('complaint', sent)}
              values={values}
              errors={errors}
              claimText={await claimTextOf(values.claimId)}
            />,
          );
        const formErrors = checkPublicForm(formSecret, 'complaint', { token: sent, honeypot: values.honeypot ?? '' });
        if (formErrors.length) return render(Object.fromEntries(formErrors.map((d) => [d.field, fieldMessage(d.message, lang)])));
        try {
          const r = await submitComplaint(db, {
            claimId: values.claimId,
            text: values.text,
            email: values.email,
            consent: values.consent,
            locale: lang,
          });
          const t = T[lang];
          return await sendFresh(
            reply,
            200,
            <ReceiptPage
              ctx={ctx(lang, P.complaints[lang], P.complaints[alt], true)}
              title={t.receiptTitle}
              lines={[
                t.receiptComplaint(r.reference, formatDate(`${r.replyDue}T12:00:00+07:00`, lang)),
                values.email && values.consent ? t.receiptContact : t.receiptNoContact,
              ]}
            />,
          );
        } catch (e) {
          const errors = errorsOf(e, lang);
          if (errors) return render(errors);
          throw e;
        }
      });
    }
  });
}
