// Labels, never codes: the words a reader sees for the codes the platform keeps (languages, audit actions and
// entities, periods, breakdown keys, target codes). One helper per kind, shared by the
// workspace (src/web/lib/labels.ts) and the server's reports; a code no table knows is worded from its parts.
import type { TargetSpec } from './contracts/indicators.js';
import { MONTHS_EN } from './format.js';
import { formatValue } from './mapScale.js';

export type Lang = 'vi' | 'en';
export type Words = { vi: string; en: string };

// ---------------------------------------------------------------- languages

/** ISO 639-3 names, as in data/reference/languages.csv (a test keeps both the same). */
export const LANGUAGE_NAMES: Readonly<Record<string, Words>> = {
  vie: { vi: 'Tiếng Việt', en: 'Vietnamese' },
  hmn: { vi: "Tiếng Mông (H'Mông)", en: 'Hmong' },
  ium: { vi: 'Tiếng Dao (Iu Mien)', en: 'Iu Mien' },
  blt: { vi: 'Tiếng Thái (Thái Đen)', en: 'Tai Dam' },
  twh: { vi: 'Tiếng Thái (Thái Trắng)', en: 'Tai Dón' },
  rad: { vi: 'Tiếng Ê Đê', en: 'Rade' },
  jra: { vi: 'Tiếng Gia Rai (Jơ Rai)', en: 'Jarai' },
  bdq: { vi: 'Tiếng Ba Na', en: 'Bahnar' },
  sed: { vi: 'Tiếng Xơ Đăng', en: 'Sedang' },
  kpm: { vi: "Tiếng Cơ Ho (K'Ho)", en: 'Koho' },
  cjm: { vi: 'Tiếng Chăm (Chăm Đông)', en: 'Eastern Cham' },
  khm: { vi: 'Tiếng Khmer', en: 'Khmer' },
  cmo: { vi: "Tiếng M'Nông", en: 'Central Mnong' },
  ktv: { vi: 'Tiếng Cơ Tu', en: 'Eastern Katu' },
  tyz: { vi: 'Tiếng Tày', en: 'Tày' },
  nut: { vi: 'Tiếng Nùng', en: 'Nung (Viet Nam)' },
  mtq: { vi: 'Tiếng Mường', en: 'Muong' },
  zho: { vi: 'Tiếng Hoa', en: 'Chinese' },
  mji: { vi: 'Tiếng Dao (Kim Mun)', en: 'Kim Mun' },
  cja: { vi: 'Tiếng Chăm (Chăm Tây)', en: 'Western Cham' },
  bru: { vi: 'Tiếng Bru - Vân Kiều', en: 'Eastern Bru' },
  pac: { vi: 'Tiếng Pa Cô', en: 'Pacoh' },
  tth: { vi: 'Tiếng Tà Ôi', en: "Upper Ta'oih" },
  hre: { vi: 'Tiếng Hrê', en: 'Hre' },
  rog: { vi: 'Tiếng Raglai', en: 'Northern Roglai' },
  cje: { vi: 'Tiếng Chu Ru', en: 'Chru' },
  stt: { vi: 'Tiếng Xtiêng', en: 'Budeh Stieng' },
  jeh: { vi: 'Tiếng Giẻ Triêng (Jeh)', en: 'Jeh' },
  kjg: { vi: 'Tiếng Khơ Mú', en: 'Khmu' },
  hni: { vi: 'Tiếng Hà Nhì', en: 'Hani' },
  mlc: { vi: 'Tiếng Sán Chay (Cao Lan)', en: 'Cao Lan' },
  eng: { vi: 'Tiếng Anh', en: 'English' },
  fra: { vi: 'Tiếng Pháp', en: 'French' },
  rus: { vi: 'Tiếng Nga', en: 'Russian' },
  spa: { vi: 'Tiếng Tây Ban Nha', en: 'Spanish' },
  jpn: { vi: 'Tiếng Nhật', en: 'Japanese' },
  cmn: { vi: 'Tiếng Trung (Quan thoại)', en: 'Mandarin Chinese' },
  deu: { vi: 'Tiếng Đức', en: 'German' },
  lao: { vi: 'Tiếng Lào', en: 'Lao' },
  tha: { vi: 'Tiếng Thái Lan', en: 'Thai' },
  ind: { vi: 'Tiếng Indonesia', en: 'Indonesian' },
  kor: { vi: 'Tiếng Hàn', en: 'Korean' },
};

