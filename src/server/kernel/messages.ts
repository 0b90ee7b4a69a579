// Every message the server sends, in Vietnamese and English, chosen by the reader's language (Accept-Language: the
// workspace sends its interface language with every request; a client that sends neither vi nor en gets English).
// Three sources, translated in one place rather than at each `throw`:
// - a validation rule of a contract (a zod issue): issueText() words it from the issue's code and bounds, so every
//   form field and import cell says what is wrong and what is expected ("Cần ít nhất 1 ký tự", not zod's English);
// - a message a service writes in English (AppError's message, a detail's message): PHRASES holds each one (a fixed
//   text or a pattern with its values) with its Vietnamese; the HTTP layer (kernel/http) picks the reader's language;
// - a code with no specific message known: CODE_TEXT, the code's own sentence.
// A service may also pass both texts itself (`msg(vi, en)`). The test (messages.test.ts) walks every error code, every
// zod issue code the contracts can raise and every custom message of the contracts, and fails on a missing translation.
import type { z } from 'zod';
import { languageName, periodLabel, periodPhrase, targetCode } from '../../shared/labels.js';

export type Lang = 'vi' | 'en';
/** A message in both languages. */
export type Text = { vi: string; en: string };

/** The reader's language from an Accept-Language header: the first of vi / en it names (in its order), else English. */
export function langOf(acceptLanguage: string | string[] | undefined): Lang {
  const header = Array.isArray(acceptLanguage) ? acceptLanguage.join(',') : (acceptLanguage ?? '');
  for (const part of header.split(',')) {
    const tag = part.split(';')[0]!.trim().toLowerCase();
    if (tag === 'vi' || tag.startsWith('vi-')) return 'vi';
    if (tag === 'en' || tag.startsWith('en-')) return 'en';
  }
  return 'en';
}

/** Both texts of a message written in place. */
export const msg = (vi: string, en: string): Text => ({ vi, en });

export const isText = (x: unknown): x is Text =>
  typeof x === 'object' && x !== null && typeof (x as Text).vi === 'string' && typeof (x as Text).en === 'string';

// ---------------------------------------------------------------- error codes

export const CODE_TEXT = {
  validation_failed: msg('Thông tin nhập chưa đúng; xem các ô được đánh dấu.', 'Some of the input is not valid; see the marked fields.'),
  unauthenticated: msg('Vui lòng đăng nhập trước.', 'Sign in first.'),
  invalid_credentials: msg('Tên đăng nhập hoặc mật khẩu không đúng.', 'Wrong username or password.'),
  csrf_failed: msg('Phiên làm việc đã cũ; hãy tải lại trang rồi thử lại.', 'The page is out of date; reload it and try again.'),
  forbidden: msg('Bạn không có quyền thực hiện việc này.', 'You may not do this.'),
  not_found: msg('Không tìm thấy mục cần tìm (có thể đã bị xoá).', 'Not found (it may have been removed).'),
  conflict: msg('Không thể thực hiện vì tình trạng hiện tại của hồ sơ.', 'This cannot be done in the record’s current state.'),
  payload_too_large: msg('Tệp quá lớn.', 'The file is too large.'),
  unsupported_media_type: msg('Định dạng tệp không được hỗ trợ.', 'This kind of file is not accepted.'),
  import_invalid: msg('Tệp có lỗi; chưa có dòng nào được nhập.', 'The file has problems; nothing was imported.'),
  rate_limited: msg('Quá nhiều yêu cầu; vui lòng đợi một lát rồi thử lại.', 'Too many requests; wait a moment and try again.'),
  internal: msg('Lỗi hệ thống; lỗi đã được ghi lại.', 'Internal error; it has been logged.'),
  busy: msg('Máy chủ đang bận; vui lòng thử lại sau ít phút.', 'The server is busy; try again in a few minutes.'),
} as const satisfies Record<string, Text>;

/** What a detail says when its English has no translation yet (never shown in English to a Vietnamese reader). */
export const UNKNOWN_DETAIL = msg('Giá trị không hợp lệ.', 'Not valid.');

// ---------------------------------------------------------------- messages written by services (English → Vietnamese)

/** One message: its key (sent to clients beside the text), its English (a fixed text or a whole-message pattern) and
 *  its Vietnamese (`$1` … take the pattern's groups; a function when a value must be worded too). */
type Phrase = { key: string; en: RegExp | string; vi: string | ((m: RegExpExecArray) => string) };

const REC_STATUS_VI: Record<string, string> = {
  not_started: 'chưa bắt đầu',
  in_progress: 'đang thực hiện',
  partly_implemented: 'đã thực hiện một phần',
  implemented: 'đã thực hiện',
};
const recStatus = (s: string) => `«${REC_STATUS_VI[s] ?? s}»`;

/** Workflow states of press items and plans, as a Vietnamese reader says them. */
const STATE_VI: Record<string, string> = {
  draft: 'đang là bản nháp',
  scheduled: 'đã hẹn giờ đăng',
  published: 'đã đăng',
  withdrawn: 'đã gỡ',
  corrected: 'đã đính chính',
  submitted: 'đã gửi duyệt',
  returned: 'bị trả lại',
  approved: 'đã phê duyệt',
  superseded: 'đã được thay thế',
};
const stateVi = (s: string) => STATE_VI[s] ?? `«${s}»`;

