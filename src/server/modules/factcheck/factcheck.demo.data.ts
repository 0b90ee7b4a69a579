// The fact-checking demo's content: claims with their fact-checks (sources are the texts of Vietnamese law and UN
// pages, quoted as relied on), and the wording of the monitored items the demo feeds carry (data/demo/feeds/*.xml,
// written by scripts/demo-feeds.ts from this file, so the demo needs no outside network). Every item is invented for
// the demo: paraphrases of the claims (with and without diacritics, in English), reposts, on-topic news that is not
// false, off-topic posts, and posts the on-topic rules are unsure about. No author, handle or name is in any of them.

export type DemoEvidence = { url: string; title: string; snapshot: string; fetchedAt: string };
export type DemoClaim = {
  key: string;
  text: string;
  topics: string[];
  /** The fact-check: rating and rationale; `state` is where the demo leaves it. */
  rating: 'false' | 'partly_false' | 'missing_context' | 'true' | 'unverifiable';
  rationaleVi: string;
  rationaleEn: string;
  evidence: DemoEvidence[];
  state: 'researching' | 'drafted' | 'published' | 'corrected';
  /** Day the fact-check was published (approved the day before). */
  publishedOn?: string;
  correction?: { on: string; ratingCode: DemoClaim['rating']; rationaleVi: string; note: string };
  /** How the items of the feeds repeat it. */
  paraphrases: string[];
};

/** Where the texts of law are published (the national legal database and the National Assembly). */
const CONSTITUTION = 'https://quochoi.vn/';
const LAWS = 'https://vbpl.vn/';
const fetched = '2025-07-20T02:00:00Z';

