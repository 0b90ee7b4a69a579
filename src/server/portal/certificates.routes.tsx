/**
 * The public check of a training certificate: /xac-minh-chung-chi (vi) and /en/certificate-check (en), a GET form
 * with the code printed on the certificate. A valid code shows only the name, the course and the completion date
 * (nothing else about the person); a result page is never indexed. Registered by portalRoutes with a database.
 */
import type { FastifyInstance } from 'fastify';
import { verifyCertificate } from '../modules/training/training.certificates.js';
import type { NewsroomDeps } from './newsroom.routes.js';
import type { Lang } from './programme.js';
import { Layout, type PageContext } from './portal.views.js';

export const CERTIFICATE_PATHS = { vi: '/xac-minh-chung-chi', en: '/en/certificate-check' } as const;

const T = {
  vi: {
    title: 'Xác minh giấy chứng nhận tập huấn',
    lead: 'Nhập mã xác minh in trên giấy chứng nhận hoàn thành khóa tập huấn của Đề án.',
    code: 'Mã xác minh',
    hint: 'Ví dụ: ABCD-EFGH-JK',
    check: 'Kiểm tra',
    valid: 'Giấy chứng nhận hợp lệ',
    name: 'Họ và tên',
    course: 'Khóa học',
    date: 'Ngày hoàn thành',
    invalid: 'Không tìm thấy giấy chứng nhận với mã này. Hãy kiểm tra lại mã.',
  },
  en: {
    title: 'Check a training certificate',
    lead: 'Enter the verification code printed on a certificate of completion of a programme course.',
    code: 'Verification code',
    hint: 'For example: ABCD-EFGH-JK',
    check: 'Check',
    valid: 'Valid certificate',
    name: 'Name',
    course: 'Course',
    date: 'Completed on',
    invalid: 'No certificate has this code. Please check the code.',
  },
};
const dmy = (d: string, lang: Lang) => (lang === 'vi' ? `${Number(d.slice(8, 10))}/${Number(d.slice(5, 7))}/${d.slice(0, 4)}` : d);

function CertificatePage({
  ctx,
  code,
  result,
}: {
  ctx: PageContext;
  code: string;
  result: Awaited<ReturnType<typeof verifyCertificate>> | undefined;
}) {
  const t = T[ctx.lang];
  return (
    <Layout ctx={ctx} title={t.title}>
      <h1>{t.title}</h1>
      <p className="lead">{t.lead}</p>
      <form className="news-filters" method="get" action={CERTIFICATE_PATHS[ctx.lang]} aria-label={t.title}>
        <div className="fields">
          <div className="field field-q">
            <label htmlFor="c-code">{t.code}</label>
            <input
              id="c-code"
              name="code"
              type="text"
              defaultValue={code}
              maxLength={20}
              autoComplete="off"
              aria-describedby="c-code-hint"
            />
            <p id="c-code-hint" className="hint">
              {t.hint}
            </p>
          </div>
        </div>
        <p className="actions">
          <button type="submit">{t.check}</button>
        </p>
      </form>
      {result === undefined ? null : result ? (
        <section aria-labelledby="c-ok" className="notice" data-testid="certificate-valid">
          <h2 id="c-ok">✓ {t.valid}</h2>
          <dl>
            <dt>{t.name}</dt>
            <dd>{result.fullName}</dd>
            <dt>{t.course}</dt>
            <dd>{result.courseTitle}</dd>
            <dt>{t.date}</dt>
            <dd>{dmy(result.completedOn, ctx.lang)}</dd>
          </dl>
        </section>
      ) : (
        <p className="notice" role="status" data-testid="certificate-invalid">
          ✗ {t.invalid}
        </p>
      )}
    </Layout>
  );
}

export function certificateRoutes(app: FastifyInstance, { db, ctx, sendPage }: NewsroomDeps): void {
  for (const lang of ['vi', 'en'] as const) {
    const alt = lang === 'vi' ? 'en' : 'vi';
    app.get(CERTIFICATE_PATHS[lang], async (req, reply) => {
      const raw = (req.query as Record<string, unknown>)?.code;
      const code = typeof raw === 'string' ? raw.trim().slice(0, 20) : '';
      const result = code ? await verifyCertificate(db, code) : undefined;
      const altPath = code ? `${CERTIFICATE_PATHS[alt]}?code=${encodeURIComponent(code)}` : CERTIFICATE_PATHS[alt];
      const page = <CertificatePage ctx={ctx(lang, CERTIFICATE_PATHS[lang], altPath, Boolean(code))} code={code} result={result} />;
      return sendPage(reply, 200, page).header('cache-control', 'no-store');
    });
  }
}
