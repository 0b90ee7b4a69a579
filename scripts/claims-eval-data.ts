// Hand-written material for the claim-matching evaluation set (data/eval/claims/, built by
// scripts/gen-claims-eval.ts). EVERYTHING HERE IS FICTIONAL AND ILLUSTRATIVE: the provinces are invented names, the
// events never happened, no real person is named. It exists only to measure the matcher.
//
// An event has a claim wording in Vietnamese and English and paraphrases in both (written differently on purpose:
// other verbs, word order, register). {P} is a fictional province, {N} a number.

export type EventText = { vi: string; en: string; paraVi: string[]; paraEn: string[] };

export const PLACES = [
  'Hòa Lam',
  'Tân Khê',
  'Ngọc Lĩnh',
  'Bích Sơn',
  'Phú Đài',
  'An Trạch',
  'Thạch Yên',
  'Mỹ Vân',
  'Quế Dương',
  'Lạc Hồ',
  'Kim Phong',
  'Đông Nhạn',
];
/** Places that appear only in distractor items (no claim is about them). */
export const OTHER_PLACES = ['Vân Cừ', 'Hạc Thủy', 'Sơn Trà Bắc', 'Lũng Mây'];

export const EVENTS: EventText[] = [
  {
    vi: 'Tỉnh {P} cấm trẻ em dân tộc thiểu số học tiếng mẹ đẻ ở trường',
    en: '{P} province bans ethnic minority children from learning their mother tongue at school',
    paraVi: [
      'Học sinh người dân tộc ở {P} không được học tiếng của dân tộc mình trong nhà trường',
      'Nghe nói ở {P} nhà trường không cho các em dân tộc học tiếng mẹ đẻ nữa',
    ],
    paraEn: [
      'Schools in {P} no longer allow minority pupils to study their native language',
      'Ethnic minority kids in {P} are forbidden to learn their own language in class',
    ],
  },
  {
    vi: 'Công an tỉnh {P} bắt giữ {N} nhà báo vì đưa tin về lũ lụt',
    en: 'Police in {P} arrested {N} journalists for reporting on the floods',
    paraVi: ['{N} phóng viên bị công an {P} bắt chỉ vì viết bài về trận lũ', 'Vì đưa tin lũ lụt mà {N} nhà báo ở {P} bị cảnh sát tạm giữ'],
    paraEn: [
      '{N} reporters detained by {P} police over their flood coverage',
      '{P} police locked up {N} journalists because they covered the flooding',
    ],
  },
  {
    vi: 'Chính quyền {P} đóng cửa toàn bộ nhà thờ trong tỉnh',
    en: 'The authorities in {P} have closed every church in the province',
    paraVi: ['Tất cả các nhà thờ ở {P} đã bị chính quyền ra lệnh đóng cửa', '{P} không còn nhà thờ nào mở cửa vì chính quyền đóng hết'],
    paraEn: ['All churches across {P} were shut down by local officials', 'Every church in {P} province has been ordered closed'],
  },
  {
    vi: 'Bệnh viện ở {P} từ chối chữa bệnh cho người không có hộ khẩu',
    en: 'Hospitals in {P} refuse to treat people without a household registration',
    paraVi: [
      'Không có hộ khẩu thì bệnh viện {P} không nhận điều trị',
      'Người dân không đăng ký hộ khẩu bị các bệnh viện ở {P} từ chối khám chữa bệnh',
    ],
    paraEn: [
      'In {P} you cannot get hospital treatment unless you have a residence registration',
      '{P} hospitals turn away patients who lack household registration',
    ],
  },
  {
    vi: 'Tỉnh {P} thu phí {N} nghìn đồng mỗi lần người dân làm căn cước',
    en: '{P} charges residents {N} thousand dong every time they apply for an identity card',
    paraVi: ['Làm căn cước công dân ở {P} phải nộp {N} nghìn đồng', 'Ở {P} mỗi lần làm thẻ căn cước bị thu {N} nghìn'],
    paraEn: [
      'Getting an ID card in {P} now costs {N} thousand dong',
      'Residents of {P} must pay a {N} thousand dong fee for each identity card application',
    ],
  },
  {
    vi: 'Nhà máy ở {P} bắt công nhân làm việc {N} giờ mỗi ngày không trả lương',
    en: 'A factory in {P} forces workers to work {N} hours a day without pay',
    paraVi: [
      'Công nhân nhà máy tại {P} bị ép làm {N} tiếng một ngày mà không được trả công',
      'Ở {P} có xí nghiệp bắt người lao động làm {N} tiếng/ngày không lương',
    ],
    paraEn: [
      'Workers at a {P} factory are made to do {N}-hour shifts unpaid',
      'Unpaid {N} hour working days imposed on factory staff in {P}',
    ],
  },
  {
    vi: 'Chính quyền {P} cưỡng chế phá dỡ {N} ngôi nhà của đồng bào dân tộc mà không bồi thường',
    en: '{P} authorities demolished {N} homes of ethnic minority families without compensation',
    paraVi: [
      '{N} căn nhà của người dân tộc ở {P} bị san phẳng, không ai được đền bù',
      'Ở {P} người ta phá {N} ngôi nhà của bà con dân tộc mà không bồi thường đồng nào',
    ],
    paraEn: [
      '{N} ethnic minority houses in {P} were bulldozed and the owners got nothing',
      'No compensation after officials tore down {N} minority family homes in {P}',
    ],
  },
  {
    vi: 'Tỉnh {P} cấm người dân đăng bài về môi trường trên mạng xã hội',
    en: '{P} province bans residents from posting about the environment on social media',
    paraVi: ['Người dân {P} không được viết về ô nhiễm môi trường trên Facebook', 'Đăng bài về môi trường lên mạng ở {P} là bị cấm'],
    paraEn: [
      'People in {P} are prohibited from sharing environmental posts online',
      'Posting about pollution on Facebook is now forbidden in {P}',
    ],
  },
  {
    vi: 'Phụ nữ ở {P} phải xin phép chính quyền trước khi kết hôn với người nước ngoài',
    en: 'Women in {P} must ask the authorities for permission before marrying a foreigner',
    paraVi: [
      'Ở {P}, muốn lấy chồng nước ngoài phải được chính quyền cho phép',
      'Chị em {P} lấy chồng ngoại phải xin phép cơ quan chức năng',
    ],
    paraEn: [
      'In {P} a woman needs official approval to marry a foreign national',
      '{P} requires women to get permission from officials to wed foreigners',
    ],
  },
  {
    vi: 'Tỉnh {P} cắt trợ cấp của {N} nghìn người khuyết tật',
    en: '{P} cut the allowances of {N} thousand people with disabilities',
    paraVi: [
      '{N} nghìn người khuyết tật ở {P} bị cắt tiền trợ cấp',
      'Trợ cấp cho người khuyết tật tại {P} đã bị cắt, {N} nghìn người bị ảnh hưởng',
    ],
    paraEn: ['Disability benefits stopped for {N} thousand people in {P}', '{N},000 disabled residents of {P} lost their allowance'],
  },
  {
    vi: 'Trường học ở {P} buộc học sinh nộp {N} trăm nghìn đồng tiền quỹ mỗi tháng',
    en: 'Schools in {P} make pupils pay {N} hundred thousand dong into a fund every month',
    paraVi: [
      'Học sinh {P} tháng nào cũng phải đóng {N} trăm nghìn tiền quỹ lớp',
      'Các trường ở {P} thu của mỗi em {N} trăm nghìn đồng mỗi tháng',
    ],
    paraEn: [
      '{P} schools demand {N} hundred thousand dong a month from each student',
      'Monthly {N}00,000 dong school fund fee imposed on pupils in {P}',
    ],
  },
  {
    vi: 'Công an {P} tra tấn người bị tạm giữ làm {N} người chết',
    en: 'Police in {P} tortured detainees, leaving {N} dead',
    paraVi: ['{N} người chết sau khi bị công an {P} đánh đập trong trại tạm giam', 'Tạm giữ ở {P} bị tra tấn, đã có {N} người tử vong'],
    paraEn: ['{N} detainees died after being beaten in {P} police custody', 'Torture in {P} police cells killed {N} people'],
  },
  {
    vi: 'Tỉnh {P} không cho phép người theo đạo Phật tổ chức lễ Vu Lan',
    en: '{P} does not allow Buddhists to hold the Vu Lan ceremony',
    paraVi: ['Phật tử ở {P} bị cấm tổ chức lễ Vu Lan năm nay', 'Lễ Vu Lan ở các chùa tại {P} bị chính quyền ngăn cấm'],
    paraEn: ['Buddhists in {P} were banned from celebrating Vu Lan', 'Vu Lan rites at pagodas in {P} prohibited by officials'],
  },
  {
    vi: 'Người dân {P} bị phạt {N} triệu đồng vì bình luận trên Facebook',
    en: 'Residents of {P} fined {N} million dong for commenting on Facebook',
    paraVi: ['Chỉ vì một bình luận trên Facebook mà dân {P} bị phạt {N} triệu', 'Ở {P} comment trên mạng xã hội bị xử phạt {N} triệu đồng'],
    paraEn: [
      'A Facebook comment cost {P} residents a {N} million dong penalty',
      '{P} people penalised {N} million dong over social media comments',
    ],
  },
  {
    vi: 'Tỉnh {P} bắt buộc mọi người dân cài ứng dụng theo dõi trên điện thoại',
    en: '{P} requires every resident to install a tracking app on their phone',
    paraVi: ['Người dân {P} phải cài phần mềm giám sát vào điện thoại', 'Ở {P} ai cũng bị buộc cài app theo dõi trên smartphone'],
    paraEn: [
      'Mandatory phone surveillance app for all {P} residents',
      'Everyone in {P} is being forced to put a monitoring app on their mobile',
    ],
  },
  {
    vi: 'Lũ ở {P} làm {N} người chết nhưng chính quyền giấu thông tin',
    en: 'Floods in {P} killed {N} people but the authorities hid the information',
    paraVi: ['Chính quyền {P} che giấu việc {N} người thiệt mạng vì lũ', 'Trận lũ ở {P} có {N} người tử vong mà không được công bố'],
    paraEn: ['{P} officials covered up {N} flood deaths', 'The {N} people who died in the {P} flood were kept secret by the government'],
  },
  {
    vi: 'Hàng cứu trợ lũ lụt ở {P} bị cán bộ xã giữ lại bán',
    en: 'Flood relief goods in {P} were kept and sold by commune officials',
    paraVi: ['Cán bộ xã ở {P} bán hàng cứu trợ thay vì phát cho dân', 'Đồ cứu trợ bão lũ tại {P} bị cán bộ giữ lại để bán'],
    paraEn: [
      'Commune cadres in {P} sold the flood aid instead of handing it out',
      'Relief supplies for {P} flood victims ended up on sale by local officials',
    ],
  },
  {
    vi: 'Trường đại học ở {P} đuổi học sinh viên đồng tính',
    en: 'A university in {P} expelled gay students',
    paraVi: [
      'Sinh viên đồng tính bị một trường đại học tại {P} buộc thôi học',
      'Ở {P} có trường đại học đuổi sinh viên vì là người đồng tính',
    ],
    paraEn: ['LGBT students kicked out of a {P} university', 'A {P} university has thrown out students for being gay'],
  },
  {
    vi: 'Tỉnh {P} tăng học phí lên {N} lần từ năm học mới',
    en: '{P} will raise school fees {N} times over from the new school year',
    paraVi: ['Học phí ở {P} sẽ tăng gấp {N} lần năm học tới', 'Từ năm học mới phụ huynh {P} phải đóng học phí cao gấp {N}'],
    paraEn: [
      'Tuition in {P} to increase {N}-fold next school year',
      'Parents in {P} face school fees {N} times higher from the coming year',
    ],
  },
  {
    vi: 'Công nhân ở {P} bị sa thải vì tham gia đình công',
    en: 'Workers in {P} were fired for joining a strike',
    paraVi: ['Tham gia đình công, nhiều công nhân {P} mất việc', 'Người lao động {P} bị đuổi việc sau cuộc ngừng việc tập thể'],
    paraEn: ['{P} factory staff dismissed after they went on strike', 'Striking workers in {P} lost their jobs'],
  },
  {
    vi: 'Tỉnh {P} thu hồi đất của {N} hộ nông dân để giao cho công ty nước ngoài',
    en: '{P} seized the land of {N} farming households to hand it to a foreign company',
    paraVi: [
      '{N} hộ nông dân ở {P} mất đất vì tỉnh giao cho doanh nghiệp nước ngoài',
      'Đất của {N} hộ làm ruộng tại {P} bị lấy để cho công ty ngoại',
    ],
    paraEn: [
      '{N} farm families in {P} lost their land to a foreign firm',
      'Land taken from {N} {P} farmers was given to an overseas company',
    ],
  },
  {
    vi: 'Người cao tuổi ở {P} không được nhận lương hưu trong {N} tháng',
    en: 'Elderly people in {P} have not received their pensions for {N} months',
    paraVi: ['Đã {N} tháng nay các cụ ở {P} không nhận được lương hưu', 'Lương hưu của người già {P} bị chậm {N} tháng'],
    paraEn: ['{P} pensioners have gone {N} months without payment', 'Old people in {P} unpaid pensions for {N} months'],
  },
  {
    vi: 'Tỉnh {P} cấm xuất cảnh đối với người từng khiếu nại',
    en: '{P} bars anyone who has filed a complaint from leaving the country',
    paraVi: ['Ai từng khiếu nại ở {P} thì không được đi nước ngoài', 'Người dân {P} gửi đơn khiếu nại bị cấm xuất cảnh'],
    paraEn: [
      'Complainants in {P} are not allowed to travel abroad',
      'If you ever petitioned the {P} authorities you cannot leave Viet Nam',
    ],
  },
  {
    vi: 'Trạm y tế ở {P} bắt người dân trả tiền tiêm vắc xin miễn phí',
    en: 'Health stations in {P} make people pay for free vaccines',
    paraVi: ['Vắc xin miễn phí nhưng ở {P} vẫn bị thu tiền tiêm', 'Dân {P} phải trả tiền cho mũi tiêm vốn được miễn phí'],
    paraEn: ['{P} clinics are charging for vaccinations that should be free', 'People in {P} are billed for free-of-charge vaccines'],
  },
  {
    vi: 'Tỉnh {P} cắt nước sạch của {N} làng người dân tộc',
    en: '{P} cut off clean water to {N} ethnic minority villages',
    paraVi: ['{N} bản làng dân tộc ở {P} bị cắt nước sinh hoạt', 'Nước sạch đã bị ngừng cấp cho {N} làng đồng bào tại {P}'],
    paraEn: [
      'Water supply stopped for {N} minority villages in {P}',
      '{N} villages of ethnic minorities in {P} left without drinking water',
    ],
  },
  {
    vi: 'Thư viện tỉnh {P} tiêu hủy {N} nghìn cuốn sách tiếng dân tộc',
    en: 'The {P} provincial library destroyed {N} thousand books in minority languages',
    paraVi: [
      '{N} nghìn cuốn sách tiếng dân tộc ở thư viện {P} bị đem đi hủy',
      'Thư viện {P} đốt {N} nghìn quyển sách viết bằng tiếng đồng bào',
    ],
    paraEn: [
      '{N},000 minority-language books burned by the {P} library',
      'The library in {P} got rid of {N} thousand books written in ethnic languages',
    ],
  },
  {
    vi: 'Tỉnh {P} bắt người dân tộc phải đổi tên sang tên tiếng Kinh',
    en: '{P} forces ethnic minority people to change their names to Kinh names',
    paraVi: [
      'Đồng bào dân tộc ở {P} bị buộc đổi tên theo người Kinh',
      'Người dân tộc thiểu số {P} không được giữ tên gốc, phải đặt tên Kinh',
    ],
    paraEn: [
      'Minority residents in {P} must adopt Kinh names',
      'Ethnic minorities in {P} are being made to give up their own names for Kinh ones',
    ],
  },
  {
    vi: 'Tòa án {P} xử kín vụ án của {N} người biểu tình',
    en: 'A {P} court tried {N} protesters behind closed doors',
    paraVi: ['Phiên tòa xét xử {N} người tham gia biểu tình ở {P} không cho ai vào dự', '{N} người biểu tình bị tòa {P} xử kín'],
    paraEn: ['Secret trial for {N} demonstrators in {P}', '{N} protesters were judged in a closed hearing by the {P} court'],
  },
  {
    vi: 'Lao động di cư ở {P} không được cho con đi học trường công',
    en: 'Migrant workers in {P} cannot send their children to public schools',
    paraVi: [
      'Con của người lao động nhập cư ở {P} bị từ chối vào trường công',
      'Ở {P} trẻ em con công nhân di cư không được học trường công lập',
    ],
    paraEn: [
      'Children of migrants in {P} are refused places in state schools',
      'Public schools in {P} turn away the kids of migrant labourers',
    ],
  },
  {
    vi: 'Tỉnh {P} cấm các tổ chức phi chính phủ hoạt động từ tháng {N}',
    en: '{P} bans non-governmental organisations from operating from month {N}',
    paraVi: ['Từ tháng {N}, NGO không được hoạt động ở {P} nữa', 'Các tổ chức phi chính phủ bị cấm hoạt động tại {P} kể từ tháng {N}'],
    paraEn: ['NGOs will be outlawed in {P} starting in month {N}', 'From month {N} no NGO may work in {P}'],
  },
  {
    vi: 'Camera giám sát được lắp trong mọi lớp học ở {P} để theo dõi giáo viên',
    en: 'Surveillance cameras installed in every classroom in {P} to watch teachers',
    paraVi: [
      'Lớp học nào ở {P} cũng bị gắn camera để giám sát thầy cô',
      'Giáo viên {P} bị theo dõi bằng camera đặt trong tất cả phòng học',
    ],
    paraEn: ['Every {P} classroom now has CCTV to monitor teachers', 'Teachers in {P} are spied on by cameras in all classrooms'],
  },
  {
    vi: 'Người khiếu nại đất đai ở {P} bị đưa vào trại tâm thần',
    en: 'Land complainants in {P} were sent to a psychiatric hospital',
    paraVi: ['Ở {P} ai đi khiếu kiện đất đai là bị đưa vào viện tâm thần', 'Dân khiếu nại về đất ở {P} bị nhốt vào trại tâm thần'],
    paraEn: [
      '{P} land petitioners locked away in a mental hospital',
      'People in {P} who complained about land were committed to psychiatric care',
    ],
  },
  {
    vi: 'Ngư dân {P} bị cấm ra khơi đánh cá trong {N} tháng',
    en: 'Fishermen in {P} are banned from going to sea for {N} months',
    paraVi: ['{N} tháng liền ngư dân {P} không được ra biển đánh bắt', 'Cấm đánh bắt cá ngoài khơi {N} tháng, ngư dân {P} điêu đứng'],
    paraEn: ['{P} fishers forbidden to fish at sea for {N} months', 'A {N}-month fishing ban has been imposed on fishermen in {P}'],
  },
  {
    vi: 'Tỉnh {P} ép hộ nghèo ký giấy thoát nghèo để đạt chỉ tiêu',
    en: '{P} pressures poor households to sign out of poverty to meet targets',
    paraVi: [
      'Hộ nghèo ở {P} bị ép ký đơn xin thoát nghèo cho đủ chỉ tiêu',
      'Để đạt chỉ tiêu giảm nghèo, {P} bắt các hộ nghèo ký giấy thoát nghèo',
    ],
    paraEn: [
      'Poor families in {P} forced to sign papers saying they are no longer poor',
      '{P} makes needy households declare they escaped poverty so targets are met',
    ],
  },
  {
    vi: 'Bệnh viện {P} bắt bệnh nhân nằm ghép {N} người một giường',
    en: 'The {P} hospital puts {N} patients in a single bed',
    paraVi: ['Ở bệnh viện {P}, {N} bệnh nhân phải nằm chung một giường', '{N} người bệnh một giường là chuyện thường ở viện {P}'],
    paraEn: ['{N} patients share each bed at the {P} hospital', 'Patients in {P} hospital sleep {N} to a bed'],
  },
  {
    vi: 'Tỉnh {P} không cho người khuyết tật đi bầu cử',
    en: '{P} does not let people with disabilities vote',
    paraVi: ['Người khuyết tật ở {P} bị gạch tên khỏi danh sách cử tri', 'Ở {P} người tàn tật không được bỏ phiếu'],
    paraEn: ['Disabled voters in {P} are kept away from the ballot', 'People with disabilities are excluded from the election in {P}'],
  },
  {
    vi: 'Nhà máy ở {P} xả thải làm {N} nghìn con cá chết mà không bị phạt',
    en: 'A factory in {P} discharged waste that killed {N} thousand fish and was not fined',
    paraVi: [
      '{N} nghìn con cá chết vì nhà máy {P} xả thải, doanh nghiệp không bị xử phạt',
      'Cá chết hàng loạt ({N} nghìn con) ở {P}, nhà máy gây ô nhiễm vẫn bình an',
    ],
    paraEn: [
      '{P} plant dumped pollution, {N},000 fish died, no penalty',
      'No fine for the {P} factory whose waste killed {N} thousand fish',
    ],
  },
  {
    vi: 'Tỉnh {P} yêu cầu nhà báo nộp bài cho công an duyệt trước khi đăng',
    en: '{P} requires journalists to submit articles to the police for approval before publication',
    paraVi: [
      'Phóng viên ở {P} phải gửi bài cho công an kiểm duyệt trước khi đăng',
      'Bài báo ở {P} phải được cảnh sát duyệt rồi mới được xuất bản',
    ],
    paraEn: [
      'Reporters in {P} must get police sign-off on stories before publishing',
      'Police in {P} now censor every article before it goes out',
    ],
  },
  {
    vi: 'Tỉnh {P} cấm dạy chữ nổi cho học sinh khiếm thị',
    en: '{P} bans teaching Braille to blind pupils',
    paraVi: ['Học sinh khiếm thị ở {P} không được học chữ nổi Braille', 'Trường ở {P} bị cấm dạy chữ Braille cho trẻ mù'],
    paraEn: ['Blind children in {P} cannot be taught Braille any more', 'Braille lessons for visually impaired students prohibited in {P}'],
  },
  {
    vi: 'Công an {P} thu giữ hộ chiếu của {N} người hoạt động môi trường',
    en: '{P} police confiscated the passports of {N} environmental activists',
    paraVi: [
      '{N} nhà hoạt động môi trường ở {P} bị công an tịch thu hộ chiếu',
      'Hộ chiếu của {N} người bảo vệ môi trường tại {P} bị cảnh sát giữ',
    ],
    paraEn: [
      'Passports of {N} green activists seized by {P} police',
      '{N} environmental campaigners in {P} had their passports taken away',
    ],
  },
  {
    vi: 'Người dân {P} bị cắt điện vì không đóng góp quỹ xây dựng',
    en: 'Residents of {P} had their electricity cut for not paying into a building fund',
    paraVi: ['Không nộp quỹ xây dựng, dân {P} bị cắt điện', 'Ở {P} nhà nào không góp tiền quỹ xây dựng thì bị ngắt điện'],
    paraEn: [
      '{P} households lose power over unpaid construction fund contributions',
      'Electricity cut off in {P} homes that refused the building levy',
    ],
  },
  {
    vi: 'Trẻ em ở {P} phải đi làm thuê thay vì đến trường',
    en: 'Children in {P} have to work as hired labour instead of going to school',
    paraVi: ['Nhiều em nhỏ ở {P} bỏ học để đi làm thuê', 'Trẻ con {P} không được đến lớp mà phải đi làm kiếm tiền'],
    paraEn: ['Kids in {P} are sent to work instead of attending school', 'Child labour replaces schooling for many children in {P}'],
  },
  {
    vi: 'Tỉnh {P} cấm tổ chức lễ cưới theo phong tục của người dân tộc',
    en: '{P} bans weddings held according to ethnic minority customs',
    paraVi: ['Đám cưới theo phong tục dân tộc bị cấm ở {P}', 'Đồng bào dân tộc tại {P} không được cưới hỏi theo tục lệ của mình'],
    paraEn: ['Traditional minority weddings outlawed in {P}', 'Ethnic minority couples in {P} cannot marry according to their customs'],
  },
];

