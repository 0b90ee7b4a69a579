/**
 * The programme the portal presents: Decision No. 1079/QĐ-TTg (14 September 2022), approving the
 * Communication Programme on Human Rights in Viet Nam, 2023–2028. Vietnamese follows the decision's
 * own wording (data/reference/decision-1079-article.vi.txt); English is the working rendering in
 * data/reference/programme.md. Ids T1–T6 are the ones code, tests and docs use.
 */
export type Lang = 'vi' | 'en';
export type Text = Record<Lang, string>;

export interface Target {
  id: string;
  /** The numbered objective it belongs to: T1 … T6. */
  group: 'T1' | 'T2' | 'T3' | 'T4' | 'T5' | 'T6';
  text: Text;
  figure: Text;
}

export const PROGRAMME_NAME: Text = {
  vi: 'Đề án truyền thông về quyền con người ở Việt Nam giai đoạn 2023–2028',
  en: 'Communication Programme on Human Rights in Viet Nam, 2023–2028',
};

export const DECISION: Text = {
  vi: 'Quyết định số 1079/QĐ-TTg ngày 14/9/2022 của Thủ tướng Chính phủ',
  en: "Prime Minister's Decision No. 1079/QĐ-TTg of 14 September 2022",
};

export const PURPOSE: Text = {
  vi:
    'Truyền thông về quyền con người nhằm tạo sự chuyển biến trong nhận thức, hiểu biết của toàn xã hội về các quyền con người; ' +
    'thông tin đầy đủ giúp người dân trong nước, đồng bào ở nước ngoài và bạn bè quốc tế hiểu rõ về quan điểm, chủ trương, ' +
    'nỗ lực và kết quả đạt được trong công tác bảo vệ và thúc đẩy quyền con người ở Việt Nam; nâng cao uy tín của Việt Nam ' +
    'trong lĩnh vực quyền con người ở phạm vi trong nước, khu vực và trên thế giới.',
  en:
    'Communicate about human rights so that the whole society understands them better; give people in Viet Nam, ' +
    "Vietnamese abroad and international partners full information on Viet Nam's views, policies, efforts and results " +
    "in protecting and promoting human rights; raise Viet Nam's standing in the field at home, in the region and in the world.",
};

const TRAINED_VI =
  'được cập nhật thông tin tình hình công tác quyền con người ở Việt Nam, tập huấn kiến thức, kỹ năng truyền thông về quyền con người';
const TRAINED_EN = 'are updated on the human-rights situation in Viet Nam and trained in human-rights communication knowledge and skills';

