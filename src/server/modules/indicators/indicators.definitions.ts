// The indicator registry's static half: one indicator per target of Decision 1079, with its target, unit,
// breakdowns and method note in Vietnamese and English. The wording of each target is the portal's
// (src/server/portal/programme.ts, from the decision); the computation lives in the module named here and is
// registered through `IndicatorProvider` (indicators.registry.ts). No provider → "no data source yet".
import type { Bilingual, Breakdown, IndicatorId, IndicatorUnit, TargetSpec } from '../../../shared/contracts/indicators.js';
import { TARGETS } from '../../portal/programme.js';

export interface StaticDefinition {
  id: IndicatorId;
  group: 'T1' | 'T2' | 'T3' | 'T4' | 'T5' | 'T6';
  unit: IndicatorUnit;
  target: TargetSpec;
  cumulative: boolean;
  module: string;
  breakdowns: Breakdown[];
  name: Bilingual;
  /** How the figure is computed: numerator, denominator, what counts, edge cases. */
  methodNote: Bilingual;
  /** What the records of the denominator still awaiting review are called (shown beside the value). */
  pendingLabel?: Bilingual;
  /** A count of provinces (T3): a province's own target is its units on the 63-unit map (one, or the former units a
   *  merged province was formed from). Other counts are national: a province or a kind has no share of them. */
  provinceTarget?: 'units63';
}

const pct = (v: number): TargetSpec => ({ kind: 'at_least', value: v });

const SHARED_NOTE: Bilingual = {
  vi: 'Mọi số liệu được tính trực tiếp từ hồ sơ đã nhập, không nhập tay. Lọc theo tỉnh trên bản đồ 34 đơn vị hoặc 63 đơn vị (qua bảng chuyển đổi): hồ sơ trước 1/7/2025 ghi đơn vị cũ được tính cho tỉnh mới mà đơn vị đó hợp thành; hồ sơ gắn với tỉnh mới được tính cho mọi đơn vị cũ hợp thành tỉnh đó khi xem bản đồ 63 đơn vị.',
  en: 'Every figure is computed from the records, never typed in. Filtering by province works on the 34-unit or the 63-unit map through the crosswalk: a record before 1 July 2025 placed in a former unit counts for the new province that unit became part of; a record placed in a new province counts for every former unit of that province on the 63-unit map.',
};