export const PHRASES: Phrase[] = [
  // ---- generic field words
  { key: 'field.required', en: 'required', vi: 'bắt buộc nhập' },
  { key: 'field.requiredColumn', en: /^required: the sheet has no column (.+)$/, vi: 'bắt buộc: trang tính không có cột $1' },
  { key: 'field.notWholeNumber', en: /^"(.*)" is not a whole number$/s, vi: '"$1" không phải là số nguyên' },
  { key: 'field.notCalendarDate', en: /^(.+) is not a calendar date$/, vi: '$1 không phải là một ngày có thật' },
  {
    key: 'field.dateFormat',
    en: /^"(.*)" is not a date: write it as dd\/mm\/yyyy or yyyy-mm-dd$/s,
    vi: '"$1" không phải là ngày: hãy viết dạng dd/mm/yyyy hoặc yyyy-mm-dd',
  },
  { key: 'field.httpUrl', en: 'must be an http:// or https:// address', vi: 'phải là địa chỉ bắt đầu bằng http:// hoặc https://' },
  { key: 'field.atMost', en: /^must be at most (-?\d+)$/, vi: 'phải nhỏ hơn hoặc bằng $1' },
  { key: 'field.atLeast', en: /^must be at least (-?\d+)$/, vi: 'phải lớn hơn hoặc bằng $1' },
  {
    key: 'field.unstorable',
    en: /^(the name )?must not contain (.+) \(at character (\d+)\)$/,
    vi: (m) => `${m[1] ? 'tên ' : ''}chứa ký tự không lưu được (${unstorableVi(m[2]!)}) ở vị trí ${m[3]}`,
  },
  { key: 'file.none', en: 'No file sent', vi: 'Chưa gửi tệp nào' },
  { key: 'file.multipart', en: 'multipart/form-data expected', vi: 'cần gửi tệp (multipart/form-data)' },
  { key: 'file.multipartSend', en: 'Send the file as multipart/form-data', vi: 'Hãy gửi tệp dạng multipart/form-data' },
  { key: 'auth.signIn', en: 'Sign in first', vi: 'Vui lòng đăng nhập trước' },
  {
    key: 'auth.csrf',
    en: 'Missing or wrong CSRF token (header x-csrf-token); reload the page and try again',
    vi: 'Phiên làm việc đã cũ; hãy tải lại trang rồi thử lại',
  },
  { key: 'auth.readOnlyRole', en: /^Your role \((\w+)\) is read-only$/, vi: 'Vai trò của bạn ($1) chỉ được xem, không được sửa' },
  { key: 'notFound', en: /^(.+) not found$/, vi: (m) => `Không tìm thấy ${recordVi(m[1]!)}` },
  { key: 'route.none', en: /^No route (\w+) (.+)$/, vi: 'Không có địa chỉ $1 $2' },
  // ---- imports (every module's Excel)
  {
    key: 'import.summaryFile',
    en: /^(.+): (\d+) problem\(s\)(?: in (\d+) row\(s\))?; nothing was imported$/,
    vi: (m) => `${m[1]}: ${m[2]} lỗi${m[3] ? ` ở ${m[3]} dòng` : ''}; chưa có dòng nào được nhập`,
  },
  {
    key: 'import.summary',
    en: /^(\d+) problem\(s\) in (\d+) row\(s\); nothing was imported$/,
    vi: '$1 lỗi ở $2 dòng; chưa có dòng nào được nhập',
  },
  {
    key: 'import.queueFull',
    en: /^The server is already reading (\d+) imports and has (\d+) more waiting; send the file again in a minute$/,
    vi: 'Máy chủ đang đọc $1 tệp nhập và còn $2 tệp đang chờ; hãy gửi lại tệp sau một phút',
  },
  { key: 'import.tooMany', en: 'too many imports at once: try again later', vi: 'đang có quá nhiều lượt nhập cùng lúc: hãy thử lại sau' },
  { key: 'import.header', en: 'The header row is wrong', vi: 'Dòng tiêu đề chưa đúng' },
  { key: 'import.noRows', en: 'The sheet has no data rows', vi: 'Trang tính không có dòng dữ liệu nào' },
  { key: 'import.noRowsBelow', en: 'no data rows below the header', vi: 'không có dòng dữ liệu nào dưới dòng tiêu đề' },
  { key: 'import.missingColumn', en: /^missing column "(.+)"$/, vi: 'thiếu cột "$1"' },
  {
    key: 'rec.import.stateColumn',
    en: 'missing column "State" (or "Countries Concerned"): the State each recommendation is addressed to. If every row of this file is a recommendation to Viet Nam, confirm it and import again',
    vi: 'thiếu cột "State" (hoặc "Countries Concerned"): quốc gia nhận khuyến nghị. Nếu mọi dòng của tệp đều là khuyến nghị gửi Việt Nam, hãy xác nhận rồi nhập lại',
  },
  { key: 'import.missingColumnOr', en: /^missing column "([^"]+)" \(or (.+)\)$/, vi: 'thiếu cột "$1" (hoặc $2)' },
  {
    key: 'import.unknownColumn',
    en: /^unknown column "(.+?)"; expected: (.+)$/s,
    vi: 'cột "$1" không có trong mẫu; các cột được dùng: $2',
  },
  { key: 'org.codeUnknown', en: /^no organisation has code (.+)$/, vi: 'không có tổ chức nào mang mã $1' },
  {
    key: 'topic.codeUnknown',
    en: /^unknown topic code (.+); see the help sheet$/,
    vi: 'không có chủ đề nào mang mã $1; xem trang hướng dẫn',
  },
  { key: 'topic.unknown', en: /^unknown topic (\d+)$/, vi: 'không có chủ đề số $1' },
  {
    key: 'language.unknown',
    en: /^unknown language code (.+) \(ISO 639-3, from the language list\)$/,
    vi: 'không có ngôn ngữ nào mang mã $1 (mã ISO 639-3 trong danh sách ngôn ngữ)',
  },
  // ---- reading a workbook (kernel/xlsx), stored files (kernel/storage), periods, sign-in
  {
    key: 'xlsx.limit',
    en: /^The file is over a limit \((\w+)\): (.+); nothing was imported$/s,
    vi: (m) => `Tệp vượt quá giới hạn: ${translate(m[2]!)?.vi ?? m[2]}; chưa có dòng nào được nhập`,
  },
  {
    key: 'xlsx.cellLong',
    en: /^a (?:cell or tag|text) of the workbook (?:is longer than|has more than) ([\d,]+) characters$/,
    vi: 'có ô trong tệp dài hơn $1 ký tự',
  },
  { key: 'xlsx.textsBytes', en: /^the workbook's texts take more than (\d+) MiB$/, vi: 'phần chữ của tệp chiếm hơn $1 MiB' },
  { key: 'xlsx.unzips', en: /^the workbook unzips to more than (\d+) MiB$/, vi: 'tệp khi giải nén lớn hơn $1 MiB' },
  { key: 'xlsx.strings', en: /^the workbook holds more than ([\d,]+) different texts$/, vi: 'tệp chứa hơn $1 đoạn chữ khác nhau' },
  { key: 'xlsx.rows', en: /^more than ([\d,]+) rows in the sheet$/, vi: 'trang tính có hơn $1 dòng' },
  { key: 'xlsx.columns', en: /^row (\d+) uses (\d+) columns; at most (\d+)$/, vi: 'dòng $1 dùng $2 cột; tối đa $3 cột' },
  {
    key: 'xlsx.unreadable',
    en: 'The .xlsx file could not be read (damaged or not a workbook)',
    vi: 'Không đọc được tệp .xlsx (tệp hỏng hoặc không phải bảng tính Excel)',
  },
  { key: 'xlsx.damaged', en: 'damaged or not an .xlsx workbook', vi: 'tệp hỏng hoặc không phải bảng tính .xlsx' },
  { key: 'xlsx.notXlsx', en: 'The file is not an Excel .xlsx workbook', vi: 'Tệp không phải là bảng tính Excel .xlsx' },
  { key: 'xlsx.expected', en: 'expected an .xlsx file (Excel 2007 or newer)', vi: 'cần tệp .xlsx (Excel 2007 trở lên)' },
  { key: 'xlsx.noSheet', en: 'The workbook has no sheet', vi: 'Tệp không có trang tính nào' },
  { key: 'xlsx.noWorksheet', en: 'no worksheet', vi: 'không có trang tính' },
  { key: 'file.missing', en: 'A stored file is missing; it has been logged', vi: 'Không tìm thấy tệp đã lưu; lỗi đã được ghi lại' },
  {
    key: 'file.integrity',
    en: 'A stored file failed its integrity check; it has been logged',
    vi: 'Tệp đã lưu bị hỏng; lỗi đã được ghi lại',
  },
  { key: 'file.captionLong', en: 'The caption is too long', vi: 'Chú thích quá dài' },
  { key: 'file.empty', en: /^(?:The file is empty|empty file)$/, vi: 'Tệp rỗng' },
  {
    key: 'file.kinds',
    en: 'This kind of file is not accepted: PDF, images (PNG, JPEG, GIF, WebP), Word, Excel, ZIP, MP4 or UTF-8 text',
    vi: 'Loại tệp này không được chấp nhận: PDF, ảnh (PNG, JPEG, GIF, WebP), Word, Excel, ZIP, MP4 hoặc văn bản UTF-8',
  },
  { key: 'file.content', en: 'the content is not an accepted file type', vi: 'nội dung tệp không thuộc loại được chấp nhận' },
  {
    key: 'file.multipartField',
    en: 'Send the file as multipart/form-data in the field "file"',
    vi: 'Hãy gửi tệp (multipart/form-data, trường "file")',
  },
  { key: 'file.noneInField', en: 'No file in the field "file"', vi: 'Chưa chọn tệp' },
  {
    key: 'progress.idHeader',
    en: 'The header x-progress-id must be 8 to 64 letters, digits, "_" or "-"',
    vi: 'Tiêu đề x-progress-id phải có 8–64 chữ cái, chữ số, "_" hoặc "-"',
  },
  { key: 'progress.idChars', en: '8–64 characters A–Z a–z 0–9 _ -', vi: '8–64 ký tự A–Z a–z 0–9 _ -' },
  { key: 'progress.unknown', en: 'No work of yours with this id is running here', vi: 'Không có công việc nào của bạn với mã này ở đây' },
  { key: 'period.unknown', en: /^Unknown period "(.*)"$/s, vi: 'Kỳ "$1" không hợp lệ' },
  {
    key: 'period.form',
    en: 'one of YYYY, YYYY-H1, YYYY-Q1, YYYY-MM',
    vi: 'viết dạng năm (2026), nửa năm (2026-H1), quý (2026-Q1) hoặc tháng (2026-05)',
  },
  { key: 'period.order', en: 'The period must end after it starts', vi: 'Ngày kết thúc của kỳ phải sau ngày bắt đầu' },
  { key: 'period.afterStart', en: 'must be after periodStart', vi: 'phải sau ngày bắt đầu kỳ' },
  {
    key: 'auth.tooManyAddress',
    en: /^Too many failed sign-ins from your address; try again in (\d+) minutes$/,
    vi: 'Đăng nhập sai quá nhiều lần từ địa chỉ của bạn; hãy thử lại sau $1 phút',
  },
  {
    key: 'auth.tooManyAccount',
    en: /^Too many failed sign-ins to this account from your address; try again in (\d+) minutes, or ask an administrator to unlock it$/,
    vi: 'Đăng nhập sai quá nhiều lần vào tài khoản này; hãy thử lại sau $1 phút hoặc nhờ quản trị viên mở khoá',
  },
  {
    key: 'auth.oidcProvidersJson',
    en: 'must be a JSON array of providers ({"id","label","issuer","clientId",…})',
    vi: 'phải là một mảng JSON các nhà cung cấp đăng nhập ({"id","label","issuer","clientId",…})',
  },
  {
    key: 'auth.oidcProviderTwice',
    en: /^each provider needs its own id; twice: (.+)$/,
    vi: 'mỗi nhà cung cấp đăng nhập cần một id riêng; bị trùng: $1',
  },
  // ---- the directory (organisations, their Excel)
  { key: 'org.duplicateCode', en: /^duplicate code (.+) \(also on row (\d+)\)$/, vi: 'mã $1 bị trùng (cũng có ở dòng $2)' },
  { key: 'org.yesNo', en: /^"(.*)" is not yes\/no \(có\/không\)$/s, vi: '"$1" không phải là có/không (yes/no)' },
  { key: 'org.kind', en: /^unknown kind "(.*)"; one of (.+)$/s, vi: 'loại "$1" không hợp lệ; chọn một trong: $2' },
  { key: 'org.cycle', en: /^cycle in the organisation tree through rows (.+)$/, vi: 'cây tổ chức bị vòng lặp qua các dòng $1' },
  { key: 'org.ownParent', en: 'an organisation cannot be its own parent', vi: 'tổ chức không thể là cấp trên của chính nó' },
  {
    key: 'org.outside',
    en: /^You may only change organisations within your own organisation; (.+) is outside it$/s,
    vi: 'Bạn chỉ được sửa các tổ chức thuộc tổ chức của mình; $1 nằm ngoài phạm vi đó',
  },
  { key: 'org.missionCountry', en: 'A mission abroad needs its country', vi: 'Cơ quan đại diện ở nước ngoài cần ghi quốc gia' },
  { key: 'org.missionRequired', en: 'required for a mission abroad', vi: 'bắt buộc với cơ quan đại diện ở nước ngoài' },
  { key: 'org.parentNone', en: /^Parent organisation (.+) does not exist$/, vi: 'Không có tổ chức cấp trên $1' },
  { key: 'org.none', en: 'no such organisation', vi: 'không có tổ chức này' },
  { key: 'org.codeTaken', en: /^Code (.+) is already used by another organisation$/, vi: 'Mã $1 đã được dùng cho tổ chức khác' },
  { key: 'org.codeUsed', en: /^code (.+) is already used$/, vi: 'mã $1 đã được dùng' },
  { key: 'org.endsBeforeBegins', en: 'An organisation cannot end before it begins', vi: 'Tổ chức không thể kết thúc trước khi bắt đầu' },
  {
    key: 'org.validToAfterFrom',
    en: /^must be on or after the first day \((\S+)\)$/,
    vi: (m) => `phải từ ngày bắt đầu (${dmy(m[1]!)}) trở đi`,
  },
  {
    key: 'org.underItself',
    en: 'An organisation cannot be placed under itself or one of its own descendants',
    vi: 'Không thể đặt tổ chức dưới chính nó hoặc dưới một đơn vị cấp dưới của nó',
  },
  { key: 'org.cycleTree', en: 'would create a cycle in the organisation tree', vi: 'sẽ tạo vòng lặp trong cây tổ chức' },
  { key: 'org.succeedSelf', en: 'An organisation cannot succeed itself', vi: 'Tổ chức không thể kế thừa chính nó' },
  { key: 'org.another', en: 'must be another organisation', vi: 'phải là một tổ chức khác' },
  { key: 'org.kindNeedsSuccessor', en: 'A kind of succession needs a successor', vi: 'Hình thức kế thừa chỉ có khi có tổ chức kế thừa' },
  { key: 'org.onlyWithSuccessor', en: 'only with a successor', vi: 'chỉ khi có tổ chức kế thừa' },
  {
    key: 'org.successorNeedsKind',
    en: 'A successor needs the kind of succession',
    vi: 'Cần ghi hình thức kế thừa (sáp nhập, chia tách, đổi tên)',
  },
  { key: 'org.requiredWithSuccessor', en: 'required with a successor', vi: 'bắt buộc khi có tổ chức kế thừa' },
  {
    key: 'org.successorNeedsEnd',
    en: 'An organisation with a successor needs its last day',
    vi: 'Tổ chức có tổ chức kế thừa cần có ngày cuối cùng hoạt động',
  },
  { key: 'org.noSuccessor', en: /^Successor organisation (\d+) does not exist$/, vi: 'Không có tổ chức kế thừa $1' },
  {
    key: 'org.successionCycleField',
    en: 'would make the organisation its own successor down the chain',
    vi: 'sẽ khiến tổ chức trở thành tổ chức kế thừa của chính nó qua chuỗi kế thừa',
  },
  { key: 'org.successionCycle', en: 'Successions cannot go round in a circle', vi: 'Chuỗi kế thừa không được khép vòng' },
  {
    key: 'org.codeUnknownQuoted',
    en: /^(?:unknown organisation code "(.*)"|no organisation with code (.+))$/s,
    vi: 'không có tổ chức nào mang mã $1$2',
  },
  { key: 'org.noneId', en: /^no organisation (\d+)$/, vi: 'không có tổ chức số $1' },
  // ---- other imports: recommendations, training, plans, exhibitions
  { key: 'import.noDataRows', en: 'The file has no data rows', vi: 'Tệp không có dòng dữ liệu nào' },
  { key: 'import.maxRows', en: /^At most (\d+) rows per file$/, vi: 'Mỗi tệp tối đa $1 dòng' },
  { key: 'import.rowsOver', en: /^(\d+) rows; at most (\d+)$/, vi: '$1 dòng; tối đa $2' },
  { key: 'import.rowsProblems', en: /^(\d+) row\(s\) have problems; nothing was written$/, vi: '$1 dòng có lỗi; chưa ghi dòng nào' },
  {
    key: 'import.rowsCannot',
    en: /^(\d+) row\(s\) cannot be imported; nothing was written$/,
    vi: '$1 dòng không nhập được; chưa ghi dòng nào',
  },
  {
    key: 'import.rowsUndecided',
    en: /^(\d+) row\(s\) still need a decision or are wrong; nothing was written$/,
    vi: '$1 dòng còn chờ quyết định hoặc có lỗi; chưa ghi dòng nào',
  },
  { key: 'rec.import.state', en: /^a recommendation to (.+), not to Viet Nam$/, vi: 'khuyến nghị gửi $1, không phải Việt Nam' },
  {
    key: 'rec.import.noState',
    en: 'no State: say which State the recommendation is addressed to (Viet Nam)',
    vi: 'thiếu quốc gia: ghi rõ khuyến nghị gửi quốc gia nào (Việt Nam)',
  },
  {
    key: 'rec.import.notRec',
    en: /^"(.*)" is not a recommendation \(only recommendations are imported\)$/s,
    vi: '"$1" không phải là khuyến nghị (chỉ nhập khuyến nghị)',
  },
  { key: 'rec.import.mechanism', en: /^unknown mechanism "(.*)"$/s, vi: 'cơ chế "$1" không hợp lệ' },
  { key: 'rec.import.cycle', en: /^"(.*)" is not a UPR cycle \(e\.g\. Cycle 3\)$/s, vi: '"$1" không phải là chu kỳ UPR (ví dụ Cycle 3)' },
  {
    key: 'rec.import.session',
    en: /^"(.*)" is not a UPR session \(e\.g\. 46th session\)$/s,
    vi: '"$1" không phải là phiên UPR (ví dụ 46th session)',
  },
  {
    key: 'rec.import.review',
    en: 'a treaty body or special procedure and a year name the review',
    vi: 'cần ghi ủy ban công ước hoặc thủ tục đặc biệt và năm của kỳ rà soát',
  },
  {
    key: 'rec.import.position',
    en: /^unknown position "(.*)" \((.+)\)$/s,
    vi: 'lập trường "$1" không hợp lệ ($2)',
  },
  {
    key: 'rec.import.sdg',
    en: /^"(.*)" is not an SDG goal .+$/s,
    vi: '"$1" không phải là mục tiêu hay chỉ tiêu SDG (ví dụ "16" hoặc "16.10")',
  },
  {
    key: 'rec.import.paragraph',
    en: /^no paragraph: give the Paragraph column, .+$/s,
    vi: 'thiếu số đoạn: điền cột Paragraph, hoặc văn bản bắt đầu bằng số đoạn (ví dụ "115.1 Ratify …")',
  },
  {
    key: 'rec.import.yesNo',
    en: /^unknown value "(.*)": yes \(x, có\) or no \(không\)$/s,
    vi: 'giá trị "$1" không hợp lệ: có (x, yes) hoặc không (no)',
  },
  { key: 'rec.import.twice', en: /^(.+) is already on row (\d+)$/, vi: '$1 đã có ở dòng $2' },
  { key: 'rec.import.cluster', en: /^unknown cluster "(.*)"$/s, vi: 'nhóm "$1" không tồn tại' },
  {
    key: 'rec.import.textChanged',
    en: /^conflict: (.+) keeps its original text, and this one differs from it$/s,
    vi: 'mâu thuẫn: $1 giữ nguyên văn bản gốc, và văn bản này khác bản gốc',
  },
  {
    key: 'training.noHeader',
    en: 'No header row with a name column ("Họ và tên" or full_name) in the first ten rows',
    vi: 'Không thấy dòng tiêu đề có cột tên ("Họ và tên" hoặc full_name) trong mười dòng đầu',
  },
  { key: 'training.unreadable', en: 'The import could not be read', vi: 'Không đọc được tệp nhập' },
  { key: 'training.written', en: /^Import (\d+) was already written$/, vi: 'Lần nhập $1 đã được ghi rồi' },
  {
    key: 'training.whoWrites',
    en: 'Only who read this import (or the programme office) may write it',
    vi: 'Chỉ người đã tải tệp này lên (hoặc Văn phòng Đề án) mới được ghi',
  },
  { key: 'training.personGone', en: /^person (\d+) does not exist or was merged$/, vi: 'người số $1 không tồn tại hoặc đã được gộp' },
  {
    key: 'training.personOutside',
    en: /^person (\d+) is outside your organisation: the programme office can link them$/,
    vi: 'người số $1 thuộc tổ chức khác: Văn phòng Đề án có thể liên kết',
  },
  { key: 'training.outside', en: 'outside your organisation', vi: 'ngoài phạm vi tổ chức của bạn' },
  { key: 'training.noRow', en: 'no such row in this import', vi: 'không có dòng này trong lần nhập' },
  {
    key: 'training.decide',
    en: /^"(.*)" is (\w+): pick the person or create a new one$/s,
    vi: '"$1" cần xác định ($2): chọn người đã có hoặc tạo người mới',
  },
  {
    key: 'plans.header',
    en: 'The header row of the activities sheet is wrong; nothing was imported',
    vi: 'Dòng tiêu đề của trang hoạt động chưa đúng; chưa nhập gì',
  },
  // ---- the report calendar, coordinators' scope (cycle)
  { key: 'cycle.needsYear', en: 'A yearly or half-yearly period needs its year', vi: 'Kỳ báo cáo năm hoặc 6 tháng cần có năm' },
  { key: 'cycle.yearRequired', en: 'required (2023–2028)', vi: 'bắt buộc nhập (2023–2028)' },
  { key: 'cycle.needsHalf', en: 'A half-yearly period needs its half', vi: 'Kỳ báo cáo 6 tháng cần ghi rõ 6 tháng đầu hay cuối năm' },
  { key: 'cycle.halfRequired', en: 'required: 1 or 2', vi: 'bắt buộc: 1 hoặc 2' },
  { key: 'cycle.noPeriod', en: /^The calendar has no period (.+)$/, vi: (m) => `Lịch báo cáo không có kỳ ${periodIn(m[1]!)}` },
  { key: 'cycle.noPeriodField', en: 'no such period in the report calendar', vi: 'lịch báo cáo không có kỳ này' },
  { key: 'cycle.unknownOrganisations', en: /^Unknown organisations in (.+)$/, vi: 'Có cơ quan không tồn tại trong $1' },
  { key: 'cycle.noOrganisation', en: /^no organisation (\d+)$/, vi: 'không có cơ quan số $1' },
  { key: 'cycle.notDate', en: /^Not a date: (.*)$/s, vi: 'Không phải là ngày: $1' },
  { key: 'cycle.calendarDate', en: 'a calendar date YYYY-MM-DD', vi: 'một ngày có thật, dạng YYYY-MM-DD' },
  { key: 'cycle.deadlinePast', en: /^The deadline (\S+) is in the past$/, vi: (m) => `Hạn ${dmy(m[1]!)} đã qua` },
  { key: 'cycle.deadlinePastField', en: /^in the past \(today is (\S+)\)$/, vi: (m) => `đã qua (hôm nay là ${dmy(m[1]!)})` },
  {
    key: 'cycle.deadlineBeforeStart',
    en: /^The deadline (\S+) is before the period starts \((\S+)\)$/,
    vi: (m) => `Hạn ${dmy(m[1]!)} trước ngày bắt đầu kỳ (${dmy(m[2]!)})`,
  },
  { key: 'cycle.deadlineBeforeStartField', en: /^before the period starts \((\S+)\)$/, vi: (m) => `trước ngày bắt đầu kỳ (${dmy(m[1]!)})` },
  { key: 'cycle.periodExists', en: /^The calendar already has the period (.+)$/, vi: (m) => `Lịch báo cáo đã có kỳ ${periodIn(m[1]!)}` },
  { key: 'cycle.periodExistsField', en: /^period (.+) already exists$/, vi: (m) => `kỳ ${periodIn(m[1]!)} đã có` },
  {
    key: 'cycle.periodClosed',
    en: /^Period (.+) is closed: re-open it to change its calendar$/,
    vi: (m) => `${PeriodAt(m[1]!)} đã khoá sổ: mở lại kỳ để thay đổi lịch`,
  },
  { key: 'cycle.closed', en: 'closed', vi: 'đã khóa sổ' },
  {
    key: 'cycle.officeOnly',
    en: /^Only the programme office \(admin\) may (.+) \(your role: (\w+)\)$/,
    vi: 'Chỉ Văn phòng Đề án (quản trị) được thực hiện thao tác này (vai trò của bạn: $2)',
  },
  {
    key: 'cycle.outsideProvince',
    en: /^Outside your province: organisation (\d+) is (.+); you coordinate (.+)$/,
    vi: 'Ngoài tỉnh của bạn: cơ quan số $1 thuộc $2; bạn điều phối $3',
  },
  { key: 'cycle.outsideProvinceField', en: /^organisation (.+); you coordinate (.+)$/, vi: 'cơ quan thuộc $1; bạn điều phối $2' },
  { key: 'reach.noProvinceOnMap', en: /^No province (\w+) on the 34-unit map$/, vi: 'Không có tỉnh $1 trên bản đồ 34 đơn vị' },
  {
    key: 'reach.periodForm',
    en: 'a period such as 2025, 2025-H1, 2025-Q3 or 2025-08',
    vi: 'một kỳ như 2025, 2025-H1, 2025-Q3 hoặc 2025-08',
  },
  {
    key: 'reach.coordinatorNoProvince',
    en: 'A coordinator without a province sees no reach',
    vi: 'Điều phối viên chưa được giao tỉnh nên không xem được phạm vi tiếp cận',
  },
  { key: 'reach.noProvince', en: 'no province', vi: 'chưa có tỉnh' },
  {
    key: 'reach.outsideProvince',
    en: /^Outside your province: you coordinate province (\w+)$/,
    vi: 'Ngoài tỉnh của bạn: bạn điều phối tỉnh $1',
  },
  { key: 'reach.provinceOnly', en: /^you see the reach of province (\w+) only$/, vi: 'bạn chỉ xem được phạm vi tiếp cận của tỉnh $1' },
  {
    key: 'reach.outsideOrganisation',
    en: 'Outside your organisation: you see the reach of your organisation and those below it',
    vi: 'Ngoài tổ chức của bạn: bạn chỉ xem được phạm vi tiếp cận của tổ chức mình và các đơn vị trực thuộc',
  },
  { key: 'reach.notYourOrganisation', en: 'not your organisation or one below it', vi: 'không phải tổ chức của bạn hay đơn vị trực thuộc' },
  {
    key: 'cycle.deciders',
    en: /^Only the programme office or the province's coordinator may (\w+) a (\w+) \(your role: (\w+)\)$/,
    vi: 'Chỉ Văn phòng Đề án hoặc điều phối viên của tỉnh được duyệt hoặc trả lại (vai trò của bạn: $3)',
  },
  {
    key: 'cycle.coordinatorsOff',
    en: /^Provincial coordinators do not decide (\w+)s: the programme office has not turned them on$/,
    vi: 'Điều phối viên tỉnh chưa tham gia duyệt: Văn phòng Đề án chưa bật vai trò này',
  },
  {
    key: 'cycle.passedProvince',
    en: /^(.+) has passed the province and waits for the programme office$/,
    vi: (m) => `${recordVi(m[1]!)} đã qua bước của tỉnh và đang chờ Văn phòng Đề án`,
  },
  { key: 'cycle.waitsOffice', en: 'waits for the programme office', vi: 'đang chờ Văn phòng Đề án' },
  {
    key: 'cycle.roleNoReports',
    en: /^Your role \((\w+)\) does not write reports: the organisation's focal point \(editor\) does$/,
    vi: 'Vai trò của bạn ($1) không lập báo cáo: đầu mối (biên tập viên) của cơ quan lập báo cáo',
  },
  {
    key: 'cycle.ownReports',
    en: 'You may only write the reports of your own organisation and those below it',
    vi: 'Bạn chỉ được lập báo cáo của cơ quan mình và các đơn vị trực thuộc',
  },
  // ---- plans
  { key: 'plans.monthOfYear', en: /^must be a month of (\d+), the plan's year$/, vi: 'phải là một tháng của năm $1 (năm của kế hoạch)' },
  { key: 'plans.dayOfYear', en: /^must be a day of (\d+), the plan's year$/, vi: 'phải là một ngày của năm $1 (năm của kế hoạch)' },
  {
    key: 'plans.nothingToCopy',
    en: /^There is no (\d+) plan of this organisation to copy$/,
    vi: 'Cơ quan này không có kế hoạch năm $1 để sao chép',
  },
  { key: 'plans.nothingToCopyField', en: /^no plan for (\d+) to copy$/, vi: 'không có kế hoạch năm $1 để sao chép' },
  {
    key: 'plans.exists',
    en: /^This organisation already has a plan for (\d+)(?: \(plan (\d+)\))?$/,
    vi: (m) => `Cơ quan này đã có kế hoạch năm ${m[1]}${m[2] ? ` (kế hoạch số ${m[2]})` : ''}`,
  },
  { key: 'plans.existsField', en: /^a plan for (\d+) exists$/, vi: 'đã có kế hoạch năm $1' },
  {
    key: 'plans.commentsUnknownActivities',
    en: 'Comments name activities that are not in this version',
    vi: 'Ý kiến nêu những hoạt động không có trong phiên bản này',
  },
  {
    key: 'plans.newVersionOnlyApproved',
    en: /^Only an approved plan gets a new version; version (\d+) is (\w+): change it as it is$/,
    vi: (m) => `Chỉ kế hoạch đã phê duyệt mới lập phiên bản mới; phiên bản ${m[1]} ${stateVi(m[2]!)}: hãy sửa trực tiếp`,
  },
  // ---- press
  { key: 'press.unknownTopics', en: /^Unknown topic\(s\) (.+)$/, vi: 'Chủ đề không tồn tại: $1' },
  { key: 'press.unknownTopicsField', en: /^unknown topic id\(s\): (.+)$/, vi: 'mã chủ đề không tồn tại: $1' },
  {
    key: 'press.translationOf',
    en: /^Translation of: (.+)$/s,
    vi: (m) => `Bản dịch của: ${translate(m[1]!)?.vi ?? m[1]}`,
  },
  {
    key: 'press.notEditable',
    en: /^A (\w+) item cannot be edited; publish a correction instead$/,
    vi: (m) => `Tin ${stateVi(m[1]!)} không sửa được; hãy đăng đính chính`,
  },
  { key: 'press.notEditableField', en: /^(\w+) items are not editable$/, vi: (m) => `tin ${stateVi(m[1]!)} không sửa được` },
  {
    key: 'press.translationTaken',
    en: /^Its translation group already has an item in (\w+)$/,
    vi: 'Nhóm bản dịch đã có một tin bằng ngôn ngữ $1',
  },
  {
    key: 'press.translationTakenField',
    en: /^a translation in (\w+) already exists \(#(\d+)\); a group holds one item per language$/,
    vi: 'đã có bản dịch bằng ngôn ngữ $1 (#$2); mỗi nhóm chỉ có một tin cho mỗi ngôn ngữ',
  },
  { key: 'press.scheduleFuture', en: 'The scheduled time must be in the future', vi: 'Thời điểm hẹn đăng phải ở tương lai' },
  { key: 'press.mustBeFuture', en: 'must be in the future', vi: 'phải ở tương lai' },
  {
    key: 'press.pastDateAdmins',
    en: 'Only administrators may record a past publication date',
    vi: 'Chỉ quản trị viên được ghi ngày đăng trong quá khứ',
  },
  {
    key: 'press.publishedFuture',
    en: 'Publication date in the future: schedule the item instead',
    vi: 'Ngày đăng ở tương lai: hãy hẹn giờ đăng tin',
  },
  { key: 'press.notFuture', en: 'must not be in the future', vi: 'không được ở tương lai' },
  {
    key: 'press.staysLinked',
    en: /^A (\w+) item stays linked to its translations$/,
    vi: (m) => `Tin ${stateVi(m[1]!)} vẫn gắn với các bản dịch của nó`,
  },
  {
    key: 'press.unlinkDraftOnly',
    en: 'only draft or scheduled items can be unlinked',
    vi: 'chỉ tin nháp hoặc đã hẹn giờ mới gỡ khỏi nhóm bản dịch được',
  },
  { key: 'press.notLinked', en: 'The item is not linked to any translation', vi: 'Tin này không gắn với bản dịch nào' },
  { key: 'press.notLinkedField', en: 'not linked to any translation', vi: 'không gắn với bản dịch nào' },
  { key: 'plans.notProgrammeYear', en: /^Not a year of the programme: (\d+)$/, vi: 'Không phải một năm của Đề án: $1' },
  {
    key: 'plans.deadlineAfterYear',
    en: /^The deadline (\S+) is after the plan's year (\d+)$/,
    vi: (m) => `Hạn ${dmy(m[1]!)} sau năm của kế hoạch (${m[2]})`,
  },
  {
    key: 'plans.deadlineAfterYearField',
    en: /^after the end of (\d+) \(a plan is made before or during its year\)$/,
    vi: 'sau khi hết năm $1 (kế hoạch được lập trước hoặc trong năm của nó)',
  },
  { key: 'plans.empty', en: 'The activities sheet is empty; nothing was imported', vi: 'Trang hoạt động trống; chưa nhập gì' },
  { key: 'plans.noHeader', en: 'no header row', vi: 'không có dòng tiêu đề' },
  {
    key: 'plans.noRows',
    en: 'The activities sheet has no rows below its header; nothing was imported',
    vi: 'Trang hoạt động không có dòng nào dưới tiêu đề; chưa nhập gì',
  },
  { key: 'plans.noActivities', en: 'no activity rows', vi: 'không có dòng hoạt động nào' },
  { key: 'plans.role', en: /^Your role \((\w+)\) may not change plans$/, vi: 'Vai trò của bạn ($1) không được sửa kế hoạch' },
  {
    key: 'plans.summary',
    en: /^(\d+) problem\(s\) in (\d+) row\(s\) of the activities sheet; nothing was imported$/,
    vi: '$1 lỗi ở $2 dòng của trang hoạt động; chưa nhập gì',
  },
  {
    key: 'exh.noKey',
    en: /^no row of the exhibitions sheet has the key or id (.+)$/,
    vi: 'không có dòng nào trong trang triển lãm mang khoá hoặc mã $1',
  },
  {
    key: 'exh.itemsSheet',
    en: /^give the items in the "(.+)" sheet, not in item_ids$/,
    vi: 'ghi các hiện vật ở trang "$1", không ghi ở cột item_ids',
  },
  { key: 'exh.notProduct', en: /^(.+) is not a library product id$/, vi: '$1 không phải là mã số ấn phẩm thư viện' },
  { key: 'exh.lat', en: /^(.+) is not a latitude \(decimal degrees\)$/, vi: '$1 không phải là vĩ độ (độ thập phân)' },
  { key: 'exh.lon', en: /^(.+) is not a longitude \(decimal degrees\)$/, vi: '$1 không phải là kinh độ (độ thập phân)' },
  // ---- the press imports (spokespersons, press items)
  { key: 'pressImport.day', en: /^(.+) is not a date \(YYYY-MM-DD\)$/, vi: '$1 không phải là ngày (YYYY-MM-DD)' },
  {
    key: 'pressImport.topic',
    en: /^unknown topic code (.+); see the topics in the notes sheet$/,
    vi: 'không có chủ đề mã $1; xem danh sách chủ đề ở trang notes',
  },
  {
    key: 'pressImport.periodNeedsDay',
    en: 'a period needs the day the item was published (published_on)',
    vi: 'có kỳ báo cáo thì cần ngày công bố (published_on)',
  },
  {
    key: 'pressImport.outsidePeriod',
    en: /^(.+) is not in the period (.+) \((.+) – (.+)\)$/,
    vi: '$1 không thuộc kỳ $2 ($3 – $4)',
  },
  {
    key: 'pressImport.period',
    en: /^unknown period "(.*)"; one of YYYY, YYYY-H1, YYYY-Q1, YYYY-MM$/s,
    vi: 'kỳ "$1" không hợp lệ; dùng một trong: YYYY, YYYY-H1, YYYY-Q1, YYYY-MM',
  },
  { key: 'pressImport.sameRow', en: /^the same record as row (\d+)$/, vi: 'trùng với dòng $1' },
  { key: 'exh.published', en: 'published online', vi: 'đã công bố trực tuyến' },
  {
    key: 'exh.unpublishFirst',
    en: 'the online version is published: unpublish it before removing its items or its online format',
    vi: 'bản trực tuyến đang công bố: hãy gỡ công bố trước khi bỏ hiện vật hoặc hình thức trực tuyến',
  },
  {
    key: 'library.isbnRace',
    en: 'Another write took an ISBN of this file while it was being imported; nothing was imported. Import the file again to see which row.',
    vi: 'Trong lúc nhập, một thao tác khác đã dùng một ISBN của tệp này; chưa nhập gì. Hãy nhập lại tệp để biết dòng nào.',
  },
  { key: 'library.isbnRaceField', en: 'an ISBN of this file was taken meanwhile', vi: 'một ISBN của tệp đã bị dùng trong lúc nhập' },
  // ---- training roster and sign-in sheets
  {
    key: 'training.orgOne',
    en: /^no single organisation with code or name "(.*)"$/s,
    vi: 'không tìm được đúng một tổ chức có mã hoặc tên "$1"',
  },
  {
    key: 'training.rosterOutside',
    en: 'outside your organisation: only that organisation and the programme office keep its roster',
    vi: 'ngoài phạm vi tổ chức của bạn: chỉ tổ chức đó và Văn phòng Đề án quản lý danh sách này',
  },
  {
    key: 'training.groupsRequired',
    en: 'required: T2a, T2b, T2c or T2d (several separated by commas)',
    vi: 'bắt buộc: T2a, T2b, T2c hoặc T2d (nhiều nhóm cách nhau bằng dấu phẩy)',
  },
  {
    key: 'training.group',
    en: /^unknown group "(.*)"; expected T2a, T2b, T2c or T2d$/s,
    vi: 'nhóm "$1" không hợp lệ; chọn T2a, T2b, T2c hoặc T2d',
  },
  {
    key: 'training.date',
    en: /^"(.*)" is not a date \(YYYY-MM-DD or D\/M\/YYYY\)$/s,
    vi: '"$1" không phải là ngày (dd/mm/yyyy hoặc yyyy-mm-dd)',
  },
  { key: 'training.beforeFrom', en: 'before valid_from', vi: 'trước ngày bắt đầu (valid_from)' },
  { key: 'training.yesNo', en: /^"(.*)" is not yes or no \(x, có, không …\)$/s, vi: '"$1" không phải là có hoặc không (x, có, không …)' },
  { key: 'training.completedAbsent', en: 'completed without attending', vi: 'hoàn thành nhưng không tham dự' },
  { key: 'training.score', en: /^"(.*)" is not a number from 0 to 100$/s, vi: '"$1" không phải là số từ 0 đến 100' },
  { key: 'training.missingName', en: 'missing column "full_name" (Họ và tên)', vi: 'thiếu cột "full_name" (Họ và tên)' },
  // ---- plans (activities sheet)
  { key: 'plans.negative', en: /^(.+) is negative; amounts must not be negative$/, vi: '$1 là số âm; số tiền không được âm' },
  { key: 'plans.wholeDong', en: /^(.+) is not a whole number of đồng$/, vi: '$1 không phải là số đồng chẵn' },
  {
    key: 'plans.amount',
    en: /^"(.*)" is not a number \(an amount in đồng, e\.g\. 150000000\)$/s,
    vi: '"$1" không phải là số tiền (tính bằng đồng, ví dụ 150000000)',
  },
  { key: 'plans.amountMax', en: /^(.+) is more than 10\^15 đồng$/, vi: '$1 lớn hơn 10^15 đồng' },
  {
    key: 'plans.month',
    en: /^"(.*)" is not a month(?: \(YYYY-MM, or 1–12 for a month of the plan's year\))?$/s,
    vi: '"$1" không phải là tháng (yyyy-mm, hoặc 1–12 cho tháng của năm kế hoạch)',
  },
  {
    key: 'plans.monthYear',
    en: /^(.+) is not a month of (\d{4}), the plan's year$/,
    vi: '$1 không phải là tháng của năm $2 (năm của kế hoạch)',
  },
  {
    key: 'plans.target',
    en: 'an activity must serve at least one target (T1–T6)',
    vi: 'mỗi hoạt động phải phục vụ ít nhất một chỉ tiêu (T1–T6)',
  },
  {
    key: 'plans.audiences',
    en: /^"(.*)" is not a list of audience numbers 1–6 separated by ;$/s,
    vi: '"$1" không phải là danh sách số nhóm đối tượng 1–6, cách nhau bằng dấu ;',
  },
  {
    key: 'plans.activityNo',
    en: /^"(.*)" is not an activity number; leave it empty for a new activity$/s,
    vi: '"$1" không phải là số thứ tự hoạt động; để trống nếu là hoạt động mới',
  },
  { key: 'plans.endMonth', en: 'must not be before the start month', vi: 'không được trước tháng bắt đầu' },
  {
    key: 'plans.orgRequired',
    en: 'required: the code of the organisation whose plan this is',
    vi: 'bắt buộc: mã của tổ chức có kế hoạch này',
  },
  { key: 'plans.year', en: /^(.+) is not a year of the programme \((\d{4})–(\d{4})\)$/, vi: '$1 không phải là năm của Đề án ($2–$3)' },
  {
    key: 'plans.outside',
    en: /^you may only import plans of your own organisation and those below it; (.+) is outside it$/,
    vi: 'bạn chỉ được nhập kế hoạch của tổ chức mình và các đơn vị trực thuộc; $1 nằm ngoài phạm vi đó',
  },
  {
    key: 'plans.submitted',
    en: /^the (\d{4}) plan of (.+) is submitted and awaits the programme office; it cannot be changed until it is returned or approved$/,
    vi: 'kế hoạch năm $1 của $2 đã gửi và đang chờ Văn phòng Đề án; không sửa được cho đến khi được trả lại hoặc phê duyệt',
  },
  // ---- users
  {
    key: 'users.adminOnly',
    en: 'Only the programme office (admin) manages users',
    vi: 'Chỉ Văn phòng Đề án (quản trị) quản lý người dùng',
  },
  { key: 'tokens.beyond', en: 'beyond your own rights', vi: 'vượt quá quyền của bạn' },
  { key: 'users.orgNone', en: /^Organisation (\d+) does not exist$/, vi: 'Không có tổ chức số $1' },
  {
    key: 'users.provinceOnlyCoord',
    en: 'Only a provincial coordinator has a province',
    vi: 'Chỉ điều phối viên cấp tỉnh mới gắn với tỉnh',
  },
  { key: 'users.notForRole', en: /^not for the role (\w+)$/, vi: 'không dùng cho vai trò $1' },
  { key: 'users.coordProvince', en: 'A provincial coordinator needs a province', vi: 'Điều phối viên cấp tỉnh cần có tỉnh/thành' },
  {
    key: 'users.coordProvinceField',
    en: 'required for a provincial coordinator (a province of the 34-unit map)',
    vi: 'bắt buộc với điều phối viên cấp tỉnh (một tỉnh/thành theo bản đồ 34 đơn vị)',
  },
  { key: 'users.editorOrg', en: 'An editor needs an organisation', vi: 'Biên tập viên cần thuộc một tổ chức' },
  { key: 'users.editorOrgField', en: 'required for an editor', vi: 'bắt buộc với biên tập viên' },
  { key: 'users.taken', en: /^Username (.+) is taken$/, vi: 'Tên đăng nhập $1 đã có người dùng' },
  { key: 'users.self', en: 'You cannot deactivate or demote yourself', vi: 'Bạn không thể tự khoá hoặc tự hạ quyền tài khoản của mình' },
  { key: 'users.selfField', en: 'not on your own account', vi: 'không áp dụng cho tài khoản của chính bạn' },
  // ---- recommendations: refusals and rules
  {
    key: 'rec.officeOnly',
    en: 'Only the programme office (admin) manages recommendations, their status and report reviews',
    vi: 'Chỉ Văn phòng Đề án (quản trị) quản lý khuyến nghị, trạng thái và việc duyệt báo cáo',
  },
  {
    key: 'rec.implementersOnly',
    en: 'Only the lead agency and the co-implementers of this recommendation report on it',
    vi: 'Chỉ cơ quan chủ trì và các cơ quan phối hợp của khuyến nghị này mới báo cáo về nó',
  },
  { key: 'rec.doneWhen', en: 'a done action says when it was completed', vi: 'hành động đã xong cần ghi ngày hoàn thành' },
  { key: 'rec.onlyDoneDate', en: 'only a done action has a completion date', vi: 'chỉ hành động đã xong mới có ngày hoàn thành' },
  { key: 'rec.reportStays', en: 'a report stays with the organisation that submitted it', vi: 'báo cáo thuộc về tổ chức đã gửi nó' },
  {
    key: 'rec.resubmit',
    en: /^a (\w+) report cannot be resubmitted; only a returned one$/,
    vi: 'không gửi lại được báo cáo ở trạng thái $1; chỉ gửi lại báo cáo bị trả lại',
  },
  { key: 'rec.returnWhy', en: 'a returned report says what to change', vi: 'khi trả lại báo cáo cần ghi rõ cần sửa gì' },
  {
    key: 'rec.review',
    en: /^a (\w+) report cannot be reviewed; only a submitted one$/,
    vi: 'không duyệt được báo cáo ở trạng thái $1; chỉ duyệt báo cáo đã gửi',
  },
  { key: 'rec.clusterNone', en: /^no cluster (.+)$/, vi: 'không có nhóm $1' },
  { key: 'rec.exists', en: /^(.+) of (.+) already exists \(#(\d+)\)$/, vi: '$1 của $2 đã có (số $3)' },
  {
    key: 'rec.originalKept',
    en: 'the original text is kept unchanged once imported; this text differs from it',
    vi: 'văn bản gốc được giữ nguyên sau khi nhập; văn bản này khác bản gốc',
  },
  {
    key: 'rec.translateLead',
    en: 'Only the programme office translates a recommendation without a lead agency',
    vi: 'Chỉ Văn phòng Đề án dịch khuyến nghị chưa có cơ quan chủ trì',
  },
  { key: 'rec.sameTranslation', en: 'the same as the current translation', vi: 'giống bản dịch hiện tại' },
  { key: 'rec.selfLink', en: 'a recommendation cannot be linked to itself', vi: 'khuyến nghị không thể liên kết với chính nó' },
  { key: 'rec.none', en: /^no recommendation (.+)$/, vi: 'không có khuyến nghị $1' },
  { key: 'rec.successor', en: /^a successor belongs to a later cycle than (.+)$/, vi: 'khuyến nghị kế tiếp phải thuộc chu kỳ sau $1' },
  { key: 'rec.clusterExists', en: /^cluster (.+) already exists$/, vi: 'nhóm $1 đã có' },
  // ---- the report cycle: agency reports
  {
    key: 'cycle.periodClosed',
    en: /^Period (\S+) is closed \(official figures since (\S+)\): its reports no longer change; the programme office may re-open it$/,
    vi: (m) =>
      `${PeriodAt(m[1]!)} đã khoá sổ (số liệu chính thức từ ${dmy(m[2]!)}): báo cáo của kỳ không còn sửa được; Văn phòng Đề án có thể mở lại`,
  },
  { key: 'cycle.periodClosedField', en: /^period (\S+) is closed$/, vi: (m) => `kỳ ${periodIn(m[1]!)} đã khoá sổ` },
  { key: 'cycle.orgNone', en: /^No organisation (\d+)$/, vi: 'Không có tổ chức số $1' },
  {
    key: 'cycle.notDue',
    en: /^Period (\S+) is not due yet: it starts on (\S+)$/,
    vi: (m) => `${PeriodAt(m[1]!)} chưa đến hạn: bắt đầu từ ${dmy(m[2]!)}`,
  },
  { key: 'cycle.notDueField', en: /^not due yet \(starts on (\S+)\)$/, vi: (m) => `chưa đến hạn (bắt đầu từ ${dmy(m[1]!)})` },
  {
    key: 'cycle.notExpected',
    en: /^not expected to report for (\S+) \(no records in the period; the programme office can add it to the calendar\)$/,
    vi: (m) => `không thuộc diện báo cáo ${periodIn(m[1]!)} (không có hồ sơ trong kỳ; Văn phòng Đề án có thể thêm vào lịch báo cáo)`,
  },
  {
    key: 'cycle.notExpectedOrg',
    en: /^(.+) is not due to report for (\S+): it has no records in the period and the office has not added it$/s,
    vi: '$1 không thuộc diện báo cáo kỳ $2: không có hồ sơ trong kỳ và Văn phòng Đề án chưa thêm vào lịch',
  },
  { key: 'cycle.duplicate', en: /^(.+) already has a report for (\S+) \(report (\d+)\)$/s, vi: '$1 đã có báo cáo kỳ $2 (báo cáo số $3)' },
  { key: 'cycle.duplicateField', en: /^already has report (\d+) for (\S+)$/, vi: 'đã có báo cáo số $1 cho kỳ $2' },
  {
    key: 'cycle.cannot',
    en: /^Report (\d+) cannot (.+?): (.+)$/s,
    vi: (m) => {
      const status = /^it is (\w+)$/.exec(m[3]!)?.[1];
      const why =
        m[3] === 'it is submitted and waits for a decision'
          ? 'báo cáo đã gửi và đang chờ quyết định'
          : status
            ? `báo cáo đang ở trạng thái ${reportStatus(status)}`
            : 'báo cáo không ở trạng thái cho phép';
      return `Báo cáo số ${m[1]} không thể ${REPORT_ACTION_VI[m[2]!] ?? m[2]}: ${why}`;
    },
  },
  {
    key: 'cycle.onlyDraft',
    en: /^(\w+): only a draft or a returned report can (.+)$/,
    vi: (m) => `${reportStatus(m[1]!)}: chỉ báo cáo nháp hoặc bị trả lại mới ${REPORT_ACTION_VI[m[2]!] ?? m[2]} được`,
  },
  {
    key: 'cycle.approvedAgain',
    en: /^Report (\d+) is already approved: it cannot be submitted again$/,
    vi: 'Báo cáo số $1 đã được duyệt: không gửi lại được',
  },
  {
    key: 'cycle.approvedAgainField',
    en: /^(\w+): an approved report is not submitted a second time$/,
    vi: 'báo cáo đã duyệt không gửi lại lần nữa',
  },
  {
    key: 'cycle.waiting',
    en: /^Report (\d+) is already submitted and waits for a decision$/,
    vi: 'Báo cáo số $1 đã gửi và đang chờ quyết định',
  },
  {
    key: 'cycle.narrative',
    en: /^Write every narrative section before submitting \(missing: (.+)\)$/,
    vi: 'Hãy viết đủ các phần thuyết minh trước khi gửi (còn thiếu: $1)',
  },
  { key: 'cycle.requiredSubmit', en: 'required before submitting', vi: 'bắt buộc trước khi gửi' },
  {
    key: 'cycle.cannotDecide',
    en: /^Report (\d+) cannot be (approved|returned): it is (\w+)$/,
    vi: (m) =>
      `Báo cáo số ${m[1]} không thể ${m[2] === 'approved' ? 'duyệt' : 'trả lại'}: báo cáo đang ở trạng thái ${reportStatus(m[3]!)}`,
  },
  {
    key: 'cycle.sayWhat',
    en: 'Say what to fix: a comment on at least one part',
    vi: 'Hãy nói cần sửa gì: ghi nhận xét cho ít nhất một phần',
  },
  {
    key: 'cycle.oneComment',
    en: 'at least one comment (on a section, the figures, the files or the whole report)',
    vi: 'ít nhất một nhận xét (cho một phần, số liệu, tệp hoặc cả báo cáo)',
  },
  // ---- plans
  {
    key: 'plans.own',
    en: 'You may only plan for your own organisation and those below it',
    vi: 'Bạn chỉ được lập kế hoạch cho tổ chức mình và các đơn vị trực thuộc',
  },
  {
    key: 'plans.state',
    en: /^Version (\d+) of this plan cannot be (\w+): (.+)$/s,
    vi: (m) => `Phiên bản ${m[1]} của kế hoạch không thể ${PLAN_ACTION_VI[m[2]!] ?? m[2]}: ${PLAN_WHY_VI[m[3]!] ?? m[3]}`,
  },
  { key: 'plans.is', en: /^the plan is (\w+)$/, vi: (m) => `kế hoạch đang ở trạng thái ${reportStatus(m[1]!)}` },
  {
    key: 'plans.monthOf',
    en: /^must be a (month|day) of (\d{4}), the plan's year$/,
    vi: (m) => `phải là ${m[1] === 'month' ? 'tháng' : 'ngày'} của năm ${m[2]} (năm của kế hoạch)`,
  },
  {
    key: 'plans.activityNone',
    en: /^activity #(\d+) is not in this plan; leave the number empty for a new activity$/,
    vi: 'hoạt động số $1 không có trong kế hoạch này; để trống số thứ tự nếu là hoạt động mới',
  },
  {
    key: 'plans.activityTwice',
    en: /^activity #(\d+) appears twice \(also as activity (\d+)\)$/,
    vi: 'hoạt động số $1 xuất hiện hai lần (cả ở hoạt động thứ $2)',
  },
  {
    key: 'plans.activitySpent',
    en: /^activity #(\d+) has spending recorded against it and cannot be removed$/,
    vi: 'hoạt động số $1 đã có khoản chi nên không xoá được',
  },
  {
    key: 'plans.noCopy',
    en: /^There is no (\d{4}) plan of this organisation to copy$/,
    vi: 'Tổ chức này không có kế hoạch năm $1 để sao chép',
  },
  { key: 'plans.noCopyField', en: /^no plan for (\d{4}) to copy$/, vi: 'không có kế hoạch năm $1 để sao chép' },
  {
    key: 'plans.exists',
    en: /^This organisation already has a plan for (\d{4})(?: \(plan (\d+)\))?$/,
    vi: 'Tổ chức này đã có kế hoạch năm $1',
  },
  { key: 'plans.existsField', en: /^a plan for (\d{4}) exists$/, vi: 'đã có kế hoạch năm $1' },
  {
    key: 'plans.oneActivity',
    en: 'A plan needs at least one activity before it is submitted',
    vi: 'Kế hoạch cần ít nhất một hoạt động trước khi gửi',
  },
  { key: 'plans.addActivity', en: 'add at least one activity', vi: 'hãy thêm ít nhất một hoạt động' },
  { key: 'plans.activityVersion', en: /^activity #(\d+) is not in version (\d+)$/, vi: 'hoạt động số $1 không có trong phiên bản $2' },
  {
    key: 'plans.activityApproved',
    en: /^activity #(\d+) is not in the approved plan \(version (\d+)\)$/,
    vi: 'hoạt động số $1 không có trong kế hoạch đã duyệt (phiên bản $2)',
  },
  {
    key: 'plans.spendApproved',
    en: 'spending is recorded against an approved plan; this plan has no approved version yet',
    vi: 'khoản chi chỉ ghi cho kế hoạch đã duyệt; kế hoạch này chưa có phiên bản được duyệt',
  },
  // ---- fact-checks (the claim's steps)
  { key: 'fc.draftRating', en: 'a draft needs a rating', vi: 'bản nháp cần có kết luận đánh giá' },
  {
    key: 'fc.draftRationale',
    en: 'a draft needs a rationale (Vietnamese or English)',
    vi: 'bản nháp cần có lập luận (tiếng Việt hoặc tiếng Anh)',
  },
  {
    key: 'fc.draftSource',
    en: 'a draft needs at least one source with the text relied on',
    vi: 'bản nháp cần ít nhất một nguồn kèm đoạn văn bản được dựa vào',
  },
  { key: 'fc.notAllowedFrom', en: /^not allowed from (\w+)$/, vi: 'không được phép từ trạng thái $1' },
  {
    key: 'fc.noCorrection',
    en: 'No correction is proposed for this fact-check',
    vi: 'Chưa có đề xuất đính chính nào cho kết quả kiểm chứng này',
  },
  { key: 'fc.proposeFirst', en: 'propose the correction first', vi: 'hãy đề xuất đính chính trước' },
  {
    key: 'fc.withdrawReason',
    en: 'A withdrawal gives its reason (shown to readers)',
    vi: 'Khi rút bài cần nêu lý do (hiển thị cho người đọc)',
  },
  {
    key: 'fc.correctedWhy',
    en: 'say what was corrected and why (shown to readers)',
    vi: 'nêu nội dung đã đính chính và lý do (hiển thị cho người đọc)',
  },
  {
    key: 'fc.correctionChanges',
    en: 'a correction changes the rating or the rationale',
    vi: 'đính chính phải thay đổi kết luận hoặc lập luận',
  },
  { key: 'fc.keepsRationale', en: 'a fact-check keeps a rationale', vi: 'kết quả kiểm chứng phải giữ lập luận' },
  { key: 'fc.nothingDiscard', en: 'nothing to discard', vi: 'không có gì để huỷ' },
  {
    key: 'fc.discardWho',
    en: 'Only a reviewer or an author of the proposed correction discards it',
    vi: 'Chỉ người duyệt hoặc người viết đề xuất đính chính mới huỷ được đề xuất',
  },
  {
    key: 'fc.onlyPublished',
    en: /^Only a published fact-check is corrected \(this one is (\w+)\)$/,
    vi: 'Chỉ đính chính kết quả kiểm chứng đã công bố (kết quả này đang ở trạng thái $1)',
  },
  // ---- fetching a page (kernel/safeFetch): the reader gets words; the code stays in the English text and the key
  {
    key: 'fetch.blocked',
    en: /^blocked_address: (\S+) (?:is not a public address|resolves to (\S+), which is not a public address)$/,
    vi: 'Không truy cập trang này: $1 không phải là địa chỉ công khai trên Internet',
  },
  {
    key: 'fetch.failed',
    en: /^(bad_url|scheme|dns|too_large|timeout|too_many_redirects|network): .+$/s,
    vi: (m) => `Không lấy được trang: ${FETCH_VI[m[1]!]}`,
  },
  // ---- library
  { key: 'library.productNone', en: /^no product (.+)$/, vi: 'không có ấn phẩm $1' },
  { key: 'library.productTaken', en: /^product (\d+) is already on row (\d+)$/, vi: 'ấn phẩm $1 đã có ở dòng $2' },
  {
    key: 'library.productId',
    en: /^"(.*)" is not a product id \(leave it empty for a new product\)$/s,
    vi: '"$1" không phải là mã số ấn phẩm (để trống nếu là ấn phẩm mới)',
  },
  { key: 'library.refTaken', en: /^ref (.+) is already used on row (\d+)$/, vi: 'mã tham chiếu $1 đã dùng ở dòng $2' },
  {
    key: 'library.ref',
    en: /^"(.*)" is not a ref: .+$/s,
    vi: '"$1" không phải là mã tham chiếu: 1–60 chữ cái, chữ số, dấu . _ - và có ít nhất một chữ cái',
  },
  {
    key: 'library.status',
    en: /^"(.*)" is not a status: draft or published$/s,
    vi: '"$1" không phải là trạng thái: draft (nháp) hoặc published (đã công bố)',
  },
  {
    key: 'library.audience',
    en: /^"(.*)" is not an audience number \(1–6\)$/s,
    vi: '"$1" không phải là số nhóm đối tượng (từ 1 đến 6)',
  },
  {
    key: 'library.isbnElsewhere',
    en: /^no product has ISBN (.+) \(in RightsHub or in this file\)$/,
    vi: 'không có ấn phẩm nào mang ISBN $1 (trong RightsHub hoặc trong tệp này)',
  },
  {
    key: 'library.isbnTwice',
    en: /^ISBN (.+) is also on row (\d+); one product per ISBN$/,
    vi: 'ISBN $1 cũng có ở dòng $2; mỗi ISBN chỉ dùng cho một ấn phẩm',
  },
  {
    key: 'library.isbnTaken',
    en: /^ISBN (.+) is already used by product #?(.+?) «(.*)»$/s,
    vi: 'ISBN $1 đã được dùng cho ấn phẩm $2 «$3»',
  },
  {
    key: 'library.notTarget',
    en: /^"(.*)" is neither a ref of this file, a product id nor an ISBN$/s,
    vi: '"$1" không phải là mã tham chiếu trong tệp, mã số ấn phẩm hay ISBN',
  },
  {
    key: 'library.bookFields',
    en: 'a book needs its book fields (edition; ISBN, publisher … when known)',
    vi: 'sách cần có thông tin sách (lần xuất bản; ISBN, nhà xuất bản… nếu biết)',
  },
  {
    key: 'library.onlyBooks',
    en: /^only books have book fields; this product is a (\w+)$/,
    vi: 'chỉ sách mới có thông tin sách; ấn phẩm này thuộc loại $1',
  },
  { key: 'library.selfRelation', en: 'a product cannot be related to itself', vi: 'ấn phẩm không thể liên kết với chính nó' },
  { key: 'isbn.empty', en: 'ISBN is empty', vi: 'ISBN đang để trống' },
  {
    key: 'isbn.characters',
    en: /^ISBN (.*) has characters other than digits, hyphens and spaces .*$/s,
    vi: 'ISBN $1 có ký tự khác chữ số, dấu gạch ngang và dấu cách (chỉ ISBN-10 được có X ở cuối)',
  },
  {
    key: 'isbn.xOnlyLast',
    en: /^ISBN (.*): X may only be the check digit \(the last character\)$/s,
    vi: 'ISBN $1: X chỉ được là chữ số kiểm tra (ký tự cuối)',
  },
  {
    key: 'isbn.checkDigit',
    en: /^ISBN (.+) has a wrong check digit; did you mean (.+)\?$/,
    vi: 'ISBN $1 có chữ số kiểm tra (số cuối) không đúng; có phải là $2 không?',
  },
  {
    key: 'isbn13.digits',
    en: /^ISBN (.*): an ISBN-13 has digits only .*$/s,
    vi: 'ISBN $1: ISBN-13 chỉ gồm chữ số (X chỉ dùng cho ISBN-10)',
  },
  { key: 'isbn13.prefix', en: /^ISBN (.*): an ISBN-13 begins with 978 or 979$/s, vi: 'ISBN $1: ISBN-13 phải bắt đầu bằng 978 hoặc 979' },
  {
    key: 'isbn.length',
    en: /^ISBN (.*) has (\d+) digits; an ISBN has 10 \(ISBN-10\) or 13 \(ISBN-13\)$/s,
    vi: 'ISBN $1 có $2 chữ số; ISBN phải có 10 (ISBN-10) hoặc 13 (ISBN-13) chữ số',
  },
  // ---- recommendations: what a status change needs
  {
    key: 'rec.leadMissing',
    en: /^(\w+): no lead agency is assigned$/,
    vi: (m) => `Chưa thể chuyển sang ${recStatus(m[1]!)}: chưa giao cơ quan chủ trì`,
  },
  {
    key: 'rec.noActionPlanned',
    en: /^(\w+): no action is planned$/,
    vi: (m) => `Chưa thể chuyển sang ${recStatus(m[1]!)}: chưa có hành động nào được lập kế hoạch`,
  },
  {
    key: 'rec.noActionDone',
    en: /^(\w+): no action is done$/,
    vi: (m) => `Chưa thể chuyển sang ${recStatus(m[1]!)}: chưa có hành động nào hoàn thành`,
  },
  {
    key: 'rec.noReportApproved',
    en: /^(\w+): no progress report is approved$/,
    vi: (m) => `Chưa thể chuyển sang ${recStatus(m[1]!)}: chưa có báo cáo tiến độ nào được duyệt`,
  },
  {
    key: 'rec.actionsOpen',
    en: /^(\w+): (\d+) action\(s\) are still open$/,
    vi: (m) => `Chưa thể chuyển sang ${recStatus(m[1]!)}: còn ${m[2]} hành động chưa xong`,
  },
  {
    key: 'rec.noEvidence',
    en: /^(\w+): no evidence is tagged$/,
    vi: (m) => `Chưa thể chuyển sang ${recStatus(m[1]!)}: chưa gắn minh chứng nào`,
  },
  { key: 'rec.already', en: /^already (\w+)$/, vi: (m) => `đã ở trạng thái ${recStatus(m[1]!)}` },
  { key: 'rec.backNeedsReason', en: 'a step back needs a reason', vi: 'lùi trạng thái cần ghi lý do' },
  // ---- the calendar (modules/calendar)
  { key: 'calendar.range', en: 'The calendar range is not valid', vi: 'Khoảng thời gian của lịch không hợp lệ' },
  { key: 'calendar.maxDays', en: /^at most (\d+) days from the first day$/, vi: 'tối đa $1 ngày kể từ ngày đầu' },
  {
    key: 'calendar.signedIn',
    en: 'Only a signed-in person has a private calendar feed',
    vi: 'Chỉ người đã đăng nhập mới có địa chỉ lịch riêng',
  },
  // ---- custom messages of the contracts (src/shared/contracts)
  { key: 'contract.httpUrl', en: 'an http(s) address', vi: 'phải là địa chỉ http(s)' },
  { key: 'contract.isoDateTime', en: 'an ISO 8601 date or date-time', vi: 'phải là ngày (yyyy-mm-dd) hoặc ngày giờ' },
  { key: 'contract.textOrUrl', en: 'give the text, the URL or both', vi: 'hãy nhập nội dung, đường dẫn hoặc cả hai' },
  { key: 'contract.noActionWhy', en: 'say why no action is needed', vi: 'hãy nêu lý do không cần xử lý' },
  { key: 'contract.subjectTopic', en: 'a subject rule names its topic', vi: 'quy tắc theo chủ đề phải nêu chủ đề' },
  { key: 'contract.notBefore', en: /^must not be before (\w+)$/, vi: (m) => `không được trước ${FIELD_VI[m[1]!] ?? m[1]}` },
  { key: 'contract.differ', en: /^must differ from (\w+)$/, vi: (m) => `phải khác ${FIELD_VI[m[1]!] ?? m[1]}` },
  {
    key: 'contract.provinceOrCountry',
    en: 'give a province, or a country when abroad (one of the two)',
    vi: 'chọn tỉnh/thành, hoặc quốc gia nếu ở nước ngoài (chỉ một trong hai)',
  },
  { key: 'contract.completeNeedsAttend', en: 'cannot complete without attending', vi: 'không thể hoàn thành khi không tham dự' },
  { key: 'contract.oneSession', en: 'at least one session must be required', vi: 'phải yêu cầu ít nhất một buổi' },
  { key: 'contract.nul', en: 'must not contain a NUL character', vi: 'không được chứa ký tự NUL' },
  { key: 'contract.date', en: /^(?:(.+): )?a date (?:as )?YYYY-MM-DD$/, vi: 'phải là ngày dạng yyyy-mm-dd (ví dụ 2026-10-04)' },
  { key: 'contract.codeChars', en: 'letters, digits, . _ - only', vi: 'chỉ dùng chữ cái không dấu, chữ số và các dấu . _ -' },
  {
    key: 'contract.usernameChars',
    en: 'lower-case letters, digits, . _ @ - only',
    vi: 'chỉ dùng chữ thường không dấu, chữ số và các dấu . _ @ -',
  },
  { key: 'contract.email', en: 'not an email address', vi: 'không phải là địa chỉ e-mail' },
  { key: 'contract.provinceCode', en: 'a province code (two digits)', vi: 'phải là mã tỉnh/thành (hai chữ số)' },
  { key: 'contract.countryCode', en: 'an ISO 3166-1 alpha-2 country code', vi: 'phải là mã quốc gia hai chữ cái (ISO 3166-1, ví dụ VN)' },
  {
    key: 'contract.language',
    en: /^an ISO 639-3 code (?:\(three letters\)|such as vie or eng)$/,
    vi: 'phải là mã ngôn ngữ ISO 639-3 ba chữ cái (ví dụ vie, eng)',
  },
  { key: 'contract.moduleKind', en: 'module.kind in lower case', vi: 'dạng module.kind, chữ thường' },
  { key: 'contract.province', en: 'a province code', vi: 'phải là mã tỉnh/thành' },
  { key: 'contract.cycle', en: 'a cycle code such as UPR-III or CCPR-2019', vi: 'phải là mã chu kỳ, ví dụ UPR-III hoặc CCPR-2019' },
  { key: 'contract.cluster', en: 'a code such as C1 or MEDIA', vi: 'phải là mã, ví dụ C1 hoặc MEDIA' },
  { key: 'contract.recordType', en: 'a record type such as press_item', vi: 'phải là loại hồ sơ, ví dụ press_item' },
  { key: 'contract.maxCharsGrouped', en: /^at most ([\d,]+) characters$/, vi: (m) => `tối đa ${m[1]!.replace(/,/g, '.')} ký tự` },
  { key: 'contract.minChars', en: /^at least (\d+) characters$/, vi: 'cần ít nhất $1 ký tự' },
  { key: 'contract.sayWhy', en: /^say why \(at least (\d+) characters\)$/, vi: 'hãy nêu lý do (ít nhất $1 ký tự)' },
  {
    key: 'contract.generated',
    en: 'empty: send null to go back to the generated text',
    vi: 'đang trống: hãy xoá hẳn để quay về văn bản được tạo tự động',
  },
  { key: 'contract.reliedOn', en: 'the text relied on', vi: 'hãy nhập đoạn văn bản được dựa vào' },
  { key: 'contract.reply', en: /^write the reply \(at least (\d+) characters\)$/, vi: 'hãy viết nội dung trả lời (ít nhất $1 ký tự)' },
  { key: 'contract.planYear', en: /^a year of the programme \((.+)–(.+)\)$/, vi: 'phải là một năm của Đề án ($1–$2)' },
  { key: 'contract.wholeDong', en: 'a whole number of đồng', vi: 'phải là số đồng chẵn' },
  { key: 'contract.notNegative', en: 'must not be negative', vi: 'không được là số âm' },
  { key: 'contract.maxDong', en: 'at most 10^15 đồng', vi: 'tối đa 10^15 đồng' },
  { key: 'contract.month', en: 'a month as YYYY-MM', vi: 'phải là tháng dạng yyyy-mm (ví dụ 2026-05)' },
  { key: 'contract.whatToChange', en: 'say what to change', vi: 'hãy nêu cần sửa gì' },
  { key: 'contract.phone', en: 'digits, spaces and + ( ) . - only', vi: 'chỉ dùng chữ số, dấu cách và các dấu + ( ) . -' },
  { key: 'contract.correction', en: 'required: say what the correction corrects', vi: 'bắt buộc: nêu nội dung được đính chính' },
  {
    key: 'contract.sdg',
    en: 'an SDG goal (1 to 17, e.g. 16) or target (e.g. 16.10)',
    vi: 'phải là mục tiêu SDG (1 đến 17, ví dụ 16) hoặc chỉ tiêu (ví dụ 16.10)',
  },
  {
    key: 'contract.topicCode',
    en: 'a topic code: lower-case letters, digits and _',
    vi: 'mã chủ đề: chữ thường không dấu, chữ số và dấu _',
  },
];

const FETCH_VI: Record<string, string> = {
  bad_url: 'địa chỉ không hợp lệ',
  scheme: 'chỉ lấy được trang http:// hoặc https://',
  dns: 'không tìm thấy tên miền',
  too_large: 'trang quá lớn',
  timeout: 'trang không phản hồi kịp',
  too_many_redirects: 'trang chuyển hướng quá nhiều lần',
  network: 'không kết nối được tới trang',
};

/** A day as Vietnamese readers write it (dd/mm/yyyy). */
const dmy = (iso: string) => iso.replace(/^(\d{4})-(\d{2})-(\d{2})$/, '$3/$2/$1');
const STATUS_VI: Record<string, string> = {
  draft: 'nháp',
  submitted: 'đã gửi',
  returned: 'bị trả lại',
  approved: 'đã duyệt',
  locked: 'đã khoá',
  superseded: 'đã được thay thế',
};
const reportStatus = (s: string) => `«${STATUS_VI[s] ?? s}»`;
const REPORT_ACTION_VI: Record<string, string> = {
  'be changed': 'sửa',
  'be submitted': 'gửi',
  'take files': 'nhận thêm tệp',
  'lose files': 'bỏ tệp',
};
const PLAN_ACTION_VI: Record<string, string> = { submitted: 'gửi', approved: 'duyệt', returned: 'trả lại', changed: 'sửa', edited: 'sửa' };
const PLAN_WHY_VI: Record<string, string> = {
  'it is a draft (not yet submitted)': 'kế hoạch còn là bản nháp (chưa gửi)',
  'it is submitted and awaits the provincial coordinator': 'kế hoạch đã gửi và đang chờ điều phối viên cấp tỉnh',
  'it is submitted and awaits the programme office': 'kế hoạch đã gửi và đang chờ Văn phòng Đề án',
  'it was returned to its organisation for changes': 'kế hoạch đã được trả lại cho tổ chức để sửa',
  'it is approved and locked; start a new version to change it': 'kế hoạch đã duyệt và khoá; hãy tạo phiên bản mới để sửa',
};

/** Records a message may name ("Plan 12 not found"), in Vietnamese. */
const RECORD_VI: [en: string, vi: string][] = [
  ['Calendar feed', 'địa chỉ lịch'],
  ['Spending entry', 'khoản chi'],
  ['Press item', 'tin/bài'],
  ['Progress report', 'báo cáo tiến độ'],
  ['Plan', 'kế hoạch'],
  ['Version', 'phiên bản'],
  ['Report', 'báo cáo'],
  ['File', 'tệp'],
  ['Product', 'ấn phẩm'],
  ['Exhibition', 'triển lãm'],
  ['Photo', 'ảnh'],
  ['Indicator', 'chỉ tiêu'],
  ['Import', 'lần nhập'],
  ['Image', 'hình ảnh'],
  ['Feed', 'nguồn tin'],
  ['Attachment', 'tệp đính kèm'],
  ['User', 'người dùng'],
  ['Submission', 'phản ánh'],
  ['Spokesperson', 'người phát ngôn'],
  ['Session', 'buổi học'],
  ['Recommendation', 'khuyến nghị'],
  ['Person', 'người'],
  ['Period', 'kỳ'],
  ['Organisation', 'tổ chức'],
  ['Notification', 'thông báo'],
  ['Item', 'mục'],
  ['Evidence', 'minh chứng'],
  ['Course', 'khoá học'],
  ['Complaint', 'khiếu nại'],
  ['Claim', 'thông tin kiểm chứng'],
  ['Attendance', 'lượt tham dự'],
  ['Action', 'hành động'],
  ['Cluster', 'nhóm'],
];
function recordVi(what: string): string {
  let out = what;
  for (const [en, vi] of RECORD_VI) out = out.replace(new RegExp(`\\b${en}\\b`, 'gi'), vi);
  return out.replace(/\bof\b/g, 'của');
}

/** Field names a message may mention, in Vietnamese. */
const FIELD_VI: Record<string, string> = {
  from: 'ngày đầu (from)',
  validFrom: 'ngày bắt đầu hiệu lực',
  startsOn: 'ngày bắt đầu',
  windowFrom: 'đầu khoảng thời gian',
  keepId: 'bản ghi được giữ lại',
};

function unstorableVi(what: string): string {
  if (what.startsWith('a NUL')) return 'ký tự NUL';
  if (what.startsWith('the control character')) return `ký tự điều khiển ${what.split(' ').pop()}`;
  if (what.startsWith('a broken character')) return 'ký tự hỏng';
  return `ký tự không hợp lệ ${what.split(' ').pop()}`;
}

/** The Vietnamese of a service's English message, with the phrase's key; null when no phrase knows it. */
export function translate(en: string): { key: string; vi: string } | null {
  for (const p of PHRASES) {
    if (typeof p.en === 'string') {
      if (p.en === en) return { key: p.key, vi: typeof p.vi === 'string' ? p.vi : p.vi([en] as unknown as RegExpExecArray) };
      continue;
    }
    const m = p.en.exec(en);
    if (!m || m[0] !== en) continue;
    const vi = typeof p.vi === 'string' ? en.replace(p.en, p.vi) : p.vi(m);
    if (vi) return { key: p.key, vi };
  }
  return null;
}

/** Both texts of an English message (or null when it has no translation). */
export function textOf(en: string): (Text & { key: string }) | null {
  const t = translate(en);
  return t ? { key: t.key, vi: t.vi, en } : null;
}

// ---------------------------------------------------------------- validation rules (zod issues)

/** What a zod issue carries (zod 4's issue, or fastify-type-provider-zod's `params` beside `keyword`). */
export type IssueLike = {
  code: string;
  message?: string;
  origin?: string;
  minimum?: number | bigint | Date;
  maximum?: number | bigint | Date;
  inclusive?: boolean;
  exact?: boolean;
  expected?: string;
  format?: string;
  pattern?: string;
  prefix?: string;
  suffix?: string;
  includes?: string;
  divisor?: number;
  keys?: string[];
  values?: unknown[];
};

/** Kinds of value and formats a rule may ask for: English → Vietnamese. */
const KIND_VI: Record<string, string> = {
  text: 'văn bản',
  'a number': 'số',
  'a whole number': 'số nguyên',
  'yes or no': 'có/không',
  'a date': 'ngày',
  'a list': 'danh sách',
  'a group of fields': 'nhóm thông tin',
  'a file': 'tệp',
  'an e-mail address': 'địa chỉ e-mail',
  'a web address (URL)': 'địa chỉ web (URL)',
  'a UUID': 'mã UUID',
  'a date and time (yyyy-mm-ddThh:mm)': 'ngày giờ (yyyy-mm-ddThh:mm)',
  'a date as yyyy-mm-dd': 'ngày dạng yyyy-mm-dd',
  'a time as hh:mm': 'giờ dạng hh:mm',
  'in the expected form': 'đúng mẫu quy định',
  'lower case': 'chữ thường',
  'upper case': 'chữ hoa',
  'JSON text': 'văn bản JSON',
};
const TYPE_EN: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  bigint: 'a whole number',
  boolean: 'yes or no',
  date: 'a date',
  array: 'a list',
  object: 'a group of fields',
  file: 'a file',
};
const FORMAT_EN: Record<string, string> = {
  email: 'an e-mail address',
  url: 'a web address (URL)',
  uuid: 'a UUID',
  datetime: 'a date and time (yyyy-mm-ddThh:mm)',
  date: 'a date as yyyy-mm-dd',
  time: 'a time as hh:mm',
  regex: 'in the expected form',
  lowercase: 'lower case',
  uppercase: 'upper case',
  json_string: 'JSON text',
};
const COMPARE_VI: Record<string, string> = {
  'more than': 'lớn hơn',
  'at least': 'lớn hơn hoặc bằng',
  'less than': 'nhỏ hơn',
  'at most': 'nhỏ hơn hoặc bằng',
};

/** The English of every rule below (issueText), with its Vietnamese: what is wrong and what is expected. */
const RULE_PHRASES: Phrase[] = [
  { key: 'rule.giveOne', en: 'give at least one', vi: 'chọn hoặc nhập ít nhất một mục' },
  { key: 'rule.kind', en: 'the wrong kind of value', vi: 'kiểu giá trị không đúng' },
  { key: 'rule.exactChars', en: /^must have exactly (\d+) characters$/, vi: 'phải có đúng $1 ký tự' },
  { key: 'rule.minChars', en: /^needs at least (\d+) characters$/, vi: 'cần ít nhất $1 ký tự' },
  { key: 'rule.maxChars', en: /^at most (\d+) characters$/, vi: 'tối đa $1 ký tự' },
  { key: 'rule.minItems', en: /^at least (\d+) items$/, vi: 'cần ít nhất $1 mục' },
  { key: 'rule.maxItems', en: /^at most (\d+) items$/, vi: 'tối đa $1 mục' },
  { key: 'rule.fileMin', en: /^the file must be at least (\d+) bytes$/, vi: 'tệp phải từ $1 byte trở lên' },
  { key: 'rule.fileMax', en: /^the file must be at most (\d+) bytes$/, vi: 'tệp không được quá $1 byte' },
  { key: 'rule.dateMin', en: /^the date must be on or after (.+)$/, vi: 'ngày phải từ $1 trở đi' },
  { key: 'rule.dateMax', en: /^the date must be on or before (.+)$/, vi: 'ngày phải từ $1 trở về trước' },
  {
    key: 'rule.compare',
    en: /^must be (more than|at least|less than|at most) (-?[\d.]+)$/,
    vi: (m) => `phải ${COMPARE_VI[m[1]!]} ${m[2]}`,
  },
  { key: 'rule.kindOf', en: /^must be (.+)$/, vi: (m) => (KIND_VI[m[1]!] ? `phải là ${KIND_VI[m[1]!]}` : '') },
  { key: 'rule.startsWith', en: /^must start with "(.*)"$/s, vi: 'phải bắt đầu bằng "$1"' },
  { key: 'rule.endsWith', en: /^must end with "(.*)"$/s, vi: 'phải kết thúc bằng "$1"' },
  { key: 'rule.includes', en: /^must contain "(.*)"$/s, vi: 'phải chứa "$1"' },
  { key: 'rule.format', en: /^not a valid (.+)$/, vi: 'không đúng định dạng $1' },
  { key: 'rule.oneOf', en: /^must be one of: (.+)$/s, vi: 'phải là một trong các giá trị: $1' },
  { key: 'rule.multipleOf', en: /^must be a multiple of (.+)$/, vi: 'phải là bội số của $1' },
  { key: 'rule.unknownFields', en: /^fields not accepted here: (.+)$/s, vi: 'có trường không được dùng: $1' },
  { key: 'rule.union', en: 'not one of the accepted forms', vi: 'giá trị không thuộc dạng nào được chấp nhận' },
  { key: 'rule.key', en: 'a field name that is not accepted', vi: 'tên trường không hợp lệ' },
  { key: 'rule.element', en: 'an item that is not valid', vi: 'có phần tử không hợp lệ' },
  { key: 'rule.value', en: /^must be (\S+)$/, vi: 'phải là $1' },
];
PHRASES.push(...RULE_PHRASES);

const show = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v));

/** The English words of a zod issue (translated like every service message, through PHRASES): what is wrong and what
 *  is expected, for a person filling a form or a spreadsheet. A contract's custom message is kept as written. Null
 *  only for an issue code zod may add later. */
export function issueText(issue: IssueLike): string | null {
  if (issue.message && translate(issue.message)) return issue.message; // a contract's own words
  switch (issue.code) {
    case 'invalid_type': {
      if (/received (undefined|null)/.test(issue.message ?? '') || issue.expected === 'nonoptional') return 'required';
      const t = TYPE_EN[issue.expected ?? ''];
      return t ? `must be ${t}` : 'the wrong kind of value';
    }
    case 'too_small':
    case 'too_big': {
      const small = issue.code === 'too_small';
      const n = show(small ? issue.minimum : issue.maximum);
      switch (issue.origin) {
        case 'string':
          if (small && n === '1') return 'required';
          if (issue.exact) return `must have exactly ${n} characters`;
          return small ? `needs at least ${n} characters` : `at most ${n} characters`;
        case 'array':
        case 'set':
          if (small && n === '1') return 'give at least one';
          return `${small ? 'at least' : 'at most'} ${n} items`;
        case 'file':
          return `the file must be ${small ? 'at least' : 'at most'} ${n} bytes`;
        case 'date':
          return `the date must be ${small ? 'on or after' : 'on or before'} ${n}`;
        default: {
          const cmp = small ? (issue.inclusive === false ? 'more than' : 'at least') : issue.inclusive === false ? 'less than' : 'at most';
          return `must be ${cmp} ${n}`;
        }
      }
    }
    case 'invalid_format': {
      if (issue.format === 'starts_with') return `must start with "${issue.prefix}"`;
      if (issue.format === 'ends_with') return `must end with "${issue.suffix}"`;
      if (issue.format === 'includes') return `must contain "${issue.includes}"`;
      const f = FORMAT_EN[issue.format ?? ''];
      return f ? `must be ${f}` : `not a valid ${issue.format}`;
    }
    case 'invalid_value': {
      const values = (issue.values ?? []).map(show);
      return values.length === 1 ? `must be ${values[0]}` : `must be one of: ${values.join(', ')}`;
    }
    case 'not_multiple_of':
      return `must be a multiple of ${issue.divisor}`;
    case 'unrecognized_keys':
      return `fields not accepted here: ${(issue.keys ?? []).join(', ')}`;
    case 'invalid_union':
      return 'not one of the accepted forms';
    case 'invalid_key':
      return 'a field name that is not accepted';
    case 'invalid_element':
      return 'an item that is not valid';
    default:
      return null; // a custom message without a phrase, or a code zod may add later (the test lists them)
  }
}

/** A zod issue as a field detail: `message` in English words that kernel/messages translates. */
export function issueDetail(issue: z.core.$ZodIssue | IssueLike, field: string): { field: string; message: string } {
  return { field, message: issueText(issue as IssueLike) ?? issue.message ?? UNKNOWN_DETAIL.en };
}

// ---------------------------------------------------------------- the error body in the reader's language

type Detail = { row?: number; field: string; message: string; [k: string]: unknown };
const isDetail = (d: unknown): d is Detail =>
  typeof d === 'object' && d !== null && typeof (d as Detail).field === 'string' && typeof (d as Detail).message === 'string';

/** Both texts of a detail's English message: a phrase's, or (never English to a Vietnamese reader) the generic words. */
export function detailText(message: string): Text {
  return textOf(message) ?? { vi: UNKNOWN_DETAIL.vi, en: message };
}

/** A stored English reason (a feed's last poll error, say) in `lang`; in Vietnamese a phrase's words, else `fallbackVi`
 *  (never English to a Vietnamese reader). */
export function reasonText(en: string | null, lang: Lang, fallbackVi: string): string | null {
  if (en === null || lang === 'en') return en;
  return textOf(en)?.vi ?? fallbackVi;
}

/** Field issues (of a result, not an error) with their message in `lang`: for routes that return issues in a 200. */
export function localiseIssues<T extends { message: string }>(issues: T[], lang: Lang): T[] {
  return lang === 'en' ? issues : issues.map((i) => ({ ...i, message: detailText(i.message).vi }));
}

/** The error body `{ code, message, key?, text, generic?, details? }`: `message` in `lang`, `text` both (added fields:
 *  a client may show either; `generic` when the Vietnamese is only the code's sentence), each detail's `message` in
 *  `lang` (details keep their shape `{ row?, field, message }`). */
export function localiseError(code: keyof typeof CODE_TEXT, message: string, given: Text | undefined, details: unknown, lang: Lang) {
  const ds = Array.isArray(details)
    ? details.map((d) => {
        if (!isDetail(d)) return d;
        return { ...d, message: detailText(d.message)[lang] };
      })
    : details;
  const phrase = given ? null : textOf(message);
  let text: Text;
  let generic = false; // the Vietnamese is only the code's sentence: the server's English said more
  if (given) text = given;
  else if (phrase) text = { vi: phrase.vi, en: phrase.en };
  else if (code === 'validation_failed' && Array.isArray(ds) && ds.length && ds.every(isDetail))
    text = {
      vi: (details as Detail[]).map((d) => `${d.field}: ${detailText(d.message).vi}`).join('; '),
      en: message,
    };
  else if (code === 'import_invalid' && Array.isArray(ds) && ds.length && ds.every(isDetail)) {
    const rowsWith = new Set((ds as Detail[]).map((d) => d.row)).size;
    text = { vi: `${ds.length} lỗi ở ${rowsWith} dòng; chưa có dòng nào được nhập`, en: message };
  } else {
    text = { vi: (CODE_TEXT[code] ?? CODE_TEXT.internal).vi, en: message };
    generic = true;
  }
  return {
    code,
    message: text[lang],
    ...(phrase ? { key: phrase.key } : {}),
    text,
    ...(generic ? { generic } : {}),
    ...(ds !== undefined ? { details: ds } : {}),
  };
}

// The codes' own sentences are phrases too ("Wrong username or password", "Internal error; it has been logged").
PHRASES.push(
  ...Object.entries(CODE_TEXT).map(([code, t]) => ({ key: `code.${code}`, en: t.en.replace(/\.$/, ''), vi: t.vi.replace(/\.$/, '') })),
);

/** An error as the command line prints it: Vietnamese first, then English, each problem on its line (row, field). */
export function cliErrorText(code: keyof typeof CODE_TEXT, message: string, given: Text | undefined, details: unknown): string {
  const vi = localiseError(code, message, given, details, 'vi');
  const en = localiseError(code, message, given, details, 'en');
  const lines = [`Lỗi: ${vi.message}`, `Error: ${en.message}`];
  const at = (d: Detail) => [d.row !== undefined ? `row ${d.row}` : '', d.field].filter(Boolean).join(', ');
  const enDetails: unknown[] = Array.isArray(en.details) ? en.details : [];
  if (Array.isArray(vi.details))
    vi.details.forEach((d: unknown, i) => {
      const e = enDetails[i];
      if (isDetail(d) && isDetail(e)) lines.push(`  ${at(d)}: ${d.message}${e.message !== d.message ? ` / ${e.message}` : ''}`);
    });
  return lines.join('\n');
}

// ---------------------------------------------------------------- what focal points meet in the modules' forms

const ROLE_VI: Record<string, string> = {
  admin: 'quản trị',
  editor: 'biên tập viên',
  reviewer: 'người duyệt',
  analyst: 'phân tích viên',
  viewer: 'người xem',
  coordinator: 'điều phối viên tỉnh',
  system: 'hệ thống',
};
const roleVi = (r: string) => ROLE_VI[r] ?? r;
/** A period in words ("2026-Q4" → "quý 4/2026") in the middle of a sentence; at its start, capitalised. */
const periodIn = (k: string) => periodPhrase(k, 'vi');
const PeriodAt = (k: string) => periodLabel(k, 'vi');
/** "the 34-unit map (from 2025-07-01)" → "bản đồ 34 tỉnh, thành phố (từ 01/07/2025)". */
const mapVi = (s: string) =>
  s
    .replace(/(\d+)-unit map/g, 'bản đồ $1 tỉnh, thành phố')
    .replace(/\(until (\d{4}-\d{2}-\d{2})\)/, (_w, d: string) => `(đến ${dmy(d)})`)
    .replace(/\(from (\d{4}-\d{2}-\d{2})\)/, (_w, d: string) => `(từ ${dmy(d)})`);
const FC_STATE_VI: Record<string, string> = {
  new: 'mới',
  researching: 'đang xác minh',
  drafted: 'đã có dự thảo kết luận',
  approved: 'đã duyệt',
  published: 'đã công bố',
  corrected: 'đã đính chính',
  withdrawn: 'đã rút',
  answered: 'đã trả lời',
  rejected: 'đã từ chối',
  draft: 'nháp',
  scheduled: 'đã hẹn giờ đăng',
};
/** A language inside a sentence: "tiếng Anh". */
const langIn = (code: string) => languageName(code, 'vi').replace(/^Tiếng/, 'tiếng');
const fcState = (s: string) => `«${FC_STATE_VI[s] ?? s}»`;
const FC_DO_VI: Record<string, string> = {
  'answer a complaint': 'trả lời khiếu nại',
  'approve a correction': 'phê duyệt bản đính chính',
  'approve a fact-check': 'phê duyệt kết luận kiểm chứng',
  'publish a fact-check': 'công bố kết luận kiểm chứng',
  'reopen an approved fact-check': 'mở lại kết luận kiểm chứng đã duyệt',
  'withdraw a fact-check': 'rút kết luận kiểm chứng',
};

PHRASES.push(
  // ---- files and uploads
  {
    key: 'file.tooLargeSetting',
    en: /^The (?:file|photo) is too large \(UPLOAD_MAX_MB\)$/,
    vi: 'Tệp quá lớn so với giới hạn tải lên của máy chủ',
  },
  { key: 'file.tooLargeShort', en: 'too large', vi: 'quá lớn' },
  {
    key: 'file.overLimit',
    en: /^The file is larger than the limit of (.+) \(UPLOAD_MAX_MB\)$/,
    vi: 'Tệp lớn hơn giới hạn tải lên $1',
  },
  { key: 'file.overLimitField', en: /^at most (\d+) bytes$/, vi: 'tối đa $1 byte' },
  { key: 'file.range', en: /^The range is outside the file \((\d+) bytes\)$/, vi: 'Đoạn yêu cầu nằm ngoài tệp (tệp có $1 byte)' },
  {
    key: 'file.kindNotAccepted',
    en: /^This kind of file is not accepted: (.+)$/s,
    vi: 'Loại tệp này không được nhận; các loại được nhận: $1',
  },
  { key: 'file.noThumb', en: /^File (\S+) has no thumbnail$/, vi: 'Tệp $1 không có ảnh thu nhỏ' },
  {
    key: 'photo.kind',
    en: 'A photo of the event is a PNG, JPEG, GIF or WebP image',
    vi: 'Ảnh sự kiện phải là ảnh PNG, JPEG, GIF hoặc WebP',
  },
  { key: 'photo.notImage', en: 'not an accepted image', vi: 'không phải là ảnh được nhận (PNG, JPEG, GIF, WebP)' },
  // ---- places: provinces, maps, countries
  {
    key: 'place.oldProvince',
    en: /^Province code (\S+) \((.+)\) is on the 63-unit map, valid until 2025-06-30; use the 34-unit code (\S+) \((.+)\)$/,
    vi: 'Mã tỉnh $1 ($2) thuộc bản đồ 63 tỉnh, thành phố, chỉ dùng đến 30/06/2025; hãy dùng mã mới $3 ($4)',
  },
  {
    key: 'place.oldProvinceField',
    en: /^code (\S+) \((.+)\) belongs to the 63-unit map; since 2025-07-01 it is (\S+) \((.+)\)$/,
    vi: 'mã $1 ($2) thuộc bản đồ 63 tỉnh, thành phố; từ 01/07/2025 là $3 ($4)',
  },
  { key: 'place.unknownProvince', en: /^Unknown province code (\S+)$/, vi: 'Không có tỉnh, thành phố nào mang mã $1' },
  {
    key: 'place.unknownProvinceOnMap',
    en: /^[Uu]nknown province code (\S+) on the (.+?)(?: \(valid on (\S+)\))?$/,
    vi: (m) =>
      `${m[0].startsWith('U') ? 'Không' : 'không'} có tỉnh, thành phố mang mã ${m[1]} trên ${mapVi(m[2]!)}${m[3] ? ` (ngày ${dmy(m[3])})` : ''}`,
  },
  {
    key: 'place.noProvinceOnMap',
    en: /^[Nn]o province (\S+) on the (.+?)(?: valid on (\S+))?$/,
    vi: (m) =>
      `${m[0].startsWith('N') ? 'Không' : 'không'} có tỉnh, thành phố mã ${m[1]} trên ${mapVi(m[2]!)}${m[3] ? ` vào ngày ${dmy(m[3])}` : ''}`,
  },
  { key: 'place.notUnitOfMap', en: /^not a unit of the (.+)$/, vi: (m) => `không phải là đơn vị trên ${mapVi(m[1]!)}` },
  { key: 'place.unknownCountry', en: /^Unknown country code (\S+)$/, vi: 'Không có quốc gia nào mang mã $1' },
  {
    key: 'place.unknownCountryField',
    en: /^unknown ISO 3166-1 alpha-2 country code (\S+)$/,
    vi: 'không có quốc gia nào mang mã $1 (mã quốc gia hai chữ cái, ví dụ VN, FR)',
  },
  // ---- exhibitions (T3)
  {
    key: 'exh.onlineNoVenue',
    en: 'an online-only exhibition has no venue (choose the format "physical" or "both")',
    vi: 'triển lãm chỉ trực tuyến thì không có địa điểm (hãy chọn hình thức «trực tiếp» hoặc «cả hai»)',
  },
  {
    key: 'exh.physicalVenue',
    en: 'a physical exhibition needs its venue (a province in Viet Nam, or a country and city abroad)',
    vi: 'triển lãm trực tiếp cần có địa điểm (một tỉnh, thành phố ở Việt Nam, hoặc quốc gia và thành phố ở nước ngoài)',
  },
  { key: 'exh.latLon', en: 'give both latitude and longitude, or neither', vi: 'hãy nhập cả vĩ độ và kinh độ, hoặc bỏ trống cả hai' },
  {
    key: 'exh.vnByProvince',
    en: 'a venue in Viet Nam is located by its province (location "vietnam")',
    vi: 'địa điểm ở Việt Nam được xác định theo tỉnh, thành phố (chọn vị trí «Việt Nam»)',
  },
  {
    key: 'exh.wrongMap',
    en: /^an exhibition starting on (\S+) lies on the (.+), not the (\S+)-unit map$/,
    vi: (m) => `triển lãm bắt đầu ngày ${dmy(m[1]!)} thuộc ${mapVi(m[2]!)}, không phải bản đồ ${m[3]} tỉnh, thành phố`,
  },
  {
    key: 'exh.provinceOtherMap',
    en: /^province (\S+) \((.+?)\) is on the (.+?); an exhibition starting on (\S+) is placed on the (.+)$/,
    vi: (m) => {
      const since = /^(.*); since (\d{4}-\d{2}-\d{2}) it is part of (\S+) \((.+)\)$/.exec(m[5]!);
      const target = since ? since[1]! : m[5]!;
      return (
        `tỉnh ${m[1]} (${m[2]}) thuộc ${mapVi(m[3]!)}; triển lãm bắt đầu ngày ${dmy(m[4]!)} được đặt trên ${mapVi(target)}` +
        (since ? `; từ ${dmy(since[2]!)} tỉnh này thuộc ${since[3]} (${since[4]})` : '')
      );
    },
  },
  {
    key: 'exh.unknownProvinceMap',
    en: /^unknown province code (\S+) on the (.+)$/,
    vi: (m) => `không có tỉnh, thành phố mang mã ${m[1]} trên ${mapVi(m[2]!)}`,
  },
  {
    key: 'exh.formerSeveral',
    en: /^(.+) was formed from (.+): say which pre-2025 unit the venue lies in$/,
    vi: '$1 được hợp nhất từ $2: hãy chọn đơn vị hành chính trước năm 2025 nơi đặt địa điểm',
  },
  {
    key: 'exh.formerWrong',
    en: /^(\S+) is not a pre-2025 unit of (.+); choose one of (.+)$/,
    vi: '$1 không phải là đơn vị trước năm 2025 của $2; hãy chọn một trong: $3',
  },
  {
    key: 'exh.endBeforeStart',
    en: /^the end \((\S+)\) is before the start \((\S+)\)$/,
    vi: (m) => `ngày kết thúc (${dmy(m[1]!)}) trước ngày bắt đầu (${dmy(m[2]!)})`,
  },
  {
    key: 'exh.secondText',
    en: /^a second text in (\S+); one text per language$/,
    vi: (m) => `đã có một nội dung bằng ${langIn(m[1]!)}; mỗi ngôn ngữ chỉ một nội dung`,
  },
  { key: 'lang.unknown', en: /^unknown language code (\S+)$/, vi: 'không có ngôn ngữ nào mang mã $1 (mã ISO 639-3, ví dụ vie, eng)' },
  {
    key: 'exh.visitorsPhysical',
    en: 'visitors are counted for physical exhibitions; an online one has views',
    vi: 'số khách tham quan chỉ tính cho triển lãm trực tiếp; triển lãm trực tuyến tính số lượt xem',
  },
  {
    key: 'exh.viewsOnline',
    en: 'views are counted for online exhibitions; a physical one has visitors',
    vi: 'số lượt xem chỉ tính cho triển lãm trực tuyến; triển lãm trực tiếp tính số khách tham quan',
  },
  { key: 'exh.organiserTwice', en: 'an organiser is listed twice', vi: 'một đơn vị tổ chức bị ghi hai lần' },
  { key: 'exh.noProduct', en: /^no library product (\S+)$/, vi: 'thư viện không có sản phẩm số $1' },
  {
    key: 'exh.productNotPublished',
    en: /^library product (\S+) «(.*)» is (\w+), not published$/s,
    vi: (m) => `sản phẩm số ${m[1]} «${m[2]}» của thư viện đang ở trạng thái ${fcState(m[3]!)}, chưa được công bố`,
  },
  { key: 'exh.productTwice', en: /^product (\S+) is shown twice$/, vi: 'sản phẩm số $1 được trưng bày hai lần' },
  {
    key: 'exh.secondCaption',
    en: /^a second caption in (\S+)$/,
    vi: (m) => `đã có một chú thích bằng ${langIn(m[1]!)}; mỗi ngôn ngữ chỉ một chú thích`,
  },
  {
    key: 'exh.onlinePublishedItems',
    en: 'The online version is published: unpublish it before removing its items or its online format',
    vi: 'Bản trực tuyến đang được đăng: hãy gỡ bản trực tuyến trước khi bỏ hiện vật hoặc bỏ hình thức trực tuyến',
  },
  { key: 'exh.onlinePublished', en: 'the online version is published', vi: 'bản trực tuyến đang được đăng' },
  {
    key: 'exh.onlyOnline',
    en: 'only an online (or physical and online) exhibition has an online version',
    vi: 'chỉ triển lãm trực tuyến (hoặc vừa trực tiếp vừa trực tuyến) mới có bản trực tuyến',
  },
  { key: 'exh.oneItem', en: 'an online exhibition shows at least one item', vi: 'triển lãm trực tuyến cần có ít nhất một hiện vật' },
  {
    key: 'exh.itemsUnpublished',
    en: 'Some items are no longer published in the library',
    vi: 'Một số hiện vật không còn được công bố trong thư viện',
  },
  {
    key: 'exh.productUnpublished',
    en: /^library product (\S+) is no longer published$/,
    vi: 'sản phẩm số $1 của thư viện không còn được công bố',
  },
  {
    key: 'exh.unpublishFirst',
    en: 'The online version is published on the portal: unpublish it first',
    vi: 'Bản trực tuyến đang được đăng trên cổng thông tin: hãy gỡ xuống trước',
  },
  {
    key: 'exh.notOrganiser',
    en: /^Organisation (\S+) is not an organiser of exhibition (\S+)$/,
    vi: 'Tổ chức số $1 không phải là đơn vị tổ chức triển lãm số $2',
  },
  { key: 'exh.notOrganiserField', en: 'not an organiser of this exhibition', vi: 'không phải là đơn vị tổ chức triển lãm này' },
  {
    key: 'exh.leadOrganiser',
    en: 'The lead organiser is not confirmed or declined: whoever writes the exhibition writes for it',
    vi: 'Đơn vị chủ trì không cần xác nhận hay từ chối: người nhập triển lãm nhập thay cho đơn vị chủ trì',
  },
  { key: 'exh.leadOrganiserField', en: 'the lead organiser', vi: 'đơn vị chủ trì' },
  {
    key: 'exh.iiifSizes',
    en: 'This level-0 image service serves only the sizes listed in its info.json',
    vi: 'Dịch vụ ảnh này chỉ cung cấp các kích thước đã liệt kê trong info.json',
  },
  { key: 'exh.iiifSizesField', en: /^one of max, (.+)$/, vi: 'một trong: max, $1' },
  // ---- reporting cycle: periods, close, permissions
  {
    key: 'cycle.consolidatedReaders',
    en: /^The consolidated programme report is read by the programme office and the national analysts and reviewers \(your role: (\w+)\)$/,
    vi: (m) =>
      `Báo cáo tổng hợp của Đề án chỉ Văn phòng Đề án và phân tích viên, người duyệt cấp quốc gia được xem (vai trò của bạn: ${roleVi(m[1]!)})`,
  },
  {
    key: 'cycle.consolidatedEdit',
    en: /^Only the programme office \(admin\) edits the consolidated report's summary \(your role: (\w+)\)$/,
    vi: (m) => `Chỉ Văn phòng Đề án (quản trị) được sửa phần tóm tắt của báo cáo tổng hợp (vai trò của bạn: ${roleVi(m[1]!)})`,
  },
  {
    key: 'cycle.calendarNoPeriod',
    en: /^The report calendar has no period (.+)$/,
    vi: (m) => `Lịch báo cáo không có kỳ ${periodIn(m[1]!)}`,
  },
  {
    key: 'cycle.calendarNoPeriodField',
    en: /^no period (.+) in the report calendar$/,
    vi: (m) => `lịch báo cáo không có kỳ ${periodIn(m[1]!)}`,
  },
  { key: 'cycle.paragraphTwice', en: 'A paragraph is given twice', vi: 'Một đoạn văn được gửi hai lần' },
  { key: 'field.givenTwice', en: 'given twice', vi: 'bị gửi hai lần' },
  {
    key: 'cycle.reviewNotClosed',
    en: /^(.+) is a review, not a reporting period: close its years \(and halves\) instead$/,
    vi: (m) => `${PeriodAt(m[1]!)} là kỳ sơ kết, không phải kỳ báo cáo: hãy khoá sổ từng năm (và từng 6 tháng) của kỳ`,
  },
  { key: 'cycle.closedKinds', en: 'only yearly and half-yearly periods are closed', vi: 'chỉ khoá sổ kỳ báo cáo năm và 6 tháng' },
  {
    key: 'cycle.notEnded',
    en: /^Period (.+) has not ended \(it ends on (\S+)\)$/,
    vi: (m) => `${PeriodAt(m[1]!)} chưa kết thúc (kết thúc ngày ${dmy(m[2]!)})`,
  },
  {
    key: 'cycle.notEndedField',
    en: /^ends on (\S+): a period is closed after it ends$/,
    vi: (m) => `kết thúc ngày ${dmy(m[1]!)}: chỉ khoá sổ kỳ sau khi kỳ kết thúc`,
  },
  { key: 'cycle.alreadyClosed', en: /^Period (.+) is already closed$/, vi: (m) => `${PeriodAt(m[1]!)} đã khoá sổ rồi` },
  { key: 'cycle.notClosed', en: /^Period (.+) is not closed$/, vi: (m) => `${PeriodAt(m[1]!)} chưa khoá sổ` },
  { key: 'cycle.notClosedField', en: 'not closed', vi: 'chưa khoá sổ' },
  {
    key: 'cycle.noOfficial',
    en: /^Period (.+) is not closed: it has no official figures yet$/,
    vi: (m) => `${PeriodAt(m[1]!)} chưa khoá sổ: chưa có số liệu chính thức`,
  },
  {
    key: 'cycle.nothingRevised',
    en: /^Period (.+) is not closed: nothing is revised$/,
    vi: (m) => `${PeriodAt(m[1]!)} chưa khoá sổ: chưa có số liệu nào được điều chỉnh`,
  },
  {
    key: 'cycle.reviewPermissions',
    en: /^(.+) is a review: permissions are given for its years$/,
    vi: (m) => `${PeriodAt(m[1]!)} là kỳ sơ kết: quyền sửa được cấp cho từng năm của kỳ`,
  },
  { key: 'cycle.notReportingPeriod', en: 'not a reporting period', vi: 'không phải là kỳ báo cáo' },
  {
    key: 'cycle.permissionPast',
    en: /^The permission would end in the past \((.+)\)$/,
    vi: (m) => `Quyền sửa sẽ hết hạn trong quá khứ (${dmy(m[1]!)})`,
  },
  {
    key: 'cycle.lockedWrite',
    en: /^(\S+) is in (.+), closed on (\S+) and locked since (\S+): writes dated in it need the programme office's permission$/,
    vi: (m) =>
      `Ngày ${dmy(m[1]!)} thuộc ${periodIn(m[2]!)}, kỳ đã khoá sổ ngày ${dmy(m[3]!)} và khoá từ ngày ${dmy(m[4]!)}: ghi hồ sơ có ngày trong kỳ này cần Văn phòng Đề án cho phép`,
  },
  // ---- office-only actions
  {
    key: 'audit.officeOnly',
    en: 'Only the programme office (admin) reads the audit log',
    vi: 'Chỉ Văn phòng Đề án (quản trị) được xem nhật ký',
  },
  {
    key: 'indicators.officeOnly',
    en: 'Only the programme office (admin) sets baselines and trajectories',
    vi: 'Chỉ Văn phòng Đề án (quản trị) được đặt giá trị cơ sở và lộ trình của chỉ tiêu',
  },
  {
    key: 'training.coverageOffice',
    en: 'Only the programme office (admin) sets the coverage rule',
    vi: 'Chỉ Văn phòng Đề án (quản trị) được đặt quy tắc tính tỷ lệ được tập huấn',
  },
  {
    key: 'press.settingsOffice',
    en: 'Only administrators change the reporting settings',
    vi: 'Chỉ quản trị viên được thay đổi thiết lập báo cáo',
  },
  // ---- indicators
  {
    key: 'indicators.outside',
    en: /^The period (.+) is outside the programme \(2023–2028\)$/,
    vi: (m) => `${PeriodAt(m[1]!)} nằm ngoài thời gian thực hiện Đề án (2023–2028)`,
  },
  { key: 'indicators.within', en: 'must fall within 2023–2028', vi: 'phải nằm trong giai đoạn 2023–2028' },
  {
    key: 'indicators.noSource',
    en: /^Indicator (\S+) has no data source yet$/,
    vi: (m) => `Chỉ tiêu ${targetCode(m[1]!)} chưa có nguồn số liệu`,
  },
  { key: 'indicators.cursor', en: 'Unknown page cursor', vi: 'Không xác định được trang cần xem; hãy tải lại danh sách' },
  {
    key: 'indicators.trajectoryYears',
    en: 'The trajectory needs one value per year 2023–2028',
    vi: 'Lộ trình cần một giá trị cho mỗi năm từ 2023 đến 2028',
  },
  {
    key: 'indicators.yearsGiven',
    en: /^years given: (.+); needed: (.+)$/,
    vi: (m) => `các năm đã nhập: ${m[1] === 'none' ? 'chưa có' : m[1]}; cần: ${m[2]}`,
  },
  {
    key: 'indicators.fraction',
    en: 'A percentage is a fraction between 0 and 1',
    vi: 'Tỷ lệ phần trăm được nhập dưới dạng số từ 0 đến 1 (ví dụ 0,45 là 45 %)',
  },
  { key: 'indicators.above1', en: /^(\d+): (.+) is above 1 \(100%\)$/, vi: 'năm $1: $2 lớn hơn 1 (100 %)' },
  { key: 'field.between01', en: 'must be between 0 and 1', vi: 'phải nằm trong khoảng từ 0 đến 1' },
  // ---- fact-checking
  {
    key: 'fc.complaintAlready',
    en: /^Complaint (\S+) is already (\w+)$/,
    vi: (m) => `Khiếu nại số ${m[1]} đã ở trạng thái ${fcState(m[2]!)}`,
  },
  {
    key: 'fc.noCorrectionVersion',
    en: 'no correction with this version on the fact-check complained about',
    vi: 'kết luận kiểm chứng bị khiếu nại không có bản đính chính với số phiên bản này',
  },
  {
    key: 'fc.replyNotMailed',
    en: 'The reply could not be e-mailed (the mail server refused or did not answer); the complaint stays open — try again later',
    vi: 'Chưa gửi được thư trả lời (máy chủ thư từ chối hoặc không phản hồi); khiếu nại vẫn đang mở — hãy thử lại sau',
  },
  { key: 'fc.notSent', en: 'not sent', vi: 'chưa gửi được' },
  { key: 'fc.noContact', en: /^Submission (\S+) has no contact address to erase$/, vi: 'Phản ánh số $1 không có địa chỉ liên hệ để xoá' },
  { key: 'fc.feedExists', en: /^This feed is already registered \(feed (\S+)\)$/, vi: 'Nguồn tin này đã được đăng ký (nguồn số $1)' },
  { key: 'csv.quote', en: /^a quoted field opened on line (\d+) is never closed$/, vi: 'ô mở dấu ngoặc kép ở dòng $1 không được đóng lại' },
  {
    key: 'fc.fileEmpty',
    en: /^(.+): the file is empty \(expected a header row with columns id and text\)$/,
    vi: '$1: tệp trống (cần dòng tiêu đề có các cột id và text)',
  },
  {
    key: 'fc.headerMissing',
    en: /^the header row has no column (.+) \(found: (.+); (tab|comma|1)-separated\)$/,
    vi: (m) =>
      `dòng tiêu đề không có cột ${m[1]} (các cột tìm thấy: ${m[2] === 'nothing' ? 'không có' : m[2]}; phân cách bằng ${m[3] === 'tab' ? 'dấu tab' : 'dấu phẩy'})`,
  },
  { key: 'fc.noRowsAfterHeader', en: 'no rows after the header', vi: 'không có dòng nào dưới dòng tiêu đề' },
  { key: 'fc.fewColumns', en: /^only (\d+) of (\d+) columns \(line (\d+)\)$/, vi: 'chỉ có $1 trong $2 cột (dòng $3)' },
  {
    key: 'fc.manyColumns',
    en: /^(\d+) columns where the header has (\d+) \(line (\d+); quote a text that contains (.+)\)$/,
    vi: (m) =>
      `có ${m[1]} cột trong khi dòng tiêu đề có ${m[2]} (dòng ${m[3]}; hãy đặt trong dấu ngoặc kép nội dung có chứa ${m[4] === 'a tab' ? 'dấu tab' : 'dấu phẩy'})`,
  },
  { key: 'fc.emptyId', en: /^empty id \(line (\d+)\)$/, vi: 'thiếu id (dòng $1)' },
  { key: 'fc.idUsed', en: /^id (.+) is already used on row (\d+)$/, vi: 'id $1 đã dùng ở dòng $2' },
  { key: 'fc.emptyText', en: /^empty text \(line (\d+)\)$/, vi: 'thiếu nội dung (dòng $1)' },
  { key: 'fc.unreadable', en: /^(.+): cannot be read \((.+)\)$/, vi: '$1: không đọc được tệp ($2)' },
  { key: 'fc.fileKind', en: /^(.+): send a \.csv, \.xlsx or \.jsonl file$/, vi: '$1: hãy gửi tệp .csv, .xlsx hoặc .jsonl' },
  { key: 'fc.fileKindField', en: 'expected .csv, .xlsx or .jsonl', vi: 'cần tệp .csv, .xlsx hoặc .jsonl' },
  {
    key: 'fc.authorColumn',
    en: /^column "(.+)" would identify an author: fact-checking stores no author data; remove the column$/,
    vi: 'cột "$1" có thể làm lộ danh tính người viết: phân hệ kiểm chứng không lưu thông tin về người viết; hãy xoá cột này',
  },
  { key: 'json.invalid', en: 'not valid JSON', vi: 'không phải JSON hợp lệ' },
  { key: 'json.lines', en: 'each line is one JSON object', vi: 'mỗi dòng phải là một đối tượng JSON' },
  { key: 'import.noRowsShort', en: 'no rows', vi: 'không có dòng nào' },
  { key: 'import.tooManyRows', en: /^too many rows \((\d+)\); the limit is (\d+)$/, vi: 'quá nhiều dòng ($1); tối đa $2 dòng' },
  { key: 'fc.noClaim', en: /^No claim (\S+)$/, vi: 'Không có thông tin kiểm chứng số $1' },
  { key: 'fc.noSuchClaim', en: 'no such claim', vi: 'không có thông tin kiểm chứng này' },
  { key: 'fc.claimWithdrawn', en: /^Claim (\S+) is withdrawn$/, vi: 'Thông tin kiểm chứng số $1 đã bị rút' },
  { key: 'field.withdrawn', en: 'withdrawn', vi: 'đã bị rút' },
  { key: 'field.notCalendarDateShort', en: 'not a calendar date', vi: 'không phải là một ngày có thật' },
  { key: 'fc.actionTaken', en: 'An action is recorded once taken', vi: 'Chỉ ghi nhận việc xử lý sau khi đã thực hiện' },
  { key: 'field.inFuture', en: 'in the future', vi: 'là ngày trong tương lai' },
  {
    key: 'fc.handlingFalse',
    en: 'Handling is recorded for items linked to a claim rated false or partly false',
    vi: 'Chỉ ghi nhận xử lý cho tin đã liên kết với thông tin được kết luận là sai hoặc sai một phần',
  },
  {
    key: 'fc.handlingFalseField',
    en: 'not linked to a claim rated false or partly false',
    vi: 'chưa liên kết với thông tin được kết luận là sai hoặc sai một phần',
  },
  {
    key: 'fc.pageFetch',
    en: /^This page could not be fetched: (.+)$/s,
    vi: (m) => `Không tải được trang này: ${translate(m[1]!)?.vi ?? m[1]}`,
  },
  {
    key: 'fc.readOnlyRole',
    en: /^Your role \((\w+)\) is read-only in fact-checking$/,
    vi: (m) => `Vai trò của bạn (${roleVi(m[1]!)}) chỉ được xem trong phân hệ kiểm chứng`,
  },
  { key: 'fc.demoFeed', en: /^No demo feed (.+)$/, vi: 'Không có nguồn tin mẫu $1' },
  {
    key: 'fc.correctionFirst',
    en: 'A correction is proposed first (POST …/correction), then approved by a reviewer who wrote none of it',
    vi: 'Đính chính cần được đề xuất trước, rồi do một người duyệt không tham gia viết phê duyệt',
  },
  // ---- library
  {
    key: 'lib.secondTitle',
    en: /^a second title in (\S+) \(text (\S+) is already in it\); one text per language$/,
    vi: (m) => `đã có nhan đề bằng ${langIn(m[1]!)} (nội dung số ${m[2]}); mỗi ngôn ngữ chỉ một nhan đề`,
  },
  {
    key: 'lib.republicationNames',
    en: 'a re-publication names the earlier edition it re-publishes',
    vi: 'sách tái bản cần ghi rõ ấn bản trước mà nó tái bản',
  },
  {
    key: 'lib.republicationSelf',
    en: 'a book cannot be a re-publication of itself',
    vi: 'một cuốn sách không thể là bản tái bản của chính nó',
  },
  { key: 'lib.notBook', en: /^product (\S+) is a (.+), not a book$/, vi: 'sản phẩm số $1 là loại «$2», không phải sách' },
  {
    key: 'lib.editionCycle',
    en: /^product (\S+) is itself a later edition of this book \(a cycle\)$/,
    vi: 'sản phẩm số $1 lại là ấn bản sau của chính cuốn sách này (vòng lặp)',
  },
  {
    key: 'lib.onlyRepublication',
    en: 'only a re-publication names an earlier edition (edition: republication)',
    vi: 'chỉ sách tái bản mới ghi ấn bản trước (lần xuất bản: tái bản)',
  },
  {
    key: 'lib.staysBook',
    en: /^(\d+) re-publication\(s\) name this book as their earlier edition; it stays a book$/,
    vi: '$1 bản tái bản ghi cuốn sách này là ấn bản trước; sản phẩm này phải vẫn là sách',
  },
  {
    key: 'lib.relationCycle',
    en: /^product (\S+) is already, through (.+), below this product \(a cycle\)$/,
    vi: 'sản phẩm số $1 đã nằm dưới sản phẩm này qua quan hệ «$2» (vòng lặp)',
  },
  {
    key: 'lib.alreadyEdition',
    en: /^product (\S+) is already an edition of this book \(a cycle\)$/,
    vi: 'sản phẩm số $1 đã là một ấn bản của cuốn sách này (vòng lặp)',
  },
  { key: 'lib.isbnUsed', en: 'this ISBN is already used by another product', vi: 'mã ISBN này đã được dùng cho sản phẩm khác' },
  { key: 'lib.withdrawnNoEdit', en: 'A withdrawn product cannot be edited', vi: 'Sản phẩm đã rút không sửa được' },
  { key: 'lib.withdrawnNoEditField', en: 'withdrawn products are not editable', vi: 'sản phẩm đã rút không sửa được' },
  { key: 'lib.withdrawnNoFiles', en: 'A withdrawn product takes no new files', vi: 'Sản phẩm đã rút không nhận thêm tệp' },
  {
    key: 'lib.cannotAct',
    en: /^A (\w+) product cannot be (\w+)$/,
    vi: (m) =>
      `Sản phẩm ${fcState(m[1]!)} không thể ${m[2] === 'published' ? 'công bố' : m[2] === 'withdrawn' ? 'rút' : `chuyển sang ${fcState(m[2]!)}`}`,
  },
  // ---- fact-checking: who may approve
  {
    key: 'fc.reviewerOnly',
    en: /^Only a reviewer or an admin may (.+) \(your role: (\w+)\)$/,
    vi: (m) => `Chỉ người duyệt hoặc quản trị viên được ${FC_DO_VI[m[1]!] ?? 'thực hiện thao tác này'} (vai trò của bạn: ${roleVi(m[2]!)})`,
  },
  {
    key: 'fc.twoPerson',
    en: /^A (\w+) is approved by a reviewer who wrote none of it$/,
    vi: (m) =>
      `${m[1] === 'correction' ? 'Bản đính chính' : m[1] === 'draft' ? 'Dự thảo kết luận' : 'Nội dung này'} phải do một người duyệt không tham gia viết phê duyệt`,
  },
  {
    key: 'fc.cannotMove',
    en: /^A (\w+) fact-check cannot move to (\w+)(?: \(next: (.+)\))?$/,
    vi: (m) =>
      `Kết luận kiểm chứng ${fcState(m[1]!)} không thể chuyển sang ${fcState(m[2]!)}${m[3] ? ` (bước tiếp theo có thể: ${m[3].split(', ').map(fcState).join(', ')})` : ''}`,
  },
  // ---- the server's own files and settings (said to whoever runs it)
  {
    key: 'backup.damaged',
    en: /^damaged in DATA_DIR\/files: its bytes hash to (\S+); left out$/,
    vi: 'tệp trong thư mục lưu tệp (DATA_DIR/files) bị hỏng (mã băm $1); không đưa vào bản sao lưu',
  },
  {
    key: 'backup.missing',
    en: 'the database refers to it but DATA_DIR/files does not have it',
    vi: 'cơ sở dữ liệu có nhắc đến tệp này nhưng thư mục lưu tệp (DATA_DIR/files) không có',
  },
  {
    key: 'config.smtpFrom',
    en: 'required when SMTP_URL is set',
    vi: 'bắt buộc khi đã khai báo máy chủ gửi thư điện tử (SMTP_URL): địa chỉ người gửi của Văn phòng',
  },
  {
    key: 'config.instancesFormSecret',
    en: /^required when INSTANCES is more than 1 \((\d+)\): every copy must sign and check the public forms and key the shared request limits with the same secret; set the same value \(at least 16 characters\) on every copy$/,
    vi: 'bắt buộc khi chạy nhiều bản máy chủ (INSTANCES = $1): mọi bản phải dùng cùng một khoá để ký và kiểm tra các biểu mẫu công khai và để đếm chung giới hạn yêu cầu; đặt cùng một giá trị (ít nhất 16 ký tự) trên mọi bản',
  },
  {
    key: 'config.instancesDatabase',
    en: /^required when INSTANCES is more than 1 \((\d+)\): the embedded database serves one process only; point every copy at one PostgreSQL$/,
    vi: 'bắt buộc khi chạy nhiều bản máy chủ (INSTANCES = $1): cơ sở dữ liệu nhúng chỉ phục vụ một tiến trình; hãy cho mọi bản dùng chung một PostgreSQL',
  },
  {
    key: 'lib.transition',
    en: /^(\w+) → (\w+) is not allowed; only (\w+) → (\w+)$/,
    vi: (m) => `không thể chuyển từ ${fcState(m[1]!)} sang ${fcState(m[2]!)}; chỉ được chuyển từ ${fcState(m[3]!)} sang ${fcState(m[4]!)}`,
  },
  {
    key: 'lib.oaiFormat',
    en: /^The metadata format "(.+)" is not available; use oai_dc$/,
    vi: 'Không có định dạng siêu dữ liệu "$1"; hãy dùng oai_dc',
  },
  { key: 'lib.oaiNoRecord', en: /^No record has the identifier (.+)$/, vi: 'Không có bản ghi nào mang định danh $1' },
  // ---- press
  { key: 'press.withdrawnAttach', en: 'A withdrawn item takes no new attachments', vi: 'Tin đã gỡ không nhận thêm tệp đính kèm' },
  {
    key: 'press.keepsAttachments',
    en: /^A (\w+) item keeps its attachments$/,
    vi: (m) => `Tin ${stateVi(m[1]!)} phải giữ nguyên tệp đính kèm`,
  },
  {
    key: 'press.removeAttachments',
    en: 'attachments can be removed only from drafts and scheduled items',
    vi: 'chỉ gỡ được tệp đính kèm của tin nháp hoặc tin đã hẹn giờ đăng',
  },
  {
    key: 'press.cannotBecome',
    en: /^A (\w+) item cannot become (\w+)$/,
    vi: (m) => `Tin ${stateVi(m[1]!)} không thể chuyển sang ${fcState(m[2]!)}`,
  },
  {
    key: 'press.transition',
    en: /^(\w+) → (\w+) is not allowed; allowed: (.+)$/,
    vi: (m) =>
      `không thể chuyển từ ${fcState(m[1]!)} sang ${fcState(m[2]!)}; được chuyển sang: ${m[3] === 'none' ? 'không trạng thái nào' : m[3]!.split(', ').map(fcState).join(', ')}`,
  },
  {
    key: 'press.spokespersonMove',
    en: 'A spokesperson cannot move to another organisation; end this appointment and create a new one',
    vi: 'Người phát ngôn không chuyển được sang cơ quan khác; hãy kết thúc nhiệm kỳ này rồi tạo nhiệm kỳ mới',
  },
  { key: 'field.cannotChange', en: 'cannot change', vi: 'không thay đổi được' },
  {
    key: 'press.endDate',
    en: 'The end date must be a date on or after the start of the appointment',
    vi: 'Ngày kết thúc phải bằng hoặc sau ngày bắt đầu nhiệm kỳ',
  },
  { key: 'field.onOrAfter', en: /^must be on or after (\S+)$/, vi: (m) => `phải bằng hoặc sau ngày ${dmy(m[1]!)}` },
  // ---- recommendations
  { key: 'rec.unknownType', en: /^Unknown record type (\S+)$/, vi: 'Không có loại hồ sơ $1' },
  { key: 'rec.unknownTypeField', en: /^unknown record type (\S+); known: (.+)$/, vi: 'không có loại hồ sơ $1; các loại có: $2' },
  { key: 'rec.alreadyTagged', en: 'Already tagged', vi: 'Đã gắn rồi' },
  {
    key: 'rec.alreadyEvidence',
    en: /^(\S+) (\S+) is already evidence of this recommendation$/,
    vi: 'hồ sơ $1 số $2 đã là minh chứng của khuyến nghị này',
  },
  {
    key: 'rec.readOnlyTag',
    en: /^Your role \((\w+)\) is read-only: it tags no evidence$/,
    vi: (m) => `Vai trò của bạn (${roleVi(m[1]!)}) chỉ được xem, không gắn được minh chứng`,
  },
  {
    key: 'rec.typeWord',
    en: /^[Tt]ype a word of the title$/,
    vi: (m) => `${m[0].startsWith('T') ? 'Hãy' : 'hãy'} gõ một từ trong tiêu đề`,
  },
  // ---- training
  {
    key: 'training.notCompleted',
    en: 'The course was not completed: no certificate',
    vi: 'Chưa hoàn thành khoá học: chưa có giấy chứng nhận',
  },
  { key: 'training.notCompletedField', en: 'not completed', vi: 'chưa hoàn thành' },
  {
    key: 'training.reviewWho',
    en: 'Only who read this import (or the programme office) may review it',
    vi: 'Chỉ người đã tải tệp này lên (hoặc Văn phòng Đề án) được xem xét lần nhập',
  },
  {
    key: 'training.interrupted',
    en: 'The import was interrupted (the server stopped while reading it): read the file again',
    vi: 'Lần nhập bị gián đoạn (máy chủ dừng khi đang đọc tệp): hãy tải tệp lên lại',
  },
  {
    key: 'training.decisionsKept',
    en: /^(\d+) decision\(s\) cannot be kept; none was$/,
    vi: '$1 quyết định không lưu được; chưa quyết định nào được lưu',
  },
  { key: 'training.rowsNotIn', en: /^(\d+) row\(s\) are not in this import$/, vi: '$1 dòng không thuộc lần nhập này' },
  { key: 'training.noCertificate', en: 'No certificate has this code', vi: 'Không có giấy chứng nhận nào mang mã này' },
  {
    key: 'training.outsideRoster',
    en: 'outside the organisations whose roster you see',
    vi: 'ngoài các cơ quan mà bạn được xem danh sách',
  },
  { key: 'training.merged', en: /^Person (\S+) was merged into (\S+)$/, vi: 'Người số $1 đã được gộp vào người số $2' },
  { key: 'training.alreadyMerged', en: 'One of these people was already merged', vi: 'Một trong những người này đã được gộp trước đó' },
  { key: 'training.unknownProducts', en: /^Unknown library product\(s\): (.+)$/, vi: 'Thư viện không có sản phẩm: $1' },
  // ---- notifications
  { key: 'notif.signedIn', en: 'Notifications belong to a signed-in person', vi: 'Thông báo chỉ dành cho người đã đăng nhập' },
  { key: 'notif.noKind', en: /^no notification kind (.+)$/, vi: 'không có loại thông báo $1' },
);
