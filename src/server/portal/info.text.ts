// The portal's fixed pages linked from every footer: contact, accessibility statement and privacy notice, in both
// languages. What the privacy notice says must match what the forms and the desk do (modules/factcheck/factcheck.desk.ts:
// an e-mail address only with consent, erased once the sender is answered; the per-address rate limit keeps only a keyed hash of the address, deleted with its window).
import { COMPLAINT_REPLY_DAYS } from '../../shared/contracts/factcheck.js';
import { FACTCHECK_PATHS, RATE_MAX, RATE_WINDOW } from './factchecks.text.js';
import { PROGRAMME_NAME, type Lang } from './programme.js';

export type InfoKey = 'contact' | 'accessibility' | 'privacy';

export const INFO_PATHS: Record<InfoKey, Record<Lang, string>> = {
  contact: { vi: '/lien-he', en: '/en/contact' },
  accessibility: { vi: '/tiep-can', en: '/en/accessibility' },
  privacy: { vi: '/quyen-rieng-tu', en: '/en/privacy' },
};

/** A paragraph: text, with links where a part is `[label](href)`. */
export type Para = string;
export interface InfoSection {
  heading: string;
  paras?: Para[];
  list?: Para[];
}
export interface InfoPageText {
  title: string;
  lead: string;
  sections: InfoSection[];
}

const SPOKES = { vi: '/tin-tuc/nguoi-phat-ngon', en: '/en/news/spokespersons' } as const;
const F = FACTCHECK_PATHS;
/** The forms' rate window in minutes (RATE_WINDOW is e.g. '10 minutes'). */
const RATE = RATE_WINDOW.split(' ')[0];

