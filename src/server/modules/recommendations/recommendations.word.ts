// A draft report on the implementation of the recommendations (for a UPR mid-term or national report) as a Word
// document, in Vietnamese in the administrative layout of Decree 30/2020/NĐ-CP (A4; margins 20/20/30/15 mm; Times New
// Roman 14 pt; borderless header: issuing body | national motto, place and date; title; justified body with a
// first-line indent; recipients and signature) or in English with the same structure. Per cluster (one, or all, then
// the recommendations without a cluster): each recommendation with its reference, text, position, status, agencies,
// actions, approved progress reports with their figures and the evidence list (counts per record type and the first
// items). The figures of T6 open the document. Everything is read from the records; it is a draft, ready to edit.
import {
  AlignmentType,
  BorderStyle,
  Document,
  Packer,
  Paragraph,
  Table,
  TableBorders,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { sql } from 'drizzle-orm';
import type * as C from '../../../shared/contracts/recommendations.js';
import { rows, type Db } from '../../kernel/db.js';
import { AppError } from '../../kernel/errors.js';
import { vnDate } from '../../kernel/periods.js';
import { listEvidenceMany } from './recommendations.evidence.js';
import { STATUS_LABELS } from './recommendations.indicators.js';
import { listActionsOf, listClusters, listReportsOf, loadRecommendations, ORDER } from './recommendations.service.js';
import { fmtDate } from '../../kernel/format.js';

type Lang = 'vi' | 'en';
const FONT = 'Times New Roman';
const BODY = 28;
const mm = (x: number) => Math.round((x * 1440) / 25.4);
const TEXT_WIDTH = mm(210) - mm(30) - mm(15);
/** Evidence items listed per recommendation (the counts cover all of them). */
const EVIDENCE_SHOWN = 20;

const W = {
  vi: {
    body: 'VĂN PHÒNG ĐỀ ÁN',
    nation: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
    motto: 'Độc lập - Tự do - Hạnh phúc',
    place: 'Hà Nội',
    date: (d: string) => `ngày ${Number(d.slice(8, 10))} tháng ${Number(d.slice(5, 7))} năm ${d.slice(0, 4)}`,
    number: 'Số:      /BC-VPĐA',
    kind: 'BÁO CÁO',
    title: 'Tình hình thực hiện các khuyến nghị quốc tế về quyền con người (dự thảo)',
    intro: (n: number, done: number, all: number) =>
      `Văn phòng Đề án báo cáo tình hình thực hiện ${n} khuyến nghị theo nhóm. Chỉ tiêu T6: ${done}/${all} khuyến nghị về truyền thông, nâng cao nhận thức đã được chấp thuận đã được thực hiện (số liệu tính từ hồ sơ).`,
    noCluster: 'Khuyến nghị chưa xếp nhóm',
    text: 'Nội dung',
    noText: 'Chưa có nguyên văn (chờ nhập từ tài liệu Liên hợp quốc).',
    position: 'Lập trường',
    status: 'Trạng thái',
    lead: 'Cơ quan chủ trì',
    co: 'Cơ quan phối hợp',
    actions: 'Hoạt động',
    reports: 'Báo cáo tiến độ đã phê duyệt',
    evidence: 'Minh chứng',
    none: 'Chưa có.',
    fictional: '(hư cấu, dữ liệu minh hoạ)',
    positions: { supported: 'Ủng hộ', supported_in_part: 'Ủng hộ một phần', noted: 'Ghi nhận' } as Record<string, string>,
    actionHead: ['Hoạt động', 'Cơ quan', 'Hạn', 'Tình trạng'],
    actionStatus: { planned: 'Kế hoạch', in_progress: 'Đang làm', done: 'Đã xong', cancelled: 'Đã huỷ' } as Record<string, string>,
    recipients: 'Nơi nhận:',
    recipientList: ['- Như trên;', '- Lưu: VT, VPĐA.'],
    sign: 'THỦ TRƯỞNG CƠ QUAN',
    more: (n: number) => `… và ${n} minh chứng khác.`,
  },
  en: {
    body: 'PROGRAMME OFFICE',
    nation: 'SOCIALIST REPUBLIC OF VIET NAM',
    motto: 'Independence - Freedom - Happiness',
    place: 'Ha Noi',
    date: (d: string) => fmtDate(d, 'en'),
    number: 'No.      /BC-VPĐA',
    kind: 'REPORT',
    title: 'Implementation of the international human-rights recommendations (draft)',
    intro: (n: number, done: number, all: number) =>
      `The Programme Office reports on the implementation of ${n} recommendations, by cluster. Target T6: ${done} of ${all} accepted recommendations on communication and awareness are implemented (figures computed from the records).`,
    noCluster: 'Recommendations without a cluster',
    text: 'Text',
    noText: 'No original text yet (to be imported from the UN document).',
    position: 'Position',
    status: 'Status',
    lead: 'Lead agency',
    co: 'Co-implementers',
    actions: 'Actions',
    reports: 'Approved progress reports',
    evidence: 'Evidence',
    none: 'None yet.',
    fictional: '(fictional, demo data)',
    positions: { supported: 'Supported', supported_in_part: 'Supported in part', noted: 'Noted' } as Record<string, string>,
    actionHead: ['Action', 'Agency', 'Due', 'Status'],
    actionStatus: { planned: 'Planned', in_progress: 'In progress', done: 'Done', cancelled: 'Cancelled' } as Record<string, string>,
    recipients: 'Recipients:',
    recipientList: ['- As above;', '- Archived: Office.'],
    sign: 'HEAD OF OFFICE',
    more: (n: number) => `… and ${n} more.`,
  },
};

const run = (text: string, o: { bold?: boolean; italics?: boolean; size?: number } = {}) =>
  new TextRun({ text, font: FONT, size: o.size ?? BODY, bold: o.bold, italics: o.italics });
const body = (text: string | TextRun[], o: { bold?: boolean; indent?: boolean } = {}) =>
  new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    spacing: { line: 312, after: 120 },
    indent: o.indent === false ? undefined : { firstLine: mm(10) },
    children: typeof text === 'string' ? [run(text, { bold: o.bold })] : text,
  });
