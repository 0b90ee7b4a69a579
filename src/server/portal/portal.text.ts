// The portal's own interface words, in both languages. Programme facts live in programme.ts.
import type { Lang } from './programme.js';
import { fmtNumber } from '../kernel/format.js';

export const UI = {
  vi: {
    siteName: 'RightsHub',
    demoLoading: 'Dữ liệu mẫu đang được nạp; các trang sẽ đầy đủ sau ít phút.',
    skip: 'Chuyển đến nội dung chính',
    navLabel: 'Chuyên mục',
    switchLabel: 'English',
    switchLang: 'en' as Lang,
    signIn: 'Đăng nhập',
    signInOther: 'Staff sign-in',
    approvedBy: 'Phê duyệt theo',
    purpose: 'Mục đích',
    targets: 'Mục tiêu cụ thể đến năm 2028',
    targetsCaption: 'Các mục tiêu cụ thể của Đề án đến năm 2028',
    colId: 'Mã',
    colTarget: 'Mục tiêu',
    colFigure: 'Chỉ tiêu',
    t3Note:
      'Mục tiêu T3 được đặt theo 63 tỉnh, thành phố trước khi sắp xếp đơn vị hành chính. Từ ngày 1/7/2025 cả nước có 34 đơn vị hành chính cấp tỉnh; hệ thống lưu cả hai bản đồ và bảng đối chiếu giữa chúng.',
    audiences: 'Đối tượng truyền thông',
    sections: 'Chuyên mục',
    sectionTargets: 'Mục tiêu',
    comingSoon: 'Chuyên mục này đang được xây dựng và sẽ sớm ra mắt.',
    backHome: 'Về trang chủ',
    notFoundTitle: 'Không tìm thấy trang',
    notFoundText: 'Trang bạn tìm không tồn tại hoặc đã được chuyển đi.',
    sources: 'Nguồn dữ liệu',
    sourceDecision: 'Mục đích, mục tiêu và đối tượng: ',
    mapLicence: 'Ranh giới tỉnh: Open Development Mekong / Dept. of Survey and Mapping (Viet Nam)',
  },
  en: {
    siteName: 'RightsHub',
    demoLoading: 'Demo data is still loading; the pages will be complete in a few minutes.',
    skip: 'Skip to main content',
    navLabel: 'Sections',
    switchLabel: 'Tiếng Việt',
    switchLang: 'vi' as Lang,
    signIn: 'Staff sign-in',
    signInOther: 'Đăng nhập',
    approvedBy: 'Approved by',
    purpose: 'Purpose',
    targets: 'Targets to reach by 2028',
    targetsCaption: "The programme's targets for 2028",
    colId: 'Id',
    colTarget: 'Target',
    colFigure: 'Figure',
    t3Note:
      'Target T3 was set on the map of 63 provinces and centrally-run cities. Since 1 July 2025 Viet Nam has 34 provincial-level units; the platform keeps both maps and the crosswalk between them.',
    audiences: 'Audiences',
    sections: 'Sections',
    sectionTargets: 'Targets',
    comingSoon: 'This section is coming soon.',
    backHome: 'Back to the home page',
    notFoundTitle: 'Page not found',
    notFoundText: 'The page you asked for does not exist or has moved.',
    sources: 'Data sources',
    sourceDecision: 'Purpose, targets and audiences: ',
    mapLicence: 'Province boundaries: Open Development Mekong / Dept. of Survey and Mapping (Viet Nam)',
  },
} as const;

export type Ui = (typeof UI)[Lang];

/** A whole number as people read it: vi "12.345", en "12,345" (kernel/format). */
export const formatNumber = (n: number, lang: Lang): string => fmtNumber(n, lang);
