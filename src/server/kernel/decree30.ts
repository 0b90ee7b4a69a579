// The administrative layout of Decree 30/2020/NĐ-CP (Appendix I) for Word reports, shared by every module that issues
// one (the indicators report, the consolidated programme report): A4, margins top/bottom 20 mm, left 30 mm, right
// 15 mm; Times New Roman; a borderless two-column header (issuing body, number and symbol | national motto with its
// rule, place and date); title and summary; a 14 pt justified body with a first-line indent; bordered data tables
// with a repeated header row; recipients and signature in a borderless two-column table; page numbers from the second
// page, centred in the top margin.
import { MONTHS_EN } from '../../shared/format.js';
import {
  AlignmentType,
  BorderStyle,
  Document,
  Header,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableBorders,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
  type IBorderOptions,
  type ParagraphChild,
} from 'docx';
import { vnDate } from './periods.js';

export type DocLang = 'vi' | 'en';

export type ReportOptions = {
  now?: Date;
  /** The issuing body (tên cơ quan ban hành), printed in capitals, bold. */
  issuingBody?: string;
  /** The body it belongs to (tên cơ quan chủ quản), above it; none by default. */
  parentBody?: string;
  /** Number and symbol line, e.g. "Số: 12/BC-VPĐA". */
  numberLine?: string;
  /** Place of issue (địa danh). */
  place?: string;
  /** The signatory's authority and title, one line each (e.g. ["KT. CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG"]). */
  signerTitle?: string[];
  signerName?: string;
  /** Recipients, each a line after "- ". */
  recipients?: string[];
};
export type ResolvedOptions = Required<Omit<ReportOptions, 'parentBody'>> & { parentBody?: string };

const DEFAULTS: Record<DocLang, Required<Omit<ReportOptions, 'now' | 'parentBody'>>> = {
  vi: {
    issuingBody: 'VĂN PHÒNG ĐỀ ÁN TRUYỀN THÔNG VỀ QUYỀN CON NGƯỜI',
    numberLine: 'Số: …/BC-VPĐA',
    place: 'Hà Nội',
    signerTitle: ['KT. CHÁNH VĂN PHÒNG', 'PHÓ CHÁNH VĂN PHÒNG'],
    signerName: '[Họ và tên người ký]',
    recipients: ['Như trên;', 'Lưu: VT, VPĐA.'],
  },
  en: {
    issuingBody: 'OFFICE OF THE COMMUNICATION PROGRAMME ON HUMAN RIGHTS',
    numberLine: 'No.: …/BC-VPĐA',
    place: 'Ha Noi',
    signerTitle: ['FOR THE CHIEF OF OFFICE', 'DEPUTY CHIEF OF OFFICE'],
    signerName: '[Name of the signatory]',
    recipients: ['As above;', 'Archived: VT, VPĐA.'],
  },
};

const WORDS = {
  vi: { nation: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', motto: 'Độc lập - Tự do - Hạnh phúc', recipientsLabel: 'Nơi nhận:' },
  en: { nation: 'SOCIALIST REPUBLIC OF VIET NAM', motto: 'Independence - Freedom - Happiness', recipientsLabel: 'Recipients:' },
} as const;

/** The caller's options over the defaults of the language (undefined values keep the default). */
export function reportOptions(lang: DocLang, opts: ReportOptions = {}): ResolvedOptions {
  return {
    ...DEFAULTS[lang],
    now: new Date(),
    ...Object.fromEntries(Object.entries(opts).filter(([, v]) => v !== undefined)),
  } as ResolvedOptions;
}

export const FONT = 'Times New Roman';
export const BODY = 28; // 14 pt, in half-points
export const mm = (x: number) => Math.round((x * 1440) / 25.4);
const PAGE = { width: mm(210), height: mm(297) };
const MARGIN = { top: mm(20), bottom: mm(20), left: mm(30), right: mm(15) };
export const TEXT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right; // 165 mm
const HEADER_LEFT = mm(65);
const HEADER_RIGHT = TEXT_WIDTH - HEADER_LEFT;
const CELL_PAD = 60;
/** Widths of the motto at 13 pt bold in Times New Roman (measured with its metric twin Liberation Serif), in twips. */
const MOTTO_WIDTH: Record<DocLang, number> = { vi: 3260, en: 4120 };
export const FIRST_LINE = mm(10);
export const LINE = { line: 312, after: 120 }; // 1.3 lines, 6 pt after: within the decree's single to 1.5 lines
const RULE: IBorderOptions = { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 };

type RunOpts = { bold?: boolean; italics?: boolean; size?: number };
export const run = (text: string, o: RunOpts = {}) =>
  new TextRun({ text, font: FONT, size: o.size ?? BODY, bold: o.bold, italics: o.italics });

/** A body paragraph: justified, first-line indent. */
export function body(children: ParagraphChild[] | string, o: RunOpts = {}): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.BOTH,
    indent: { firstLine: FIRST_LINE },
    spacing: LINE,
    children: typeof children === 'string' ? [run(children, o)] : children,
  });
}