const NOTES: Record<IndicatorId, Bilingual> = {
  T1: {
    vi: 'Tử số: cơ quan hành chính nhà nước phải báo cáo vừa có người phát ngôn còn hiệu lực vào ngày cuối kỳ vừa cung cấp thông tin định kỳ cho báo chí (đúng hạn hoặc muộn trong số ngày gia hạn). Mẫu số: cơ quan phải báo cáo, đang hoạt động vào ngày cuối kỳ. Quy tắc chi tiết (kỳ báo cáo, cơ quan sáp nhập, giải thể) ở trang Tuân thủ của mô-đun Báo chí.',
    en: "Numerator: expected state administrative agencies that both have a spokesperson valid on the last day of the period and gave the press periodic information (on time, or late within the grace days). Denominator: expected agencies active on the last day of the period. The full rule (periods, merged and deactivated agencies) is on the press module's compliance page.",
  },
  T2a: {
    vi: 'Tử số: cán bộ làm công tác quyền con người trong danh sách đã được tập huấn và cập nhật thông tin theo quy tắc của mô-đun Tập huấn. Mẫu số: danh sách tại ngày cuối kỳ.',
    en: "Numerator: rostered officials working on human rights covered by the training module's rule. Denominator: the roster as of the last day of the period.",
  },
  T2b: { vi: 'Như T2a, với cán bộ quản lý thông tin, truyền thông.', en: 'As T2a, for officials managing information and communication.' },
  T2c: {
    vi: 'Như T2a, với nhân sự thông tin đối ngoại của cơ quan báo chí.',
    en: "As T2a, for press agencies' staff working on external information.",
  },
  T2d: {
    vi: 'Như T2a, với cán bộ chủ chốt của tổ chức chính trị - xã hội cấp trung ương và cấp tỉnh; mục tiêu 70%.',
    en: 'As T2a, for key officials of socio-political organisations at central and provincial level; target 70%.',
  },
  T3: {
    vi: 'Số tỉnh, thành phố trên bản đồ 63 đơn vị có ít nhất một triển lãm trực tiếp từ năm 2023 đến cuối kỳ (luỹ kế). Mỗi địa điểm trong nước ghi đơn vị trước năm 2025 nơi nó nằm (tự điền khi tỉnh mới chỉ gồm một đơn vị cũ, phải chọn khi tỉnh mới hợp thành từ nhiều đơn vị), nên một tỉnh chỉ được tính khi thực sự có triển lãm. Danh sách tỉnh chưa có triển lãm là phần "chưa đạt" của chỉ tiêu. Theo đơn vị tổ chức: mỗi đơn vị tổ chức hoặc đồng tổ chức được tính các tỉnh mà triển lãm của mình đã phủ (một triển lãm có hai đơn vị tổ chức được tính cho cả hai; tổng số vẫn tính mỗi tỉnh một lần).',
    en: "Provinces on the 63-unit map with at least one physical exhibition from 2023 to the end of the period (cumulative). Every venue in Viet Nam records the pre-2025 unit it lies in (pre-filled when the new province has one former unit, chosen when it was formed from several), so a unit counts only where an exhibition was really held. The provinces not yet covered are the indicator's gap. By organiser: every organiser or co-organiser is credited with the provinces its exhibitions covered (an exhibition with two organisers counts for both; the total still counts each province once).",
  },
  T4a: {
    vi: 'Số đầu sách về quyền con người đã biên soạn, xuất bản hoặc tái bản và được công bố trong thư viện, luỹ kế từ năm 2023.',
    en: 'Human-rights book titles compiled, published or re-published and published in the library, cumulative from 2023.',
  },
  T4b: {
    vi: 'Tử số: sản phẩm bằng tiếng dân tộc thiểu số, tiếng nước ngoài hoặc trên nền tảng số. Mẫu số: mọi sản phẩm truyền thông của Đề án. Mục tiêu là khoảng 15–20%.',
    en: "Numerator: products in ethnic-minority languages, in foreign languages or on digital platforms. Denominator: all the programme's communication products. The target is the 15–20% band.",
  },
  T5a: {
    vi: 'Tử số: nguồn dữ liệu và sản phẩm đã số hoá và phổ biến trực tuyến. Mẫu số: mọi nguồn dữ liệu và sản phẩm của Đề án.',
    en: "Numerator: data sources and products digitised and disseminated online. Denominator: all the programme's data sources and products.",
  },
  T5b: {
    vi: 'Mẫu theo dõi: các nhóm tin đúng chủ đề (quyền con người ở Việt Nam) có ít nhất một tin xuất hiện trong kỳ — tin trùng hoặc gần trùng gộp thành một nhóm, tính một lần (đo trên mẫu bài đăng thật có gán nhãn, nửa kiểm tra: độ chính xác theo cặp 0,83, độ phủ theo cặp 0,13 — nhiều bản viết lại của cùng một tin đồn vẫn thành nhóm riêng, nên mẫu có thể đếm thừa; chú thích tiêu đề ngắn chỉ gộp khi cùng đường dẫn). Tin do người dân gửi qua biểu mẫu không tính vào mẫu khi cả nhóm chỉ gồm tin gửi qua biểu mẫu (mẫu tự chọn). Tử số: nhóm có tin được liên kết (tự động hoặc do người xác nhận) với một kết luận kiểm chứng đã công bố, xếp loại sai hoặc sai một phần. "Chưa rà soát" (hiển thị cạnh tỉ lệ): nhóm còn gợi ý liên kết chờ người quyết định, hoặc liên kết với nhận định chưa có kết luận công bố; tin mà quy tắc chưa chắc đúng chủ đề chưa vào mẫu cho đến khi có người quyết định. Quy tắc đúng chủ đề so khớp trọn từ và cụm từ, giữ dấu ở các từ mà bỏ dấu sẽ đổi nghĩa (nhân quyền / nhận quyền), bỏ qua tin hình sự chỉ có từ bắt giữ, tạm giam, không coi tên địa danh đứng một mình là lý do để chưa chắc, và ghi lý do của mỗi quyết định. Đo trên 179 tin báo thật tiếng Việt gán nhãn tay (phần kiểm tra của bộ DANeS, CC BY 4.0): độ chính xác của "đúng chủ đề" 75% (3/4), độ phủ 75% (3/4), 0% tin "chưa chắc" (quy tắc cũ: 0%, 0% và 33,5%). Mục tiêu là dưới 10% (giới hạn trên).',
    en: 'Monitored sample: the on-topic item groups (human rights in Viet Nam) with at least one item appearing in the period — exact and near duplicates form one group, counted once (measured on a labelled sample of real posts, test half: pair precision 0.83, pair recall 0.13 — many rewordings of one rumour still form separate groups, so the sample may overcount; a short caption is grouped only over the same link). Groups made only of items sent through the public form are left out of the sample (self-selected). Numerator: groups with an item linked (automatically or confirmed by a person) to a published fact-check rated false or partly false. "Unreviewed" (shown beside the share): groups with a suggested link awaiting a person, or linked to a claim whose fact-check is not yet published; items the rules are unsure about join the sample once a person decides. The on-topic rules match whole words and phrases, keep the diacritics of terms whose meaning folding changes (nhân quyền / nhận quyền), leave out crime news that only says arrested or detained, never treat a place name alone as a reason to be unsure, and record the why of every decision. Measured on 179 real Vietnamese news items labelled by hand (the test split of DANeS, CC BY 4.0): precision of "on topic" 75% (3 of 4), recall 75% (3 of 4), 0% left "unsure" (previous rules: 0%, 0% and 33.5%). The target is an upper bound: below 10%.',
  },
  T5c: {
    vi: 'Mẫu số: nhóm tin sai lệch đã phát hiện — nhóm tin đúng chủ đề có tin xuất hiện trong kỳ, liên kết với kết luận kiểm chứng đã công bố xếp loại sai hoặc sai một phần (kể cả tin do người dân gửi). Tử số: nhóm đã được xử lý đến ngày cuối kỳ — có ít nhất một hành động ghi nhận: đăng kết luận kiểm chứng, cơ quan có trách nhiệm đính chính, đề nghị bên đăng cải chính, báo cáo qua kênh của nền tảng, hoặc không cần xử lý (kèm lý do). Chi tiết mỗi nhóm ghi thời gian xử lý.',
    en: "Denominator: false item groups detected — on-topic groups with an item appearing in the period, linked to a published fact-check rated false or partly false (public-form items included). Numerator: the groups handled by the last day of the period — at least one recorded action: fact-check published, clarification by the responsible agency, correction requested from the publisher, reported through the platform's channel, or no action needed (with its reason). Each group's detail gives the time to handle.",
  },
  T6: {
    vi: 'Tử số: khuyến nghị về truyền thông, nâng cao nhận thức đã được Chính phủ chấp thuận (ủng hộ hoặc ủng hộ một phần) có trạng thái "Đã thực hiện" vào ngày cuối kỳ (theo lịch sử trạng thái). Mẫu số: các khuyến nghị đó, luôn gồm 38.63, 38.67, 38.86 của UPR chu kỳ III (A/HRC/41/7), được hiển thị riêng từng khuyến nghị. "Đã thực hiện": mọi hoạt động không bị huỷ đã hoàn thành, có báo cáo tiến độ được Văn phòng Đề án phê duyệt và có minh chứng.',
    en: 'Numerator: accepted (supported or supported in part) recommendations on communication and awareness whose status on the last day of the period (from the status history) is "implemented". Denominator: those recommendations, always including 38.63, 38.67 and 38.86 of UPR cycle III (A/HRC/41/7), each shown individually. "Implemented": every action not cancelled is done, a progress report is approved by the programme office and evidence is tagged.',
  },
};

