// The vocabulary of bench/library.ts's generated products: subjects (Vietnamese, English and French, each with its
// topic and a weight), the forms of each product kind, qualifiers, description sentences and ethnic-minority
// language names. Weights make some words common (quyền, con người) and some rare (khiếm, ngư dân, Chứt), so that
// searches hit very different numbers of products. Fictional bench content: every title ends with "(bench)".
import type { ProductKind } from '../src/shared/contracts/library.js';

/** [Vietnamese, English, French, topic code, weight]. */
export const SUBJECTS: [string, string, string, string, number][] = [
  [
    'Quyền con người trong Hiến pháp năm 2013',
    'Human rights in the 2013 Constitution',
    "Les droits de l'homme dans la Constitution de 2013",
    'civil-political',
    6,
  ],
  ['Quyền trẻ em', "Children's rights", "Les droits de l'enfant", 'children', 8],
  ['Bình đẳng giới và quyền của phụ nữ', "Gender equality and women's rights", "L'égalité entre les femmes et les hommes", 'women', 6],
  ['Phòng, chống bạo lực gia đình', 'Preventing domestic violence', 'La prévention de la violence domestique', 'women', 3],
  ['Quyền của người khuyết tật', 'Rights of persons with disabilities', 'Les droits des personnes handicapées', 'disabilities', 4],
  ['Quyền của người cao tuổi', 'Rights of older persons', 'Les droits des personnes âgées', 'older-persons', 3],
  [
    'Chính sách dân tộc và quyền của đồng bào dân tộc thiểu số',
    'Ethnic policy and the rights of ethnic minorities',
    'La politique ethnique et les droits des minorités',
    'ethnic-minorities',
    5,
  ],
  ['Tự do tín ngưỡng, tôn giáo', 'Freedom of religion and belief', 'La liberté de religion et de conviction', 'religion-belief', 3],
  ['Quyền được học tập', 'The right to education', "Le droit à l'éducation", 'education', 4],
  ['Quyền được chăm sóc sức khỏe', 'The right to health', 'Le droit à la santé', 'health', 4],
  ['Quyền của người lao động di cư', 'Rights of migrant workers', 'Les droits des travailleurs migrants', 'labour-migrants', 3],
  ['Phòng, chống mua bán người', 'Combating human trafficking', 'La lutte contre la traite des êtres humains', 'labour-migrants', 2],
  [
    'Tiếp cận thông tin và tự do ngôn luận',
    'Access to information and freedom of expression',
    "L'accès à l'information et la liberté d'expression",
    'information-expression',
    3,
  ],
  ['Quyền được xét xử công bằng', 'The right to a fair trial', 'Le droit à un procès équitable', 'justice', 2],
  [
    'Cơ chế Rà soát định kỳ phổ quát (UPR)',
    'The Universal Periodic Review (UPR)',
    "L'Examen périodique universel (EPU)",
    'international-cooperation',
    3,
  ],
  [
    'Các công ước quốc tế về quyền con người',
    'International human-rights treaties',
    "Les conventions internationales relatives aux droits de l'homme",
    'international-cooperation',
    3,
  ],
  [
    'Quyền kinh tế, xã hội và văn hóa',
    'Economic, social and cultural rights',
    'Les droits économiques, sociaux et culturels',
    'economic-social-cultural',
    3,
  ],
  ['Bảo đảm an sinh xã hội', 'Social protection', 'La protection sociale', 'economic-social-cultural', 3],
  [
    'Quyền có việc làm và điều kiện lao động công bằng',
    'The right to work and fair working conditions',
    'Le droit au travail et à des conditions de travail justes',
    'labour-migrants',
    2,
  ],
  ['Quyền riêng tư trên không gian mạng', 'Privacy online', 'La vie privée en ligne', 'information-expression', 2],
  [
    'Biến đổi khí hậu và quyền con người',
    'Climate change and human rights',
    "Le changement climatique et les droits de l'homme",
    'economic-social-cultural',
    2,
  ],
  ['Nước sạch và vệ sinh môi trường', 'Clean water and sanitation', "L'eau potable et l'assainissement", 'health', 1],
  ['Quyền có nhà ở phù hợp', 'The right to adequate housing', 'Le droit à un logement convenable', 'economic-social-cultural', 1],
  ['Trợ giúp pháp lý cho người nghèo', 'Legal aid for the poor', "L'aide juridique aux personnes pauvres", 'justice', 2],
  ['Phổ biến, giáo dục pháp luật', 'Legal awareness and education', "L'information et l'éducation juridiques", 'justice', 4],
  ['Quyền bầu cử và ứng cử', 'The right to vote and to stand for election', "Le droit de vote et d'éligibilité", 'civil-political', 2],
  ['Giảm nghèo bền vững', 'Sustainable poverty reduction', 'La réduction durable de la pauvreté', 'economic-social-cultural', 3],
  [
    'Giáo dục quyền con người trong nhà trường',
    'Human-rights education in schools',
    "L'éducation aux droits de l'homme à l'école",
    'education',
    3,
  ],
  [
    'Chuyển đổi số và quyền con người',
    'Digital transformation and human rights',
    "La transformation numérique et les droits de l'homme",
    'information-expression',
    2,
  ],
  [
    'Người khiếm thính, khiếm thị tiếp cận thông tin',
    'Access to information for deaf and blind people',
    "L'accès à l'information des personnes sourdes et aveugles",
    'disabilities',
    0.1,
  ],
  ['Ngư dân và an toàn lao động trên biển', 'Fishers and safety at sea', 'Les pêcheurs et la sécurité en mer', 'labour-migrants', 0.1],
];