export const DEMO_CLAIMS: DemoClaim[] = [
  {
    key: 'religion-ban',
    text: 'Việt Nam cấm mọi hoạt động tôn giáo từ năm 2026',
    topics: ['religion'],
    rating: 'false',
    state: 'published',
    publishedOn: '2025-08-12',
    rationaleVi:
      'Hiến pháp 2013 (Điều 24) và Luật Tín ngưỡng, tôn giáo 2016 (Điều 6) bảo đảm quyền tự do tín ngưỡng, tôn giáo của mọi người; không có văn bản nào cấm hoạt động tôn giáo từ năm 2026. Các tổ chức tôn giáo vẫn được công nhận và hoạt động theo luật.',
    rationaleEn:
      "The 2013 Constitution (Article 24) and the 2016 Law on Belief and Religion (Article 6) guarantee everyone's freedom of belief and religion; no legal text bans religious activity from 2026. Religious organisations are still recognised and operate under the law.",
    evidence: [
      {
        url: CONSTITUTION,
        title: 'Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam năm 2013, Điều 24',
        snapshot:
          'Điều 24. 1. Mọi người có quyền tự do tín ngưỡng, tôn giáo, theo hoặc không theo một tôn giáo nào. Các tôn giáo bình đẳng trước pháp luật. 2. Nhà nước tôn trọng và bảo hộ quyền tự do tín ngưỡng, tôn giáo.',
        fetchedAt: fetched,
      },
      {
        url: LAWS,
        title: 'Luật Tín ngưỡng, tôn giáo số 02/2016/QH14, Điều 6',
        snapshot:
          'Điều 6. Quyền tự do tín ngưỡng, tôn giáo của người. 1. Mỗi người có quyền tự do tín ngưỡng, tôn giáo, theo hoặc không theo một tôn giáo nào.',
        fetchedAt: fetched,
      },
    ],
    paraphrases: [
      'Từ năm 2026 Việt Nam sẽ cấm tất cả các hoạt động tôn giáo, nhà thờ và chùa phải đóng cửa',
      'Nghe nói Việt Nam cấm mọi hoạt động tôn giáo từ năm 2026, tự do tôn giáo chấm dứt',
      'Viet Nam cam moi hoat dong ton giao tu nam 2026, chia se cho moi nguoi biet',
      'Vietnam will ban all religious activities from 2026, religious freedom is over',
      'Tin nóng: chính quyền Việt Nam cấm hoạt động tôn giáo từ năm 2026 trên toàn quốc',
    ],
  },
  {
    key: 'mother-tongue',
    text: 'Học sinh dân tộc thiểu số bị cấm học tiếng mẹ đẻ ở trường',
    topics: ['minorities', 'children'],
    rating: 'false',
    state: 'published',
    publishedOn: '2025-09-03',
    rationaleVi:
      'Luật Giáo dục 2019 (Điều 11) quy định Nhà nước tạo điều kiện để người dân tộc thiểu số được học tiếng nói, chữ viết của dân tộc mình; nhiều tỉnh dạy tiếng dân tộc thiểu số trong trường phổ thông. Không có quy định nào cấm học sinh học tiếng mẹ đẻ.',
    rationaleEn:
      'The 2019 Education Law (Article 11) has the State enable ethnic minorities to learn the spoken and written language of their own group; many provinces teach minority languages in schools. No rule bans pupils from learning their mother tongue.',
    evidence: [
      {
        url: LAWS,
        title: 'Luật Giáo dục số 43/2019/QH14, Điều 11',
        snapshot:
          'Điều 11. Ngôn ngữ dùng trong nhà trường và cơ sở giáo dục khác ... 2. Nhà nước tạo điều kiện để người dân tộc thiểu số được học tiếng nói, chữ viết của dân tộc mình theo quy định của Chính phủ.',
        fetchedAt: fetched,
      },
    ],
    paraphrases: [
      'Học sinh người dân tộc thiểu số ở Việt Nam bị cấm nói và học tiếng mẹ đẻ trong trường học',
      'Trẻ em dân tộc thiểu số không được phép học tiếng mẹ đẻ ở trường, quyền trẻ em bị vi phạm',
      'hoc sinh dan toc thieu so bi cam hoc tieng me de o truong, that vo ly',
      'Ethnic minority children in Vietnam are banned from learning their mother tongue at school',
    ],
  },
  {
    key: 'women-vote',
    text: "Vietnam has taken away women's right to vote",
    topics: ['human_rights'],
    rating: 'false',
    state: 'published',
    publishedOn: '2025-10-20',
    rationaleVi:
      'Hiến pháp 2013 (Điều 27) quy định công dân đủ 18 tuổi trở lên có quyền bầu cử, không phân biệt nam nữ; Điều 26 bảo đảm bình đẳng giới. Cuộc bầu cử đại biểu Quốc hội gần nhất có hàng chục triệu cử tri nữ.',
    rationaleEn:
      'The 2013 Constitution (Article 27) gives every citizen aged 18 or over the right to vote, men and women alike; Article 26 guarantees gender equality. Tens of millions of women voted in the latest National Assembly election.',
    evidence: [
      {
        url: CONSTITUTION,
        title: 'Constitution of 2013, Articles 26 and 27',
        snapshot:
          'Điều 26. 1. Công dân nam, nữ bình đẳng về mọi mặt. Điều 27. Công dân đủ mười tám tuổi trở lên có quyền bầu cử và đủ hai mươi mốt tuổi trở lên có quyền ứng cử vào Quốc hội, Hội đồng nhân dân.',
        fetchedAt: fetched,
      },
    ],
    paraphrases: [
      'Women in Vietnam no longer have the right to vote, says a viral post about human rights',
      'Vietnam took away the right to vote from women, human rights groups should react',
      'Phụ nữ Việt Nam bị tước quyền bầu cử, một bài đăng về nhân quyền lan truyền',
    ],
  },
  {
    key: 'child-health',
    text: 'Trẻ em dưới 6 tuổi ở Việt Nam phải tự trả toàn bộ tiền khám chữa bệnh',
    topics: ['children'],
    rating: 'partly_false',
    state: 'corrected',
    publishedOn: '2025-11-14',
    rationaleVi:
      'Trẻ em dưới 6 tuổi được Nhà nước đóng bảo hiểm y tế (Luật Bảo hiểm y tế); khám chữa bệnh đúng tuyến được quỹ chi trả. Một số dịch vụ ngoài phạm vi bảo hiểm vẫn phải trả tiền, nên nhận định sai một phần.',
    rationaleEn:
      'The State pays the health insurance of children under six (Health Insurance Law); care within the insurance rules is paid by the fund. Some services outside the insurance are still paid for, so the claim is partly false.',
    evidence: [
      {
        url: LAWS,
        title: 'Luật Bảo hiểm y tế, Điều 12',
        snapshot: 'Điều 12. Đối tượng tham gia bảo hiểm y tế ... 3. Nhóm do ngân sách nhà nước đóng, bao gồm: ... e) Trẻ em dưới 6 tuổi.',
        fetchedAt: fetched,
      },
    ],
    correction: {
      on: '2025-12-02',
      ratingCode: 'partly_false',
      rationaleVi:
        'Trẻ em dưới 6 tuổi được Nhà nước đóng bảo hiểm y tế (Điều 12 Luật Bảo hiểm y tế); khám chữa bệnh theo quy định được quỹ chi trả, kể cả khi trái tuyến ở một số tuyến theo quy định hiện hành. Một số dịch vụ ngoài phạm vi bảo hiểm vẫn phải trả tiền, nên nhận định sai một phần.',
      note: 'Bổ sung trường hợp khám chữa bệnh trái tuyến; xếp loại không đổi.',
    },
    paraphrases: [
      'Ở Việt Nam trẻ em dưới 6 tuổi phải tự trả toàn bộ tiền khám chữa bệnh, quyền trẻ em ở đâu',
      'tre em duoi 6 tuoi o Viet Nam phai tu tra toan bo tien kham chua benh',
    ],
  },
  {
    key: 'hrc-member',
    text: 'Viet Nam was elected to the UN Human Rights Council for 2023–2025',
    topics: ['human_rights'],
    rating: 'true',
    state: 'published',
    publishedOn: '2025-08-25',
    rationaleVi: 'Ngày 11/10/2022, Đại hội đồng Liên hợp quốc bầu Việt Nam làm thành viên Hội đồng Nhân quyền nhiệm kỳ 2023–2025.',
    rationaleEn: 'On 11 October 2022 the UN General Assembly elected Viet Nam to the Human Rights Council for the 2023–2025 term.',
    evidence: [
      {
        url: 'https://www.ohchr.org/en/hr-bodies/hrc/membership',
        title: 'Membership of the Human Rights Council',
        snapshot: 'Current membership of the Human Rights Council ... Viet Nam ... term 2023–2025.',
        fetchedAt: fetched,
      },
    ],
    paraphrases: [
      'Viet Nam was elected a member of the UN Human Rights Council for the 2023-2025 term',
      'Việt Nam trúng cử thành viên Hội đồng Nhân quyền Liên hợp quốc nhiệm kỳ 2023–2025',
    ],
  },
  {
    key: 'churches-closed',
    text: 'Một tỉnh miền núi đóng cửa toàn bộ nhà thờ trong tháng 10',
    topics: ['religion'],
    rating: 'unverifiable',
    state: 'published',
    publishedOn: '2025-11-05',
    rationaleVi:
      'Bài đăng không nêu tỉnh, thời gian hay văn bản nào; không tìm thấy nguồn chính thức hay báo chí nào ghi nhận việc này. Chúng tôi sẽ xem xét lại nếu có thông tin kiểm chứng được.',
    rationaleEn:
      'The post names no province, date or document; no official source or press report records it. We will review it if verifiable information appears.',
    evidence: [
      {
        url: 'https://btgcp.gov.vn/',
        title: 'Ban Tôn giáo Chính phủ — tin tức tháng 10',
        snapshot: 'Danh mục tin tháng 10 không có thông báo nào về việc đóng cửa cơ sở thờ tự tại các tỉnh miền núi.',
        fetchedAt: '2025-11-03T02:00:00Z',
      },
    ],
    paraphrases: ['Một tỉnh miền núi ở Việt Nam vừa đóng cửa toàn bộ nhà thờ trong tháng 10, tự do tôn giáo bị đe dọa'],
  },
  {
    key: 'union',
    text: 'Người lao động Việt Nam không được thành lập tổ chức đại diện nào ngoài công đoàn',
    topics: ['human_rights'],
    rating: 'false',
    state: 'published',
    publishedOn: '2026-02-10',
    rationaleVi:
      'Bộ luật Lao động 2019 (Điều 170) cho phép người lao động thành lập, gia nhập tổ chức của người lao động tại doanh nghiệp, bên cạnh công đoàn.',
    rationaleEn:
      "The 2019 Labour Code (Article 170) lets workers form and join a workers' organisation at their enterprise, besides the trade union.",
    evidence: [
      {
        url: LAWS,
        title: 'Bộ luật Lao động số 45/2019/QH14, Điều 170',
        snapshot: 'Điều 170. Quyền thành lập, gia nhập và tham gia hoạt động của tổ chức đại diện người lao động tại cơ sở.',
        fetchedAt: '2026-02-05T02:00:00Z',
      },
    ],
    paraphrases: [
      'Ở Việt Nam người lao động không được thành lập bất kỳ tổ chức đại diện nào ngoài công đoàn, nhân quyền bị hạn chế',
      'Workers in Vietnam cannot form any representative organisation other than the trade union, a human rights report claims',
    ],
  },
  {
    key: 'id-disability',
    text: 'Người khuyết tật bị từ chối cấp căn cước ở Việt Nam',
    topics: ['human_rights'],
    rating: 'false',
    state: 'drafted',
    rationaleVi: 'Luật Căn cước 2023 quy định công dân Việt Nam được cấp thẻ căn cước; không có điều khoản nào loại trừ người khuyết tật.',
    rationaleEn: 'The 2023 Identity Law gives every Vietnamese citizen an identity card; no provision excludes people with disabilities.',
    evidence: [
      {
        url: LAWS,
        title: 'Luật Căn cước số 26/2023/QH15, Điều 19',
        snapshot: 'Điều 19. Người được cấp thẻ căn cước. 1. Người được cấp thẻ căn cước là công dân Việt Nam.',
        fetchedAt: '2026-10-20T02:00:00Z',
      },
    ],
    paraphrases: ['Người khuyết tật ở Việt Nam bị từ chối cấp căn cước, quyền con người của họ bị bỏ qua'],
  },
  {
    key: 'journalists-provinces',
    text: 'Vietnam bans foreign journalists from travelling to every province',
    topics: ['expression'],
    rating: 'false',
    state: 'researching',
    rationaleVi: '',
    rationaleEn: '',
    evidence: [],
    paraphrases: ['Foreign journalists are banned from travelling to every province of Vietnam, press freedom is gone'],
  },
];