export const INFO: Record<InfoKey, Record<Lang, InfoPageText>> = {
  contact: {
    vi: {
      title: 'Liên hệ',
      lead: `Cổng thông tin của ${PROGRAMME_NAME.vi}. Mỗi loại câu hỏi có một nơi nhận, để được trả lời nhanh nhất.`,
      sections: [
        {
          heading: 'Câu hỏi của báo chí về hoạt động của một cơ quan',
          paras: [
            `Liên hệ người phát ngôn của cơ quan đó: danh sách [người phát ngôn và thông tin liên hệ công khai](${SPOKES.vi}). Mỗi thông cáo báo chí cũng ghi người phát ngôn của cơ quan vào ngày công bố.`,
          ],
        },
        {
          heading: 'Thông tin sai lệch về quyền con người',
          paras: [`Gửi cho bộ phận kiểm chứng qua mẫu [gửi tin đáng ngờ](${F.submit.vi}). Không cần để lại thông tin cá nhân.`],
        },
        {
          heading: 'Khiếu nại, góp ý về cổng thông tin, khả năng tiếp cận hoặc dữ liệu cá nhân',
          paras: [
            `Dùng mẫu [khiếu nại, góp ý](${F.complaints.vi}): về một bài kiểm chứng cụ thể, hoặc về bộ phận kiểm chứng và cổng thông tin nói chung. Chúng tôi trả lời trong vòng ${COMPLAINT_REPLY_DAYS} ngày nếu bạn để lại địa chỉ e-mail.`,
          ],
        },
      ],
    },
    en: {
      title: 'Contact',
      lead: `The portal of the ${PROGRAMME_NAME.en}. Each kind of question has its own place, so that it is answered soonest.`,
      sections: [
        {
          heading: "A journalist's question about an agency's work",
          paras: [
            `Contact that agency's spokesperson: see the [spokespersons and their public contact details](${SPOKES.en}). Each press release also names the agency's spokesperson on the day it was published.`,
          ],
        },
        {
          heading: 'False information about human rights',
          paras: [`Send it to the fact-checking desk with the [suspicious claim form](${F.submit.en}). No personal details are needed.`],
        },
        {
          heading: 'Complaints and comments on the portal, its accessibility or personal data',
          paras: [
            `Use the [complaints form](${F.complaints.en}): about one fact-check, or about the desk and the portal in general. We answer within ${COMPLAINT_REPLY_DAYS} days if you leave an e-mail address.`,
          ],
        },
      ],
    },
  },
  accessibility: {
    vi: {
      title: 'Tuyên bố về khả năng tiếp cận',
      lead: 'Cổng thông tin này dành cho mọi người, kể cả người dùng trình đọc màn hình, bàn phím, phóng to chữ hoặc điện thoại. Mục tiêu của chúng tôi là đáp ứng tiêu chuẩn WCAG 2.2 mức AA.',
      sections: [
        {
          heading: 'Bạn có thể',
          list: [
            'dùng mọi trang chỉ bằng bàn phím; liên kết "Chuyển đến nội dung chính" ở đầu mỗi trang;',
            'đọc mọi trang khi tắt JavaScript: cổng thông tin không dùng mã chạy trên trình duyệt;',
            'phóng to chữ đến 200% và dùng trên màn hình rộng 320 điểm ảnh mà không phải cuộn ngang;',
            'đọc số liệu của mọi biểu đồ và bản đồ trong bảng đi kèm; tình trạng của mỗi mục tiêu được ghi bằng chữ và ký hiệu, không chỉ bằng màu;',
            'nghe nội dung tiếng Việt trên trang tiếng Anh (và ngược lại) bằng đúng giọng đọc: văn bản được đánh dấu ngôn ngữ.',
          ],
        },
        {
          heading: 'Cách chúng tôi kiểm tra',
          paras: [
            'Mỗi thay đổi của cổng thông tin được kiểm tra tự động bằng axe-core trên các trang chính bằng cả hai ngôn ngữ (không cho phép lỗi mức nghiêm trọng), và bằng kiểm tra thủ công với bàn phím.',
          ],
        },
        {
          heading: 'Những phần chưa đạt',
          list: [
            'Tệp đính kèm (PDF, Word) do các cơ quan tải lên có thể chưa được gắn thẻ cho trình đọc màn hình.',
            'Ảnh trong triển lãm trực tuyến có chú thích, nhưng không phải ảnh nào cũng có mô tả chi tiết.',
            'Một số nội dung chỉ có bằng tiếng Việt.',
          ],
        },
        {
          heading: 'Báo cho chúng tôi một vấn đề',
          paras: [
            `Nếu bạn gặp khó khăn khi dùng một trang, hãy cho chúng tôi biết qua mẫu [khiếu nại, góp ý](${F.complaints.vi}), kèm địa chỉ trang. Chúng tôi trả lời trong vòng ${COMPLAINT_REPLY_DAYS} ngày nếu bạn để lại e-mail.`,
          ],
        },
      ],
    },
    en: {
      title: 'Accessibility statement',
      lead: 'This portal is for everyone, including people who use a screen reader, a keyboard, enlarged text or a phone. We aim to meet WCAG 2.2 at level AA.',
      sections: [
        {
          heading: 'You can',
          list: [
            'use every page with a keyboard alone; a "Skip to main content" link opens each page;',
            'read every page with JavaScript switched off: the portal runs no code in the browser;',
            'zoom text to 200% and use a screen 320 pixels wide without scrolling sideways;',
            "read the figures of every chart and map in the table that comes with it; each target's status is given in words and a symbol, never by colour alone;",
            'hear Vietnamese text on an English page (and the other way round) in the right voice: text is marked with its language.',
          ],
        },
        {
          heading: 'How we test',
          paras: [
            'Every change to the portal is checked automatically with axe-core on the main pages in both languages (no serious or critical issue allowed), and by hand with a keyboard.',
          ],
        },
        {
          heading: 'What is not yet accessible',
          list: [
            'Attachments (PDF, Word) uploaded by agencies may not be tagged for screen readers.',
            'Photos in online exhibitions have captions, but not all have a detailed description.',
            'Some content exists in Vietnamese only.',
          ],
        },
        {
          heading: 'Tell us about a problem',
          paras: [
            `If a page is hard to use, tell us with the [complaints form](${F.complaints.en}), giving the page's address. We answer within ${COMPLAINT_REPLY_DAYS} days if you leave an e-mail address.`,
          ],
        },
      ],
    },
  },
  privacy: {
    vi: {
      title: 'Thông báo về quyền riêng tư',
      lead: 'Cổng thông tin không yêu cầu đăng ký, không đặt cookie và không dùng công cụ theo dõi hay quảng cáo. Thông tin cá nhân duy nhất có thể được thu thập là địa chỉ e-mail bạn tự nguyện để lại trong hai mẫu của bộ phận kiểm chứng.',
      sections: [
        {
          heading: 'Chúng tôi thu thập gì',
          list: [
            `Mẫu [gửi tin đáng ngờ](${F.submit.vi}): nội dung và đường dẫn bạn gửi; địa chỉ e-mail nếu bạn muốn được trả lời.`,
            `Mẫu [khiếu nại, góp ý](${F.complaints.vi}): nội dung khiếu nại; địa chỉ e-mail nếu bạn muốn được trả lời.`,
            'Nhật ký kỹ thuật của máy chủ: thời điểm, trang được yêu cầu và địa chỉ IP, như mọi máy chủ web.',
          ],
        },
        {
          heading: 'Để làm gì',
          list: [
            'Địa chỉ e-mail chỉ dùng để trả lời bạn về tin bạn gửi hoặc khiếu nại của bạn; không dùng cho mục đích nào khác và không chuyển cho ai.',
            `Để chống gửi tự động, mỗi địa chỉ IP chỉ được gửi tối đa ${RATE_MAX} lần trong ${RATE} phút; việc đếm chỉ giữ địa chỉ dưới dạng mã hoá một chiều (không thể đọc lại địa chỉ IP), và bị xoá khi hết ${RATE} phút đó.`,
            'Nhật ký máy chủ chỉ dùng để vận hành và bảo đảm an toàn hệ thống.',
          ],
        },
        {
          heading: 'Lưu trong bao lâu',
          paras: [
            'Địa chỉ e-mail chỉ được lưu khi bạn đánh dấu ô đồng ý, và bị xoá ngay khi khiếu nại được trả lời hoặc tin bạn gửi được xử lý xong. Thư trả lời cho bạn biết địa chỉ đã bị xoá. Địa chỉ không bao giờ được ghi vào nhật ký kiểm toán.',
            'Nội dung tin gửi và khiếu nại (không kèm e-mail) được giữ làm hồ sơ công việc của bộ phận kiểm chứng.',
          ],
        },
        {
          heading: 'Liên hệ về dữ liệu của bạn',
          paras: [
            `Để hỏi về dữ liệu của bạn, hoặc đề nghị xoá địa chỉ e-mail trước khi được trả lời, hãy dùng mẫu [khiếu nại, góp ý](${F.complaints.vi}) (chọn góp ý chung). Các kênh liên hệ khác có ở trang [Liên hệ](/lien-he).`,
          ],
        },
      ],
    },
    en: {
      title: 'Privacy notice',
      lead: "The portal needs no account, sets no cookie and uses no tracking or advertising tools. The only personal data it may collect is an e-mail address you choose to leave in one of the fact-checking desk's two forms.",
      sections: [
        {
          heading: 'What we collect',
          list: [
            `The [suspicious claim form](${F.submit.en}): what you send and its link; your e-mail address if you want an answer.`,
            `The [complaints form](${F.complaints.en}): your complaint; your e-mail address if you want an answer.`,
            "The server's technical log: the time, the page asked for and the IP address, as for any web server.",
          ],
        },
        {
          heading: 'Why',
          list: [
            'An e-mail address is used only to answer you about what you sent or your complaint; for nothing else, and it is given to no one.',
            `Against automated sending, each IP address may send at most ${RATE_MAX} forms in ${RATE} minutes; the count keeps the address only as a one-way hash (the IP address cannot be read back from it), deleted once those ${RATE} minutes are over.`,
            'The server log is used only to run the system and keep it secure.',
          ],
        },
        {
          heading: 'How long',
          paras: [
            'An e-mail address is kept only if you tick the consent box, and erased as soon as your complaint is answered or what you sent has been dealt with. The reply tells you it has been erased. Addresses never enter the audit log.',
            "What you sent and your complaint (without the e-mail address) are kept as the desk's working records.",
          ],
        },
        {
          heading: 'Whom to contact about your data',
          paras: [
            `To ask about your data, or to have your e-mail address erased before you are answered, use the [complaints form](${F.complaints.en}) (a general comment). Other ways to reach us are on the [Contact](/en/contact) page.`,
          ],
        },
      ],
    },
  },
};

export const FOOTER = {
  vi: { heading: 'Về cổng thông tin', contact: 'Liên hệ', accessibility: 'Khả năng tiếp cận', privacy: 'Quyền riêng tư' },
  en: { heading: 'About this portal', contact: 'Contact', accessibility: 'Accessibility statement', privacy: 'Privacy notice' },
} as const;