/** The forms a product of each kind takes: [Vietnamese, English, French]. */
export const FORMS: Record<ProductKind, [string, string, string][]> = {
  book: [
    ['Sổ tay', 'Handbook', 'Manuel'],
    ['Hỏi đáp', 'Questions and answers', 'Questions-réponses'],
    ['Cẩm nang', 'Guide', 'Guide'],
    ['Tài liệu tuyên truyền', 'Awareness material', 'Document de sensibilisation'],
    ['Sách chuyên khảo', 'Monograph', 'Monographie'],
  ],
  periodical_article: [
    ['Bài nghiên cứu', 'Research article', 'Article de recherche'],
    ['Chuyên đề', 'Special feature', 'Dossier'],
    ['Bài viết', 'Article', 'Article'],
  ],
  news_article: [
    ['Tin', 'News', 'Actualité'],
    ['Bài phản ánh', 'Report', 'Reportage'],
    ['Tin ảnh', 'Photo news', 'Actualité en images'],
  ],
  video: [
    ['Phóng sự truyền hình', 'TV report', 'Reportage télévisé'],
    ['Phim tài liệu', 'Documentary', 'Documentaire'],
    ['Video ngắn', 'Short video', 'Vidéo courte'],
    ['Tọa đàm truyền hình', 'TV talk show', 'Débat télévisé'],
  ],
  audio: [
    ['Chương trình phát thanh', 'Radio programme', 'Émission de radio'],
    ['Podcast', 'Podcast', 'Podcast'],
  ],
  infographic: [
    ['Đồ họa', 'Infographic', 'Infographie'],
    ['Đồ họa thông tin', 'Information graphic', 'Infographie'],
  ],
  photo: [
    ['Bộ ảnh', 'Photo series', 'Série de photos'],
    ['Triển lãm ảnh', 'Photo exhibition', 'Exposition de photos'],
  ],
  archival_document: [
    ['Tài liệu lưu trữ', 'Archival document', "Document d'archives"],
    ['Hồ sơ lưu trữ', 'Archival file', "Dossier d'archives"],
  ],
  exhibition_catalogue: [['Ca-ta-lô triển lãm', 'Exhibition catalogue', "Catalogue d'exposition"]],
  social_media_post: [
    ['Bài đăng', 'Post', 'Publication'],
    ['Clip ngắn', 'Short clip', 'Clip court'],
  ],
  web_page: [
    ['Trang chuyên mục', 'Topic page', 'Page thématique'],
    ['Trang thông tin', 'Information page', "Page d'information"],
  ],
  other: [
    ['Tờ gấp', 'Leaflet', 'Dépliant'],
    ['Áp phích', 'Poster', 'Affiche'],
    ['Pa-nô tuyên truyền', 'Billboard', 'Panneau'],
  ],
};