/** On-topic news that is not false (human rights in Viet Nam), mostly official or press reports. */
export const DEMO_NEWS: string[] = [
  'Việt Nam tổ chức Đối thoại nhân quyền thường niên với Liên minh châu Âu tại Hà Nội',
  'Hội thảo về quyền trẻ em trong môi trường số được tổ chức tại Hà Nội',
  'Bộ Ngoại giao Việt Nam trình bày báo cáo quốc gia theo cơ chế UPR chu kỳ IV về quyền con người',
  'Triển lãm ảnh về quyền con người ở Việt Nam thu hút đông đảo học sinh, sinh viên',
  'Việt Nam tập huấn kỹ năng truyền thông về quyền con người cho cán bộ cấp tỉnh',
  'Sách trắng về bảo đảm quyền của người dân tộc thiểu số ở Việt Nam được ra mắt',
  'Quốc hội Việt Nam thảo luận dự án luật liên quan đến quyền tiếp cận thông tin',
  "Viet Nam hosts a regional workshop on children's rights and online safety",
  'Vietnam presents its national report on human rights to the Universal Periodic Review',
  'Human rights education added to the curriculum of Vietnamese universities',
  'Hà Nội khai mạc tuần lễ phim về bình đẳng giới và nhân quyền',
  'Việt Nam đón đoàn chuyên gia Liên hợp quốc về quyền của người khuyết tật',
  'TP.HCM tổ chức ngày hội pháp luật về quyền trẻ em cho học sinh tiểu học',
  'Báo cáo về tự do tôn giáo: Việt Nam có hơn 40 tổ chức tôn giáo được công nhận',
  'Vietnam and Australia hold their annual human rights dialogue in Canberra',
  'Chương trình truyền thông về quyền con người đến với đồng bào dân tộc thiểu số vùng cao',
  'Cuộc thi tìm hiểu pháp luật về quyền con người thu hút hơn 10.000 bài dự thi ở Việt Nam',
  'Việt Nam phê chuẩn thêm một công ước của Tổ chức Lao động quốc tế về quyền của người lao động',
];