const NAMES: Record<IndicatorId, Bilingual> = {
  T1: {
    vi: 'Cơ quan thực hiện phát ngôn và cung cấp thông tin định kỳ',
    en: 'Agencies with a spokesperson and periodic press information',
  },
  T2a: { vi: 'Cán bộ làm công tác quyền con người được tập huấn', en: 'Human-rights officials trained' },
  T2b: { vi: 'Cán bộ quản lý thông tin, truyền thông được tập huấn', en: 'Information and communication officials trained' },
  T2c: { vi: 'Nhân sự thông tin đối ngoại của báo chí được tập huấn', en: 'Press staff on external information trained' },
  T2d: { vi: 'Cán bộ chủ chốt tổ chức chính trị - xã hội được tập huấn', en: 'Key socio-political officials trained' },
  T3: { vi: 'Tỉnh, thành phố có triển lãm về quyền con người', en: 'Provinces with a human-rights exhibition' },
  T4a: { vi: 'Đầu sách về quyền con người', en: 'Human-rights book titles' },
  T4b: {
    vi: 'Tỉ trọng sản phẩm tiếng dân tộc, tiếng nước ngoài, nền tảng số',
    en: 'Share of minority-language, foreign-language and digital products',
  },
  T5a: { vi: 'Dữ liệu, sản phẩm được số hoá và phổ biến trực tuyến', en: 'Data and products digitised and online' },
  T5b: { vi: 'Tỉ lệ thông tin sai lệch về quyền con người', en: 'Share of false information on human rights' },
  T5c: { vi: 'Tin sai lệch được phát hiện, xử lý', en: 'False information detected and handled' },
  T6: { vi: 'Khuyến nghị được chấp thuận đã hoàn thành', en: 'Accepted recommendations completed' },
};