const centred = (text: string, o: { bold?: boolean; italics?: boolean; size?: number } = {}) =>
  new Paragraph({ alignment: AlignmentType.CENTER, children: [run(text, o)] });
const heading = (text: string) => new Paragraph({ spacing: { before: 240, after: 120 }, children: [run(text, { bold: true })] });
const cell = (children: Paragraph[], width: number, borders = true) =>
  new TableCell({ width: { size: width, type: WidthType.DXA }, children, borders: borders ? undefined : TableBorders.NONE });
function twoColumns(left: Paragraph[], right: Paragraph[], split = mm(65)): Table {
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [split, TEXT_WIDTH - split],
    borders: TableBorders.NONE,
    rows: [new TableRow({ children: [cell(left, split, false), cell(right, TEXT_WIDTH - split, false)] })],
  });
}
function grid(head: string[], data: string[][], widths: number[]): Table {
  const total = widths.reduce((a, b) => a + b, 0);
  const cols = widths.map((w) => Math.round((w / total) * TEXT_WIDTH));
  const row = (cells: string[], bold = false) =>
    new TableRow({ children: cells.map((c, i) => cell([new Paragraph({ children: [run(c, { bold, size: 24 })] })], cols[i]!)) });
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: cols,
    rows: [row(head, true), ...data.map((d) => row(d))],
  });
}

export type DraftOptions = { lang: Lang; clusterId?: number; now?: Date };

