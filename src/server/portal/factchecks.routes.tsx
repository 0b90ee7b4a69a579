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
 *     a honeypot, a link limit and a per-address rate limit (addresses are never stored); bad input re-renders the
 *     form with the message beside the field and the values kept (400); success shows a receipt with a reference.
 * Reads through factcheck.public.ts, writes through factcheck.desk.ts.
 */
import { createHmac } from 'node:crypto';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { COMPLAINT_REPLY_DAYS, DESK_MESSAGES, PLATFORMS, PLATFORM_LABELS, PUBLIC_FORM_MAX_LINKS, TOPIC_LABELS, type DeskMessage, type Rating } from '../../shared/contracts/factcheck.js';

const topicLabel = (code: string, lang: Lang) => TOPIC_LABELS[code]?.[lang] ?? code;
import { AppError } from '../kernel/errors.js';
import { PRIVATE_CACHE_CONTROL } from './portal.cache.js';
import { checkPublicForm, checkFormToken, formKeySecret, formToken, submitClaim, submitComplaint, type FormKind } from '../modules/factcheck/factcheck.desk.js';
import { getPublicFactCheck, listPublicFactChecks, listRatings, publicTopics, type PublicFactCheck, type PublicFactCheckRow, type PublicFilter } from '../modules/factcheck/factcheck.public.js';
import type { NewsroomDeps } from './newsroom.routes.js';
import { formatDate } from './newsroom.text.js';
import { UI } from './portal.text.js';
import { abs, Layout, queryText, type PageContext } from './portal.views.js';
import type { Lang } from './programme.js';

const PAGE_SIZE = 20;
export const FACTCHECK_PATHS = {
  list: { vi: '/kiem-chung', en: '/en/fact-checks' },
  methodology: { vi: '/kiem-chung/phuong-phap', en: '/en/fact-checks/methodology' },
  submit: { vi: '/kiem-chung/gui-tin', en: '/en/fact-checks/submit' },
  complaints: { vi: '/kiem-chung/khieu-nai', en: '/en/fact-checks/complaints' },
} as const;
const P = FACTCHECK_PATHS;
const other = (lang: Lang): Lang => (lang === 'vi' ? 'en' : 'vi');
/** Public forms: at most this many sent per address and route in RATE_WINDOW. */
export const RATE_MAX = 5;
export const RATE_WINDOW = '10 minutes';

