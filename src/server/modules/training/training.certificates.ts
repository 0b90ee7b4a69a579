// Completion certificates: a PDF (pdfkit, DejaVu fonts embedded so Vietnamese prints right) carrying a verification
// code. The code is issued once per completed attendance and kept; the public check shows only the name, the course
// and the completion date (the session's last day).
import crypto from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import PDFDocument from 'pdfkit';
import { eq, sql } from 'drizzle-orm';
import type { CertificateCheck } from '../../../shared/contracts/training.js';
import { recordAudit, type Actor } from '../../kernel/audit.js';
import { rows, type Db } from '../../kernel/db.js';
import { AppError, forbidden, notFound } from '../../kernel/errors.js';
import { inScope } from './training.service.js';
import { trainingAttendance } from './training.tables.js';

const FONTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../data/fonts');
/** Unambiguous letters and digits (no 0/O, 1/I/L). */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

export function newCertificateCode(): string {
  const bytes = crypto.randomBytes(10);
  const s = [...bytes].map((b) => ALPHABET[b % ALPHABET.length]).join('');
  return `${s.slice(0, 4)}-${s.slice(4, 8)}-${s.slice(8)}`;
}
export const normaliseCode = (s: string) =>
  s
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '')
    .replace(/^(.{4})(.{4})(.{2})$/, '$1-$2-$3');

type Row = {
  id: number;
  code: string | null;
  completed: boolean;
  full_name: string;
  person_org: number;
  title: string;
  hours: string | null;
  starts_on: string;
  ends_on: string;
  organiser_id: number;
  organiser: string;
};

async function attendanceRow(db: Db, where: ReturnType<typeof sql>): Promise<Row | undefined> {
  const [r] = await rows<Row>(
    db,
    sql`
    select a.id, a.certificate_code as code, a.completed, p.full_name, p.organisation_id as person_org, c.title, c.hours::text as hours,
      s.starts_on::text as starts_on, s.ends_on::text as ends_on, s.organiser_id, o.name_vi as organiser
    from training_attendance a join training_people p on p.id = a.person_id join training_sessions s on s.id = a.session_id
    join training_courses c on c.id = s.course_id join organisations o on o.id = s.organiser_id where ${where}`,
  );
  return r;
}

/** Issues (or re-prints) the certificate of a completed attendance: for whoever may see the person (the person's
 *  organisation subtree and the programme office; the certificate names the person). */
export async function issueCertificate(
  db: Db,
  actor: Actor,
  attendanceId: number,
  verifyBase: string,
): Promise<{ code: string; pdf: Buffer }> {
  return db.transaction(async (tx) => {
    const r = await attendanceRow(tx, sql`a.id = ${attendanceId}`);
    if (!r) throw notFound(`Attendance ${attendanceId}`);
    const [ok] = await rows<{ ok: boolean }>(tx, sql`select ${inScope(actor, sql`${Number(r.person_org)}::int`)} as ok`);
    if (!ok?.ok) throw forbidden("Only the person's organisation and the programme office issue this certificate (it names the person)");
    if (!r.completed)
      throw new AppError('conflict', 'The course was not completed: no certificate', [{ field: 'completed', message: 'not completed' }]);
    let code = r.code;
    if (!code) {
      code = newCertificateCode();
      await tx
        .update(trainingAttendance)
        .set({ certificateCode: code, certificateIssuedAt: new Date() })
        .where(eq(trainingAttendance.id, attendanceId));
      await recordAudit(tx, actor, 'issue-certificate', 'training_attendance', attendanceId, null, { code });
    }
    const pdf = await certificatePdf({
      fullName: r.full_name,
      courseTitle: r.title,
      hours: r.hours ? Number(r.hours) : null,
      startsOn: r.starts_on,
      endsOn: r.ends_on,
      organiser: r.organiser,
      code,
      verifyUrl: `${verifyBase}?code=${code}`,
    });
    return { code, pdf };
  });
}

/** The public check: only the name, the course and the completion date, or null for an unknown code. */
export async function verifyCertificate(db: Db, code: string): Promise<CertificateCheck | null> {
  const c = normaliseCode(code);
  if (!/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{2}$/.test(c)) return null;
  const r = await attendanceRow(db, sql`a.certificate_code = ${c} and a.completed`);
  return r ? { fullName: r.full_name, courseTitle: r.title, completedOn: r.ends_on } : null;
}

const dmy = (d: string) => `${Number(d.slice(8, 10))}/${Number(d.slice(5, 7))}/${d.slice(0, 4)}`;

export function certificatePdf(c: {
  fullName: string;
  courseTitle: string;
  hours: number | null;
  startsOn: string;
  endsOn: string;
  organiser: string;
  code: string;
  verifyUrl: string;
}): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({
      size: 'A4',
      layout: 'landscape',
      margin: 56,
      info: { Title: `Giấy chứng nhận — ${c.fullName}`, Author: 'RightsHub' },
    });
    const chunks: Buffer[] = [];
    doc.on('data', (b: Buffer) => chunks.push(b));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.registerFont('body', path.join(FONTS, 'DejaVuSans.ttf'));
    doc.registerFont('bold', path.join(FONTS, 'DejaVuSans-Bold.ttf'));
    doc.registerFont('serif', path.join(FONTS, 'DejaVuSerif-Bold.ttf'));
    const w = doc.page.width - 112;
    doc
      .rect(28, 28, doc.page.width - 56, doc.page.height - 56)
      .lineWidth(2)
      .stroke('#9b1c1c');
    doc.font('bold').fontSize(12).fillColor('#000').text('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 56, 64, { width: w, align: 'center' });
    doc.font('body').fontSize(11).text('Độc lập - Tự do - Hạnh phúc', { width: w, align: 'center' });
    doc.moveDown(1.5);
    doc.font('serif').fontSize(30).fillColor('#9b1c1c').text('GIẤY CHỨNG NHẬN', { width: w, align: 'center' });
    doc.font('body').fontSize(12).fillColor('#444').text('CERTIFICATE OF COMPLETION', { width: w, align: 'center' });
    doc.moveDown(1.2);
    doc.font('body').fontSize(13).fillColor('#000').text('Chứng nhận Ông/Bà / This certifies that', { width: w, align: 'center' });
    doc.font('serif').fontSize(24).text(c.fullName, { width: w, align: 'center' });
    doc.moveDown(0.5);
    doc.font('body').fontSize(13).text('đã hoàn thành khóa / has completed the course', { width: w, align: 'center' });
    doc.font('bold').fontSize(16).text(c.courseTitle, { width: w, align: 'center' });
    doc
      .font('body')
      .fontSize(12)
      .text(
        `${c.startsOn === c.endsOn ? dmy(c.endsOn) : `${dmy(c.startsOn)} – ${dmy(c.endsOn)}`}${c.hours ? ` · ${c.hours} giờ / hours` : ''} · ${c.organiser}`,
        { width: w, align: 'center' },
      );
    doc
      .font('body')
      .fontSize(10)
      .fillColor('#333')
      .text(`Mã xác minh / Verification code: ${c.code}`, 56, doc.page.height - 110, { width: w, align: 'center' });
    doc.text(`Kiểm tra tại / Check at: ${c.verifyUrl}`, { width: w, align: 'center' });
    doc.end();
  });
}