const base = (id: IndicatorId, rest: Omit<StaticDefinition, 'id' | 'group' | 'name' | 'methodNote'>): StaticDefinition => ({
  id,
  group: id.slice(0, 2) as StaticDefinition['group'],
  name: NAMES[id],
  methodNote: { vi: `${NOTES[id].vi} ${SHARED_NOTE.vi}`, en: `${NOTES[id].en} ${SHARED_NOTE.en}` },
  ...rest,
});

export const DEFINITIONS: readonly StaticDefinition[] = [
  base('T1', { unit: 'percent', target: pct(1), cumulative: false, module: 'press', breakdowns: ['province', 'orgKind'] }),
  base('T2a', { unit: 'percent', target: pct(1), cumulative: true, module: 'training', breakdowns: ['province', 'orgKind'] }),
  base('T2b', { unit: 'percent', target: pct(1), cumulative: true, module: 'training', breakdowns: ['province', 'orgKind'] }),
  base('T2c', { unit: 'percent', target: pct(1), cumulative: true, module: 'training', breakdowns: ['province', 'orgKind'] }),
  base('T2d', { unit: 'percent', target: pct(0.7), cumulative: true, module: 'training', breakdowns: ['province', 'orgKind'] }),
  base('T3', {
    unit: 'count',
    target: { kind: 'at_least', value: 63 },
    provinceTarget: 'units63',
    cumulative: true,
    module: 'exhibitions',
    breakdowns: ['province', 'organiser'],
  }),
  base('T4a', {
    unit: 'count',
    target: { kind: 'at_least', value: 1000 },
    cumulative: true,
    module: 'library',
    breakdowns: ['province', 'orgKind', 'language'],
  }),
  base('T4b', {
    unit: 'percent',
    target: { kind: 'band', min: 0.15, max: 0.2 },
    cumulative: false,
    module: 'library',
    breakdowns: ['province', 'orgKind', 'part', 'language', 'channel', 'audience', 'kind'],
  }),
  base('T5a', { unit: 'percent', target: pct(1), cumulative: true, module: 'library', breakdowns: ['orgKind', 'kind'] }),
  base('T5b', {
    unit: 'percent',
    target: { kind: 'below', value: 0.1 },
    cumulative: false,
    module: 'factcheck',
    breakdowns: ['platform', 'topic', 'language'],
    pendingLabel: { vi: 'chưa rà soát', en: 'unreviewed' },
  }),
  base('T5c', { unit: 'percent', target: pct(0.9), cumulative: false, module: 'factcheck', breakdowns: ['platform', 'topic', 'language'] }),
  base('T6', { unit: 'percent', target: pct(1), cumulative: true, module: 'recommendations', breakdowns: ['orgKind'] }),
];