const T = {
  vi: {
    title: 'Kiểm chứng thông tin', intro: 'Thông tin sai lệch về quyền con người ở Việt Nam được phát hiện, kiểm chứng bằng nguồn công khai và trả lời. Chúng tôi đánh giá nhận định, không đánh giá con người; mọi nhận định được xét theo cùng một tiêu chuẩn.',
    methodology: 'Phương pháp và chính sách đính chính', submit: 'Gửi tin đáng ngờ', complaints: 'Khiếu nại',
    filters: 'Tìm kiếm và lọc', q: 'Từ khoá', rating: 'Kết luận', topic: 'Chủ đề', all: 'Tất cả', apply: 'Lọc', reset: 'Bỏ lọc',
    results: (n: number) => `${n} bài kiểm chứng`, none: 'Không có bài kiểm chứng nào khớp bộ lọc.', empty: 'Chưa có bài kiểm chứng nào được công bố.', page: (p: number, n: number) => `Trang ${p}/${n}`, prev: 'Trang trước', next: 'Trang sau',
    published: 'Công bố', corrected: (v: number) => `Đã đính chính (phiên bản ${v})`, withdrawnBadge: 'Đã rút lại',
    withdrawnNotice: (d: string) => `Bài kiểm chứng này đã được rút lại ngày ${d}.`, reason: 'Lý do',
    claim: 'Nhận định được kiểm chứng', rationale: 'Căn cứ kết luận', onlyOther: 'Chưa có bản tiếng Việt; dưới đây là bản tiếng Anh.',
    evidence: 'Nguồn và bằng chứng', fetched: 'Truy cập ngày', snapshot: 'Văn bản được lưu làm căn cứ', noEvidence: 'Không có nguồn.',
    corrections: 'Lịch sử đính chính', version: (v: number) => `Phiên bản ${v}`, ratingChange: (a: string, b: string) => `Kết luận: ${a} → ${b}`, rationaleChanged: 'Căn cứ kết luận được sửa.', noCorrections: 'Chưa có đính chính.',
    appearances: 'Nơi nhận định xuất hiện', back: 'Tất cả bài kiểm chứng', lastVersion: (v: number) => `${v} (đã đính chính)`, versionLabel: 'Phiên bản',
    complainAbout: 'Khiếu nại về bài kiểm chứng này', complainIntro: (d: number) => `Nếu bạn cho rằng bài kiểm chứng có sai sót, hãy cho chúng tôi biết. Chúng tôi trả lời trong vòng ${d} ngày.`,
    // forms
    formText: 'Nội dung bạn thấy đáng ngờ', formTextHint: 'Dán nội dung, hoặc chỉ cần đường dẫn bên dưới.', formUrl: 'Đường dẫn (URL)', formPlatform: 'Nền tảng', formNote: 'Ghi chú (không bắt buộc)',
    contact: 'Liên hệ (không bắt buộc)', formEmail: 'E-mail (không bắt buộc)', formEmailHint: 'Chỉ để chúng tôi trả lời bạn; được xoá sau khi trả lời.', formConsent: 'Tôi đồng ý để bộ phận kiểm chứng lưu địa chỉ e-mail này cho đến khi trả lời tôi.',
    honeypot: 'Để trống ô này', send: 'Gửi', noPersonal: 'Không cần cung cấp thông tin cá nhân. Không ghi tên hay tài khoản của người đăng nội dung.',
    submitIntro: 'Bạn thấy một thông tin về quyền con người ở Việt Nam có vẻ sai lệch? Gửi cho chúng tôi: nội dung, đường dẫn hoặc cả hai.',
    errorsTitle: 'Vui lòng sửa các lỗi sau', complaintText: 'Nội dung khiếu nại', complaintAbout: 'Về bài kiểm chứng',
    complaintsIntro: (d: number) => `Khiếu nại về một bài kiểm chứng hoặc về cách làm việc của bộ phận kiểm chứng. Chúng tôi trả lời trong vòng ${d} ngày kể từ ngày nhận.`,
    receiptTitle: 'Đã nhận', receiptSubmit: (r: string) => `Cảm ơn bạn. Chúng tôi đã nhận tin, mã tham chiếu ${r}.`, receiptComplaint: (r: string, d: string) => `Cảm ơn bạn. Chúng tôi đã nhận khiếu nại, mã tham chiếu ${r}; hạn trả lời: ${d}.`,
    receiptContact: 'Chúng tôi sẽ trả lời qua e-mail bạn để lại, rồi xoá địa chỉ đó.', receiptNoContact: 'Bạn không để lại địa chỉ liên hệ, nên chúng tôi sẽ không trả lời riêng.',
    tooMany: 'Bạn đã gửi quá nhiều lần', tooManyText: 'Vui lòng chờ ít phút rồi gửi lại.', badForm: 'Không đọc được biểu mẫu', badFormText: 'Vui lòng quay lại và gửi lại.',
    // methodology
    scale: 'Thang kết luận', scaleLabel: 'Kết luận', scaleMeaning: 'Ý nghĩa', scaleFalse: 'Tính là thông tin sai lệch (T5b)', yes: 'Có', no: 'Không', ratingValue: 'Điểm ClaimReview (1–5)',
    process: 'Quy trình', processSteps: [
      'Mới: nhận định được ghi nhận từ nội dung theo dõi, từ tin bạn đọc gửi hoặc do cán bộ nhập.',
      'Đang nghiên cứu: người kiểm chứng tìm nguồn gốc; mỗi nguồn được lưu đường dẫn, ngày truy cập và nguyên văn đoạn được dùng làm căn cứ (bản lưu vẫn còn nếu trang gốc thay đổi hay biến mất).',
      'Dự thảo: cần có kết luận, căn cứ và ít nhất một nguồn.',
      'Đã duyệt: một người duyệt khác với tác giả dự thảo phê duyệt — quy tắc hai người được hệ thống bắt buộc, không chỉ trên giao diện.',
      'Công bố: bài kiểm chứng được đăng tại đây, kèm dữ liệu có cấu trúc schema.org ClaimReview.',
      'Đính chính hoặc rút lại: mọi thay đổi sau khi công bố được ghi thành phiên bản mới và hiển thị trên trang.',
    ],
    standard: 'Cùng một tiêu chuẩn cho mọi nhận định, bất kể ai nói. Chúng tôi đánh giá nhận định, không đánh giá con người.',
    correctionsPolicy: 'Chính sách đính chính', correctionsText: 'Khi phát hiện sai sót (tự phát hiện hoặc qua khiếu nại), chúng tôi sửa kết luận hoặc căn cứ và tăng số phiên bản. Trang bài kiểm chứng giữ lịch sử đính chính: phiên bản, ngày, điều đã thay đổi và ghi chú giải thích. Bài bị rút lại vẫn được liệt kê kèm lý do.',
    complaintsPolicy: 'Khiếu nại', complaintsText: (d: number) => `Mọi người có thể khiếu nại về một bài kiểm chứng hoặc về bộ phận. Chúng tôi trả lời trong vòng ${d} ngày kể từ ngày nhận; thời hạn được theo dõi trong hệ thống. Địa chỉ e-mail (nếu bạn đồng ý để lại) được xoá sau khi trả lời.`,
    privacy: 'Dữ liệu cá nhân', privacyText: 'Chúng tôi không lưu danh tính tác giả của nội dung được theo dõi: không tên, không tài khoản, không đường dẫn trang cá nhân, không số người theo dõi. Chỉ lưu nội dung, đường dẫn, nền tảng, thời điểm, ngôn ngữ và chủ đề. Địa chỉ IP của người gửi biểu mẫu không được lưu.',
  },
  en: {
    title: 'Fact-checks', intro: 'False information on human rights in Viet Nam, detected, checked against public sources and answered. We judge claims, never people; every claim is held to the same standard.',
    methodology: 'Methodology and corrections policy', submit: 'Send us a suspicious claim', complaints: 'Complaints',
    filters: 'Search and filter', q: 'Keywords', rating: 'Rating', topic: 'Topic', all: 'All', apply: 'Filter', reset: 'Clear filters',
    results: (n: number) => `${n} fact-check${n === 1 ? '' : 's'}`, none: 'No fact-check matches the filters.', empty: 'No fact-check has been published yet.', page: (p: number, n: number) => `Page ${p} of ${n}`, prev: 'Previous page', next: 'Next page',
    published: 'Published', corrected: (v: number) => `Corrected (version ${v})`, withdrawnBadge: 'Withdrawn',
    withdrawnNotice: (d: string) => `This fact-check was withdrawn on ${d}.`, reason: 'Reason',
    claim: 'The claim checked', rationale: 'Why we rated it so', onlyOther: 'No English version yet; the Vietnamese one follows.',
    evidence: 'Sources and evidence', fetched: 'Fetched', snapshot: 'The text relied on, as stored', noEvidence: 'No sources.',
    corrections: 'Correction history', version: (v: number) => `Version ${v}`, ratingChange: (a: string, b: string) => `Rating: ${a} → ${b}`, rationaleChanged: 'The rationale was changed.', noCorrections: 'No corrections.',
    appearances: 'Where the claim appeared', back: 'All fact-checks', lastVersion: (v: number) => `${v} (corrected)`, versionLabel: 'Version',
    complainAbout: 'Complain about this fact-check', complainIntro: (d: number) => `If you think this fact-check is wrong, tell us. We answer within ${d} days.`,
    formText: 'What you find suspicious', formTextHint: 'Paste the text, or just give the link below.', formUrl: 'Link (URL)', formPlatform: 'Platform', formNote: 'Note (optional)',
    contact: 'Contact (optional)', formEmail: 'E-mail (optional)', formEmailHint: 'Only to answer you; erased once we have answered.', formConsent: 'I agree that the fact-checking desk keeps this e-mail address until it has answered me.',
    honeypot: 'Leave this field empty', send: 'Send', noPersonal: 'No personal data needed. Do not give the name or account of whoever posted it.',
    submitIntro: 'Seen something about human rights in Viet Nam that looks false? Send it to us: the text, the link or both.',
    errorsTitle: 'Please correct the following', complaintText: 'Your complaint', complaintAbout: 'About the fact-check',
    complaintsIntro: (d: number) => `A complaint about a fact-check or about how the desk works. We answer within ${d} days of receiving it.`,
    receiptTitle: 'Received', receiptSubmit: (r: string) => `Thank you. We have received it; your reference is ${r}.`, receiptComplaint: (r: string, d: string) => `Thank you. We have received your complaint; your reference is ${r}, reply due by ${d}.`,
    receiptContact: 'We will answer at the e-mail address you gave, then erase it.', receiptNoContact: 'You left no contact address, so we will not answer you personally.',
    tooMany: 'Too many forms sent', tooManyText: 'Please wait a few minutes and send it again.', badForm: 'The form could not be read', badFormText: 'Please go back and send it again.',
    scale: 'Rating scale', scaleLabel: 'Rating', scaleMeaning: 'Meaning', scaleFalse: 'Counts as false information (T5b)', yes: 'Yes', no: 'No', ratingValue: 'ClaimReview value (1–5)',
    process: 'Process', processSteps: [
      'New: a claim is recorded from the monitored items, from a reader\'s submission or by staff.',
      'Researching: the fact-checker traces it; each source is kept with its link, the date it was fetched and the exact text relied on (the stored copy stays even if the page changes or disappears).',
      'Drafted: a draft needs a rating, a rationale and at least one source.',
      'Approved: by a reviewer other than the draft\'s author — the two-person rule is enforced by the system, not only by the interface.',
      'Published: the fact-check appears here, with schema.org ClaimReview structured data.',
      'Corrected or withdrawn: every change after publication becomes a new version, shown on the page.',
    ],
    standard: 'The same standard for every claim, whoever makes it. We judge claims, never people.',
    correctionsPolicy: 'Corrections policy', correctionsText: 'When we find a mistake (ourselves or through a complaint) we correct the rating or the rationale and raise the version number. The fact-check keeps its correction history: version, date, what changed and a note explaining it. A withdrawn fact-check stays listed with the reason.',
    complaintsPolicy: 'Complaints', complaintsText: (d: number) => `Anyone may complain about a fact-check or about the desk. We answer within ${d} days of receiving the complaint; the deadline is tracked in our system. An e-mail address (if you agree to leave one) is erased once we have answered.`,
    privacy: 'Personal data', privacyText: 'We store no author identity of the items we monitor: no names, no accounts, no profile links, no follower counts. Only the text, link, platform, time, language and topics. The IP addresses of people sending our forms are not stored.',
  },
};

