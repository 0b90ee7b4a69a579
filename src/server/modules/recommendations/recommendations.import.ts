// Imports of recommendations, from two sources, each with a preview of what will change before anything is written:
//  - the Universal Human Rights Index (uhri.ohchr.org) export, CSV or Excel. Its columns, as the index's downloads
//    and the data sets built from them name them: State, Original Text / Text, SDG Goals, SDG Targets, Groups
//    (affected persons), Themes, Mechanism, Type, Response (UPR) (the position), Recommending State (UPR), Treaty Body,
//    Special Procedure, Document Code, Paragraph, Year, Cycle, Session, Annotation — or as UHRI's own "Export to
//    Excel" names them (Countries Concerned, Reccomending Body [sic], Document Symbol, Sdgs, UPR Reccomending States,
//    UPR Position, UPR Session, Document Publication Date, …). The State is required: a file without a State column is
//    refused unless the office confirms that every row is Viet Nam's (`stateConfirmed`), and a row of another State
//    (or, unconfirmed, of none) is refused naming the row. SDGs are read as UHRI writes them, goals
//    ("16 - PEACE, JUSTICE AND STRONG INSTITUTIONS" → 16) and targets ("16.10 - Ensure public access …" → 16.10), and
//    a value that is neither is refused with its row and column. The paragraph comes from "Paragraph", else from the
//    number the text starts with ("115.1 Ratify …"); a UPR cycle from "Cycle", else from the session ("46th session" →
//    UPR-IV). The original text comes from "Text" (English), else "Original Text".
//  - the Government's own matrix (MATRIX_COLUMNS, template from matrixTemplate): reference, texts (English original,
//    Vietnamese translation), position, classification, cluster code, lead agency and co-implementers by
//    organisation code. A value it does not know (communication "perhaps") is refused with its row and column.
// A row is matched to an existing recommendation by its reference (mechanism, cycle, document, paragraph); an empty
// cell keeps the existing value. Every row is checked and every problem reported with its row and column: unknown
// columns, duplicate references in the file, a changed original text (a conflict: the original never changes),
// unknown agencies or clusters, bad values. Any problem: 422 import_invalid and nothing is written. `commit: false`
// returns the preview (create / update with the changed fields / unchanged); `commit: true` writes all rows in one
// transaction through the service's own functions (each with its audit entry).
import ExcelJS from 'exceljs';
import { inArray, sql } from 'drizzle-orm';
import * as C from '../../../shared/contracts/recommendations.js';
import { INDICATOR_IDS } from '../../../shared/contracts/indicators.js';
import type { Actor } from '../../kernel/audit.js';
import { readCsv } from '../../kernel/csv.js';
import { rows, type Db } from '../../kernel/db.js';
import { AppError } from '../../kernel/errors.js';
import { countRead, noProgress, type ProgressReporter } from '../../kernel/progress.js';
import { fold, nfc } from '../../kernel/text.js';
import { EXCEL_CELL_CHARS, readTable, streamSheet, type SheetLimits } from '../../kernel/xlsx.js';
import { organisations } from '../directory/directory.tables.js';
import * as S from './recommendations.service.js';
import * as SEdit from './recommendations.edit.js';
import { recClusters } from './recommendations.tables.js';

export const MAX_ROWS = 20_000;
type Issue = { row?: number; field: string; message: string };
type Sheet = { header: string[]; rows: { row: number; values: Record<string, string> }[] };

export const UHRI_COLUMNS = [
  'State',
  'Original Text',
  'Text',
  'SDG Goals',
  'SDG Targets',
  'Groups',
  'Affected persons',
  'Themes',
  'Mechanism',
  'Type',
  'Response (UPR)',
  'Recommending State (UPR)',
  'Treaty Body',
  'Special Procedure',
  'Document Code',
  'Paragraph',
  'Year',
  'Cycle',
  'Session',
  'Annotation',
] as const;
/** Other names of the same columns in UHRI downloads and the data sets built on them (a 2006–2024 export names the
 *  mechanism column "Reccomending Body", misspelt, with values such as "- UPR"; the JSON export uses Countries,
 *  Symbol, AffectedPersons, Sdgs, PublicationDate). Matched without regard to case, spaces or underscores. */