/** The target as written in the decision (the portal's wording). */
export function targetLabel(id: IndicatorId): Bilingual {
  const t = TARGETS.find((x) => x.id === id);
  return t ? t.figure : { vi: '', en: '' };
}

export function definitionText(id: IndicatorId): Bilingual {
  const t = TARGETS.find((x) => x.id === id);
  return t ? t.text : NAMES[id];
}

export const MODULE_NAMES: Record<string, Bilingual> = {
  press: { vi: 'Báo chí', en: 'Press' },
  training: { vi: 'Tập huấn', en: 'Training' },
  exhibitions: { vi: 'Triển lãm', en: 'Exhibitions' },
  library: { vi: 'Thư viện', en: 'Library' },
  factcheck: { vi: 'Kiểm chứng thông tin', en: 'Fact-checking' },
  recommendations: { vi: 'Khuyến nghị UPR', en: 'UN recommendations' },
};

/** How a card's status is decided; shown with the dashboard. */
export const STATUS_RULE: Bilingual = {
  vi: 'Giá trị kỳ vọng là giá trị lộ trình của năm kết thúc kỳ (lộ trình do Văn phòng Đề án đặt; mặc định tăng tuyến tính từ mức cơ sở năm 2023 đến mục tiêu năm 2028). Đúng tiến độ: đạt hoặc vượt giá trị kỳ vọng (với chỉ tiêu "dưới x%": không vượt quá). Với chỉ tiêu là một khoảng (T4b: 15–20%): trong khoảng là đúng tiến độ; ngoài khoảng thì lộ trình mặc định đi từ mức cơ sở tới cận gần nhất của khoảng, và đúng tiến độ khi giá trị nằm giữa lộ trình và khoảng. Có nguy cơ: kém không quá 10 điểm phần trăm (chỉ tiêu đếm: không quá 10% giá trị kỳ vọng). Chậm tiến độ: kém hơn nữa. Chưa có số liệu: chưa có hồ sơ nào trong mẫu số. Khi xem một tỉnh: tỉ lệ được so với cùng mục tiêu; số tỉnh có triển lãm (T3) được so với mục tiêu riêng của tỉnh (các đơn vị cũ của tỉnh trên bản đồ 63 đơn vị); số đầu sách (T4a) là mục tiêu toàn quốc nên tỉnh chỉ có phần đóng góp, không đánh giá.',
  en: "The expected value is the trajectory's value for the year the period ends in (the programme office sets the trajectory; by default linear from the 2023 baseline to the 2028 target). On track: at or beyond the expected value (for a \"below x%\" target: not above it). For a band target (T4b: 15–20%): inside the band is on track; outside it, the default trajectory runs from the baseline to the band's nearer edge, and the value is on track between the trajectory and the band. At risk: short of it by at most 10 percentage points (count targets: by at most 10% of the expected value). Off track: further behind. No data: no record in the denominator yet. For one province: shares are judged against the same target; the count of provinces with an exhibition (T3) against the province's own target (its former units on the 63-unit map); book titles (T4a) are a national target, so a province shows its contribution, not judged.",
};