const MEANING: Record<string, Record<Lang, string>> = {
  false: { vi: 'Nhận định trái với sự thật đã được kiểm chứng.', en: 'The claim contradicts the verified facts.' },
  partly_false: { vi: 'Nhận định có phần đúng nhưng chứa chi tiết sai quan trọng.', en: 'The claim has some truth but contains significant false details.' },
  missing_context: { vi: 'Nhận định có thể gây hiểu lầm vì thiếu bối cảnh.', en: 'The claim may mislead without additional context.' },
  true: { vi: 'Nhận định chính xác.', en: 'The claim is accurate.' },
  unverifiable: { vi: 'Không đủ bằng chứng công khai để xác định đúng hay sai.', en: 'There is not enough public evidence to say whether it is true.' },
};

const FIELD_MESSAGES: Record<DeskMessage, Record<Lang, string>> = {
  textOrUrl: { vi: 'Nhập nội dung, đường dẫn hoặc cả hai.', en: 'Give the text, the link or both.' },
  url: { vi: 'Đường dẫn phải bắt đầu bằng http:// hoặc https://.', en: 'The link must start with http:// or https://.' },
  email: { vi: 'Địa chỉ e-mail không hợp lệ.', en: 'This is not a valid e-mail address.' },
  consent: { vi: 'Hãy đánh dấu ô đồng ý để chúng tôi lưu địa chỉ e-mail, hoặc xoá địa chỉ đó.', en: 'Tick the consent box so that we may keep your e-mail address, or remove the address.' },
  tooManyLinks: { vi: `Quá nhiều đường dẫn (tối đa ${PUBLIC_FORM_MAX_LINKS}).`, en: `Too many links (at most ${PUBLIC_FORM_MAX_LINKS}).` },
  complaintText: { vi: 'Hãy cho biết điều bạn cho là sai (ít nhất 10 ký tự).', en: 'Say what you think is wrong (at least 10 characters).' },
  token: { vi: 'Biểu mẫu đã hết hạn hoặc không được gửi từ trang của chúng tôi; vui lòng gửi lại.', en: 'The form has expired or was not sent from our page; please send it again.' },
  tooFast: { vi: 'Biểu mẫu được gửi quá nhanh; vui lòng chờ giây lát rồi gửi lại.', en: 'The form was sent too quickly; wait a moment and send it again.' },
  honeypot: { vi: 'Ô này phải để trống.', en: 'This field must be left empty.' },
  claim: { vi: 'Không có bài kiểm chứng đã công bố này.', en: 'No such published fact-check.' },
};
const BY_MESSAGE = new Map(Object.entries(DESK_MESSAGES).map(([k, v]) => [v as string, k as DeskMessage]));
const fieldMessage = (message: string, lang: Lang) => { const k = BY_MESSAGE.get(message); return k ? FIELD_MESSAGES[k][lang] : message; };