const UHRI_ALIASES: Record<string, (typeof UHRI_COLUMNS)[number]> = {
  reccomendingbody: 'Mechanism',
  recommendingbody: 'Mechanism',
  body: 'Mechanism',
  documentpublicationdate: 'Year',
  publicationdate: 'Year',
  symbol: 'Document Code',
  documentsymbol: 'Document Code',
  countries: 'State',
  country: 'State',
  countriesconcerned: 'State',
  countryconcerned: 'State',
  statesconcerned: 'State',
  affectedpersons: 'Affected persons',
  sdgs: 'SDG Targets',
  annotationtype: 'Type',
  uprreccomendingstates: 'Recommending State (UPR)',
  uprrecommendingstates: 'Recommending State (UPR)',
  recommendingstates: 'Recommending State (UPR)',
  uprposition: 'Response (UPR)',
  uprsession: 'Session',
};
/** Columns of UHRI downloads that say nothing the import keeps: accepted and ignored. */
const UHRI_IGNORED = new Set([
  'regions',
  'annotationid',
  'documentid',
  'sectionheadings',
  'textplainraw',
  'textplaincleaned',
  'ohchrannotationid',
  'regionsconcerned',
  'recommendingregions',
  'dateofpublicationonuhri',
]);
const headerKey = (h: string) => h.toLowerCase().replace(/[\s_]+/g, '');
/** The UHRI column a header names (itself, or through an alias), or null when it is ignored. */
function uhriColumn(h: string): string | null {
  if ((UHRI_COLUMNS as readonly string[]).includes(h)) return h;
  const k = headerKey(h);
  const exact = UHRI_COLUMNS.find((c) => headerKey(c) === k);
  if (exact) return exact;
  if (UHRI_ALIASES[k]) return UHRI_ALIASES[k]!;
  return UHRI_IGNORED.has(k) ? null : h;
}
export const MATRIX_COLUMNS = [
  'mechanism',
  'cycle',
  'document',
  'paragraph',
  'recommending_states',
  'text_en',
  'text_vi',
  'position',
  'position_source',
  'themes',
  'affected_persons',
  'sdg_targets',
  'action_category',
  'communication',
  'targets',
  'cluster',
  'lead_agency',
  'co_implementers',
] as const;
const MATRIX_HELP: Record<(typeof MATRIX_COLUMNS)[number], string> = {
  mechanism: 'upr | treaty_body | special_procedure',
  cycle: 'UPR-III, UPR-IV, CCPR-2019 …',
  document: 'A/HRC/41/7',
  paragraph: '38.63',
  recommending_states: 'Quốc gia khuyến nghị, cách nhau bởi ";" / States, separated by ";"',
  text_en: 'Nguyên văn tiếng Anh (không thay đổi sau khi nhập) / Original English text (never changed once imported)',
  text_vi: 'Bản dịch tiếng Việt (mỗi thay đổi là một phiên bản mới) / Vietnamese translation (each change is a new version)',
  position: 'supported | supported_in_part | noted',
  position_source: 'Nguồn lập trường / Source of the position (e.g. A/HRC/41/7/Add.1)',
  themes: 'Chủ đề, ";" / Themes, ";"',
  affected_persons: 'Nhóm đối tượng, ";" / Affected persons, ";"',
  sdg_targets: '16.10; 4.7',
  action_category: 'UPR Info 1–5',
  communication: 'yes (x, có): khuyến nghị về truyền thông (T6) / on communication (T6); no (không): không / not',
  targets: `Chỉ tiêu / Targets: ${INDICATOR_IDS.join(', ')}`,
  cluster: 'Mã nhóm / Cluster code',
  lead_agency: 'Mã tổ chức chủ trì / Lead organisation code',
  co_implementers: 'Mã tổ chức phối hợp, ";" / Co-implementer codes, ";"',
};

/** Rows a file may hold: a State's UHRI download has a few hundred; the whole index a few tens of thousands. */
export const MAX_IMPORT_ROWS = 50_000;
const LIMITS: SheetLimits = {
  rows: MAX_IMPORT_ROWS + 1000,
  columns: 100,
  cellChars: EXCEL_CELL_CHARS,
  uncompressedBytes: 150 * 1024 * 1024,
};

/** The first sheet of an .xlsx (streamed, limits checked while reading), or a CSV in any encoding a spreadsheet saves
 *  (found and converted, or refused with its name: kernel/csv), as a header and its non-empty rows (row numbers as in
 *  the file). */
export async function readSheet(buf: Buffer, progress: ProgressReporter = noProgress): Promise<Sheet> {
  const isZip = buf.length >= 4 && buf.readUInt32LE(0) === 0x04034b50;
  if (!isZip) {
    const { header, rows } = await readCsv(buf, { maxRows: MAX_IMPORT_ROWS, what: 'CSV' });
    progress.report('read', rows.length, rows.length);
    return { header, rows: rows.filter((r) => Object.values(r.values).some(Boolean)) };
  }
  const table = await readTable(countRead(streamSheet(buf, LIMITS), progress), MAX_IMPORT_ROWS);
  const rows: Sheet['rows'] = [];
  for (const { row, cells } of table.rows) {
    const values: Record<string, string> = {};
    table.header.forEach((h, idx) => {
      if (h) values[h] = cells[idx] ?? '';
    });
    if (Object.values(values).some(Boolean)) rows.push({ row, values });
  }
  return { header: table.header, rows };
}