/** Kinds with their share (percent) and channels. */
export const KINDS: [ProductKind, number, string[]][] = [
  ['book', 10, ['print', 'print', 'print', 'print', 'website', 'mobile_app']],
  ['periodical_article', 15, ['print', 'print', 'online_press']],
  ['news_article', 24, ['online_press', 'online_press', 'online_press', 'print']],
  ['video', 12, ['television', 'television', 'social_media', 'website']],
  ['audio', 8, ['radio', 'radio', 'radio', 'website']],
  ['infographic', 8, ['social_media', 'website', 'online_press']],
  ['photo', 5, ['print', 'social_media', 'outdoor']],
  ['archival_document', 2, ['print']],
  ['exhibition_catalogue', 1, ['print', 'outdoor']],
  ['social_media_post', 10, ['social_media']],
  ['web_page', 4, ['website']],
  ['other', 1, ['other', 'outdoor', 'mobile_app']],
];

/** Qualifiers after a Vietnamese subject (leading space included; '' = none), [text, weight]. */
export const QUALIFIERS: [string, number][] = [
  ['', 40],
  [' cho cán bộ cơ sở', 4],
  [' cho học sinh, sinh viên', 4],
  [' cho đồng bào vùng sâu, vùng xa', 3],
  [' tại tỉnh Lào Cai', 1],
  [' tại Thành phố Hồ Chí Minh', 2],
  [' ở Thủ đô Hà Nội', 2],
  [' tại tỉnh Đắk Lắk', 1],
  [' tại tỉnh Cà Mau', 1],
  [' tại tỉnh Điện Biên', 1],
  [' năm 2023', 2],
  [' năm 2024', 3],
  [' năm 2025', 3],
  [' năm 2026', 3],
  [' trong kỷ nguyên số', 2],
  [' ở khu vực Tây Nguyên', 2],
  [' tại đồng bằng sông Cửu Long', 2],
  [' cho doanh nghiệp', 1],
  [' và vai trò của báo chí', 2],
  [' qua các con số', 2],
  [' trong thời kỳ đổi mới', 2],
  [' cho phụ nữ và trẻ em gái', 1],
  [' ở miền núi phía Bắc', 2],
  [' tại các khu công nghiệp', 1],
  [': những điều cần biết', 3],
  [': thực trạng và giải pháp', 3],
];

/** Ethnic-minority languages of some products: [ISO 639-3, name in Vietnamese after "tiếng"]. */
export const ETHNIC: [string, string][] = [
  ['hmn', 'Mông'],
  ['tyz', 'Tày'],
  ['khm', 'Khmer'],
  ['jra', 'Gia Rai'],
  ['rad', 'Ê Đê'],
  ['ium', 'Dao'],
  ['mtq', 'Mường'],
  ['nut', 'Nùng'],
  ['blt', 'Thái'],
  ['bdq', 'Ba Na'],
];