const ratingLabel = (ratings: Rating[], code: string | null, lang: Lang) => {
  const r = ratings.find((x) => x.code === code);
  return r ? (lang === 'vi' ? r.labelVi : r.labelEn) : code ?? '—';
};

// ---------------------------------------------------------------- filter

export function parseFactCheckFilter(query: unknown, ratingCodes: string[]): PublicFilter {
  const q = (query ?? {}) as Record<string, unknown>;
  const rating = queryText(q.rating, 40);
  const topic = queryText(q.topic, 60);
  const page = Number(queryText(q.page, 6));
  return {
    q: queryText(q.q, 200) || undefined, rating: ratingCodes.includes(rating) ? rating : undefined, topic: /^[a-z0-9_]{1,60}$/.test(topic) ? topic : undefined,
    page: Number.isInteger(page) && page > 0 && page < 10_000 ? page : 1,
  };
}
function qstr(f: PublicFilter, page?: number): string {
  const sp = new URLSearchParams();
  if (f.q) sp.set('q', f.q);
  if (f.rating) sp.set('rating', f.rating);
  if (f.topic) sp.set('topic', f.topic);
  if (page && page > 1) sp.set('page', String(page));
  const s = sp.toString();
  return s ? `?${s}` : '';
}

// ---------------------------------------------------------------- views

function DeskLinks({ lang }: { lang: Lang }) {
  const t = T[lang];
  return (
    <ul className="inline fc-links">
      <li><a href={P.methodology[lang]}>{t.methodology}</a></li>
      <li><a href={P.submit[lang]}>{t.submit}</a></li>
      <li><a href={P.complaints[lang]}>{t.complaints}</a></li>
    </ul>
  );
}

function ListPage(props: { ctx: PageContext; filter: PublicFilter; ratings: Rating[]; topics: string[]; rows: PublicFactCheckRow[]; total: number }) {
  const { ctx, filter, ratings, topics, rows, total } = props;
  const lang = ctx.lang;
  const t = T[lang];
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const filtered = Boolean(filter.q || filter.rating || filter.topic);
  return (
    <Layout ctx={ctx} title={filter.page > 1 ? `${t.title} — ${t.page(filter.page, pages)}` : t.title} current="factChecks">
      <h1>{t.title}</h1>
      <p className="lead">{t.intro}</p>
      <DeskLinks lang={lang} />
      <form className="news-filters" method="get" action={P.list[lang]} role="search" aria-labelledby="fc-filters-h">
        <h2 id="fc-filters-h">{t.filters}</h2>
        <div className="fields">
          <div className="field field-q">
            <label htmlFor="fc-q">{t.q}</label>
            <input id="fc-q" name="q" type="search" defaultValue={filter.q ?? ''} maxLength={200} />
          </div>
          <div className="field">
            <label htmlFor="fc-rating">{t.rating}</label>
            <select id="fc-rating" name="rating" defaultValue={filter.rating ?? ''}>
              <option value="">{t.all}</option>
              {ratings.map((r) => <option key={r.code} value={r.code}>{lang === 'vi' ? r.labelVi : r.labelEn}</option>)}
            </select>
          </div>
          <div className="field">
            <label htmlFor="fc-topic">{t.topic}</label>
            <select id="fc-topic" name="topic" defaultValue={filter.topic ?? ''}>
              <option value="">{t.all}</option>
              {topics.map((x) => <option key={x} value={x}>{topicLabel(x, lang)}</option>)}
            </select>
          </div>
        </div>
        <p className="actions"><button type="submit">{t.apply}</button>{filtered ? <a href={P.list[lang]}>{t.reset}</a> : null}</p>
      </form>
      <h2 id="fc-results-h">{t.results(total)}{filter.page > 1 ? ` — ${t.page(filter.page, pages)}` : ''}</h2>
      {rows.length === 0 ? <p className="notice">{filtered ? t.none : t.empty}</p> : (
        <ul className="news-list" aria-labelledby="fc-results-h">
          {rows.map((r) => (
            <li key={r.id}>
              <p className="news-meta">
                <span className={`badge rating rating-${r.ratingCode ?? 'none'}`}>{ratingLabel(ratings, r.ratingCode, lang)}</span>
                {r.publishedAt ? <> {t.published} <time dateTime={r.publishedAt}>{formatDate(r.publishedAt, lang)}</time></> : null}
                {r.status === 'corrected' ? <> · {t.corrected(r.version)}</> : null}
                {r.topics.length ? <> · {r.topics.map((x) => topicLabel(x, lang)).join(', ')}</> : null}
              </p>
              <h3><a href={`${P.list[lang]}/${r.id}`} lang={r.language}>{r.text}</a></h3>
              {r.status === 'withdrawn' && r.withdrawnAt ? <p className="notice">{t.withdrawnBadge}: {t.withdrawnNotice(formatDate(r.withdrawnAt, lang))}</p> : null}
            </li>
          ))}
        </ul>
      )}
      {pages > 1 ? (
        <nav className="pagination" aria-label={t.page(filter.page, pages)}>
          <ul>
            {filter.page > 1 ? <li><a href={P.list[lang] + qstr(filter, filter.page - 1)} rel="prev">{t.prev}</a></li> : null}
            <li><span>{t.page(filter.page, pages)}</span></li>
            {filter.page < pages ? <li><a href={P.list[lang] + qstr(filter, filter.page + 1)} rel="next">{t.next}</a></li> : null}
          </ul>
        </nav>
      ) : null}
    </Layout>
  );
}