// List cells of UHRI downloads put each value on its own line after "- ".
const split = (s: string | undefined, sep = /[;\n|]/) =>
  (s ?? '')
    .split(sep)
    .map((x) => nfc(x).trim().replace(/^-\s+/, ''))
    .filter(Boolean);
const ROMAN = ['', 'I', 'II', 'III', 'IV', 'V', 'VI'];

/** "Cycle 3", "3rd cycle", "III", "3" → UPR-III. */
function uhriCycle(s: string): string | null {
  const m = s.match(/\b(\d)\b/) ?? s.match(/\b(I{1,3}|IV|V|VI)\b/);
  if (!m) return null;
  const n = /^\d$/.test(m[1]!) ? Number(m[1]) : ROMAN.indexOf(m[1]!);
  return n > 0 && n < ROMAN.length ? `UPR-${ROMAN[n]}` : null;
}
const TREATY_BODIES = /^(ccpr|cescr|crc|cedaw|cerd|cat|spt|crpd|cmw|ced)\b/;
function uhriMechanism(s: string): C.Mechanism | null {
  const t = s.toLowerCase().replace(/^-\s*/, '').trim();
  if (t.includes('universal periodic') || t === 'upr') return 'upr';
  if (t.includes('treaty') || TREATY_BODIES.test(t)) return 'treaty_body';
  if (t.includes('special') || /^(sr|ie|wg)\b/.test(t)) return 'special_procedure';
  return null;
}
function position(s: string): C.Position | null | 'bad' {
  const t = s.toLowerCase().replace(/[_-]/g, ' ').trim();
  if (!t) return null;
  if (/^(supported|accepted)$/.test(t)) return 'supported';
  if (/(partially|in part|partly)/.test(t)) return 'supported_in_part';
  if (/^(noted|not supported)$/.test(t)) return 'noted';
  return 'bad';
}
/** Viet Nam as UHRI and people write it ("Viet Nam", "- Viet Nam", "Việt Nam", "Vietnam", "Socialist Republic of
 *  Viet Nam", VN, VNM). */
const isVietNam = (s: string) =>
  /^(socialist republic of )?viet ?nam$|^vnm?$/.test(
    fold(s)
      .replace(/[^a-z ]+/g, ' ')
      .replace(/\s+/g, ' ')
      .trim(),
  );

/** The SDG goals and targets of a cell as UHRI writes them, one a line ("- 16 - PEACE, JUSTICE AND STRONG
 *  INSTITUTIONS", "- 16.10 - Ensure public access to information …"), or a list ("16.10; 4.7"); an entry that is
 *  neither is a problem named by the caller. A goal is kept only when none of its targets is listed. */
export function parseSdgs(cells: string[]): { sdgs: string[]; bad: string[] } {
  const found: string[] = [],
    bad: string[] = [];
  for (const entry of cells.flatMap((c) => split(c))) {
    const m = /^(?:(?:sdg|goal)\s*)?(\d{1,2})(?:\.([0-9a-z]{1,2}))?(?=$|[\s:.,–—-])/i.exec(entry);
    const goal = m ? Number(m[1]) : 0;
    if (!m || goal < 1 || goal > 17) {
      bad.push(entry);
      continue;
    }
    found.push(m[2] ? `${goal}.${m[2].toLowerCase()}` : String(goal));
  }
  const unique = [...new Set(found)];
  return { sdgs: unique.filter((x) => x.includes('.') || !unique.some((t) => t.startsWith(`${x}.`))), bad };
}

/** A UPR cycle from a session ("46th session", "- 46", "UPR 32"): sessions 1–12 are the first cycle, 13–26 the
 *  second, 27–40 the third, 41–54 the fourth (14 sessions a cycle from the second on). */
function cycleOfSession(s: string): string | null {
  const n = Number(/\b(\d{1,2})(?:st|nd|rd|th)?\b/i.exec(s)?.[1] ?? 0);
  if (!n) return null;
  const c = n <= 12 ? 1 : 2 + Math.floor((n - 13) / 14);
  return c < ROMAN.length ? `UPR-${ROMAN[c]}` : null;
}
/** A year from a date as text (2019-03-29) or an Excel serial day (43553). */
function yearOf(s: string): string | undefined {
  const t = s.trim();
  if (/^\d{5}(\.\d+)?$/.test(t)) return String(new Date(Date.UTC(1899, 11, 30) + Math.floor(Number(t)) * 86_400_000).getUTCFullYear());
  return t.match(/\b(19|20)\d{2}\b/)?.[0];
}
/** The paragraph a UHRI text starts with ("115.1 Ratify …", "38.63. Continue …", a treaty body's "12. The Committee
 *  …"), and the text without it; none when the text starts otherwise (a heading, a word). */
