// The public fact-checking desk (factchecks.routes.tsx): paths, limits and the pages' words in Vietnamese and English.
import { DESK_MESSAGES, PUBLIC_FORM_MAX_LINKS, TOPIC_LABELS, type DeskMessage, type Rating } from '../../shared/contracts/factcheck.js';
import type { Lang } from './programme.js';

export const topicLabel = (code: string, lang: Lang) => TOPIC_LABELS[code]?.[lang] ?? code;

export const PAGE_SIZE = 20;
export const FACTCHECK_PATHS = {
  list: { vi: '/kiem-chung', en: '/en/fact-checks' },
  methodology: { vi: '/kiem-chung/phuong-phap', en: '/en/fact-checks/methodology' },
  submit: { vi: '/kiem-chung/gui-tin', en: '/en/fact-checks/submit' },
  complaints: { vi: '/kiem-chung/khieu-nai', en: '/en/fact-checks/complaints' },
} as const;
export const P = FACTCHECK_PATHS;
export const other = (lang: Lang): Lang => (lang === 'vi' ? 'en' : 'vi');
/** Public forms: at most this many sent per address and route in RATE_WINDOW. */
export const RATE_MAX = 5;
export const RATE_WINDOW = '10 minutes';

export const T = {
  vi: {
    title: 'Kiểm chứng thông tin',
    intro:
      'Thông tin sai lệch về quyền con người ở Việt Nam được phát hiện, kiểm chứng bằng nguồn công khai và trả lời. Chúng tôi đánh giá nhận định, không đánh giá con người; mọi nhận định được xét theo cùng một tiêu chuẩn.',
    methodology: 'Phương pháp và chính sách đính chính',
    submit: 'Gửi tin đáng ngờ',
    complaints: 'Khiếu nại',
    filters: 'Tìm kiếm và lọc',
    q: 'Từ khoá',
    rating: 'Kết luận',
    topic: 'Chủ đề',
    all: 'Tất cả',
    apply: 'Lọc',
    reset: 'Bỏ lọc',
    results: (n: number) => `${n} bài kiểm chứng`,
    none: 'Không có bài kiểm chứng nào khớp bộ lọc.',
    empty: 'Chưa có bài kiểm chứng nào được công bố.',
    page: (p: number, n: number) => `Trang ${p}/${n}`,
    prev: 'Trang trước',
    next: 'Trang sau',
    published: 'Công bố',
    corrected: (v: number) => `Đã đính chính (phiên bản ${v})`,
    withdrawnBadge: 'Đã rút lại',
    withdrawnNotice: (d: string) => `Bài kiểm chứng này đã được rút lại ngày ${d}.`,
    reason: 'Lý do',
    claim: 'Nhận định được kiểm chứng',
    rationale: 'Căn cứ kết luận',
    onlyOther: 'Chưa có bản tiếng Việt; dưới đây là bản tiếng Anh.',
    evidence: 'Nguồn và bằng chứng',
    fetched: 'Truy cập ngày',
    snapshot: 'Văn bản được lưu làm căn cứ',
    noEvidence: 'Không có nguồn.',
    corrections: 'Lịch sử đính chính',
    version: (v: number) => `Phiên bản ${v}`,
    ratingChange: (a: string, b: string) => `Kết luận: ${a} → ${b}`,
    rationaleChanged: 'Căn cứ kết luận được sửa.',
    noCorrections: 'Chưa có đính chính.',
    appearances: 'Nơi nhận định xuất hiện',
    appearancesShow: (n: number) => `Xem ${n} nơi nhận định xuất hiện`,
    back: 'Tất cả bài kiểm chứng',
    lastVersion: (v: number) => `${v} (đã đính chính)`,
    versionLabel: 'Phiên bản',
    complainAbout: 'Khiếu nại về bài kiểm chứng này',
    complainIntro: (d: number) =>
      `Nếu bạn cho rằng bài kiểm chứng có sai sót, hãy cho chúng tôi biết. Chúng tôi trả lời trong vòng ${d} ngày.`,
    // forms
    formText: 'Nội dung bạn thấy đáng ngờ',
    formTextHint: 'Dán nội dung, hoặc chỉ cần đường dẫn bên dưới.',
    formUrl: 'Đường dẫn (URL)',
    formPlatform: 'Nền tảng',
    formNote: 'Ghi chú (không bắt buộc)',
    contact: 'Liên hệ (không bắt buộc)',
    formEmail: 'E-mail (không bắt buộc)',
    formEmailHint: 'Chỉ để chúng tôi trả lời bạn; được xoá sau khi trả lời.',
    formConsent: 'Tôi đồng ý để bộ phận kiểm chứng lưu địa chỉ e-mail này cho đến khi trả lời tôi.',
    honeypot: 'Để trống ô này',
    send: 'Gửi',
    noPersonal: 'Không cần cung cấp thông tin cá nhân. Không ghi tên hay tài khoản của người đăng nội dung.',
    submitIntro: 'Bạn thấy một thông tin về quyền con người ở Việt Nam có vẻ sai lệch? Gửi cho chúng tôi: nội dung, đường dẫn hoặc cả hai.',
    errorsTitle: 'Vui lòng sửa các lỗi sau',
    complaintText: 'Nội dung khiếu nại',
    complaintAbout: 'Về bài kiểm chứng',
    complaintsIntro: (d: number) =>
      `Khiếu nại về một bài kiểm chứng hoặc về cách làm việc của bộ phận kiểm chứng. Chúng tôi trả lời trong vòng ${d} ngày kể từ ngày nhận.`,
    receiptTitle: 'Đã nhận',
    receiptSubmit: (r: string) => `Cảm ơn bạn. Chúng tôi đã nhận tin, mã tham chiếu ${r}.`,
    receiptComplaint: (r: string, d: string) => `Cảm ơn bạn. Chúng tôi đã nhận khiếu nại, mã tham chiếu ${r}; hạn trả lời: ${d}.`,
    receiptContact: 'Chúng tôi sẽ trả lời qua e-mail bạn để lại, rồi xoá địa chỉ đó.',
    receiptNoContact: 'Bạn không để lại địa chỉ liên hệ, nên chúng tôi sẽ không trả lời riêng.',
    tooMany: 'Bạn đã gửi quá nhiều lần',
    tooManyText: 'Vui lòng chờ ít phút rồi gửi lại.',
    badForm: 'Không đọc được biểu mẫu',
    badFormText: 'Vui lòng quay lại và gửi lại.',
    // methodology
    scale: 'Thang kết luận',
    scaleLabel: 'Kết luận',
    scaleMeaning: 'Ý nghĩa',
    scaleFalse: 'Tính là thông tin sai lệch (T5b)',
    yes: 'Có',
    no: 'Không',
    ratingValue: 'Điểm ClaimReview (1–5)',
    process: 'Quy trình',
    processSteps: [
      'Mới: nhận định được ghi nhận từ nội dung theo dõi, từ tin bạn đọc gửi hoặc do cán bộ nhập.',
      'Đang nghiên cứu: người kiểm chứng tìm nguồn gốc; mỗi nguồn được lưu đường dẫn, ngày truy cập và nguyên văn đoạn được dùng làm căn cứ (bản lưu vẫn còn nếu trang gốc thay đổi hay biến mất).',
      'Dự thảo: cần có kết luận, căn cứ và ít nhất một nguồn.',
      'Đã duyệt: một người duyệt khác với tác giả dự thảo phê duyệt — quy tắc hai người được hệ thống bắt buộc, không chỉ trên giao diện.',
      'Công bố: bài kiểm chứng được đăng tại đây, kèm dữ liệu có cấu trúc schema.org ClaimReview.',
      'Đính chính hoặc rút lại: mọi thay đổi sau khi công bố được ghi thành phiên bản mới và hiển thị trên trang.',
    ],
    standard: 'Cùng một tiêu chuẩn cho mọi nhận định, bất kể ai nói. Chúng tôi đánh giá nhận định, không đánh giá con người.',
    correctionsPolicy: 'Chính sách đính chính',
    correctionsText:
      'Khi phát hiện sai sót (tự phát hiện hoặc qua khiếu nại), chúng tôi sửa kết luận hoặc căn cứ và tăng số phiên bản. Trang bài kiểm chứng giữ lịch sử đính chính: phiên bản, ngày, điều đã thay đổi và ghi chú giải thích. Bài bị rút lại vẫn được liệt kê kèm lý do.',
    complaintsPolicy: 'Khiếu nại',
    complaintsText: (d: number) =>
      `Mọi người có thể khiếu nại về một bài kiểm chứng hoặc về bộ phận. Chúng tôi trả lời trong vòng ${d} ngày kể từ ngày nhận; thời hạn được theo dõi trong hệ thống. Địa chỉ e-mail (nếu bạn đồng ý để lại) được xoá sau khi trả lời.`,
    privacy: 'Dữ liệu cá nhân',
    privacyText:
      'Chúng tôi không lưu danh tính tác giả của nội dung được theo dõi: không tên, không tài khoản, không đường dẫn trang cá nhân, không số người theo dõi. Chỉ lưu nội dung, đường dẫn, nền tảng, thời điểm, ngôn ngữ và chủ đề. Địa chỉ IP của người gửi biểu mẫu không được lưu.',
  },
  en: {
    title: 'Fact-checks',
    intro:
      'False information on human rights in Viet Nam, detected, checked against public sources and answered. We judge claims, never people; every claim is held to the same standard.',
    methodology: 'Methodology and corrections policy',
    submit: 'Send us a suspicious claim',
    complaints: 'Complaints',
    filters: 'Search and filter',
    q: 'Keywords',
    rating: 'Rating',
    topic: 'Topic',
    all: 'All',
    apply: 'Filter',
    reset: 'Clear filters',
    results: (n: number) => `${n} fact-check${n === 1 ? '' : 's'}`,
    none: 'No fact-check matches the filters.',
    empty: 'No fact-check has been published yet.',
    page: (p: number, n: number) => `Page ${p} of ${n}`,
    prev: 'Previous page',
    next: 'Next page',
    published: 'Published',
    corrected: (v: number) => `Corrected (version ${v})`,
    withdrawnBadge: 'Withdrawn',
    withdrawnNotice: (d: string) => `This fact-check was withdrawn on ${d}.`,
    reason: 'Reason',
    claim: 'The claim checked',
    rationale: 'Why we rated it so',
    onlyOther: 'No English version yet; the Vietnamese one follows.',
    evidence: 'Sources and evidence',
    fetched: 'Fetched',
    snapshot: 'The text relied on, as stored',
    noEvidence: 'No sources.',
    corrections: 'Correction history',
    version: (v: number) => `Version ${v}`,
    ratingChange: (a: string, b: string) => `Rating: ${a} → ${b}`,
    rationaleChanged: 'The rationale was changed.',
    noCorrections: 'No corrections.',
    appearances: 'Where the claim appeared',
    appearancesShow: (n: number) => `Show the ${n} place${n === 1 ? '' : 's'} where it appeared`,
    back: 'All fact-checks',
    lastVersion: (v: number) => `${v} (corrected)`,
    versionLabel: 'Version',
    complainAbout: 'Complain about this fact-check',
    complainIntro: (d: number) => `If you think this fact-check is wrong, tell us. We answer within ${d} days.`,
    formText: 'What you find suspicious',
    formTextHint: 'Paste the text, or just give the link below.',
    formUrl: 'Link (URL)',
    formPlatform: 'Platform',
    formNote: 'Note (optional)',
    contact: 'Contact (optional)',
    formEmail: 'E-mail (optional)',
    formEmailHint: 'Only to answer you; erased once we have answered.',
    formConsent: 'I agree that the fact-checking desk keeps this e-mail address until it has answered me.',
    honeypot: 'Leave this field empty',
    send: 'Send',
    noPersonal: 'No personal data needed. Do not give the name or account of whoever posted it.',
    submitIntro: 'Seen something about human rights in Viet Nam that looks false? Send it to us: the text, the link or both.',
    errorsTitle: 'Please correct the following',
    complaintText: 'Your complaint',
    complaintAbout: 'About the fact-check',
    complaintsIntro: (d: number) =>
      `A complaint about a fact-check or about how the desk works. We answer within ${d} days of receiving it.`,
    receiptTitle: 'Received',
    receiptSubmit: (r: string) => `Thank you. We have received it; your reference is ${r}.`,
    receiptComplaint: (r: string, d: string) => `Thank you. We have received your complaint; your reference is ${r}, reply due by ${d}.`,
    receiptContact: 'We will answer at the e-mail address you gave, then erase it.',
    receiptNoContact: 'You left no contact address, so we will not answer you personally.',
    tooMany: 'Too many forms sent',
    tooManyText: 'Please wait a few minutes and send it again.',
    badForm: 'The form could not be read',
    badFormText: 'Please go back and send it again.',
    scale: 'Rating scale',
    scaleLabel: 'Rating',
    scaleMeaning: 'Meaning',
    scaleFalse: 'Counts as false information (T5b)',
    yes: 'Yes',
    no: 'No',
    ratingValue: 'ClaimReview value (1–5)',
    process: 'Process',
    processSteps: [
      "New: a claim is recorded from the monitored items, from a reader's submission or by staff.",
      'Researching: the fact-checker traces it; each source is kept with its link, the date it was fetched and the exact text relied on (the stored copy stays even if the page changes or disappears).',
      'Drafted: a draft needs a rating, a rationale and at least one source.',
      "Approved: by a reviewer other than the draft's author — the two-person rule is enforced by the system, not only by the interface.",
      'Published: the fact-check appears here, with schema.org ClaimReview structured data.',
      'Corrected or withdrawn: every change after publication becomes a new version, shown on the page.',
    ],
    standard: 'The same standard for every claim, whoever makes it. We judge claims, never people.',
    correctionsPolicy: 'Corrections policy',
    correctionsText:
      'When we find a mistake (ourselves or through a complaint) we correct the rating or the rationale and raise the version number. The fact-check keeps its correction history: version, date, what changed and a note explaining it. A withdrawn fact-check stays listed with the reason.',
    complaintsPolicy: 'Complaints',
    complaintsText: (d: number) =>
      `Anyone may complain about a fact-check or about the desk. We answer within ${d} days of receiving the complaint; the deadline is tracked in our system. An e-mail address (if you agree to leave one) is erased once we have answered.`,
    privacy: 'Personal data',
    privacyText:
      'We store no author identity of the items we monitor: no names, no accounts, no profile links, no follower counts. Only the text, link, platform, time, language and topics. The IP addresses of people sending our forms are not stored.',
  },
};