/** schema.org ClaimReview of a public fact-check (never of a withdrawn one). */
export function claimReviewLd(ctx: PageContext, fc: PublicFactCheck, url: string) {
  const { claim, rating, appearances } = fc;
  const lang = ctx.lang;
  const lastCorrection = claim.corrections.at(-1);
  const works = appearances.map((a) => ({ '@type': 'CreativeWork', url: a.url, datePublished: a.at }));
  return {
    '@type': 'ClaimReview',
    url,
    claimReviewed: claim.text,
    datePublished: claim.publishedAt ?? undefined,
    ...(claim.status === 'corrected' && lastCorrection ? { dateModified: lastCorrection.correctedAt } : {}),
    author: { '@type': 'Organization', name: `${UI[lang].siteName} — ${T[lang].title}`, url: abs(ctx, P.list[lang]) },
    reviewRating: {
      '@type': 'Rating',
      ...(rating?.ratingValue != null ? { ratingValue: rating.ratingValue } : {}),
      bestRating: 5, worstRating: 1,
      alternateName: rating?.alternateName ?? claim.ratingCode,
    },
    itemReviewed: {
      '@type': 'Claim',
      ...(works.length ? { appearance: works, firstAppearance: works[0] } : {}),
    },
    inLanguage: lang,
  };
}

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

type Errors = Record<string, string>;
function FieldError({ id, errors }: { id: string; errors: Errors }) {
  return errors[id] ? <p className="field-error" id={`fc-${id}-error`}>{errors[id]}</p> : null;
}
const invalid = (id: string, errors: Errors) => (errors[id] ? { 'aria-invalid': true as const, 'aria-describedby': `fc-${id}-error` } : {});
const describedBy = (id: string, hint: string, errors: Errors) => (errors[id] ? { 'aria-invalid': true as const, 'aria-describedby': `fc-${id}-error ${hint}` } : { 'aria-describedby': hint });

function ErrorSummary({ lang, errors }: { lang: Lang; errors: Errors }) {
  const list = Object.entries(errors);
  if (!list.length) return null;
  return (
    <div className="notice fc-error-summary" role="alert" aria-labelledby="fc-errors-h">
      <h2 id="fc-errors-h">{T[lang].errorsTitle}</h2>
      <ul>{list.map(([field, msg]) => <li key={field}>{['form', 'website'].includes(field) ? msg : <a href={`#fc-${field}`}>{msg}</a>}</li>)}</ul>
    </div>
  );
}

type ComplaintValues = { text: string; email: string; consent: boolean; claimId: number | null; honeypot?: string };
function ComplaintForm({ lang, token, values, errors, headingId }: { lang: Lang; token: string; values: ComplaintValues; errors: Errors; headingId: string }) {
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
      <p className="actions"><button type="submit">{t.send}</button></p>
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
        <input id="fc-email" name="email" type="email" autoComplete="email" maxLength={254} defaultValue={email} {...describedBy('email', 'fc-email-hint', errors)} />
        <p className="hint" id="fc-email-hint">{t.formEmailHint}</p>
        <FieldError id="email" errors={errors} />
      </div>
      <div className="field field-check">
        <input id="fc-consent" name="consent" type="checkbox" value="yes" defaultChecked={consent} />
        <label htmlFor="fc-consent">{t.formConsent}</label>
      </div>
    </fieldset>
  );
}

