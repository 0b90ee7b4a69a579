// Plan templates: the activities suggested to each kind of organisation when it starts a yearly plan, drawn from the
// tasks Decision 1079/QĐ-TTg gives each kind (programme.md: targets T1–T6, audiences 1–6). A template is only a start:
// the focal point keeps, changes or removes each activity and adds the budget. Months are of the plan's year.
import type { OrgKind } from '../../../shared/contracts/directory.js';
import type { PlanTemplate, TemplateActivity } from '../../../shared/contracts/plans.js';

const a = (title: string, titleEn: string, targets: TemplateActivity['targets'], audiences: number[], startMonth: number, endMonth: number, expectedOutputs: string): TemplateActivity =>
  ({ title, titleEn, targets, audiences, startMonth, endMonth, expectedOutputs });

const SPOKESPERSON = a('Duy trì cơ chế người phát ngôn, cung cấp thông tin định kỳ cho báo chí về công tác bảo đảm quyền con người',
  'Keep the spokesperson mechanism and give the press periodic information on human-rights work', ['T1'], [3], 1, 12,
  'Thông tin định kỳ cho báo chí mỗi quý; họp báo khi có sự kiện');
const UPR = a('Thực hiện các khuyến nghị UPR đã chấp thuận thuộc lĩnh vực phụ trách, báo cáo tiến độ',
  'Implement the accepted UPR recommendations in the field of responsibility and report progress', ['T6'], [5, 6], 1, 12,
  'Báo cáo tiến độ 6 tháng và cả năm, kèm minh chứng');
const DIGITISE = a('Số hoá và chia sẻ tài liệu, sản phẩm truyền thông về quyền con người lên thư viện số của Đề án',
  'Digitise human-rights materials and products and share them in the programme\'s digital library', ['T5a'], [1, 2], 2, 12,
  'Toàn bộ sản phẩm trong năm được số hoá, công bố trực tuyến');