export function centred(text: string, o: RunOpts & { before?: number; after?: number; border?: boolean; indent?: number } = {}): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { before: o.before ?? 0, after: o.after ?? 0 },
    ...(o.border ? { border: { bottom: RULE } } : {}),
    ...(o.indent ? { indent: { left: o.indent, right: o.indent } } : {}),
    children: [run(text, o)],
  });
}

/** A horizontal rule `width` twips long, centred in a space `within` twips wide (an empty paragraph with a top border). */
export function rule(width: number, within: number): Paragraph {
  const side = Math.max(0, Math.round((within - width) / 2));
  return new Paragraph({
    border: { top: RULE },
    indent: { left: side, right: side },
    spacing: { before: 40, after: 0, line: 120, lineRule: 'exact' },
    children: [run('', { size: 4 })],
  });
}

export function heading(text: string, o: { before?: number; italics?: boolean } = {}): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.BOTH,
    indent: { firstLine: FIRST_LINE },
    spacing: { ...LINE, before: o.before ?? 120 },
    keepNext: true,
    children: [run(text, { bold: true, italics: o.italics })],
  });
}

/** A small italic note under a table (13 pt → 12 pt). */
export const note = (text: string) =>
  new Paragraph({ alignment: AlignmentType.BOTH, spacing: { before: 60, after: 0 }, children: [run(text, { italics: true, size: 24 })] });