/** The report draft (.docx) for one cluster or all. */
export async function recommendationReportDraft(db: Db, opts: DraftOptions): Promise<Buffer> {
  const w = W[opts.lang];
  const today = vnDate(opts.now ?? new Date());
  const clusters = await listClusters(db);
  if (opts.clusterId && !clusters.some((c) => c.id === opts.clusterId))
    throw new AppError('not_found', `Cluster ${opts.clusterId} not found`);
  const ids = await rows<{ id: number; cluster_id: number | null }>(
    db,
    sql`select r.id, r.cluster_id from recommendations r
    ${opts.clusterId ? sql`where r.cluster_id = ${opts.clusterId}` : sql``} order by ${ORDER}`,
  );
  const [t6] = await rows<{ done: number; n: number }>(
    db,
    sql`select count(*) filter (where status = 'implemented')::int as done, count(*)::int as n from recommendations
    where (communication and position in ('supported', 'supported_in_part')) or (mechanism = 'upr' and cycle = 'UPR-III' and paragraph in ('38.63', '38.67', '38.86'))`,
  );

  const children: (Paragraph | Table)[] = [
    twoColumns(
      [centred(w.body, { bold: true, size: 26 }), centred('———', { size: 20 }), centred(w.number, { size: 26 })],
      [
        centred(w.nation, { bold: true, size: 24 }),
        centred(w.motto, { bold: true, size: 26 }),
        centred('———', { size: 20 }),
        centred(`${w.place}, ${w.date(today)}`, { italics: true, size: 26 }),
      ],
    ),
    new Paragraph({ spacing: { before: 360 }, alignment: AlignmentType.CENTER, children: [run(w.kind, { bold: true })] }),
    centred(w.title, { bold: true }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } },
      indent: { left: mm(55), right: mm(55) },
      children: [],
    }),
    body(w.intro(ids.length, Number(t6?.done ?? 0), Number(t6?.n ?? 0))),
  ];

  const groups = [
    ...clusters
      .filter((c) => !opts.clusterId || c.id === opts.clusterId)
      .map((c) => ({ title: `${c.code}. ${opts.lang === 'en' ? c.nameEn : c.nameVi}`, id: c.id as number | null })),
    ...(opts.clusterId ? [] : [{ title: w.noCluster, id: null }]),
  ];
  // Set-based: every recommendation, action, approved report and evidence item of the draft in a fixed number of
  // queries (one resolver call per record type), however many recommendations there are.
  const all = ids.map((x) => Number(x.id));
  const [recs, actions, reports, evidence] = await Promise.all([
    loadRecommendations(db, all),
    listActionsOf(db, all),
    listReportsOf(db, all, 'approved'),
    listEvidenceMany(db, all, { limit: EVIDENCE_SHOWN }),
  ]);
  const recBy = new Map(recs.map((r) => [r.id, r]));
  let section = 0;
  for (const g of groups) {
    const members = ids
      .filter((x) => (x.cluster_id === null ? null : Number(x.cluster_id)) === g.id)
      .map((x) => recBy.get(Number(x.id)))
      .filter((r): r is C.Recommendation => !!r);
    if (!members.length) continue;
    section++;
    children.push(heading(`${section}. ${g.title}`));
    for (const [i, r] of members.entries()) {
      children.push(
        ...recommendationBlock(r, `${section}.${i + 1}`, opts.lang, actions.get(r.id) ?? [], reports.get(r.id) ?? [], evidence.get(r.id)!),
      );
    }
  }
  children.push(
    twoColumns(
      [
        new Paragraph({ children: [run(w.recipients, { bold: true, italics: true, size: 24 })] }),
        ...w.recipientList.map((x) => new Paragraph({ children: [run(x, { size: 22 })] })),
      ],
      [centred(w.sign, { bold: true })],
      mm(90),
    ),
  );
  const doc = new Document({
    creator: 'RightsHub',
    title: w.title,
    styles: { default: { document: { run: { font: FONT, size: BODY } } } },
    sections: [
      {
        properties: {
          page: { size: { width: mm(210), height: mm(297) }, margin: { top: mm(20), bottom: mm(20), left: mm(30), right: mm(15) } },
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}

function recommendationBlock(
  r: C.Recommendation,
  no: string,
  lang: Lang,
  actions: C.Action[],
  approved: C.Report[],
  evidence: C.EvidenceList,
): (Paragraph | Table)[] {
  const w = W[lang];
  const org = (o: { name: string; nameEn: string | null }) => (lang === 'en' ? (o.nameEn ?? o.name) : o.name);
  const text = (lang === 'vi' ? (r.textVi ?? r.textEn) : r.textEn) ?? w.noText;
  const out: (Paragraph | Table)[] = [
    new Paragraph({
      spacing: { before: 200, after: 80 },
      children: [
        run(
          `${no}. ${r.label} (${r.sourceDocument})${r.recommendingStates.length ? ` — ${r.recommendingStates.join(', ')}` : ''} ${r.fictional ? w.fictional : ''}`,
          { bold: true },
        ),
      ],
    }),
    body([run(`${w.text}: `, { italics: true }), run(text)]),
    body(
      `${w.position}: ${r.position ? w.positions[r.position] : '—'}. ${w.status}: ${STATUS_LABELS[r.status][lang]}. ${w.lead}: ${r.lead ? org(r.lead) : '—'}${r.coImplementers.length ? `. ${w.co}: ${r.coImplementers.map(org).join(', ')}` : ''}.`,
    ),
    body([run(`${w.actions}:`, { italics: true })]),
  ];
  if (actions.length)
    out.push(
      grid(
        w.actionHead,
        actions.map((a) => [a.title, a.organisationName, a.targetDate, w.actionStatus[a.status] ?? a.status]),
        [5, 3, 1.5, 1.5],
      ),
    );
  else out.push(body(w.none));
  out.push(body([run(`${w.reports}:`, { italics: true })]));
  if (approved.length)
    for (const p of approved)
      out.push(
        body(
          `${p.period} — ${p.organisationName}: ${p.narrative}${p.figures.length ? ` (${p.figures.map((f) => `${f.label}: ${f.value}`).join('; ')})` : ''}`,
        ),
      );
  else out.push(body(w.none));
  out.push(
    body([
      run(`${w.evidence} (${evidence.total}): `, { italics: true }),
      run(evidence.counts.map((c) => `${c.label[lang]} ${c.count}`).join('; ') || w.none),
    ]),
  );
  for (const e of evidence.items)
    out.push(body(`- ${e.label}${e.date ? ` (${e.date})` : ''}${e.organisationName ? `, ${e.organisationName}` : ''}`, { indent: false }));
  if (evidence.total > evidence.items.length) out.push(body(w.more(evidence.total - evidence.items.length), { indent: false }));
  return out;
}