export const MEANING: Record<string, Record<Lang, string>> = {
  false: { vi: 'Nhận định trái với sự thật đã được kiểm chứng.', en: 'The claim contradicts the verified facts.' },
  partly_false: {
    vi: 'Nhận định có phần đúng nhưng chứa chi tiết sai quan trọng.',
    en: 'The claim has some truth but contains significant false details.',
  },
  missing_context: { vi: 'Nhận định có thể gây hiểu lầm vì thiếu bối cảnh.', en: 'The claim may mislead without additional context.' },
  true: { vi: 'Nhận định chính xác.', en: 'The claim is accurate.' },
  unverifiable: {
    vi: 'Không đủ bằng chứng công khai để xác định đúng hay sai.',
    en: 'There is not enough public evidence to say whether it is true.',
  },
};

const FIELD_MESSAGES: Record<DeskMessage, Record<Lang, string>> = {
  textOrUrl: { vi: 'Nhập nội dung, đường dẫn hoặc cả hai.', en: 'Give the text, the link or both.' },
  url: { vi: 'Đường dẫn phải bắt đầu bằng http:// hoặc https://.', en: 'The link must start with http:// or https://.' },
  email: { vi: 'Địa chỉ e-mail không hợp lệ.', en: 'This is not a valid e-mail address.' },
  consent: {
    vi: 'Hãy đánh dấu ô đồng ý để chúng tôi lưu địa chỉ e-mail, hoặc xoá địa chỉ đó.',
    en: 'Tick the consent box so that we may keep your e-mail address, or remove the address.',
  },
  tooManyLinks: { vi: `Quá nhiều đường dẫn (tối đa ${PUBLIC_FORM_MAX_LINKS}).`, en: `Too many links (at most ${PUBLIC_FORM_MAX_LINKS}).` },
  complaintText: {
    vi: 'Hãy cho biết điều bạn cho là sai (ít nhất 10 ký tự).',
    en: 'Say what you think is wrong (at least 10 characters).',
  },
  token: {
    vi: 'Biểu mẫu đã hết hạn hoặc không được gửi từ trang của chúng tôi; vui lòng gửi lại.',
    en: 'The form has expired or was not sent from our page; please send it again.',
  },
  tooFast: {
    vi: 'Biểu mẫu được gửi quá nhanh; vui lòng chờ giây lát rồi gửi lại.',
    en: 'The form was sent too quickly; wait a moment and send it again.',
  },
  honeypot: { vi: 'Ô này phải để trống.', en: 'This field must be left empty.' },
  claim: { vi: 'Không có bài kiểm chứng đã công bố này.', en: 'No such published fact-check.' },
};
const BY_MESSAGE = new Map(Object.entries(DESK_MESSAGES).map(([k, v]) => [v as string, k as DeskMessage]));
export const fieldMessage = (message: string, lang: Lang) => {
  const k = BY_MESSAGE.get(message);
  return k ? FIELD_MESSAGES[k][lang] : message;
};

export const ratingLabel = (ratings: Rating[], code: string | null, lang: Lang) => {
  const r = ratings.find((x) => x.code === code);
  return r ? (lang === 'vi' ? r.labelVi : r.labelEn) : (code ?? '—');
};