function FactCheckPage({ ctx, fc, ratings, token }: { ctx: PageContext; fc: PublicFactCheck; ratings: Rating[]; token: string }) {
  const lang = ctx.lang;
  const t = T[lang];
  const { claim } = fc;
  const own = lang === 'vi' ? claim.rationaleVi : claim.rationaleEn;
  const fallback = lang === 'vi' ? claim.rationaleEn : claim.rationaleVi;
  const withdrawn = claim.status === 'withdrawn';
  return (
    <Layout ctx={ctx} title={`${claim.text.slice(0, 80)} — ${t.title}`} current="factChecks">
      <p><a href={P.list[lang]}>← {t.back}</a></p>
      <p className="eyebrow">{t.claim}</p>
      <h1 lang={claim.language}>{claim.text}</h1>
      {withdrawn ? (
        <div className="notice fc-withdrawn" role="note">
          <p><strong>{t.withdrawnBadge}.</strong> {claim.withdrawnAt ? t.withdrawnNotice(formatDate(claim.withdrawnAt, lang)) : null}</p>
          {claim.withdrawalReason ? <p>{t.reason}: {claim.withdrawalReason}</p> : null}
        </div>
      ) : null}
      <dl className="item-facts">
        <dt>{t.rating}</dt><dd><strong className={`rating rating-${claim.ratingCode ?? 'none'}`} data-testid="fc-rating">{ratingLabel(ratings, claim.ratingCode, lang)}</strong></dd>
        {claim.publishedAt ? <><dt>{t.published}</dt><dd><time dateTime={claim.publishedAt}>{formatDate(claim.publishedAt, lang)}</time></dd></> : null}
        {claim.version > 1 ? <><dt>{t.versionLabel}</dt><dd><a href="#fc-corrections-h">{t.lastVersion(claim.version)}</a></dd></> : null}
        {claim.topics.length ? <><dt>{t.topic}</dt><dd>{claim.topics.map((x) => topicLabel(x, lang)).join(', ')}</dd></> : null}
      </dl>
      <section aria-labelledby="fc-rationale-h">
        <h2 id="fc-rationale-h">{t.rationale}</h2>
        {own ? <p className="fc-text">{own}</p> : fallback ? <><p className="note">{t.onlyOther}</p><p className="fc-text" lang={other(lang)}>{fallback}</p></> : <p>—</p>}
      </section>
      <section aria-labelledby="fc-evidence-h">
        <h2 id="fc-evidence-h">{t.evidence}</h2>
        {claim.evidence.length ? (
          <ol className="fc-evidence">
            {claim.evidence.map((e) => (
              <li key={e.id}>
                <p><a href={e.url} rel="nofollow noopener noreferrer">{e.title}</a> <span className="note">({t.fetched} <time dateTime={e.fetchedAt}>{formatDate(e.fetchedAt, lang)}</time>)</span></p>
                <details>
                  <summary>{t.snapshot}</summary>
                  <blockquote cite={e.url} className="fc-text">{e.snapshot}</blockquote>
                </details>
              </li>
            ))}
          </ol>
        ) : <p>{t.noEvidence}</p>}
      </section>
      <section aria-labelledby="fc-corrections-h" className={claim.corrections.length ? 'corrections' : undefined}>
        <h2 id="fc-corrections-h">{t.corrections}</h2>
        {claim.corrections.length ? (
          <ol>
            {claim.corrections.map((c) => {
              const changedRationale = c.rationaleVi !== c.previousRationaleVi || c.rationaleEn !== c.previousRationaleEn;
              return (
                <li key={c.version}>
                  <strong>{t.version(c.version)}</strong> — <time dateTime={c.correctedAt}>{formatDate(c.correctedAt, lang)}</time>
                  <ul>
                    {c.ratingCode !== c.previousRatingCode ? <li>{t.ratingChange(ratingLabel(ratings, c.previousRatingCode, lang), ratingLabel(ratings, c.ratingCode, lang))}</li> : null}
                    {changedRationale ? <li>{t.rationaleChanged}</li> : null}
                    <li>{c.note}</li>
                  </ul>
                </li>
              );
            })}
          </ol>
        ) : <p>{t.noCorrections}</p>}
      </section>
      {fc.appearances.length ? (
        <section aria-labelledby="fc-appear-h">
          <h2 id="fc-appear-h">{t.appearances}</h2>
          <ul className="fc-appearances">{fc.appearances.map((a) => <li key={a.url}><span className="url">{a.url}</span> (<time dateTime={a.at}>{formatDate(a.at, lang)}</time>)</li>)}</ul>
        </section>
      ) : null}
      <section aria-labelledby="fc-complain-h" className="fc-complain">
        <h2 id="fc-complain-h">{t.complainAbout}</h2>
        <p>{t.complainIntro(COMPLAINT_REPLY_DAYS)} <a href={P.methodology[lang]}>{t.methodology}</a></p>
        <ComplaintForm lang={lang} token={token} values={{ text: '', email: '', consent: false, claimId: claim.id }} errors={{}} headingId="fc-complain-h" />
      </section>
    </Layout>
  );
}

