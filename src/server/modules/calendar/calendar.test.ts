// The calendar as its readers meet it: a focal point sees its own organisation's training and unpublished press
// conference, another organisation's editor does not (but both see a published one and the office-wide deadlines);
// the filters by organisation and province; a range over 400 days is refused naming the field; the iCalendar feeds
// (CRLF, folding at 75 octets, escaping, one VTIMEZONE, stable UIDs) parsed back; a private feed with a wrong token is
// 404 and a reset key makes the old address 404.
import { beforeAll, describe, expect, it } from 'vitest';
import { makeOrg, makeUser, seedActor, TEST_PASSWORD } from '../../../../test/factories.js';
import { signIn, testApp, type Session } from '../../../../test/test-db.js';
import type { CalendarEvent, CalendarList } from '../../../shared/contracts/calendar.js';
import { vnToday } from '../../../shared/format.js';
import { createExhibition, setExhibitionPublic } from '../exhibitions/exhibitions.service.js';
import { setPlanDeadline } from '../plans/plans.deadlines.js';
import { createPressItem, publishPressItem } from '../press/press.service.js';
import { createCourse, createSession } from '../training/training.service.js';
import { escapeText, foldLine } from './calendar.ics.js';
import { addDays } from '../../../shared/format.js';

let t: Awaited<ReturnType<typeof testApp>>;
let focal: Session, outsider: Session, office: Session;
let orgA: number, orgB: number;
const today = vnToday();
const soon = addDays(today, 10);
const ids: Record<string, number> = {};
const LONG_TITLE = 'Tập huấn kỹ năng truyền thông về quyền con người, tiếp cận thông tin; dành cho cán bộ cơ sở ở vùng sâu, vùng xa';