/** Two-letter codes some modules keep (fact-checking: vi, en) and their three-letter code. */
const TWO_LETTER: Readonly<Record<string, string>> = {
  vi: 'vie',
  en: 'eng',
  fr: 'fra',
  ru: 'rus',
  es: 'spa',
  ja: 'jpn',
  zh: 'zho',
  de: 'deu',
  lo: 'lao',
  th: 'tha',
  id: 'ind',
  ko: 'kor',
  km: 'khm',
};

/** A language by name ("vie" or "vi" → "Tiếng Việt" / "Vietnamese"); an unknown code stays as written. */
export function languageName(code: string | null | undefined, lang: Lang): string {
  if (!code) return '';
  const c = code.trim().toLowerCase();
  const w = LANGUAGE_NAMES[TWO_LETTER[c] ?? c];
  return w ? w[lang] : code;
}

// ---------------------------------------------------------------- periods

/** A reporting period as people write it: "2026-Q4" → "Quý 4/2026" / "Q4 2026"; "2026-H1" → "6 tháng đầu năm 2026" /
 *  "First half of 2026"; "2026-03" → "Tháng 3/2026" / "March 2026"; "2026" → "Năm 2026" / "Year 2026". Anything else as written. */
export function periodLabel(period: string | null | undefined, lang: Lang): string {
  if (!period) return '';
  const p = period.trim();
  let m = /^(\d{4})$/.exec(p);
  if (m) return lang === 'vi' ? `Năm ${m[1]}` : `Year ${m[1]}`;
  m = /^(\d{4})-?Q([1-4])$/i.exec(p);
  if (m) return lang === 'vi' ? `Quý ${m[2]}/${m[1]}` : `Q${m[2]} ${m[1]}`;
  m = /^(\d{4})-?H([12])$/i.exec(p);
  if (m)
    return lang === 'vi' ? `6 tháng ${m[2] === '1' ? 'đầu' : 'cuối'} năm ${m[1]}` : `${m[2] === '1' ? 'First' : 'Second'} half of ${m[1]}`;
  m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(p);
  if (m) return lang === 'vi' ? `Tháng ${Number(m[2])}/${m[1]}` : `${MONTHS_EN[Number(m[2]) - 1]} ${m[1]}`;
  m = /^(\d{4})-(\d{4})$/.exec(p);
  if (m) return lang === 'vi' ? `Giai đoạn ${m[1]}–${m[2]}` : `${m[1]}–${m[2]}`;
  return p;
}

/** A period inside a sentence: as periodLabel, lower-case in Vietnamese ("Báo cáo quý 4/2026", "trong năm 2026"). */
export function periodPhrase(period: string | null | undefined, lang: Lang): string {
  const p = periodLabel(period, lang);
  return lang === 'vi' ? p.replace(/^(Quý|Năm|Tháng|Giai đoạn)/, (w) => w.toLowerCase()) : p;
}

// ---------------------------------------------------------------- target codes

/** A target's code as the decision writes it: a capital T, the number, a small letter ("t2A", "T2A" → "T2a"). */
export function targetCode(code: string | null | undefined): string {
  if (!code) return '';
  const m = /^\s*t\s*(\d)\s*([a-d])?\s*$/i.exec(code);
  return m ? `T${m[1]}${(m[2] ?? '').toLowerCase()}` : code;
}