function MethodologyPage({ ctx, ratings }: { ctx: PageContext; ratings: Rating[] }) {
  const lang = ctx.lang;
  const t = T[lang];
  return (
    <Layout ctx={ctx} title={t.methodology} current="factChecks">
      <p><a href={P.list[lang]}>← {t.back}</a></p>
      <h1>{t.methodology}</h1>
      <p className="lead">{t.standard}</p>
      <h2 id="fc-scale-h">{t.scale}</h2>
      <table className="targets" aria-labelledby="fc-scale-h">
        <thead><tr><th scope="col">{t.scaleLabel}</th><th scope="col">{t.scaleMeaning}</th><th scope="col">{t.scaleFalse}</th><th scope="col">{t.ratingValue}</th></tr></thead>
        <tbody>
          {ratings.map((r) => (
            <tr key={r.code}>
              <th scope="row">{lang === 'vi' ? r.labelVi : r.labelEn} <span className="note" lang="en">({r.alternateName})</span></th>
              <td>{MEANING[r.code]?.[lang] ?? ''}</td>
              <td>{r.countsAsFalse ? t.yes : t.no}</td>
              <td>{r.ratingValue ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{t.process}</h2>
      <ol>{t.processSteps.map((s, i) => <li key={i}>{s}</li>)}</ol>
      <h2>{t.correctionsPolicy}</h2>
      <p>{t.correctionsText}</p>
      <h2>{t.complaintsPolicy}</h2>
      <p>{t.complaintsText(COMPLAINT_REPLY_DAYS)} <a href={P.complaints[lang]}>{t.complaints}</a></p>
      <h2>{t.privacy}</h2>
      <p>{t.privacyText}</p>
      <p><a href={P.submit[lang]}>{t.submit}</a></p>
    </Layout>
  );
}

type SubmitValues = { text: string; url: string; platform: string; note: string; email: string; consent: boolean; honeypot?: string };
function SubmitPage({ ctx, token, values, errors }: { ctx: PageContext; token: string; values: SubmitValues; errors: Errors }) {
  const lang = ctx.lang;
  const t = T[lang];
  return (
    <Layout ctx={ctx} title={t.submit} current="factChecks">
      <p><a href={P.list[lang]}>← {t.back}</a></p>
      <h1 id="fc-submit-h">{t.submit}</h1>
      <p className="lead">{t.submitIntro}</p>
      <p className="note">{t.noPersonal}</p>
      <ErrorSummary lang={lang} errors={errors} />
      <form className="fc-form" method="post" action={P.submit[lang]} aria-labelledby="fc-submit-h" noValidate>
        <Guard lang={lang} token={token} honeypot={values.honeypot} />
        <div className="field">
          <label htmlFor="fc-text">{t.formText}</label>
          <textarea id="fc-text" name="text" rows={6} maxLength={5000} defaultValue={values.text} {...describedBy('text', 'fc-text-hint', errors)} />
          <p className="hint" id="fc-text-hint">{t.formTextHint}</p>
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
            {PLATFORMS.map((p) => <option key={p} value={p}>{PLATFORM_LABELS[p]?.[lang] ?? p}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="fc-note">{t.formNote}</label>
          <textarea id="fc-note" name="note" rows={3} maxLength={2000} defaultValue={values.note} {...invalid('note', errors)} />
          <FieldError id="note" errors={errors} />
        </div>
        <ContactFields lang={lang} email={values.email} consent={values.consent} errors={errors} />
        <p className="actions"><button type="submit">{t.send}</button></p>
      </form>
      <p><a href={P.methodology[lang]}>{t.methodology}</a></p>
    </Layout>
  );
}

function ComplaintsPage({ ctx, token, values, errors, claimText }: { ctx: PageContext; token: string; values: ComplaintValues; errors: Errors; claimText: string | null }) {
  const lang = ctx.lang;
  const t = T[lang];
  return (
    <Layout ctx={ctx} title={t.complaints} current="factChecks">
      <p><a href={P.list[lang]}>← {t.back}</a></p>
      <h1 id="fc-complaints-h">{t.complaints}</h1>
      <p className="lead">{t.complaintsIntro(COMPLAINT_REPLY_DAYS)}</p>
      {values.claimId && claimText ? <p>{t.complaintAbout}: <a href={`${P.list[lang]}/${values.claimId}`}>{claimText}</a></p> : null}
      <ErrorSummary lang={lang} errors={errors} />
      <ComplaintForm lang={lang} token={token} values={values} errors={errors} headingId="fc-complaints-h" />
      <p><a href={P.methodology[lang]}>{t.methodology}</a></p>
    </Layout>
  );
}

function ReceiptPage({ ctx, title, lines }: { ctx: PageContext; title: string; lines: string[] }) {
  const lang = ctx.lang;
  return (
    <Layout ctx={ctx} title={title} current="factChecks">
      <h1>{title}</h1>
      <div className="notice fc-receipt" role="status" data-testid="fc-receipt">{lines.map((l, i) => <p key={i}>{l}</p>)}</div>
      <p><a href={P.list[lang]}>{T[lang].back}</a></p>
    </Layout>
  );
}

// ---------------------------------------------------------------- routes

export type FactCheckPortalDeps = Omit<NewsroomDeps, 'origin'> & { formSecret?: string };

const bool = (v: unknown) => ['yes', 'on', 'true', '1'].includes(queryText(v, 10));

export function factCheckPortalRoutes(app: FastifyInstance, deps: FactCheckPortalDeps) {
  const { db, ctx, sendPage, securityHeaders, notFound, formSecret } = deps;
  /** Pages with a form token or a receipt are never cached. */
  const sendFresh = (reply: FastifyReply, status: number, page: ReactElement) =>
    securityHeaders(reply).status(status).header('content-type', 'text/html; charset=utf-8').header('cache-control', PRIVATE_CACHE_CONTROL).send('<!DOCTYPE html>' + renderToStaticMarkup(page));
  /** The token to serve again: the sender's own when it is ours (its issue time still counts), else a new one. */
  const keepToken = (kind: FormKind, sent: string) => (checkFormToken(formSecret, kind, sent) === 'token' ? formToken(formSecret, kind) : sent);
  const errorsOf = (e: unknown, lang: Lang): Errors | null => {
    if (!(e instanceof AppError) || e.code !== 'validation_failed') return null;
    const out: Errors = {};
    for (const d of (e.details ?? []) as { field: string; message: string }[]) {
      const field = d.field === 'claimId' ? 'form' : d.field;
      out[field] ??= fieldMessage(d.message, lang);
    }
    return out;
  };

  const claimTextOf = async (id: number | null) => (id ? (await getPublicFactCheck(db, id))?.claim.text ?? null : null);

  for (const lang of ['vi', 'en'] as const) {
    const alt = other(lang);
    app.get(P.list[lang], async (req, reply) => {
      const ratings = await listRatings(db);
      const filter = parseFactCheckFilter(req.query, ratings.map((r) => r.code));
      const [list, topics] = await Promise.all([listPublicFactChecks(db, filter, PAGE_SIZE), publicTopics(db)]);
      return sendPage(reply, 200, <ListPage ctx={ctx(lang, P.list[lang] + qstr(filter, filter.page), P.list[alt] + qstr(filter, filter.page), filter.page > 1)} filter={filter} ratings={ratings} topics={topics} rows={list.rows} total={list.total} />);
    });
    app.get(P.methodology[lang], async (_req, reply) =>
      sendPage(reply, 200, <MethodologyPage ctx={ctx(lang, P.methodology[lang], P.methodology[alt])} ratings={await listRatings(db)} />));
    app.get(`${P.list[lang]}/:id`, async (req: FastifyRequest<{ Params: { id: string } }>, reply) => {
      const id = /^[1-9]\d{0,8}$/.test(req.params.id) ? Number(req.params.id) : null;
      const fc = id ? await getPublicFactCheck(db, id) : null;
      if (!fc) return notFound(req, reply);
      const c = ctx(lang, `${P.list[lang]}/${id}`, `${P.list[alt]}/${id}`, fc.claim.status === 'withdrawn');
      if (fc.claim.status !== 'withdrawn') c.ld = [claimReviewLd(c, fc, abs(c, c.path))];
      // Rendered from the page cache (an hour at most: its complaint token is not personal and stays valid for a day),
      // but never kept by a shared cache (portal.cache.ts: private).
      return sendPage(reply, 200, <FactCheckPage ctx={c} fc={fc} ratings={await listRatings(db)} token={formToken(formSecret, 'complaint')} />);
    });

    // ---- "send us a suspicious claim" ----
    const submitCtx = (noindex = false) => ctx(lang, P.submit[lang], P.submit[alt], noindex);
    const emptySubmit: SubmitValues = { text: '', url: '', platform: 'other', note: '', email: '', consent: false };
    app.get(P.submit[lang], async (_req, reply) =>
      sendFresh(reply, 200, <SubmitPage ctx={submitCtx()} token={formToken(formSecret, 'submit')} values={emptySubmit} errors={{}} />));
    // ---- complaints (general, or about one fact-check via ?claim=ID / the hidden claimId) ----
    const complaintsCtx = (noindex = false) => ctx(lang, P.complaints[lang], P.complaints[alt], noindex);
    app.get(P.complaints[lang], async (req, reply) => {
      const raw = Number(queryText((req.query as Record<string, unknown>)?.claim, 10));
      const claimId = Number.isInteger(raw) && raw > 0 ? raw : null;
      const claimText = await claimTextOf(claimId);
      return sendFresh(reply, 200, <ComplaintsPage ctx={complaintsCtx(Boolean(claimId))} token={formToken(formSecret, 'complaint')} values={{ text: '', email: '', consent: false, claimId: claimText ? claimId : null }} errors={{}} claimText={claimText} />);
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
      if (err.statusCode === 429) return sendFresh(reply, 429, <ReceiptPage ctx={ctx(lang, path, altPath, true)} title={t.tooMany} lines={[t.tooManyText]} />);
      if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) return sendFresh(reply, err.statusCode, <ReceiptPage ctx={ctx(lang, path, altPath, true)} title={t.badForm} lines={[t.badFormText]} />);
      throw err;
    });
    // Per address and route; the address is only hashed in memory, never stored.
    const keySecret = formKeySecret(formSecret);
    const rateLimit = { max: RATE_MAX, timeWindow: RATE_WINDOW, keyGenerator: (req: FastifyRequest) => createHmac('sha256', keySecret).update(req.ip).digest('base64url') };
    for (const lang of ['vi', 'en'] as const) {
      const alt = other(lang);
      scope.post(P.submit[lang], { config: { rateLimit } }, async (req, reply) => {
        const b = (req.body ?? {}) as Record<string, unknown>;
        const values: SubmitValues = { text: queryText(b.text, 5000), url: queryText(b.url, 2000), platform: queryText(b.platform, 20), note: queryText(b.note, 2000), email: queryText(b.email, 254), consent: bool(b.consent), honeypot: queryText(b.website, 200) };
        const sent = queryText(b.token, 100);
        const render = (errors: Errors) => sendFresh(reply, 400, <SubmitPage ctx={ctx(lang, P.submit[lang], P.submit[alt], true)} token={keepToken('submit', sent)} values={values} errors={errors} />);
        const formErrors = checkPublicForm(formSecret, 'submit', { token: sent, honeypot: values.honeypot ?? '' });
        if (formErrors.length) return render(Object.fromEntries(formErrors.map((d) => [d.field, fieldMessage(d.message, lang)])));
        try {
          const platform = (PLATFORMS as readonly string[]).includes(values.platform) ? values.platform : 'other';
          const r = await submitClaim(db, { text: values.text, url: values.url, platform, note: values.note, email: values.email, consent: values.consent, locale: lang });
          const t = T[lang];
          return await sendFresh(reply, 200, <ReceiptPage ctx={ctx(lang, P.submit[lang], P.submit[alt], true)} title={t.receiptTitle} lines={[t.receiptSubmit(r.reference), values.email && values.consent ? t.receiptContact : t.receiptNoContact]} />);
        } catch (e) {
          const errors = errorsOf(e, lang);
          if (errors) return render(errors);
          throw e;
        }
      });
      scope.post(P.complaints[lang], { config: { rateLimit } }, async (req, reply) => {
        const b = (req.body ?? {}) as Record<string, unknown>;
        const rawId = Number(queryText(b.claimId, 10));
        const values: ComplaintValues = { text: queryText(b.text, 5000), email: queryText(b.email, 254), consent: bool(b.consent), claimId: Number.isInteger(rawId) && rawId > 0 ? rawId : null, honeypot: queryText(b.website, 200) };
        const sent = queryText(b.token, 100);
        const render = async (errors: Errors) => sendFresh(reply, 400, <ComplaintsPage ctx={ctx(lang, P.complaints[lang], P.complaints[alt], true)} token={keepToken('complaint', sent)} values={values} errors={errors} claimText={await claimTextOf(values.claimId)} />);
        const formErrors = checkPublicForm(formSecret, 'complaint', { token: sent, honeypot: values.honeypot ?? '' });
        if (formErrors.length) return render(Object.fromEntries(formErrors.map((d) => [d.field, fieldMessage(d.message, lang)])));
        try {
          const r = await submitComplaint(db, { claimId: values.claimId, text: values.text, email: values.email, consent: values.consent, locale: lang });
          const t = T[lang];
          return await sendFresh(reply, 200, <ReceiptPage ctx={ctx(lang, P.complaints[lang], P.complaints[alt], true)} title={t.receiptTitle} lines={[t.receiptComplaint(r.reference, formatDate(`${r.replyDue}T12:00:00+07:00`, lang)), values.email && values.consent ? t.receiptContact : t.receiptNoContact]} />);
        } catch (e) {
          const errors = errorsOf(e, lang);
          if (errors) return render(errors);
          throw e;
        }
      });
    }
  });
}