const get = (s: Session | null, url: string) => t.app.inject({ method: 'GET', url, headers: s?.headers ?? {} });
const range = (from = addDays(today, -30), to = addDays(today, 60)) => `from=${from}&to=${to}`;
const calendar = async (s: Session, query = range()) => {
  const res = await get(s, `/api/calendar?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as CalendarList).events;
};
const idsOf = (events: CalendarEvent[]) => events.map((e) => e.id);

/** A minimal RFC 5545 reader: unfolds lines, splits properties, unescapes TEXT values. */
function parseIcs(text: string) {
  expect(text.endsWith('\r\n')).toBe(true);
  expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/); // every line ends in CRLF
  for (const line of text.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
  const lines = text
    .replace(/\r\n[ \t]/g, '')
    .split('\r\n')
    .filter(Boolean);
  const events: Record<string, string>[] = [];
  let cur: Record<string, string> | null = null;
  const stack: string[] = [];
  for (const line of lines) {
    const i = line.indexOf(':');
    const name = line.slice(0, i);
    const value = line.slice(i + 1);
    if (name === 'BEGIN') {
      stack.push(value);
      if (value === 'VEVENT') cur = {};
    } else if (name === 'END') {
      expect(stack.pop()).toBe(value);
      if (value === 'VEVENT') events.push(cur!);
    } else if (cur) cur[name] = value.replace(/\\n/g, '\n').replace(/\\([,;\\])/g, '$1');
  }
  expect(stack).toEqual([]);
  return { events, lines };
}

beforeAll(async () => {
  t = await testApp({ BASE_URL: 'https://rightshub.example' });
  orgA = (await makeOrg(t.db, { kind: 'provincial_committee', provinceCode: '79', nameVi: 'UBND thử Hồ Chí Minh' })).id;
  orgB = (await makeOrg(t.db, { kind: 'provincial_committee', provinceCode: '01', nameVi: 'UBND thử Hà Nội' })).id;
  const editorA = await makeUser(t.db, 'editor', orgA);
  focal = await signIn(t.app, editorA.username, TEST_PASSWORD);
  outsider = await signIn(t.app, (await makeUser(t.db, 'editor', orgB)).username, TEST_PASSWORD);
  office = await signIn(t.app, (await makeUser(t.db, 'admin')).username, TEST_PASSWORD);
  const course = await createCourse(t.db, seedActor, { title: LONG_TITLE, kind: 'training', format: 'in_person', organisationId: orgA });
  ids.training = (
    await createSession(t.db, seedActor, {
      courseId: course.id,
      startsOn: soon,
      endsOn: addDays(soon, 1),
      provinceCode: '79',
      organiserId: orgA,
    })
  ).id;
  const press = (title: string, organisationId: number) =>
    createPressItem(t.db, seedActor, { kind: 'press_conference', organisationId, title, heldAt: `${soon}T09:30:00+07:00` });
  ids.draftA = (await press('Họp báo nội bộ A', orgA)).id;
  ids.draftB = (await press('Họp báo nội bộ B', orgB)).id;
  ids.published = (await press('Họp báo công bố báo cáo', orgB)).id;
  await publishPressItem(t.db, seedActor, ids.published);
  const exhibition = (organisationId: number, provinceCode: string) =>
    createExhibition(t.db, seedActor, {
      texts: [{ language: 'vie', title: 'Triển lãm ảnh thử' }],
      kind: 'photographs',
      format: 'physical',
      organiserIds: [organisationId],
      startDate: today,
      endDate: addDays(today, 20),
      audiences: [2],
      captionLanguages: ['vie'],
      venue: { location: 'vietnam', name: 'Nhà văn hoá', provinceCode },
      items: [],
    });
  ids.exhibitionB = (await exhibition(orgB, '01')).id;
  ids.publicExhibition = (await exhibition(orgB, '01')).id;
  await setExhibitionPublic(t.db, seedActor, ids.publicExhibition, true);
  await setPlanDeadline(t.db, seedActor, Math.min(Number(soon.slice(0, 4)) + 1, 2028), { deadline: addDays(today, 5) });
});

describe('GET /api/calendar', () => {
  it('shows a focal point its own records, the public ones and the deadlines, not another organisation’s unpublished ones', async () => {
    const mine = idsOf(await calendar(focal));
    expect(mine).toEqual(
      expect.arrayContaining([
        `training-${ids.training}`,
        `press_conference-${ids.draftA}`,
        `press_conference-${ids.published}`,
        `exhibition-${ids.publicExhibition}`,
      ]),
    );
    expect(mine.some((id) => id.startsWith('plan_deadline-'))).toBe(true);
    expect(mine).not.toContain(`press_conference-${ids.draftB}`);
    expect(mine).not.toContain(`exhibition-${ids.exhibitionB}`);
    const theirs = idsOf(await calendar(outsider));
    expect(theirs).not.toContain(`training-${ids.training}`);
    expect(theirs).not.toContain(`press_conference-${ids.draftA}`);
    expect(theirs).toEqual(expect.arrayContaining([`press_conference-${ids.draftB}`, `exhibition-${ids.exhibitionB}`]));
    const all = idsOf(await calendar(office));
    expect(all).toEqual(
      expect.arrayContaining([`training-${ids.training}`, `press_conference-${ids.draftA}`, `press_conference-${ids.draftB}`]),
    );
  });

  it('gives each event its days in Viet Nam time, its place and the link to its record', async () => {
    const events = await calendar(focal);
    const session = events.find((e) => e.id === `training-${ids.training}`)!;
    expect(session).toMatchObject({ kind: 'training', start: soon, end: addDays(soon, 1), allDay: true, provinceCode: '79' });
    expect(session.link).toBe(`/training?tab=courses&session=${ids.training}`);
    const conference = events.find((e) => e.id === `press_conference-${ids.draftA}`)!;
    expect(conference).toMatchObject({ allDay: false, start: `${soon}T09:30`, link: `/press?item=${ids.draftA}` });
  });

  it('filters by organisation and by province (deadlines of everyone stay under an organisation filter)', async () => {
    const byOrg = await calendar(office, `${range()}&organisationId=${orgB}`);
    expect(byOrg.every((e) => e.organisationId === null || e.organisationId === orgB)).toBe(true);
    expect(idsOf(byOrg)).toContain(`press_conference-${ids.draftB}`);
    const hcm = await calendar(office, `${range()}&province=79`);
    expect(idsOf(hcm)).toContain(`training-${ids.training}`);
    expect(hcm.every((e) => e.provinceCode === '79')).toBe(true);
    expect(idsOf(await calendar(office, `${range()}&province=01`))).not.toContain(`training-${ids.training}`);
  });

  it('refuses a range over 400 days, or one that ends before it starts, naming the field', async () => {
    const long = await get(focal, `/api/calendar?${range(today, addDays(today, 400))}`);
    expect(long.statusCode).toBe(400);
    expect(long.json().error.details).toEqual([expect.objectContaining({ field: 'to' })]);
    expect((await get(focal, `/api/calendar?${range(today, addDays(today, 399))}`)).statusCode).toBe(200);
    const backwards = await get(focal, `/api/calendar?${range(today, addDays(today, -1))}`);
    expect(backwards.statusCode).toBe(400);
    expect((await get(focal, '/api/calendar?from=2026-02-30&to=2026-03-01')).statusCode).toBe(400);
    expect((await get(null, `/api/calendar?${range()}`)).statusCode).toBe(401);
  });
});

describe('iCalendar feeds', () => {
  it('folds at 75 octets, escapes commas, semicolons and newlines', () => {
    expect(escapeText('a,b;c\\d\ne')).toBe('a\\,b\\;c\\\\d\\ne');
    const folded = foldLine(`SUMMARY:${'Tập huấn '.repeat(20)}`);
    for (const l of folded.split('\r\n')) expect(Buffer.byteLength(l)).toBeLessThanOrEqual(75);
    expect(folded.replace(/\r\n /g, '')).toBe(`SUMMARY:${'Tập huấn '.repeat(20)}`);
  });

  it('the public feed has public events only, valid RFC 5545, in both languages', async () => {
    const res = await get(null, '/lich.ics');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/calendar/);
    const { events, lines } = parseIcs(res.body);
    expect(lines).toContain('BEGIN:VTIMEZONE');
    expect(lines).toContain('TZID:Asia/Ho_Chi_Minh');
    const uids = events.map((e) => e.UID);
    expect(uids).toEqual(
      expect.arrayContaining([
        `press_conference-${ids.published}@rightshub.example`,
        `exhibition-${ids.publicExhibition}@rightshub.example`,
      ]),
    );
    expect(uids.join(' ')).not.toMatch(/training-|plan_deadline-/);
    expect(uids).not.toContain(`press_conference-${ids.draftA}@rightshub.example`);
    const conference = events.find((e) => e.UID.startsWith(`press_conference-${ids.published}@`))!;
    expect(conference['DTSTART;TZID=Asia/Ho_Chi_Minh']).toBe(`${soon.replace(/-/g, '')}T093000`);
    expect(conference.URL).toBe(`https://rightshub.example/tin-tuc/${ids.published}`);
    expect(conference.DTSTAMP).toMatch(/^\d{8}T\d{6}Z$/);
    const en = await get(null, '/en/calendar.ics');
    expect(en.headers['content-type']).toMatch(/^text\/calendar/);
    expect(parseIcs(en.body).events.find((e) => e.UID.startsWith(`press_conference-${ids.published}@`))!.URL).toBe(
      `https://rightshub.example/en/news/${ids.published}`,
    );
  });

  it('a private feed shows what its owner sees; a wrong token is 404 and a reset makes the old address 404', async () => {
    expect((await get(focal, '/api/calendar/feed')).json()).toEqual({ path: null });
    const made = await t.app.inject({ method: 'POST', url: '/api/calendar/feed/reset', headers: focal.headers });
    expect(made.statusCode, made.body).toBe(200);
    const path = made.json().path as string;
    expect(path).toMatch(/^\/calendar\/u\/\d+-[A-Za-z0-9_-]{43}\.ics$/);
    expect((await get(focal, '/api/calendar/feed')).json()).toEqual({ path });
    const feed = await get(null, path);
    expect(feed.statusCode).toBe(200);
    const { events } = parseIcs(feed.body);
    const session = events.find((e) => e.UID.startsWith(`training-${ids.training}@`))!;
    expect(session.SUMMARY).toBe(LONG_TITLE); // folded and escaped, read back whole
    expect(session['DTSTART;VALUE=DATE']).toBe(soon.replace(/-/g, ''));
    expect(session['DTEND;VALUE=DATE']).toBe(addDays(soon, 2).replace(/-/g, ''));
    expect(session.URL).toBe(`https://rightshub.example/app/training?tab=courses&session=${ids.training}`);
    expect(events.map((e) => e.UID)).not.toContain(`press_conference-${ids.draftB}@rightshub.example`);
    const userId = path.match(/\/u\/(\d+)-/)![1];
    expect((await get(null, `/calendar/u/${userId}.ics`)).statusCode).toBe(404);
    expect(
      (
        await get(
          null,
          path.replace(/-(.)/, (_m, c: string) => `-${c === 'A' ? 'B' : 'A'}`),
        )
      ).statusCode,
    ).toBe(404);
    const reset = await t.app.inject({ method: 'POST', url: '/api/calendar/feed/reset', headers: focal.headers });
    const next = reset.json().path as string;
    expect(next).not.toBe(path);
    expect((await get(null, path)).statusCode).toBe(404);
    expect((await get(null, next)).statusCode).toBe(200);
  });
});