/** A target as a figure: "≥ 100 %", "< 10 %", "15 % – 20 %", "≥ 63" (percentages are fractions, as stored). */
export function targetSpecText(target: TargetSpec, unit: 'percent' | 'count', lang: Lang): string {
  const f = (v: number) => formatValue(unit === 'percent' ? v * 100 : v, unit, lang);
  if (target.kind === 'band') return `${f(target.min)} – ${f(target.max)}`;
  return `${target.kind === 'below' ? '< ' : '≥ '}${f(target.value)}`;
}

// ---------------------------------------------------------------- breakdown keys

/** The row of a breakdown with no value ("_none"): no province (central bodies, abroad), no kind, no topic. */
export const NO_VALUE: Readonly<Record<string, Words>> = {
  province: { vi: 'Trung ương và nước ngoài', en: 'Central and abroad' },
  orgKind: { vi: 'Chưa phân loại', en: 'Not classified' },
  topic: { vi: 'Chưa gắn chủ đề', en: 'No topic' },
  language: { vi: 'Chưa rõ ngôn ngữ', en: 'Language not stated' },
};
const NOT_STATED: Words = { vi: 'Chưa xác định', en: 'Not stated' };

/** The words of a breakdown row. The server's label when it has one; else "_none" said for its breakdown, a language
 *  code by name, and any other code worded from its parts. */
export function breakdownLabel(breakdown: string, key: string, label?: Partial<Words> | null): Words {
  if (label?.vi && label.en && !(label.vi === key && label.en === key)) return { vi: label.vi, en: label.en };
  if (key === '_none' || key === '') return NO_VALUE[breakdown] ?? NOT_STATED;
  if (breakdown === 'language' && languageName(key, 'en') !== key) return { vi: languageName(key, 'vi'), en: languageName(key, 'en') };
  return { vi: key, en: key };
}

// ---------------------------------------------------------------- audit log