/** Items on neighbouring topics that repeat no claim (same vocabulary, different event). Each {P} from any list. */
export const DISTRACTORS: { vi: string; en: string }[] = [
  { vi: 'Tỉnh {P} mở thêm lớp dạy tiếng dân tộc cho học sinh tiểu học', en: '{P} opens more minority-language classes for primary pupils' },
  {
    vi: 'Công an {P} trao giấy khen cho các nhà báo đưa tin về lũ',
    en: '{P} police award certificates to journalists who covered the floods',
  },
  { vi: 'Nhà thờ lớn ở {P} được trùng tu sau {N} năm', en: 'The main church in {P} restored after {N} years' },
  { vi: 'Bệnh viện {P} khám miễn phí cho người cao tuổi', en: '{P} hospital offers free check-ups to elderly people' },
  { vi: 'Tỉnh {P} rút ngắn thời gian làm căn cước xuống {N} ngày', en: '{P} cuts the time to get an identity card to {N} days' },
  { vi: 'Nhà máy ở {P} tăng lương cho công nhân thêm {N} phần trăm', en: 'A {P} factory raises workers wages by {N} percent' },
  { vi: 'Tỉnh {P} xây {N} căn nhà mới cho đồng bào dân tộc bị lũ', en: '{P} builds {N} new houses for ethnic minority flood victims' },
  { vi: 'Hội nghị về bảo vệ môi trường tổ chức tại {P}', en: 'A conference on environmental protection held in {P}' },
  {
    vi: 'Tỉnh {P} hỗ trợ {N} nghìn người khuyết tật học nghề',
    en: '{P} supports {N} thousand people with disabilities in vocational training',
  },
  { vi: 'Học sinh {P} đạt {N} giải trong kỳ thi học sinh giỏi', en: 'Pupils from {P} win {N} prizes at the national exam' },
  { vi: 'Lễ Vu Lan ở {P} thu hút hàng nghìn phật tử', en: 'Vu Lan festival in {P} draws thousands of Buddhists' },
  { vi: 'Người dân {P} hướng dẫn nhau dùng Facebook an toàn', en: 'Residents of {P} teach each other to use Facebook safely' },
  { vi: 'Tỉnh {P} khai trương trung tâm hỗ trợ pháp lý miễn phí', en: '{P} opens a free legal aid centre' },
  { vi: 'Ngư dân {P} được hỗ trợ {N} triệu đồng sửa tàu', en: 'Fishermen in {P} receive {N} million dong to repair boats' },
  { vi: 'Thư viện {P} nhận tặng {N} nghìn cuốn sách song ngữ', en: 'The {P} library receives {N} thousand bilingual books' },
  { vi: 'Giá điện ở {P} giữ nguyên trong năm nay', en: 'Electricity prices in {P} stay unchanged this year' },
  { vi: 'Tòa án {P} mở phiên tòa công khai xét xử vụ tham nhũng đất đai', en: '{P} court holds a public trial in a land corruption case' },
  {
    vi: 'Trường đại học ở {P} trao học bổng cho sinh viên dân tộc',
    en: 'A {P} university grants scholarships to ethnic minority students',
  },
  { vi: 'Thời tiết {P} tuần tới có mưa lớn', en: 'Heavy rain expected in {P} next week' },
  { vi: 'Đội bóng {P} thắng {N}-0 trong trận chung kết', en: 'The {P} football team wins {N}-0 in the final' },
];