function leadingParagraph(text: string): { paragraph: string; text: string } | null {
  const m = /^\s*(\d{1,3}(?:\.\d{1,3})+)\.?\s+(\S[\s\S]*)$/.exec(text) ?? /^\s*(\d{1,3})\.\s*(\S[\s\S]*)$/.exec(text);
  return m ? { paragraph: m[1]!, text: m[2]!.trim() } : null;
}

/** One row as the fields it sets (undefined: not given, keep the existing value) plus its extras. */
type RowFields = {
  ref: { mechanism: string; cycle: string; sourceDocument: string; paragraph: string };
  set: Partial<C.RecommendationInput>;
  textVi?: string;
  lead?: string;
  coImplementers?: string[];
  cluster?: string;
};

/** `stateConfirmed`: the office confirmed that every row without a State is a recommendation to Viet Nam. */
function uhriRow(v: Record<string, string>, row: number, issues: Issue[], stateConfirmed: boolean): RowFields | null {
  const states = split(v.State);
  if (states.length && !states.some(isVietNam))
    issues.push({ row, field: 'State', message: `a recommendation to ${states.join(', ')}, not to Viet Nam` });
  else if (!states.length && !stateConfirmed)
    issues.push({ row, field: 'State', message: 'no State: say which State the recommendation is addressed to (Viet Nam)' });
  const types = split(v.Type);
  if (types.some((t) => !/recommendation/i.test(t)))
    issues.push({ row, field: 'Type', message: `"${types.join(', ')}" is not a recommendation (only recommendations are imported)` });
  const mechanism = uhriMechanism(v.Mechanism ?? 'Universal Periodic Review');
  if (!mechanism) issues.push({ row, field: 'Mechanism', message: `unknown mechanism "${v.Mechanism}"` });
  let cycle: string | null = null;
  if (mechanism === 'upr') {
    cycle = v.Cycle ? uhriCycle(v.Cycle) : v.Session ? cycleOfSession(v.Session) : null;
    if (!cycle) {
      issues.push(
        v.Cycle || !v.Session
          ? { row, field: 'Cycle', message: `"${v.Cycle ?? ''}" is not a UPR cycle (e.g. Cycle 3)` }
          : { row, field: 'Session', message: `"${v.Session}" is not a UPR session (e.g. 46th session)` },
      );
    }
  } else if (mechanism) {
    const body = (v['Treaty Body'] || v['Special Procedure'] || (v.Mechanism ?? '').replace(/^-\s*/, '') || '')
      .toUpperCase()
      .replace(/[^A-Z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 20);
    const year = yearOf(v.Year ?? '');
    cycle = body && year ? `${body}-${year}` : null;
    if (!cycle)
      issues.push({
        row,
        field: v['Treaty Body'] !== undefined ? 'Treaty Body' : 'Year',
        message: 'a treaty body or special procedure and a year name the review',
      });
  }
  const pos = position(v['Response (UPR)'] ?? '');
  if (pos === 'bad')
    issues.push({
      row,
      field: 'Response (UPR)',
      message: `unknown position "${v['Response (UPR)']}" (Supported, Supported in part, Noted)`,
    });
  const sdgs: string[] = [];
  for (const col of ['SDG Goals', 'SDG Targets'] as const) {
    if (!v[col]) continue;
    const r = parseSdgs([v[col]!]);
    sdgs.push(...r.sdgs);
    for (const b of r.bad)
      issues.push({
        row,
        field: col,
        message: `"${b}" is not an SDG goal (e.g. "16 - Peace, justice and strong institutions") or target (e.g. "16.10 - …")`,
      });
  }
  // The paragraph: its column, else the number the text starts with (UHRI's own exports have no Paragraph column).
  let text = v.Text || v['Original Text'] || '';
  let paragraph = (v.Paragraph ?? '').trim();
  if (!paragraph) {
    const lead = leadingParagraph(text);
    if (lead) ({ paragraph, text } = lead);
    else
      issues.push({
        row,
        field: 'Paragraph',
        message: 'no paragraph: give the Paragraph column, or a text that starts with its number (e.g. "115.1 Ratify …")',
      });
  }
  if (!mechanism || !cycle || !paragraph) return null;
  const set: Partial<C.RecommendationInput> = { mechanism };
  if (text) {
    set.textEn = text;
    set.textEnSource = `Universal Human Rights Index${v['Document Code'] ? `, ${v['Document Code']}` : ''}`;
  }
  if (pos && pos !== 'bad') {
    set.position = pos;
    set.positionSource = 'Universal Human Rights Index';
  }
  if (v['Recommending State (UPR)']) set.recommendingStates = split(v['Recommending State (UPR)'], /[;\n|]|,(?![^(]*\))/);
  if (v.Themes) set.themes = split(v.Themes);
  const persons = v['Affected persons'] || v.Groups;
  if (persons) set.affectedPersons = split(persons);
  if (v['SDG Goals'] || v['SDG Targets']) set.sdgTargets = parseSdgs(sdgs).sdgs;
  return { ref: { mechanism, cycle, sourceDocument: (v['Document Code'] ?? '').trim(), paragraph }, set };
}

function matrixRow(v: Record<string, string>, row: number, issues: Issue[]): RowFields | null {
  const set: Partial<C.RecommendationInput> = {};
  const given = (k: string) => v[k] !== undefined && v[k] !== '';
  if (given('recommending_states')) set.recommendingStates = split(v.recommending_states);
  if (given('text_en')) {
    set.textEn = v.text_en;
    set.textEnSource = 'Government matrix';
  }
  if (given('position')) {
    const p = position(v.position!);
    if (p === 'bad')
      issues.push({ row, field: 'position', message: `unknown position "${v.position}" (supported, supported_in_part, noted)` });
    else set.position = p;
  }
  if (given('position_source')) set.positionSource = v.position_source;
  if (given('themes')) set.themes = split(v.themes);
  if (given('affected_persons')) set.affectedPersons = split(v.affected_persons);
  if (given('sdg_targets')) set.sdgTargets = split(v.sdg_targets, /[;,\s]+/);
  if (given('action_category'))
    set.actionCategory = /^\d+$/.test(v.action_category!) ? Number(v.action_category) : (v.action_category as unknown as number);
  if (given('communication')) {
    const c = fold(v.communication!).trim();
    if (/^(x|yes|y|true|1|co)$/.test(c)) set.communication = true;
    else if (/^(no|n|false|0|khong|-)$/.test(c)) set.communication = false;
    else issues.push({ row, field: 'communication', message: `unknown value "${v.communication}": yes (x, có) or no (không)` });
  }
  if (given('targets'))
    set.targets = split(v.targets, /[;,\s]+/).map((t) =>
      t.toUpperCase().replace(/^T(\d)([AB-D])$/, (_m, d, l) => `T${d}${l.toLowerCase()}`),
    ) as C.RecommendationInput['targets'];
  return {
    ref: {
      mechanism: v.mechanism || 'upr',
      cycle: (v.cycle ?? '').toUpperCase(),
      sourceDocument: v.document ?? '',
      paragraph: v.paragraph ?? '',
    },
    set,
    textVi: given('text_vi') ? nfc(v.text_vi!) : undefined,
    lead: given('lead_agency') ? v.lead_agency!.trim() : undefined,
    coImplementers: given('co_implementers') ? split(v.co_implementers, /[;,\s]+/) : undefined,
    cluster: given('cluster') ? v.cluster!.trim() : undefined,
  };
}

const toInput = (r: C.Recommendation): C.RecommendationInput => ({
  mechanism: r.mechanism,
  cycle: r.cycle,
  sourceDocument: r.sourceDocument,
  paragraph: r.paragraph,
  recommendingStates: r.recommendingStates,
  textEn: r.textEn,
  textEnSource: r.textEnSource,
  position: r.position,
  positionSource: r.positionSource,
  themes: r.themes,
  affectedPersons: r.affectedPersons,
  sdgTargets: r.sdgTargets,
  actionCategory: r.actionCategory,
  communication: r.communication,
  targets: r.targets,
  clusterId: r.cluster?.id ?? null,
});
const COMPARED = [
  'recommendingStates',
  'position',
  'positionSource',
  'themes',
  'affectedPersons',
  'sdgTargets',
  'actionCategory',
  'communication',
  'targets',
  'clusterId',
] as const;

type Planned = {
  row: number;
  existing: C.Recommendation | null;
  input: C.RecommendationInput;
  textVi?: string;
  assign?: { leadOrganisationId: number | null; coImplementerIds: number[] };
  change: C.ImportPreview['changes'][number];
};

/** Reads, checks and plans every row; throws import_invalid with every problem. */
async function plan(
  db: Db,
  format: 'uhri' | 'matrix',
  sheet: Sheet,
  stateConfirmed = false,
  progress: ProgressReporter = noProgress,
): Promise<Planned[]> {
  const issues: Issue[] = [];
  const known: readonly string[] = format === 'uhri' ? UHRI_COLUMNS : MATRIX_COLUMNS;
  const header = format === 'matrix' ? sheet.header.map((h) => h.toLowerCase()) : sheet.header.map((h) => (h ? (uhriColumn(h) ?? '') : h));
  for (const h of header)
    if (h && !known.includes(h)) issues.push({ row: 1, field: h, message: `unknown column "${h}"; expected: ${known.join(', ')}` });
  // Each requirement: one of these columns (UHRI's own exports carry the paragraph in the text and the session, not the cycle).
  const required: string[][] =
    format === 'uhri'
      ? [['Document Code'], ['Paragraph', 'Text', 'Original Text'], ['Cycle', 'Session', 'Year'], ...(stateConfirmed ? [] : [['State']])]
      : [['cycle'], ['document'], ['paragraph']];
  for (const r of required) {
    if (r.some((c) => header.includes(c))) continue;
    issues.push({
      row: 1,
      field: r[0]!,
      message:
        r[0] === 'State'
          ? 'missing column "State" (or "Countries Concerned"): the State each recommendation is addressed to. If every row of this file is a recommendation to Viet Nam, confirm it and import again'
          : `missing column "${r[0]}"${
              r.length > 1
                ? ` (or ${r
                    .slice(1)
                    .map((c) => `"${c}"`)
                    .join(', ')})`
                : ''
            }`,
    });
  }
  if (issues.length) throw new AppError('import_invalid', 'The header row is wrong', issues);
  if (!sheet.rows.length)
    throw new AppError('import_invalid', 'The file has no data rows', [
      { row: 2, field: 'file', message: 'no data rows below the header' },
    ]);
  if (sheet.rows.length > MAX_ROWS)
    throw new AppError('import_invalid', `At most ${MAX_ROWS} rows per file`, [
      { field: 'file', message: `${sheet.rows.length} rows; at most ${MAX_ROWS}` },
    ]);

  const parsed = sheet.rows.map(({ row, values }) => {
    const v =
      format === 'matrix'
        ? Object.fromEntries(Object.entries(values).map(([k, x]) => [k.toLowerCase(), x]))
        : Object.fromEntries(
            Object.entries(values).flatMap(([k, x]) => {
              const c = uhriColumn(k);
              return c ? [[c, x]] : [];
            }),
          );
    return { row, f: format === 'uhri' ? uhriRow(v, row, issues, stateConfirmed) : matrixRow(v, row, issues) };
  });
  // Organisations and clusters named by code, loaded once.
  const codes = [...new Set(parsed.flatMap((p) => [p.f?.lead, ...(p.f?.coImplementers ?? [])].filter((x): x is string => !!x)))];
  const orgs = new Map(
    codes.length
      ? (
          await db.select({ id: organisations.id, code: organisations.code }).from(organisations).where(inArray(organisations.code, codes))
        ).map((o) => [o.code, o.id])
      : [],
  );
  const clusterCodes = [...new Set(parsed.map((p) => p.f?.cluster).filter((x): x is string => !!x))];
  const clusters = new Map(
    clusterCodes.length
      ? (await db.select().from(recClusters).where(inArray(recClusters.code, clusterCodes))).map((c) => [c.code, c.id])
      : [],
  );

  const seen = new Map<string, number>();
  const out: Planned[] = [];
  const col = (matrix: string, uhri: string) => (format === 'matrix' ? matrix : uhri);
  let matched = 0;
  for (const { row, f } of parsed) {
    await progress.step('match', ++matched, parsed.length);
    if (!f) continue;
    const key = `${f.ref.mechanism}|${f.ref.cycle}|${f.ref.sourceDocument}|${f.ref.paragraph}`;
    if (seen.has(key)) {
      issues.push({
        row,
        field: col('paragraph', 'Paragraph'),
        message: `${f.ref.cycle} ${f.ref.paragraph} of ${f.ref.sourceDocument} is already on row ${seen.get(key)}`,
      });
      continue;
    }
    seen.set(key, row);
    const found = C.Mechanism.safeParse(f.ref.mechanism).success ? await SEdit.findByRef(db, f.ref) : undefined;
    const existing = found ? await S.getRecommendation(db, found.id) : null;
    const set = { ...f.set };
    if (f.cluster !== undefined) {
      const id = clusters.get(f.cluster);
      if (!id) issues.push({ row, field: 'cluster', message: `unknown cluster "${f.cluster}"` });
      else set.clusterId = id;
    }
    const merged = {
      ...(existing
        ? toInput(existing)
        : { recommendingStates: [], themes: [], affectedPersons: [], sdgTargets: [], communication: false, targets: [] }),
      ...f.ref,
      ...set,
    };
    const r = C.RecommendationInput.safeParse(merged);
    if (!r.success) {
      for (const i of r.error.issues)
        issues.push({
          row,
          field: fieldName(format, String(i.path[0] ?? '(row)')) + (i.path.length > 1 ? `.${i.path.slice(1).join('.')}` : ''),
          message: i.message,
        });
      continue;
    }
    if (existing?.textEn && set.textEn && !S.sameText(existing.textEn, set.textEn)) {
      issues.push({
        row,
        field: col('text_en', 'Text'),
        message: `conflict: ${existing.label} keeps its original text, and this one differs from it`,
      });
      continue;
    }
    let assign: Planned['assign'];
    if (f.lead !== undefined || f.coImplementers !== undefined) {
      const lead = f.lead !== undefined ? orgs.get(f.lead) : (existing?.lead?.id ?? null);
      if (f.lead !== undefined && !lead) issues.push({ row, field: 'lead_agency', message: `unknown organisation code "${f.lead}"` });
      const co = (f.coImplementers ?? []).map((c) => {
        const id = orgs.get(c);
        if (!id) issues.push({ row, field: 'co_implementers', message: `unknown organisation code "${c}"` });
        return id;
      });
      assign = {
        leadOrganisationId: lead ?? null,
        coImplementerIds:
          f.coImplementers !== undefined ? co.filter((x): x is number => !!x) : (existing?.coImplementers.map((c) => c.id) ?? []),
      };
    }
    const fields: string[] = [];
    if (existing) {
      for (const k of COMPARED) if (JSON.stringify(r.data[k] ?? null) !== JSON.stringify(toInput(existing)[k] ?? null)) fields.push(k);
      if (!existing.textEn && r.data.textEn) fields.push('textEn');
      if (f.textVi !== undefined && f.textVi !== existing.textVi) fields.push('textVi');
      if (
        assign &&
        (assign.leadOrganisationId !== (existing.lead?.id ?? null) ||
          JSON.stringify([...assign.coImplementerIds].sort()) !== JSON.stringify(existing.coImplementers.map((c) => c.id).sort()))
      )
        fields.push('implementers');
    }
    out.push({
      row,
      existing,
      input: r.data,
      textVi: f.textVi,
      assign,
      change: {
        row,
        kind: !existing ? 'create' : fields.length ? 'update' : 'unchanged',
        label: `${r.data.cycle} ${r.data.paragraph}`,
        fields,
      },
    });
  }
  if (issues.length) {
    // A UHRI column is named as the file names it ("Countries Concerned", "UPR Position"), not by its canonical name.
    const inFile = new Map(format === 'uhri' ? sheet.header.filter(Boolean).map((h): [string | null, string] => [uhriColumn(h), h]) : []);
    const named = (f: string) => {
      if (inFile.has(f)) return inFile.get(f)!;
      for (const [k, h] of inFile) if (k && f.startsWith(`${k}.`)) return h + f.slice(k.length); // SDG Targets.0 → Sdgs.0
      return f;
    };
    throw new AppError(
      'import_invalid',
      `${new Set(issues.map((i) => i.row)).size} row(s) have problems; nothing was written`,
      issues.map((i) => ({ ...i, field: named(i.field) })).sort((a, b) => (a.row ?? 0) - (b.row ?? 0)),
    );
  }
  return out;
}

function fieldName(format: 'uhri' | 'matrix', key: string): string {
  const matrix: Record<string, string> = {
    sourceDocument: 'document',
    recommendingStates: 'recommending_states',
    textEn: 'text_en',
    positionSource: 'position_source',
    affectedPersons: 'affected_persons',
    sdgTargets: 'sdg_targets',
    actionCategory: 'action_category',
    clusterId: 'cluster',
  };
  const uhri: Record<string, string> = {
    sourceDocument: 'Document Code',
    paragraph: 'Paragraph',
    cycle: 'Cycle',
    recommendingStates: 'Recommending State (UPR)',
    textEn: 'Text',
    position: 'Response (UPR)',
    themes: 'Themes',
    affectedPersons: 'Groups',
    sdgTargets: 'SDG Targets',
    mechanism: 'Mechanism',
  };
  return (format === 'matrix' ? matrix : uhri)[key] ?? key;
}

/** Previews (commit false) or writes (commit true, all or nothing) an import. The programme office only.
 *  `stateConfirmed` (UHRI): the office confirms that every row without a State is a recommendation to Viet Nam. */
export async function importRecommendations(
  db: Db,
  actor: Actor,
  buf: Buffer,
  opts: { format: 'uhri' | 'matrix'; commit: boolean; stateConfirmed?: boolean; progress?: ProgressReporter },
): Promise<C.ImportPreview> {
  S.assertOffice(actor);
  const progress = opts.progress ?? noProgress;
  const sheet = await readSheet(buf, progress);
  const preview = (planned: Planned[], committed: boolean): C.ImportPreview => ({
    format: opts.format,
    rows: planned.length,
    committed,
    changes: planned.map((p) => p.change),
    creates: planned.filter((p) => p.change.kind === 'create').length,
    updates: planned.filter((p) => p.change.kind === 'update').length,
    unchanged: planned.filter((p) => p.change.kind === 'unchanged').length,
  });
  if (!opts.commit) return preview(await plan(db, opts.format, sheet, opts.stateConfirmed, progress), false);
  const importer: Actor = { ...actor, via: 'import' };
  return db.transaction(async (tx) => {
    const planned = await plan(tx, opts.format, sheet, opts.stateConfirmed, progress);
    const toWrite = planned.filter((p) => p.change.kind !== 'unchanged').length;
    let written = 0;
    for (const p of planned) {
      if (p.change.kind === 'unchanged') continue;
      await progress.step('write', written++, toWrite);
      const rec = p.existing
        ? await SEdit.updateRecommendation(tx, importer, p.existing.id, p.input)
        : await SEdit.createRecommendation(tx, importer, p.input);
      if (p.textVi !== undefined && p.textVi !== rec.textVi) await SEdit.addTranslation(tx, importer, rec.id, { textVi: p.textVi });
      if (p.assign) await SEdit.assignImplementers(tx, importer, rec.id, p.assign);
    }
    progress.report('write', toWrite, toWrite);
    return preview(planned, true);
  });
}

/** The matrix workbook: the header row, then `data` (one row per recommendation), and the help sheet. */
async function matrixWorkbook(data: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('matrix');
  ws.addRow([...MATRIX_COLUMNS]);
  ws.getRow(1).font = { bold: true };
  MATRIX_COLUMNS.forEach((c, i) => {
    ws.getColumn(i + 1).width = c.startsWith('text') ? 60 : 22;
  });
  // Every cell as text: a paragraph 38.60 stays "38.60", a document symbol never becomes a date or a formula.
  for (const row of data)
    ws.addRow(row).eachCell((c) => {
      c.numFmt = '@';
    });
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  const help = wb.addWorksheet('Hướng dẫn - Help');
  help.addRow(['column', 'Hướng dẫn / Help']);
  for (const c of MATRIX_COLUMNS) help.addRow([c, MATRIX_HELP[c]]);
  help.addRow([]);
  help.addRow([
    '',
    'Không bao giờ tự soạn nguyên văn của một khuyến nghị thật: nhập từ tài liệu của Liên hợp quốc. / Never write the text of a real recommendation yourself: import it from the UN document.',
  ]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The Government matrix template: the header row and a help sheet (Vietnamese / English). */
export async function matrixTemplate(): Promise<Buffer> {
  return matrixWorkbook([]);
}

/** The recommendations (the list's filters) as the Government matrix, in the columns the matrix import reads:
 *  exported, then imported again unchanged, the import's preview says "unchanged" for every row. Set-based. */
export async function exportMatrix(db: Db, query: unknown): Promise<Buffer> {
  const q = C.RecListQuery.parse(query ?? {});
  const ids = await rows<{ id: number }>(
    db,
    sql`select r.id from recommendations r where ${S.listConditions(q)} order by ${S.ORDER} limit ${MAX_ROWS}`,
  );
  const recs = await S.loadRecommendations(
    db,
    ids.map((x) => Number(x.id)),
  );
  const orgIds = [...new Set(recs.flatMap((r) => [r.lead?.id, ...r.coImplementers.map((c) => c.id)]).filter((x): x is number => !!x))];
  const codes = new Map(
    orgIds.length
      ? (
          await db.select({ id: organisations.id, code: organisations.code }).from(organisations).where(inArray(organisations.id, orgIds))
        ).map((o) => [o.id, o.code])
      : [],
  );
  const list = (xs: string[]) => xs.join('; ');
  return matrixWorkbook(
    recs.map((r) => {
      const v: Record<(typeof MATRIX_COLUMNS)[number], string> = {
        mechanism: r.mechanism,
        cycle: r.cycle,
        document: r.sourceDocument,
        paragraph: r.paragraph,
        recommending_states: list(r.recommendingStates),
        text_en: r.textEn ?? '',
        text_vi: r.textVi ?? '',
        position: r.position ?? '',
        position_source: r.positionSource ?? '',
        themes: list(r.themes),
        affected_persons: list(r.affectedPersons),
        sdg_targets: list(r.sdgTargets),
        action_category: r.actionCategory === null ? '' : String(r.actionCategory),
        communication: r.communication ? 'yes' : 'no',
        targets: list(r.targets),
        cluster: r.cluster?.code ?? '',
        lead_agency: r.lead ? (codes.get(r.lead.id) ?? '') : '',
        co_implementers: list(r.coImplementers.map((c) => codes.get(c.id) ?? '')),
      };
      return MATRIX_COLUMNS.map((c) => v[c]);
    }),
  );
}