/** What was done, in words (the verbs the modules record). */
export const AUDIT_ACTIONS: Readonly<Record<string, Words>> = {
  create: { vi: 'Tạo mới', en: 'Created' },
  'create-many': { vi: 'Tạo mới hàng loạt', en: 'Created several' },
  update: { vi: 'Sửa', en: 'Edited' },
  'update+password': { vi: 'Sửa (đổi mật khẩu)', en: 'Edited (password changed)' },
  edit: { vi: 'Sửa văn bản', en: 'Text edited' },
  reset: { vi: 'Khôi phục văn bản tự động', en: 'Generated text restored' },
  delete: { vi: 'Xóa', en: 'Deleted' },
  import: { vi: 'Nhập từ tệp', en: 'Imported from a file' },
  export: { vi: 'Xuất ra tệp', en: 'Exported to a file' },
  seed: { vi: 'Nạp dữ liệu ban đầu', en: 'Initial data loaded' },
  attach: { vi: 'Đính kèm tệp', en: 'File attached' },
  detach: { vi: 'Gỡ tệp đính kèm', en: 'Attachment removed' },
  'attach-photo': { vi: 'Thêm ảnh', en: 'Photo added' },
  'remove-photo': { vi: 'Gỡ ảnh', en: 'Photo removed' },
  test: { vi: 'Thử', en: 'Tested' },
  close: { vi: 'Chốt kỳ', en: 'Period closed' },
  reopen: { vi: 'Mở lại kỳ', en: 'Period reopened' },
  republish: { vi: 'Công bố lại số liệu chính thức', en: 'Official figures republished' },
  lock: { vi: 'Khóa', en: 'Locked' },
  unlock: { vi: 'Mở khóa', en: 'Unlocked' },
  grant: { vi: 'Cho phép sửa kỳ đã khóa', en: 'Permission to edit a locked period granted' },
  revoke: { vi: 'Thu hồi quyền', en: 'Permission revoked' },
  submit: { vi: 'Gửi duyệt', en: 'Submitted' },
  resubmit: { vi: 'Gửi lại', en: 'Resubmitted' },
  approve: { vi: 'Phê duyệt', en: 'Approved' },
  approve_by_province: { vi: 'Phê duyệt (cấp tỉnh)', en: 'Approved (province)' },
  return: { vi: 'Trả lại để sửa', en: 'Returned for changes' },
  return_by_province: { vi: 'Trả lại để sửa (cấp tỉnh)', en: 'Returned for changes (province)' },
  revise: { vi: 'Điều chỉnh', en: 'Revised' },
  reject: { vi: 'Từ chối', en: 'Rejected' },
  answer: { vi: 'Trả lời', en: 'Answered' },
  decide: { vi: 'Quyết định', en: 'Decided' },
  'decide-topic': { vi: 'Xác định chủ đề', en: 'Topic decided' },
  'rejudge-on-topic': { vi: 'Xét lại mức liên quan', en: 'Relevance re-judged' },
  accept_suggestions: { vi: 'Chấp nhận gợi ý', en: 'Suggestions accepted' },
  confirm: { vi: 'Xác nhận', en: 'Confirmed' },
  'confirm-organiser': { vi: 'Xác nhận đơn vị tổ chức', en: 'Organiser confirmed' },
  'decline-organiser': { vi: 'Từ chối là đơn vị tổ chức', en: 'Organiser declined' },
  'make-public': { vi: 'Công khai', en: 'Made public' },
  'make-internal': { vi: 'Chuyển thành nội bộ', en: 'Made internal' },
  'publish-online': { vi: 'Đăng trực tuyến', en: 'Published online' },
  'unpublish-online': { vi: 'Gỡ khỏi trực tuyến', en: 'Taken offline' },
  publish: { vi: 'Công bố', en: 'Published' },
  schedule: { vi: 'Hẹn giờ đăng', en: 'Scheduled' },
  unschedule: { vi: 'Hủy hẹn giờ đăng', en: 'Schedule cancelled' },
  correct: { vi: 'Đính chính', en: 'Corrected' },
  withdraw: { vi: 'Rút lại', en: 'Withdrawn' },
  'propose-correction': { vi: 'Đề xuất đính chính', en: 'Correction proposed' },
  'amend-correction': { vi: 'Sửa đề xuất đính chính', en: 'Proposed correction amended' },
  'discard-correction': { vi: 'Bỏ đề xuất đính chính', en: 'Proposed correction discarded' },
  'add-evidence': { vi: 'Thêm bằng chứng', en: 'Evidence added' },
  reactivate: { vi: 'Kích hoạt lại', en: 'Reactivated' },
  deactivate: { vi: 'Vô hiệu hóa', en: 'Deactivated' },
  'unlock-sign-in': { vi: 'Mở khóa đăng nhập', en: 'Sign-in unblocked' },
  login: { vi: 'Đăng nhập', en: 'Signed in' },
  use: { vi: 'Gọi API bằng khoá', en: 'API called with a token' },
  link: { vi: 'Liên kết', en: 'Linked' },
  unlink: { vi: 'Bỏ liên kết', en: 'Unlinked' },
  unlink_translation: { vi: 'Bỏ liên kết bản dịch', en: 'Translation unlinked' },
  translate: { vi: 'Thêm bản dịch', en: 'Translation added' },
  tag: { vi: 'Gắn nhãn', en: 'Tagged' },
  untag: { vi: 'Gỡ nhãn', en: 'Tag removed' },
  undo: { vi: 'Hoàn tác', en: 'Undone' },
  status: { vi: 'Đổi trạng thái', en: 'Status changed' },
  settings: { vi: 'Sửa thiết lập', en: 'Settings changed' },
  'indicator.settings': { vi: 'Sửa thiết lập chỉ tiêu', en: 'Indicator settings changed' },
  record: { vi: 'Ghi nhận', en: 'Recorded' },
  'record-spending': { vi: 'Ghi nhận kinh phí', en: 'Spending recorded' },
  'record-spending-many': { vi: 'Ghi nhận kinh phí hàng loạt', en: 'Spending recorded for several' },
  'delete-spending': { vi: 'Xóa khoản kinh phí', en: 'Spending deleted' },
  read: { vi: 'Đã đọc', en: 'Read' },
  'read-all': { vi: 'Đánh dấu đã đọc tất cả', en: 'All marked read' },
  poll: { vi: 'Lấy tin từ nguồn', en: 'Feed polled' },
  merge: { vi: 'Gộp bản ghi trùng', en: 'Duplicates merged' },
  'match-recent-items': { vi: 'Đối chiếu tin gần đây', en: 'Recent items matched' },
  mail: { vi: 'Gửi thư điện tử', en: 'E-mail sent' },
  'mail-failed': { vi: 'Gửi thư điện tử không thành công', en: 'E-mail failed' },
  'issue-certificate': { vi: 'Cấp giấy chứng nhận', en: 'Certificate issued' },
  assign: { vi: 'Phân công', en: 'Assigned' },
  end: { vi: 'Kết thúc', en: 'Ended' },
};