/** Off topic (no human-rights subject and no Viet Nam, or excluded). */
export const DEMO_OFF_TOPIC: string[] = [
  'Giá cà phê tăng mạnh trong tuần này do thời tiết khô hạn',
  'Kết quả xổ số miền Bắc hôm nay và các giải đặc biệt ở Việt Nam, không liên quan quyền con người',
  'Đội tuyển bóng đá giành chiến thắng 2-0 trong trận giao hữu',
  'Dự báo thời tiết: mưa lớn ở các tỉnh miền Trung trong ba ngày tới',
  'Giá vàng trong nước giảm nhẹ sáng nay',
  'Lễ hội ẩm thực đường phố thu hút hàng nghìn du khách',
  'New smartphone models go on sale next month with longer battery life',
  'Tips for growing tomatoes on a small balcony garden',
  'Tuyến metro mới chạy thử nghiệm với tần suất 10 phút một chuyến',
  'Giá xăng dầu điều chỉnh theo kỳ từ chiều nay',
];

/** A human-rights subject without Viet Nam, or Viet Nam without a subject: the rules are unsure; a person decides. */
export const DEMO_UNSURE: string[] = [
  'Nhân quyền là giá trị chung của toàn nhân loại, một bài bình luận',
  'Freedom of expression online: a global report on new platform rules',
  'Quyền trẻ em cần được bảo vệ trong môi trường mạng, chuyên gia khuyến nghị',
  'Hà Nội công bố kế hoạch chỉnh trang các tuyến phố cổ',
  'Press freedom index published for 180 countries this year',
  'Tạm giam nghi phạm trong vụ án lừa đảo qua mạng',
];

/** The three demo feeds: their fixture file, title, platform and format. */
export const DEMO_FEEDS = [
  { fixture: 'tin-tuc-mau.xml', title: 'Tin tức tổng hợp (demo)', platform: 'news', format: 'rss' },
  { fixture: 'blog-mau.xml', title: 'Blog và trang web (demo)', platform: 'web', format: 'atom' },
  { fixture: 'mang-xa-hoi-mau.xml', title: 'Bài đăng mạng xã hội công khai (demo)', platform: 'facebook', format: 'rss' },
] as const;
