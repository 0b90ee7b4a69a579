// Completion certificates: a PDF with the Vietnamese name intact and a verification code issued once; refused for
// an attendance not completed and to an outsider; the public check shows only the name, the course and the date.
import { extractText, getDocumentProxy } from 'unpdf';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeOrg, seedActor } from '../../../../test/factories.js';
import { readSitemap } from '../../../../test/sitemap.js';
import { testApp } from '../../../../test/test-db.js';
import type { Actor } from '../../kernel/audit.js';
import { AppError } from '../../kernel/errors.js';
import { issueCertificate, verifyCertificate } from './training.certificates.js';
import { createCourse, createPerson, createSession, recordAttendance } from './training.service.js';

let t: Awaited<ReturnType<typeof testApp>>;
let done: number, notDone: number;
let outsider: Actor;

beforeAll(async () => {
  t = await testApp();
  const org = (await makeOrg(t.db, { kind: 'provincial_department', provinceCode: '01' })).id;
  outsider = { userId: null, name: 'x', role: 'editor', organisationId: (await makeOrg(t.db, { kind: 'ministry' })).id, via: 'api' };
  const course = await createCourse(t.db, seedActor, {
    title: 'Kỹ năng truyền thông về quyền con người',
    kind: 'training',
    format: 'in_person',
    hours: 16,
    organisationId: org,
  });
  const s = await createSession(t.db, seedActor, {
    courseId: course.id,
    startsOn: '2026-04-02',
    endsOn: '2026-04-03',
    provinceCode: '01',
    organiserId: org,
  });
  const p = await createPerson(t.db, seedActor, { fullName: 'Đặng Thị Thuỷ Tiên', position: 'Trưởng phòng', organisationId: org });
  const q = await createPerson(t.db, seedActor, { fullName: 'Ngô Văn Dự', organisationId: org });
  done = (await recordAttendance(t.db, seedActor, { sessionId: s.id, personId: p.id, attended: true, completed: true })).id;
  notDone = (await recordAttendance(t.db, seedActor, { sessionId: s.id, personId: q.id, attended: true, completed: false })).id;
});

describe('certificates', () => {
  it('prints the Vietnamese name and the course with a code issued once', async () => {
    const a = await issueCertificate(t.db, seedActor, done, 'https://example.vn/xac-minh-chung-chi');
    expect(a.pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(a.pdf)), { mergePages: true });
    expect(text).toContain('Đặng Thị Thuỷ Tiên');
    expect(text).toContain('Kỹ năng truyền thông về quyền con người');
    expect(text).toContain(a.code);
    expect(a.code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{2}$/);
    expect((await issueCertificate(t.db, seedActor, done, 'x')).code).toBe(a.code);
    expect(await verifyCertificate(t.db, a.code.toLowerCase().replace(/-/g, ' '))).toEqual({
      fullName: 'Đặng Thị Thuỷ Tiên',
      courseTitle: 'Kỹ năng truyền thông về quyền con người',
      completedOn: '2026-04-03',
    });
  });

  it('refuses an attendance not completed, and an outsider', async () => {
    await expect(issueCertificate(t.db, seedActor, notDone, 'x')).rejects.toMatchObject({ code: 'conflict' });
    await expect(issueCertificate(t.db, outsider, done, 'x')).rejects.toBeInstanceOf(AppError);
  });

  it('has a public check page showing only the name, the course and the date', async () => {
    const { code } = await issueCertificate(t.db, seedActor, done, 'x');
    const vi = await t.app.inject({ method: 'GET', url: `/xac-minh-chung-chi?code=${code}` });
    expect(vi.statusCode).toBe(200);
    expect(vi.body).toContain('Giấy chứng nhận hợp lệ');
    expect(vi.body).toContain('Đặng Thị Thuỷ Tiên');
    expect(vi.body).toContain('3/4/2026');
    expect(vi.body).not.toContain('Trưởng phòng');
    expect(vi.body).toContain('<meta name="robots" content="noindex"/>');
    const en = await t.app.inject({ method: 'GET', url: '/en/certificate-check?code=AAAA-BBBB-CC' });
    expect(en.body).toContain('No certificate has this code');
    const blank = await t.app.inject({ method: 'GET', url: '/en/certificate-check' });
    expect(blank.body).toContain('<link rel="canonical"');
    expect((await readSitemap((url) => t.app.inject({ method: 'GET', url }))).body).toContain('/xac-minh-chung-chi');
    expect((await t.app.inject({ method: 'GET', url: `/api/public/training/certificates/${code}` })).json()).toMatchObject({
      fullName: 'Đặng Thị Thuỷ Tiên',
    });
  });
});