/** The states a fact-check moves to ("move-published") and the handling of a monitored item ("handle-platform_report"). */
const MOVE_TO: Readonly<Record<string, Words>> = {
  new: { vi: 'Chuyển về mới', en: 'Moved back to new' },
  researching: { vi: 'Bắt đầu xác minh', en: 'Research started' },
  drafted: { vi: 'Hoàn thành dự thảo kết luận', en: 'Verdict drafted' },
  approved: { vi: 'Duyệt kết luận', en: 'Verdict approved' },
  published: { vi: 'Công bố kết luận', en: 'Verdict published' },
  corrected: { vi: 'Đính chính kết luận', en: 'Verdict corrected' },
  withdrawn: { vi: 'Rút kết luận', en: 'Verdict withdrawn' },
};
const HANDLE: Readonly<Record<string, Words>> = {
  fact_check_published: { vi: 'Xử lý: đăng kết luận kiểm chứng', en: 'Handled: fact-check published' },
  agency_clarification: { vi: 'Xử lý: cơ quan có trách nhiệm làm rõ', en: 'Handled: clarification by the responsible agency' },
  correction_requested: { vi: 'Xử lý: đề nghị bên đăng cải chính', en: 'Handled: correction requested from the publisher' },
  platform_report: { vi: 'Xử lý: báo cáo qua kênh của nền tảng', en: "Handled: reported through the platform's channel" },
  no_action: { vi: 'Xử lý: không cần xử lý', en: 'Handled: no action needed' },
};