export const TARGETS: readonly Target[] = [
  {
    id: 'T1',
    group: 'T1',
    text: {
      vi: 'Cơ quan hành chính nhà nước thực hiện cơ chế phát ngôn và cung cấp thông tin định kỳ cho báo chí về công tác quyền con người',
      en: 'State administrative agencies run the spokesperson mechanism and give the press periodic information on their human-rights work',
    },
    figure: { vi: '100% cơ quan', en: '100% of agencies' },
  },
  {
    id: 'T2a',
    group: 'T2',
    text: { vi: `Cán bộ làm công tác quyền con người ${TRAINED_VI}`, en: `Officials working on human rights ${TRAINED_EN}` },
    figure: { vi: '100%', en: '100%' },
  },
  {
    id: 'T2b',
    group: 'T2',
    text: {
      vi: `Cán bộ làm công tác quản lý thông tin, truyền thông ${TRAINED_VI}`,
      en: `Officials working on information and communication management ${TRAINED_EN}`,
    },
    figure: { vi: '100%', en: '100%' },
  },
  {
    id: 'T2c',
    group: 'T2',
    text: {
      vi: `Nhân sự tham gia công tác thông tin đối ngoại của các cơ quan báo chí ${TRAINED_VI}`,
      en: `Staff of press agencies who work on external (foreign-facing) information ${TRAINED_EN}`,
    },
    figure: { vi: '100%', en: '100%' },
  },
  {
    id: 'T2d',
    group: 'T2',
    text: {
      vi: `Cán bộ chủ chốt của các tổ chức chính trị - xã hội ở cấp trung ương và cấp tỉnh, thành phố trực thuộc trung ương ${TRAINED_VI}`,
      en: `Key officials of socio-political organisations at central and provincial level ${TRAINED_EN}`,
    },
    figure: { vi: '70%', en: '70%' },
  },
  {
    id: 'T3',
    group: 'T3',
    text: {
      vi: 'Tổ chức chuỗi triển lãm ảnh, tài liệu lưu trữ về quyền con người ở Việt Nam bằng tiếng Việt và tiếng nước ngoài',
      en: 'A series of photo and archival-document exhibitions on human rights in Viet Nam, in Vietnamese and foreign languages',
    },
    figure: {
      vi: 'Tại 63 tỉnh, thành phố và một số địa bàn trọng điểm ở nước ngoài',
      en: 'In all 63 provinces and centrally-run cities, and at some key locations abroad',
    },
  },
  {
    id: 'T4a',
    group: 'T4',
    text: {
      vi: 'Biên soạn, xuất bản và tái bản đầu sách về quyền con người',
      en: 'Human-rights book titles compiled, published or re-published',
    },
    figure: { vi: '1.000 đầu sách', en: '1,000 titles' },
  },
  {
    id: 'T4b',
    group: 'T4',
    text: {
      vi: 'Tỉ trọng các sản phẩm truyền thông bằng tiếng dân tộc, tiếng nước ngoài và sản phẩm truyền thông trên nền tảng số trong tổng số sản phẩm truyền thông về quyền con người',
      en: 'Share of communication products in ethnic-minority languages, in foreign languages and on digital platforms, among all human-rights communication products',
    },
    figure: { vi: 'Từ 15% đến 20%', en: '15% to 20%' },
  },
  {
    id: 'T5a',
    group: 'T5',
    text: {
      vi: 'Nguồn dữ liệu và sản phẩm truyền thông của Đề án được số hóa, kết nối, sử dụng chung và phổ biến trên không gian mạng',
      en: 'Data sources and communication products of the programme digitised, connected, shared and disseminated online',
    },
    figure: { vi: '100%', en: '100%' },
  },
  {
    id: 'T5b',
    group: 'T5',
    text: {
      vi: 'Thông tin sai lệch, tin giả, tin xấu độc xâm hại quyền con người trên không gian mạng, trong tổng số thông tin về quyền con người ở Việt Nam',
      en: 'False, "toxic" or distorted information that infringes human rights, as a share of all online information on human rights in Viet Nam',
    },
    figure: { vi: 'Giảm xuống dưới 10%', en: 'Below 10%' },
  },
  {
    id: 'T5c',
    group: 'T5',
    text: {
      vi: 'Tin giả, tin xấu độc xâm hại quyền con người trên không gian mạng được phát hiện, xử lý',
      en: 'Such false information detected and handled',
    },
    figure: { vi: '90%', en: '90%' },
  },
  {
    id: 'T6',
    group: 'T6',
    text: {
      vi:
        'Hoàn thành việc thực hiện khuyến nghị của quốc tế về tăng cường truyền thông, nâng cao nhận thức về quyền con người đã được ' +
        'Chính phủ Việt Nam chấp thuận, bao gồm khuyến nghị số 63, 67, 86 theo cơ chế Rà soát định kỳ phổ quát (UPR) của ' +
        'Hội đồng Nhân quyền Liên hợp quốc chu kỳ III',
      en:
        'International recommendations accepted by the Government on strengthening communication and awareness of human rights ' +
        "completed, including recommendations 63, 67 and 86 of the third cycle of the UN Human Rights Council's Universal Periodic Review (UPR)",
    },
    figure: { vi: '100%', en: '100%' },
  },
];