export const PLAN_TEMPLATES: Record<OrgKind, TemplateActivity[]> = {
  ministry: [
    SPOKESPERSON,
    a('Tập huấn kiến thức, kỹ năng truyền thông về quyền con người cho cán bộ làm công tác quyền con người và quản lý thông tin',
      'Train officials working on human rights and information management in human-rights communication', ['T2a', 'T2b'], [1], 3, 10,
      'Ít nhất 2 lớp tập huấn, 100 lượt cán bộ'),
    a('Biên soạn, xuất bản tài liệu hỏi – đáp về quyền con người trong lĩnh vực quản lý của Bộ',
      'Compile and publish a question-and-answer book on human rights in the ministry\'s field', ['T4a', 'T4b'], [1, 2], 2, 11,
      '1 đầu sách, có bản điện tử'),
    DIGITISE,
    UPR,
  ],
  central_agency: [
    SPOKESPERSON,
    a('Tập huấn cập nhật tình hình quyền con người cho cán bộ của cơ quan', 'Update the agency\'s officials on the human-rights situation', ['T2a'], [1], 4, 9,
      '1 lớp tập huấn, 50 lượt cán bộ'),
    DIGITISE,
    UPR,
  ],
  provincial_committee: [
    SPOKESPERSON,
    a('Tập huấn kỹ năng truyền thông về quyền con người cho cán bộ các sở, ngành và cấp huyện, xã',
      'Train officials of provincial departments and local levels in human-rights communication', ['T2a', 'T2b'], [1], 3, 9,
      '2 lớp tập huấn, 150 lượt cán bộ'),
    a('Tổ chức triển lãm ảnh, tư liệu về thành tựu bảo đảm quyền con người tại tỉnh', 'Hold a photo and archival exhibition on human-rights achievements in the province', ['T3'], [2], 8, 10,
      '1 triển lãm, 3.000 lượt khách'),
    a('Sản xuất sản phẩm truyền thông bằng tiếng dân tộc thiểu số và trên nền tảng số', 'Produce communication products in ethnic-minority languages and on digital platforms', ['T4b'], [2], 4, 11,
      'Ít nhất 10 sản phẩm, 20% bằng tiếng dân tộc thiểu số'),
    a('Theo dõi, phát hiện và xử lý thông tin sai lệch về quyền con người trên địa bàn', 'Monitor, detect and handle false information on human rights in the province', ['T5b', 'T5c'], [2, 3], 1, 12,
      'Báo cáo theo dõi hằng quý; 90% tin sai lệch phát hiện được xử lý'),
  ],
  provincial_department: [
    a('Tập huấn cho cán bộ quản lý thông tin, truyền thông của tỉnh', 'Train the province\'s information and communication officials', ['T2b'], [1], 4, 9,
      '1 lớp tập huấn, 60 lượt cán bộ'),
    a('Phối hợp tổ chức triển lãm về quyền con người tại tỉnh', 'Co-organise a human-rights exhibition in the province', ['T3'], [2], 8, 10, '1 triển lãm'),
    a('Sản xuất phóng sự, ấn phẩm về quyền con người trên nền tảng số', 'Produce reports and publications on human rights on digital platforms', ['T4b', 'T5a'], [2], 3, 11,
      '6 sản phẩm số'),
  ],
  press: [
    a('Bồi dưỡng nghiệp vụ thông tin đối ngoại về quyền con người cho phóng viên, biên tập viên', 'Train reporters and editors in external information on human rights', ['T2c'], [1, 3], 3, 8,
      '1 lớp, 40 phóng viên, biên tập viên'),
    a('Chuyên mục, loạt bài về quyền con người bằng tiếng Việt, tiếng nước ngoài và trên nền tảng số', 'A column and series on human rights in Vietnamese, foreign languages and on digital platforms', ['T4b'], [2, 4, 5], 1, 12,
      '24 bài, trong đó 6 bài tiếng nước ngoài'),
    a('Kiểm chứng và đính chính thông tin sai lệch về quyền con người', 'Fact-check and correct false information on human rights', ['T5b', 'T5c'], [2, 3], 1, 12,
      'Đăng kết luận kiểm chứng cho mọi tin sai lệch được giao'),
  ],
  socio_political_central: [
    a('Tập huấn cho cán bộ chủ chốt của tổ chức ở trung ương và cấp tỉnh', 'Train key officials of the organisation at central and provincial level', ['T2d'], [1], 3, 10,
      '2 lớp tập huấn, 70% cán bộ chủ chốt'),
    a('Biên soạn tài liệu tuyên truyền về quyền con người cho hội viên, đoàn viên', 'Compile human-rights materials for members', ['T4a', 'T4b'], [2], 2, 9, '1 đầu sách, bản điện tử'),
    a('Truyền thông về quyền con người tới cộng đồng tôn giáo, dân tộc', 'Communicate on human rights to religious and ethnic communities', ['T4b'], [2], 4, 11, '10 buổi truyền thông'),
  ],
  socio_political_provincial: [
    a('Tập huấn cho cán bộ chủ chốt của tổ chức cấp tỉnh', 'Train the organisation\'s key provincial officials', ['T2d'], [1], 4, 9, '1 lớp tập huấn'),
    a('Truyền thông về quyền con người tại cơ sở, bằng tiếng dân tộc thiểu số nơi cần', 'Communicate on human rights locally, in ethnic-minority languages where needed', ['T4b'], [2], 3, 11,
      '8 buổi truyền thông, tài liệu song ngữ'),
  ],
  mission_abroad: [
    a('Tổ chức triển lãm ảnh về quyền con người ở Việt Nam tại nước sở tại', 'Hold a photo exhibition on human rights in Viet Nam in the host country', ['T3'], [4, 5, 6], 6, 9,
      '1 triển lãm, phụ đề tiếng nước ngoài'),
    a('Cung cấp thông tin về quyền con người ở Việt Nam cho cộng đồng người Việt, giới chính trị và đối tác nước ngoài', 'Inform the Vietnamese community, political circles and partners abroad on human rights in Viet Nam', ['T4b'], [4, 6], 1, 12,
      'Ấn phẩm tiếng nước ngoài; 4 buổi gặp gỡ, đối thoại'),
    UPR,
  ],
  other: [
    a('Sản xuất sản phẩm truyền thông về quyền con người', 'Produce human-rights communication products', ['T4b'], [2], 3, 11, '5 sản phẩm'),
    DIGITISE,
  ],
};

export function planTemplates(): PlanTemplate[] {
  return (Object.keys(PLAN_TEMPLATES) as OrgKind[]).map((kind) => ({ kind, activities: PLAN_TEMPLATES[kind] }));
}