/** What a record is, in words. */
export const AUDIT_ENTITIES: Readonly<Record<string, Words>> = {
  organisation: { vi: 'Cơ quan, đơn vị', en: 'Organisation' },
  user: { vi: 'Tài khoản người dùng', en: 'User account' },
  api_token: { vi: 'Khoá API', en: 'API token' },
  person: { vi: 'Người', en: 'Person' },
  indicator: { vi: 'Chỉ tiêu', en: 'Indicator' },
  library: { vi: 'Thư viện sản phẩm', en: 'Product library' },
  library_product: { vi: 'Sản phẩm truyền thông', en: 'Communication product' },
  exhibition: { vi: 'Triển lãm', en: 'Exhibition' },
  recommendation: { vi: 'Khuyến nghị', en: 'Recommendation' },
  rec_action: { vi: 'Hoạt động thực hiện khuyến nghị', en: 'Action on a recommendation' },
  rec_report: { vi: 'Báo cáo thực hiện khuyến nghị', en: 'Report on a recommendation' },
  rec_evidence: { vi: 'Bằng chứng thực hiện khuyến nghị', en: 'Evidence on a recommendation' },
  rec_cluster: { vi: 'Nhóm khuyến nghị', en: 'Group of recommendations' },
  training_course: { vi: 'Khóa tập huấn', en: 'Training course' },
  training_session: { vi: 'Lớp tập huấn', en: 'Training session' },
  training_attendance: { vi: 'Danh sách tham dự tập huấn', en: 'Training attendance' },
  training_person: { vi: 'Người trong danh sách tập huấn', en: 'Person on a training roster' },
  training_roster: { vi: 'Danh sách cán bộ cần tập huấn', en: 'Training roster' },
  training_import: { vi: 'Lần nhập danh sách tập huấn', en: 'Training import' },
  training_settings: { vi: 'Thiết lập tập huấn', en: 'Training settings' },
  fc_claim: { vi: 'Thông tin cần kiểm chứng', en: 'Claim to fact-check' },
  fc_item: { vi: 'Tin theo dõi trên mạng', en: 'Monitored online item' },
  fc_link: { vi: 'Liên kết tin – thông tin kiểm chứng', en: 'Item – claim link' },
  fc_topic_rule: { vi: 'Quy tắc nhận diện chủ đề', en: 'Topic rule' },
  fc_feed: { vi: 'Nguồn tin theo dõi', en: 'Monitored feed' },
  fc_submission: { vi: 'Thông tin người dân gửi', en: 'Tip from the public' },
  fc_complaint: { vi: 'Khiếu nại về kết luận kiểm chứng', en: 'Complaint about a fact-check' },
  press_item: { vi: 'Thông cáo báo chí', en: 'Press release' },
  press_spokesperson: { vi: 'Người phát ngôn', en: 'Spokesperson' },
  press_reporting_settings: { vi: 'Thiết lập chế độ cung cấp thông tin', en: 'Press reporting settings' },
  cycle_period: { vi: 'Kỳ báo cáo', en: 'Reporting period' },
  cycle_report: { vi: 'Báo cáo định kỳ', en: 'Periodic report' },
  cycle_summary: { vi: 'Báo cáo tổng hợp', en: 'Consolidated report' },
  cycle_lock_grant: { vi: 'Quyền sửa kỳ đã khóa', en: 'Permission to edit a locked period' },
  cycle_settings: { vi: 'Thiết lập kỳ báo cáo', en: 'Reporting settings' },
  plan: { vi: 'Kế hoạch', en: 'Plan' },
  plan_deadline: { vi: 'Hạn nộp kế hoạch', en: 'Plan deadline' },
  calendar_feed: { vi: 'Địa chỉ lịch riêng (iCalendar)', en: 'Private calendar feed (iCalendar)' },
  notification: { vi: 'Thông báo', en: 'Notification' },
  notification_preferences: { vi: 'Thiết lập nhận thông báo', en: 'Notification preferences' },
};

/** A code worded from its parts when no table knows it ("record_spending" → "record spending"). */
const spelled = (code: string) => code.replace(/[_.+-]+/g, ' ').trim();

/** What an audit entry did, in words ("handle-platform_report" → "Xử lý: báo cáo qua kênh của nền tảng"). */
export function auditAction(action: string, lang: Lang): string {
  const w = AUDIT_ACTIONS[action];
  if (w) return w[lang];
  const move = /^move-(.+)$/.exec(action);
  if (move && MOVE_TO[move[1]!]) return MOVE_TO[move[1]!]![lang];
  const handle = /^handle-(.+)$/.exec(action);
  if (handle && HANDLE[handle[1]!]) return HANDLE[handle[1]!]![lang];
  return spelled(action);
}

/** What kind of record an audit entry is about, in words ("fc_item" → "Tin theo dõi trên mạng"). */
export function auditEntity(entity: string, lang: Lang): string {
  return AUDIT_ENTITIES[entity]?.[lang] ?? spelled(entity);
}

/** Who wrote (the path of the write), in words. */
export const AUDIT_VIA: Readonly<Record<string, Words>> = {
  api: { vi: 'Trên giao diện', en: 'In the workspace' },
  import: { vi: 'Nhập từ tệp', en: 'File import' },
  cli: { vi: 'Dòng lệnh', en: 'Command line' },
  seed: { vi: 'Dữ liệu ban đầu', en: 'Initial data' },
  job: { vi: 'Tác vụ tự động', en: 'Scheduled job' },
};
export const auditVia = (via: string, lang: Lang): string => AUDIT_VIA[via]?.[lang] ?? spelled(via);