/** The six target groups (đối tượng truyền thông), in the decision's order. */
export const AUDIENCES: readonly Text[] = [
  {
    vi: 'Cán bộ làm công tác quyền con người, truyền thông, thông tin đối ngoại, công tác vận động quần chúng cấp trung ương, địa phương ở trong nước và các cơ quan đại diện ngoại giao Việt Nam ở nước ngoài.',
    en: "Officials working on human rights, communication, external information and mass mobilisation at central and local level, and Viet Nam's diplomatic missions abroad.",
  },
  {
    vi: 'Các tầng lớp nhân dân, các cộng đồng tôn giáo, dân tộc, đặc biệt là giới trí thức, chức sắc tôn giáo, người có uy tín trong các cộng đồng dân tộc thiểu số, thanh niên, sinh viên, học sinh, người có uy tín, ảnh hưởng trong cộng đồng mạng.',
    en: 'People of all walks of life, religious communities and ethnic groups — especially intellectuals, religious dignitaries, respected persons in ethnic-minority communities, young people, university and school students, and people with influence online.',
  },
  {
    vi: 'Báo chí, truyền thông trong nước và quốc tế.',
    en: 'Domestic and international press and media.',
  },
  {
    vi: 'Cộng đồng người Việt Nam ở nước ngoài; học sinh, sinh viên, nghiên cứu sinh Việt Nam đang học tập ở nước ngoài.',
    en: 'The Vietnamese community abroad, and Vietnamese pupils, students and researchers studying abroad.',
  },
  {
    vi: 'Các cơ quan đại diện ngoại giao của các nước, văn phòng đại diện của các tổ chức quốc tế, khu vực và hãng thông tấn, báo chí quốc tế tại Việt Nam, các tổ chức phi chính phủ nước ngoài đang hoạt động tại Việt Nam, các doanh nghiệp có vốn đầu tư nước ngoài, cộng đồng người nước ngoài định cư ở Việt Nam.',
    en: 'Foreign diplomatic missions, representative offices of international and regional organisations, international news agencies in Viet Nam, foreign NGOs working in Viet Nam, foreign-invested enterprises, and foreigners living in Viet Nam.',
  },
  {
    vi: 'Chính giới, các tổ chức chính trị, xã hội, dân sự các nước, các tổ chức quốc tế, khu vực và các tổ chức phi chính phủ có uy tín trong lĩnh vực quyền con người, đặc biệt là các tổ chức có thiện cảm với Việt Nam.',
    en: 'Political circles and political, social and civil organisations of other countries, international and regional organisations and reputable NGOs in the human-rights field, especially those well disposed towards Viet Nam.',
  },
];

export type SectionKey = 'news' | 'library' | 'exhibitions' | 'factChecks' | 'recommendations' | 'progress';

export interface Section {
  key: SectionKey;
  path: Text;
  title: Text;
  summary: Text;
  targets: string;
}

/** The portal's sections; each becomes a module's public pages as the modules land. */
export const SECTIONS: readonly Section[] = [
  {
    key: 'news',
    path: { vi: '/tin-tuc', en: '/en/news' },
    title: { vi: 'Tin tức', en: 'News' },
    targets: 'T1',
    summary: { vi: 'Thông cáo báo chí, họp báo và người phát ngôn', en: 'Press releases, briefings and spokespersons' },
  },
  {
    key: 'library',
    path: { vi: '/thu-vien', en: '/en/library' },
    title: { vi: 'Thư viện', en: 'Library' },
    targets: 'T4a, T4b, T5a',
    summary: {
      vi: 'Sách, ấn phẩm và sản phẩm truyền thông về quyền con người',
      en: 'Books, publications and communication products on human rights',
    },
  },
  {
    key: 'exhibitions',
    path: { vi: '/trien-lam', en: '/en/exhibitions' },
    title: { vi: 'Triển lãm', en: 'Exhibitions' },
    targets: 'T3',
    summary: {
      vi: 'Triển lãm ảnh, tài liệu lưu trữ, trực tiếp và trực tuyến',
      en: 'Photo and archival-document exhibitions, on site and online',
    },
  },
  {
    key: 'factChecks',
    path: { vi: '/kiem-chung', en: '/en/fact-checks' },
    title: { vi: 'Kiểm chứng thông tin', en: 'Fact-checks' },
    targets: 'T5b, T5c',
    summary: {
      vi: 'Thông tin sai lệch về quyền con người được phát hiện và làm rõ',
      en: 'False information on human rights, detected and answered',
    },
  },
  {
    key: 'recommendations',
    path: { vi: '/khuyen-nghi', en: '/en/recommendations' },
    title: { vi: 'Khuyến nghị UPR', en: 'UPR recommendations' },
    targets: 'T6',
    summary: { vi: 'Tình hình thực hiện các khuyến nghị đã chấp thuận', en: 'How the accepted recommendations are being implemented' },
  },
  {
    key: 'progress',
    path: { vi: '/tien-do', en: '/en/progress' },
    title: { vi: 'Tiến độ Đề án', en: 'Programme progress' },
    targets: 'T1–T6',
    summary: { vi: 'Kết quả thực hiện các mục tiêu, tính từ dữ liệu thực tế', en: 'Progress on each target, computed from the records' },
  },
];