export function borderless(cols: number[], cells: Paragraph[][]): Table {
  return new Table({
    width: { size: cols.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: cols,
    borders: TableBorders.NONE,
    margins: { left: CELL_PAD, right: CELL_PAD },
    rows: [
      new TableRow({ children: cells.map((children, i) => new TableCell({ children, width: { size: cols[i], type: WidthType.DXA } })) }),
    ],
  });
}

/** A bordered data table, 13 pt; the first row is the header, repeated on every page. */
export function dataTable(cols: number[], head: string[], rows: string[][], align: ('left' | 'right' | 'center')[]): Table {
  const cell = (text: string, i: number, headRow: boolean) =>
    new TableCell({
      width: { size: cols[i], type: WidthType.DXA },
      verticalAlign: VerticalAlignTable.CENTER,
      ...(headRow ? { shading: { fill: 'E7E6E6' } } : {}),
      children: [
        new Paragraph({
          alignment: headRow
            ? AlignmentType.CENTER
            : align[i] === 'right'
              ? AlignmentType.RIGHT
              : align[i] === 'center'
                ? AlignmentType.CENTER
                : AlignmentType.LEFT,
          spacing: { before: 40, after: 40 },
          children: [run(text, { size: 26, bold: headRow })],
        }),
      ],
    });
  return new Table({
    width: { size: cols.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: cols,
    rows: [
      new TableRow({ tableHeader: true, children: head.map((h, i) => cell(h, i, true)) }),
      ...rows.map((r) => new TableRow({ cantSplit: true, children: r.map((v, i) => cell(v, i, false)) })),
    ],
  });
}

/** A calendar day YYYY-MM-DD as "31/03/2026" / "31 March 2026". */
export function dayWords(day: string, lang: DocLang): string {
  const [y, m, d] = day.split('-');
  return lang === 'vi' ? `${d}/${m}/${y}` : `${+d} ${MONTHS_EN[+m - 1]} ${y}`;
}
export const monthName = (m: number) => MONTHS_EN[m - 1]!;

/** Day and month as Decree 30 writes them: a day below 10 and the months 1 and 2 with a leading zero. */
export function placeAndDate(place: string, at: Date, lang: DocLang): string {
  const day = vnDate(at);
  if (lang === 'en') return `${place}, ${dayWords(day, 'en')}`;
  const [y, m, d] = day.split('-').map(Number);
  return `${place}, ngày ${d! < 10 ? `0${d}` : d} tháng ${m! <= 2 ? `0${m}` : m} năm ${y}`;
}

/** The heading of the first page: issuing body, rule and number | nation, motto and place and date; then the title,
 *  the summary line under it and its rule. */
export function decreeHeading(o: ResolvedOptions, lang: DocLang, title: string, subtitle: string): (Paragraph | Table)[] {
  const w = WORDS[lang];
  const left: Paragraph[] = [];
  if (o.parentBody) left.push(centred(o.parentBody.toUpperCase(), { size: 26 }));
  left.push(centred(o.issuingBody.toUpperCase(), { bold: true, size: 26 }));
  left.push(rule(mm(22), HEADER_LEFT - 2 * CELL_PAD));
  left.push(centred(o.numberLine, { size: 26, before: 160 }));
  const mottoIndent = Math.max(0, Math.round((HEADER_RIGHT - 2 * CELL_PAD - MOTTO_WIDTH[lang] * 1.04) / 2));
  const right = [
    centred(w.nation, { bold: true, size: 24 }),
    centred(w.motto, { bold: true, size: 26, border: true, indent: mottoIndent }),
    centred(placeAndDate(o.place, o.now, lang), { italics: true, size: 28, before: 200 }),
  ];
  return [
    borderless([HEADER_LEFT, HEADER_RIGHT], [left, right]),
    centred(title, { bold: true, before: 480, after: 60 }),
    centred(subtitle, { bold: true }),
    rule(mm(50), TEXT_WIDTH),
    new Paragraph({ spacing: { after: 120 }, children: [] }),
  ];
}

/** Recipients | signature, as the last block of the document. */
export function decreeSignature(o: ResolvedOptions, lang: DocLang): Table {
  const recipients = [
    new Paragraph({ spacing: { before: 240 }, children: [run(WORDS[lang].recipientsLabel, { bold: true, italics: true, size: 24 })] }),
    ...o.recipients.map((r) => new Paragraph({ children: [run(`- ${r}`, { size: 22 })] })),
  ];
  const signature = [
    ...o.signerTitle.map((t, i) => centred(t, { bold: true, before: i === 0 ? 240 : 0 })),
    ...Array.from({ length: 4 }, () => new Paragraph({ spacing: { after: 0 }, children: [run('')] })),
    centred(o.signerName, { bold: true, before: 240 }),
  ];
  return borderless([mm(80), TEXT_WIDTH - mm(80)], [recipients, signature]);
}

/** The document: A4 with the decree's margins, page numbers from the second page. */
export function decreeDocument(meta: { title: string; description: string }, children: (Paragraph | Table)[]): Promise<Buffer> {
  const doc = new Document({
    creator: 'RightsHub',
    title: meta.title,
    description: meta.description,
    styles: { default: { document: { run: { font: FONT, size: BODY } } } },
    sections: [
      {
        properties: { titlePage: true, page: { size: PAGE, margin: { ...MARGIN, header: mm(10), footer: mm(10) } } },
        headers: {
          default: new Header({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ children: [PageNumber.CURRENT], font: FONT, size: 26 })],
              }),
            ],
          }),
          first: new Header({ children: [new Paragraph({ children: [] })] }),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