/** Description sentences in three pools (one sentence of each), [text, weight]. */
export const SENTENCES_VI: [string, number][][] = [
  [
    ['Tài liệu giới thiệu các quy định của pháp luật Việt Nam về quyền con người.', 5],
    ['Nội dung trình bày ngắn gọn, dễ hiểu, phù hợp với nhiều đối tượng.', 5],
    ['Sản phẩm tổng hợp kết quả thực hiện Đề án truyền thông về quyền con người.', 4],
    ['Bài viết phân tích những thành tựu và thách thức trong bảo đảm quyền con người.', 4],
    ['Chương trình phản ánh đời sống của người dân ở các địa phương.', 3],
    ['Ấn phẩm giải đáp những câu hỏi thường gặp của người dân.', 3],
    ['Sản phẩm được thực hiện với sự tham gia của các chuyên gia pháp luật.', 2],
    ['Nội dung nêu bật chính sách của Nhà nước về bảo đảm quyền con người.', 4],
    ['Tài liệu hướng dẫn cán bộ cơ sở tổ chức hoạt động tuyên truyền.', 3],
    ['Phóng viên ghi nhận những câu chuyện có thật từ cơ sở.', 2],
    ['Sản phẩm giới thiệu các công ước quốc tế mà Việt Nam là thành viên.', 2],
    ['Tài liệu cung cấp số liệu thống kê mới nhất về an sinh xã hội.', 1],
  ],
  [
    ['Trẻ em, phụ nữ và người yếu thế là nhóm đối tượng được quan tâm đặc biệt.', 4],
    ['Các cơ quan chức năng đã triển khai nhiều giải pháp thiết thực.', 5],
    ['Người dân được tiếp cận thông tin đầy đủ, kịp thời và chính xác.', 4],
    ['Hoạt động được phối hợp giữa chính quyền địa phương và các tổ chức đoàn thể.', 4],
    ['Nhiều mô hình hay, cách làm sáng tạo đã được nhân rộng.', 3],
    ['Chính sách hỗ trợ đồng bào dân tộc thiểu số được thực hiện đồng bộ.', 3],
    ['Việc bảo đảm bình đẳng giới được lồng ghép trong các chương trình phát triển.', 2],
    ['Hệ thống pháp luật tiếp tục được hoàn thiện theo hướng bảo vệ quyền con người.', 3],
    ['Công tác phổ biến pháp luật được đổi mới về nội dung và hình thức.', 3],
    ['Báo chí đóng vai trò quan trọng trong việc lan tỏa thông tin chính thống.', 2],
  ],
  [
    ['Tài liệu có thể sử dụng trong các buổi sinh hoạt của tổ dân phố, thôn, bản.', 5],
    ['Sản phẩm được đăng tải trên cổng thông tin điện tử của cơ quan.', 6],
    ['Ấn phẩm được phát miễn phí tại các điểm bưu điện văn hóa xã.', 3],
    ['Chương trình được phát sóng vào khung giờ vàng.', 3],
    ['Bản tin được biên tập bằng tiếng Việt và tiếng Anh.', 2],
    ['Người khiếm thính có thể theo dõi qua phụ đề và ngôn ngữ ký hiệu.', 0.02],
    ['Ngư dân các tỉnh ven biển được hướng dẫn về quyền và nghĩa vụ khi hành nghề trên biển.', 0.02],
    ['Đồng bào dân tộc Chứt ở Quảng Trị là đối tượng thụ hưởng chính.', 0.01],
  ],
];

export const SENTENCES_EN: [string, number][][] = [
  [
    ['This material presents Vietnamese law on human rights.', 3],
    ['The content is short and easy to understand.', 3],
    ['The product summarises results of the Communication Programme on Human Rights.', 2],
    ['The article discusses achievements and challenges.', 2],
  ],
  [
    ['Children, women and vulnerable groups receive particular attention.', 3],
    ['Local authorities and mass organisations worked together.', 3],
    ['People receive full, timely and accurate information.', 2],
    ['Good practices have been replicated across provinces.', 2],
  ],
];

export const SENTENCES_FR: [string, number][][] = [
  [
    ['Ce document présente le droit vietnamien relatif aux droits de l’homme.', 3],
    ['Le contenu est bref et facile à comprendre.', 2],
    ['Le produit résume les résultats du programme de communication sur les droits de l’homme.', 2],
  ],
];
