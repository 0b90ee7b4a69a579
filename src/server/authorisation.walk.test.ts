// Authorisation on every write route (issue 16, Tests). Every non-GET operation under /api in the OpenAPI document is
// sent by every actor its service must refuse: logged out, and every role (ROLES) at every place — in organisation A,
// which owns every record addressed, in A's child, in B outside A's subtree, in none — each with its own session and
// CSRF token, path ids of A's records and a body generated from the operation's request schema (OVERRIDES where the
// generator cannot: records in a given state, bodies a service checks, files). Logged out answers 401, everyone else
// 403 (404 only on routes listed as hiding records; an import may refuse the rows outside the actor's organisation by
// row instead: 422 naming each). Then the route's control — its most specific allowed actor — sends the same request
// and must get past authorisation and validation (so a missing check would have let a refused actor through); the
// owning editor pointing a reference of the body at B (organisation, person, session, course, record) is refused too;
// and every other allowed actor must not be refused. Who may is in ALLOWED, one row a route (and a row a case where a
// body or a state needs another right): a write route without a row fails here by name, so a new module's routes
// (plans, cycle, notifications …) each add a row, and an OVERRIDES entry when the walk asks for ids, a body or a file.
// WALK_VERBOSE=1 prints every route's answers, actor by actor.
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeOrg, makeUser, seedActor, TEST_PASSWORD } from '../../test/factories.js';
import { signIn, testApp, type Session } from '../../test/test-db.js';
import { ROLES, type Role } from '../shared/contracts/directory.js';
import type { Actor } from './kernel/audit.js';
import type { Db } from './kernel/db.js';
import { createApiToken } from './modules/directory/tokens.service.js';
import { createUser } from './modules/directory/users.service.js';
import { createExhibition } from './modules/exhibitions/exhibitions.service.js';
import { submitClaim, submitComplaint } from './modules/factcheck/factcheck.desk.js';
import { createFeed } from './modules/factcheck/factcheck.feeds.js';
import { addItem, createTopicRule, linkItem } from './modules/factcheck/factcheck.items.js';
import { addEvidence, createClaim, proposeCorrection, transitionClaim, updateDraft } from './modules/factcheck/factcheck.service.js';
import { createProduct, publishProduct } from './modules/library/library.write.js';
import { createPressItem, publishPressItem, schedulePressItem } from './modules/press/press.service.js';
import { createSpokesperson } from './modules/press/spokespersons.service.js';
import { tagEvidence } from './modules/recommendations/recommendations.evidence.js';
import { assignImplementers, createRecommendation } from './modules/recommendations/recommendations.edit.js';
import { createAction, reviewReport, submitReport } from './modules/recommendations/recommendations.progress.js';
import { closePeriod, grantLockPermission } from './modules/cycle/cycle.official.js';
import { createPeriod, updateCycleSettings } from './modules/cycle/cycle.periods.js';
import { createReport, submitReport as submitCycleReport, updateReport } from './modules/cycle/cycle.reports.js';
import { notifications } from './modules/notifications/notifications.tables.js';
import { setPlanDeadline } from './modules/plans/plans.deadlines.js';
import { approvePlan, createPlan, recordSpending, submitPlan } from './modules/plans/plans.service.js';
import { previewSigninImport, signinSheet } from './modules/training/training.excel.js';
import { createCourse, createPerson, createSession } from './modules/training/training.service.js';

// ---------------------------------------------------------------- who walks

type Place = 'A' | 'AChild' | 'B' | null;
/** Where each role sits in the walk: every organisation relative to A, which owns every record addressed (AChild is
 *  A's child, B is outside A's subtree, null is no organisation). A role added to ROLES fails this test (and the type
 *  check) until it has its places here — and then every route refuses it until ALLOWED says otherwise. */
const PLACES: Record<Role, Place[]> = {
  admin: [null], // the programme office: its organisation does not matter
  editor: ['A', 'AChild', 'B'], // an editor always has an organisation (users.service)
  reviewer: ['A', 'AChild', 'B', null],
  analyst: ['A', 'AChild', 'B', null],
  viewer: ['A', 'AChild', 'B', null],
  coordinator: ['A', 'B'], // a provincial coordinator of A's province (01) or of B's (79), of no organisation (ACCOUNT)
};
/** What a role's account needs besides its organisation (a role scoped otherwise, e.g. by province: A is in province 01,
 *  B in 79). */
const ACCOUNT: Partial<Record<Role, (place: Place) => Record<string, unknown>>> = {
  coordinator: (place) => ({ organisationId: null, provinceCode: place === 'B' ? '79' : '01' }),
};
/** An actor: `role@place` (`viewer@none`), the office is `admin`. */
type Signed = 'admin' | `${Exclude<Role, 'admin'>}@${'A' | 'AChild' | 'B' | 'none'}`;
type Who = Signed | 'anonymous';
const nameOf = (role: Role, place: Place) => (role === 'admin' ? 'admin' : `${role}@${place ?? 'none'}`) as Signed;
const ACTORS = new Map<Signed, { role: Role; place: Place }>(
  ROLES.flatMap((role) => (PLACES[role] ?? []).map((place) => [nameOf(role, place), { role, place }] as const)),
);
const SIGNED_IN = [...ACTORS.keys()];
const WHO: Who[] = ['anonymous', ...SIGNED_IN];
/** The programme office: allowed everywhere; it seeds the uploaded files. */
const OFFICE_ACTOR: Signed = 'admin';
/** The control of a route, sent after every refused actor: its most specific allowed actor (the office only when no
 *  one else may); the other allowed actors follow. */
const controlOf = (allowed: Signed[]) => allowed.find((w) => w !== OFFICE_ACTOR) ?? OFFICE_ACTOR;

// ---------------------------------------------------------------- who may (the rules of each module's service)

const byRole = (...roles: Role[]) => SIGNED_IN.filter((w) => roles.includes(ACTORS.get(w)!.role));
const OFFICE: Signed[] = ['admin'];
/** Editors of the record's organisation subtree and the office (kernel rule: assertCanWriteUnder). */
const OWNER: Signed[] = ['admin', 'editor@A'];
/** Fact-checking is national work: every role but viewer writes, whatever its organisation. */
const FC_WRITERS = byRole('admin', 'editor', 'reviewer', 'analyst');
/** Approval, publication, corrections' approval, withdrawals, complaints' replies, on-topic rules and feeds. */
const FC_REVIEWERS = byRole('admin', 'reviewer');

/** Who may make each write route; everyone else must be refused. Keep it true to the services. */
const ALLOWED: Record<string, Signed[]> = {
  // directory: organisations in one's subtree; users and sign-in locks by the office
  'POST /api/organisations': OWNER, // under A
  'PUT /api/organisations/{id}': OWNER,
  'POST /api/organisations/{id}/deactivate': OWNER,
  'POST /api/organisations/{id}/reactivate': OWNER,
  'POST /api/organisations/import': OWNER, // rows under A
  'POST /api/organisations/import [updating A by its code]': OWNER,
  'POST /api/users': OFFICE,
  'PUT /api/users/{id}': OFFICE,
  'POST /api/users/{id}/unlock-sign-in': OFFICE,
  // API tokens: anyone signed in makes one for themselves (within their own rights); its owner or the office revokes it
  'POST /api/tokens': SIGNED_IN,
  'POST /api/tokens/{id}/revoke': ['editor@A', 'admin'], // a token of editor@A
  // press (T1)
  'POST /api/press/items/{id}/attachments': OWNER,
  'DELETE /api/press/items/{id}/attachments/{attachmentId}': OWNER,
  'POST /api/press/spokespersons': OWNER,
  'PUT /api/press/spokespersons/{id}': OWNER,
  'POST /api/press/spokespersons/{id}/end': OWNER,
  'POST /api/press/items': OWNER,
  'PUT /api/press/items/{id}': OWNER,
  'POST /api/press/items/{id}/schedule': OWNER,
  'POST /api/press/items/{id}/unschedule': OWNER,
  'POST /api/press/items/{id}/publish': OWNER,
  'POST /api/press/items/{id}/publish [with a past date]': OFFICE, // back-entry
  'POST /api/press/items/{id}/correct': OWNER,
  'POST /api/press/items/{id}/withdraw': OWNER,
  'POST /api/press/items/{id}/unlink-translation': OWNER,
  'POST /api/press/spokespersons/import': OWNER, // rows of A
  'POST /api/press/items/import': OWNER, // drafts of A (a publication day in the file: the office only, as back-entry)
  'PUT /api/press/settings': OFFICE,
  // library (T4, T5a)
  'POST /api/library/products/{id}/files': OWNER,
  'DELETE /api/library/products/{id}/files/{fileId}': OWNER,
  'POST /api/library/import': OWNER,
  'POST /api/library/import [updating a product of A by its id]': OWNER,
  'POST /api/library/products': OWNER,
  'PUT /api/library/products/{id}': OWNER,
  'POST /api/library/products/{id}/publish': OWNER,
  'POST /api/library/products/{id}/withdraw': OWNER,
  // exhibitions (T3): the lead organiser's subtree; a co-organiser (A's child here) decides for itself
  'POST /api/exhibitions/import': OWNER,
  'POST /api/exhibitions/import [updating an exhibition of A by its id]': OWNER,
  'POST /api/exhibitions/{id}/photos': OWNER,
  'DELETE /api/exhibitions/{id}/photos/{photoId}': OWNER,
  'POST /api/exhibitions/{id}/organisers/{organisationId}/confirm': [...OWNER, 'editor@AChild'],
  'POST /api/exhibitions/{id}/organisers/{organisationId}/decline': [...OWNER, 'editor@AChild'],
  'POST /api/exhibitions': OWNER,
  'PUT /api/exhibitions/{id}': OWNER,
  'POST /api/exhibitions/{id}/publish-online': OWNER,
  'POST /api/exhibitions/{id}/show-on-portal': OWNER,
  'POST /api/exhibitions/{id}/hide-from-portal': OWNER,
  'POST /api/exhibitions/{id}/unpublish-online': OWNER,
  // recommendations (T6): the office manages; the lead agency (A) translates, plans actions and reports
  'POST /api/recommendations': OFFICE,
  'PUT /api/recommendations/{id}': OFFICE,
  'POST /api/recommendations/{id}/translations': OWNER,
  'POST /api/recommendations/{id}/translations [no lead agency]': OFFICE,
  'PUT /api/recommendations/{id}/implementers': OFFICE,
  'POST /api/recommendations/{id}/links': OFFICE,
  'DELETE /api/recommendations/{id}/links': OFFICE,
  'POST /api/recommendations/{id}/status': OFFICE,
  'POST /api/recommendations/{id}/actions': OWNER,
  'PUT /api/recommendations/actions/{id}': OWNER,
  'POST /api/recommendations/{id}/reports': OWNER,
  'PUT /api/recommendations/reports/{id}': OWNER,
  'POST /api/recommendations/reports/{id}/review': OFFICE,
  'POST /api/recommendation-clusters': OFFICE,
  'POST /api/recommendations/import': OFFICE,
  'POST /api/recommendations/{id}/evidence': OWNER, // the tagged record's organisation (a press item of A)
  'DELETE /api/recommendations/{id}/evidence': OWNER,
  // training (T2): rosters, courses and sessions of one's subtree; an import by who read it; the rule by the office
  'POST /api/training/people': OWNER,
  'PUT /api/training/people/{id}': OWNER,
  'POST /api/training/people/merge': OWNER,
  'POST /api/training/import/roster': OWNER,
  'POST /api/training/sessions/{id}/import': OWNER,
  'PUT /api/training/import/{id}/decisions': OWNER, // read by editor@A
  'PUT /api/training/import/{id}/decisions [linking a person]': OWNER,
  'POST /api/training/import/{id}/accept-suggestions': OWNER,
  'POST /api/training/import/{id}/commit': OWNER,
  'POST /api/training/courses': OWNER,
  'PUT /api/training/courses/{id}': OWNER,
  'POST /api/training/sessions': OWNER,
  'PUT /api/training/sessions/{id}': OWNER,
  'POST /api/training/attendance': OWNER,
  'PUT /api/training/rule': OFFICE,
  // fact-checking (T5b, T5c): writers of any organisation; reviewers approve; the two-person rule
  'POST /api/factcheck/complaints/{id}/reply': FC_REVIEWERS,
  'POST /api/factcheck/submissions/{id}/close': FC_WRITERS,
  'POST /api/factcheck/claims': FC_WRITERS,
  'PATCH /api/factcheck/claims/{id}': FC_WRITERS,
  'POST /api/factcheck/claims/{id}/evidence': FC_WRITERS,
  'POST /api/factcheck/claims/{id}/transition [to drafted]': FC_WRITERS,
  'POST /api/factcheck/claims/{id}/transition [back to researching from drafted]': FC_WRITERS,
  'POST /api/factcheck/claims/{id}/transition [to approved]': FC_REVIEWERS, // drafted by someone else
  'POST /api/factcheck/claims/{id}/transition [to approved, rated by reviewer@B]': FC_REVIEWERS.filter((w) => w !== 'reviewer@B'), // two persons
  'POST /api/factcheck/claims/{id}/transition [back to researching from approved]': FC_REVIEWERS,
  'POST /api/factcheck/claims/{id}/transition [to published]': FC_REVIEWERS,
  'POST /api/factcheck/claims/{id}/transition [to corrected]': FC_REVIEWERS, // the proposal written by someone else
  'POST /api/factcheck/claims/{id}/transition [to corrected, proposed by reviewer@B]': FC_REVIEWERS.filter((w) => w !== 'reviewer@B'),
  'POST /api/factcheck/claims/{id}/transition [to withdrawn]': FC_REVIEWERS,
  'POST /api/factcheck/claims/{id}/correction': FC_WRITERS,
  'DELETE /api/factcheck/claims/{id}/correction': FC_REVIEWERS,
  'DELETE /api/factcheck/claims/{id}/correction [proposed by analyst@B]': ['analyst@B', ...FC_REVIEWERS], // an author discards it
  'POST /api/factcheck/pages/fetch': FC_WRITERS,
  'POST /api/factcheck/items': FC_WRITERS,
  'POST /api/factcheck/items/import': FC_WRITERS, // analysts import monitored items
  'POST /api/factcheck/items/{id}/topic': FC_WRITERS,
  'POST /api/factcheck/items/{id}/links': FC_WRITERS,
  'POST /api/factcheck/items/{id}/actions': FC_WRITERS,
  'POST /api/factcheck/links/{id}/confirm': FC_WRITERS,
  'POST /api/factcheck/links/{id}/undo': FC_WRITERS,
  'POST /api/factcheck/topic-rules': FC_REVIEWERS,
  'PUT /api/factcheck/topic-rules/{id}': FC_REVIEWERS,
  'DELETE /api/factcheck/topic-rules/{id}': FC_REVIEWERS,
  'POST /api/factcheck/topic-rules/test': SIGNED_IN, // a dry run of the rules on a text: nothing is written
  'POST /api/factcheck/feeds': FC_REVIEWERS,
  'PUT /api/factcheck/feeds/{id}': FC_REVIEWERS,
  'POST /api/factcheck/feeds/{id}/poll': FC_REVIEWERS,
  // indicators
  'PUT /api/indicators/{id}/settings': OFFICE,
  // plans (issue 17): the organisation's subtree plans and spends; the coordinator of its province (coordinators on)
  // returns and approves first, the office last
  'POST /api/plans/import': OWNER,
  'POST /api/plans': OWNER,
  'PUT /api/plans/{id}/activities': OWNER,
  'POST /api/plans/{id}/submit': OWNER,
  'POST /api/plans/{id}/return': ['coordinator@A', 'admin'], // the plan's organisation is in province 01 and waits for it
  'POST /api/plans/{id}/approve': ['coordinator@A', 'admin'],
  'POST /api/plans/{id}/revise': OWNER,
  'POST /api/plans/{id}/spending': OWNER,
  'DELETE /api/plans/{id}/spending/{spendingId}': OWNER,
  'PUT /api/plans/deadlines/{year}': OFFICE, // the calendar of plans is the office's
  'DELETE /api/plans/deadlines/{year}': OFFICE,
  // notifications: one's own inbox and choices only
  'POST /api/notifications/{id}/read': ['editor@A'], // a notice told to editor@A
  'POST /api/notifications/read-all': SIGNED_IN,
  'PUT /api/notifications/preferences': SIGNED_IN,
  // the calendar: one's own private feed address (a new key; the old address stops working)
  'POST /api/calendar/feed/reset': SIGNED_IN,
  // the programme cycle (issue 17): the office keeps the calendar and closes periods; the organisation's subtree writes
  // and submits its report; the coordinator of its province decides it first (coordinators on), the office last
  'PUT /api/cycle/settings': OFFICE,
  'POST /api/cycle/periods': OFFICE,
  'PUT /api/cycle/periods/{id}': OFFICE,
  'POST /api/cycle/periods/{id}/close': OFFICE,
  'POST /api/cycle/periods/{id}/reopen': OFFICE,
  'POST /api/cycle/periods/{id}/republish': OFFICE,
  'POST /api/cycle/periods/{id}/grants': OFFICE,
  'DELETE /api/cycle/periods/{id}/grants/{grantId}': OFFICE,
  'PUT /api/cycle/periods/{id}/summary': OFFICE, // the consolidated report's summary paragraphs
  'POST /api/cycle/reports': OWNER,
  'PUT /api/cycle/reports/{id}': OWNER,
  'POST /api/cycle/reports/{id}/submit': OWNER,
  'POST /api/cycle/reports/{id}/return': ['coordinator@A', 'admin'],
  'POST /api/cycle/reports/{id}/approve': ['coordinator@A', 'admin'],
  'POST /api/cycle/reports/{id}/files': OWNER,
  'DELETE /api/cycle/reports/{id}/files/{fileId}': OWNER,
};

/** The rows of a route in ALLOWED: its own (`METHOD /path`) and its cases (`METHOD /path [case]`: one request each,
 *  with OVERRIDES of their own, where a body or a record's state needs another right). */
const casesOf = (route: string) => Object.keys(ALLOWED).filter((k) => k === route || k.startsWith(`${route} [`));
const routeOf = (row: string) => row.replace(/ \[.*\]$/, '');

/** Write routes not walked, each with its reason. Outside /api no session is read (kernel/http): a write route there
 *  is public by construction, so each must be listed here. */
const PUBLIC_FORM = "the fact-checking desk's public form: anyone may post (signed token, honeypot, rate limit; factcheck.desk tests)";
const NOT_WALKED: Record<string, string> = {
  'POST /api/auth/login': 'signs in: anyone may try (its limits have their own tests)',
  'POST /api/auth/logout': "ends one's own session (or none): nothing to refuse",
  'PUT /api/auth/me/locale': "one's own interface language: every signed-in user, on their own account only",
  'POST /kiem-chung/gui-tin': PUBLIC_FORM,
  'POST /en/fact-checks/submit': PUBLIC_FORM,
  'POST /kiem-chung/khieu-nai': PUBLIC_FORM,
  'POST /en/fact-checks/complaints': PUBLIC_FORM,
  'POST /oai': 'OAI-PMH requests by POST (the protocol allows it): public reads of published records',
};

// ---------------------------------------------------------------- what is sent

type Seed = {
  db: Db;
  A: Org;
  AChild: Org;
  B: Org;
  ids: Record<string, number>;
  actor: (who: Signed) => Actor;
};
type Org = { id: number; code: string };
type Reference = 'organisation' | 'person' | 'session' | 'course' | 'record';
type Upload = { filename: string; bytes: Buffer; fields?: Record<string, string> };
type Override = {
  /** Path parameters (default: the record of A that DEFAULT_IDS names for the path). A new module may create its
   *  record of A here (`s.db`, `seedActor`, `s.A.id`): the row is then all it adds. */
  params?: (s: Seed) => Record<string, string | number> | Promise<Record<string, string | number>>;
  query?: (s: Seed) => Record<string, string>;
  /** A hand-written JSON body (default: generated from the request schema). */
  body?: (s: Seed) => unknown;
  /** A multipart upload in the field "file". */
  file?: (s: Seed) => Upload | Promise<Upload>;
  /** Refused actors may get 404: the route hides records of other organisations (say why). */
  hides?: string;
  /** An import refuses the rows outside the actor's organisation by row (422 import_invalid, each detail matching). */
  byRow?: RegExp;
  /** References (ELSEWHERE) the owning editor may point at B's records, and why. */
  elsewhere?: Partial<Record<Reference, string>>;
  /** A refusal of the control that still proves it passed authorisation and validation (say why). */
  controlRefusal?: { status: number; message: RegExp; why: string };
};

/** The record of A that a path's first id addresses, by the path before it. */
const DEFAULT_IDS: Record<string, string> = {
  '/api/organisations': 'orgEdit',
  '/api/users': 'userA',
  '/api/tokens': 'apiToken',
  '/api/press/spokespersons': 'spokesperson',
  '/api/press/items': 'pressDraft',
  '/api/library/products': 'productDraft',
  '/api/exhibitions': 'exhibition',
  '/api/recommendations': 'recommendation',
  '/api/recommendations/actions': 'action',
  '/api/recommendations/reports': 'report',
  '/api/training/people': 'person',
  '/api/training/import': 'import',
  '/api/training/courses': 'course',
  '/api/training/sessions': 'session',
  '/api/factcheck/complaints': 'complaint',
  '/api/factcheck/submissions': 'submission',
  '/api/factcheck/claims': 'claimResearching',
  '/api/factcheck/items': 'item',
  '/api/factcheck/links': 'link',
  '/api/factcheck/topic-rules': 'topicRule',
  '/api/factcheck/feeds': 'feed',
  '/api/plans': 'planEdit',
  '/api/notifications': 'notification',
  '/api/cycle/periods': 'periodOpen',
  '/api/cycle/reports': 'reportDraft',
};

const id = (key: string) => (s: Seed) => ({ id: s.ids[key]! });
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const png = (): Upload => ({ filename: 'walk.png', bytes: PNG, fields: { caption: 'Ảnh thử' } });
async function workbook(sheets: Record<string, (string | number)[][]>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(name);
    for (const r of rows) ws.addRow(r);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
/** A press import of one row of organisation A (the header: organisation_code, then `columns`). */
const pressImport = (sheet: string, columns: string[], cells: string[]): Override => ({
  file: async (s) => ({
    filename: `${sheet}.xlsx`,
    bytes: await workbook({
      [sheet]: [
        ['organisation_code', ...columns],
        [s.A.code, ...cells],
      ],
    }),
  }),
  byRow: OUTSIDE,
});
const productBody = (organisationId: number, title: string) => ({
  kind: 'photo',
  organisationId,
  channel: 'print',
  date: '2026-01-10',
  languages: ['vie'],
  texts: [{ language: 'vie', title }],
});
const exhibitionBody = (s: Seed, format: 'physical' | 'online') => ({
  texts: [{ language: 'vie', title: `Triển lãm thử ${format}` }],
  kind: 'photographs',
  format,
  organiserIds: [s.A.id, s.AChild.id],
  startDate: '2026-03-01',
  endDate: '2026-03-02',
  ...(format === 'physical'
    ? { venue: { location: 'vietnam', name: 'Nhà văn hóa', provinceCode: '01' } }
    : { items: [{ productId: s.ids.productPublished! }] }),
});
const sessionBody = (s: Seed) => ({
  courseId: s.ids.course!,
  startsOn: '2026-03-10',
  endsOn: '2026-03-10',
  provinceCode: '01',
  organiserId: s.A.id,
});
const NEWCOMER =
  'a sign-in sheet may add a new person of any organisation (issue 16, finding 2: people newly created through the review step)';
const CURRICULUM = "any organiser holds sessions of any course (the course list is everyone's): the session is the organiser's";
/** The calendar is built around the current year (2023–2028): its period is open, the three before it have ended. */
const THIS_YEAR = Math.min(Math.max(new Date().getFullYear(), 2026), 2028);
const REPORTS_HIDDEN = 'a report of an organisation the actor does not read (outside its subtree or province) is not found';
const OUTSIDE = /within your own organisation|outside your organisation|is outside it/;

/** Hand-written parts of requests the generator cannot make (records in a given state, bodies a service checks). */
const OVERRIDES: Record<string, Override> = {
  'POST /api/organisations': { body: (s) => ({ code: 'WALK-NEW', nameVi: 'Phòng thử mới', kind: 'other', parentId: s.A.id }) },
  'PUT /api/organisations/{id}': { body: (s) => ({ code: 'WALK-EDIT', nameVi: 'Phòng thử sửa', kind: 'other', parentId: s.A.id }) },
  'POST /api/organisations/{id}/deactivate': { params: id('orgDeactivate'), body: (s) => ({ successorId: s.A.id }) },
  'POST /api/organisations/{id}/reactivate': { params: id('orgInactive') },
  'POST /api/organisations/import': {
    file: async (s) => ({
      filename: 'orgs.xlsx',
      bytes: await workbook({
        organisations: [
          ['code', 'name_vi', 'kind', 'parent_code'],
          ['WALK-IMP', 'Phòng nhập thử', 'other', s.A.code],
        ],
      }),
    }),
    byRow: OUTSIDE,
  },
  'POST /api/organisations/import [updating A by its code]': {
    file: async (s) => ({
      filename: 'orgs.xlsx',
      bytes: await workbook({
        organisations: [
          ['code', 'name_vi', 'kind', 'province_code'],
          [s.A.code, 'UBND thử A (sửa qua tệp)', 'provincial_committee', '01'],
        ],
      }),
    }),
    byRow: OUTSIDE,
  },
  'POST /api/press/spokespersons/import': pressImport(
    'spokespersons',
    ['full_name', 'valid_from'],
    ['Người phát ngôn nhập thử', '2026-02-01'],
  ),
  'POST /api/press/items/import': pressImport('press_items', ['kind', 'title'], ['statement', 'Tuyên bố nhập thử']),
  'POST /api/press/items/{id}/attachments': { file: png },
  'DELETE /api/press/items/{id}/attachments/{attachmentId}': {
    params: (s) => ({ id: s.ids.pressDraft!, attachmentId: s.ids.pressAttachment! }),
  },
  'POST /api/press/spokespersons/{id}/end': { body: () => ({ validTo: '2028-12-31' }) },
  'POST /api/press/items/{id}/schedule': { params: id('pressToSchedule'), body: () => ({ scheduledAt: '2099-01-01T09:00:00Z' }) },
  'POST /api/press/items/{id}/unschedule': { params: id('pressScheduled') },
  'POST /api/press/items/{id}/publish': { params: id('pressToPublish') },
  'POST /api/press/items/{id}/publish [with a past date]': {
    params: id('pressToPublishPast'),
    body: () => ({ publishedAt: '2025-01-01T09:00:00Z' }),
  },
  'POST /api/press/items/{id}/correct': { params: id('pressPublished') },
  'POST /api/press/items/{id}/withdraw': { params: id('pressToWithdraw') },
  'POST /api/press/items/{id}/unlink-translation': { params: id('pressTranslation') },
  'POST /api/library/products/{id}/files': { file: png },
  'DELETE /api/library/products/{id}/files/{fileId}': { params: (s) => ({ id: s.ids.productDraft!, fileId: s.ids.productFile! }) },
  'POST /api/library/products/{id}/publish': { params: id('productToPublish') },
  'POST /api/library/products': { body: (s) => productBody(s.A.id, 'Ảnh thử mới') },
  'PUT /api/library/products/{id}': { body: (s) => productBody(s.A.id, 'Ảnh thử sửa') },
  'POST /api/library/products/{id}/withdraw': { params: id('productToWithdraw') },
  'POST /api/library/import': {
    file: async (s) => ({
      filename: 'library.xlsx',
      bytes: await workbook({
        products: [
          ['kind', 'organisation_code', 'date', 'channel', 'languages', 'title_1'],
          ['news_article', s.A.code, '2026-03-01', 'online_press', 'vie', 'Tin nhập thử'],
        ],
      }),
    }),
    byRow: OUTSIDE,
  },
  'POST /api/library/import [updating a product of A by its id]': {
    file: async (s) => ({
      filename: 'library.xlsx',
      bytes: await workbook({
        products: [
          ['id', 'title_1'],
          [s.ids.productDraft!, 'Ảnh sửa qua tệp'],
        ],
      }),
    }),
    byRow: OUTSIDE,
  },
  'POST /api/exhibitions/import [updating an exhibition of A by its id]': {
    file: async (s) => ({
      filename: 'exhibitions.xlsx',
      bytes: await workbook({
        exhibitions: [
          ['id', 'title_vi', 'kind', 'format', 'organiser_codes', 'start_date', 'end_date', 'venue_name', 'province_code'],
          [
            s.ids.exhibition!,
            'Triển lãm sửa qua tệp',
            'photographs',
            'physical',
            `${s.A.code},${s.AChild.code}`,
            '2026-03-01',
            '2026-03-02',
            'Nhà văn hóa',
            '01',
          ],
        ],
      }),
    }),
    byRow: OUTSIDE,
  },
  'POST /api/exhibitions/import': {
    file: async (s) => ({
      filename: 'exhibitions.xlsx',
      bytes: await workbook({
        exhibitions: [
          ['title_vi', 'kind', 'format', 'organiser_codes', 'start_date', 'end_date', 'venue_name', 'province_code'],
          ['Triển lãm nhập thử', 'photographs', 'physical', s.A.code, '2026-03-01', '2026-03-02', 'Nhà văn hóa', '01'],
        ],
      }),
    }),
    byRow: OUTSIDE,
  },
  'POST /api/exhibitions': { body: (s) => exhibitionBody(s, 'physical') },
  'PUT /api/exhibitions/{id}': { body: (s) => exhibitionBody(s, 'physical') },
  'POST /api/exhibitions/{id}/photos': { file: png },
  'DELETE /api/exhibitions/{id}/photos/{photoId}': { params: (s) => ({ id: s.ids.exhibition!, photoId: s.ids.exhibitionPhoto! }) },
  'POST /api/exhibitions/{id}/organisers/{organisationId}/confirm': {
    params: (s) => ({ id: s.ids.exhibition!, organisationId: s.AChild.id }),
  },
  'POST /api/exhibitions/{id}/organisers/{organisationId}/decline': {
    params: (s) => ({ id: s.ids.exhibition!, organisationId: s.AChild.id }),
  },
  'POST /api/exhibitions/{id}/publish-online': { params: id('exhibitionOnline') },
  'POST /api/exhibitions/{id}/unpublish-online': { params: id('exhibitionOnline') },
  'POST /api/recommendations/{id}/translations [no lead agency]': { params: id('recommendation2') },
  'POST /api/recommendations/{id}/links': { body: (s) => ({ targetId: s.ids.recommendation2!, kind: 'overlaps' }) },
  'DELETE /api/recommendations/{id}/links': { body: (s) => ({ targetId: s.ids.recommendation2!, kind: 'overlaps' }) },
  'POST /api/recommendations/{id}/status': { body: () => ({ status: 'in_progress' }) },
  'POST /api/recommendations/reports/{id}/review': { params: id('reportSubmitted'), body: () => ({ decision: 'approve' }) },
  'POST /api/recommendations/import': {
    query: () => ({ format: 'uhri' }),
    file: () => ({
      filename: 'uhri.csv',
      bytes: Buffer.from(
        'State,Text,Mechanism,Document Code,Paragraph,Cycle,Response (UPR)\n"Viet Nam","Continue the walk.","Universal Periodic Review","A/HRC/WALK/1","1.1","Cycle 4","Supported"\n',
      ),
    }),
  },
  'POST /api/recommendations/{id}/evidence': { body: (s) => ({ recordType: 'press_item', recordId: s.ids.pressDraft! }) },
  'DELETE /api/recommendations/{id}/evidence': { body: (s) => ({ recordType: 'press_item', recordId: s.ids.pressTagged! }) },
  'POST /api/training/people/merge': { body: (s) => ({ keepId: s.ids.person!, mergeId: s.ids.person2! }) },
  'POST /api/training/import/roster': {
    file: async (s) => ({
      filename: 'roster.xlsx',
      bytes: await workbook({
        roster: [
          ['Họ và tên', 'Đơn vị', 'Nhóm đối tượng', 'Từ ngày'],
          ['Trần Văn Nhập', s.A.code, 'T2a', '2024-01-01'],
        ],
      }),
    }),
    byRow: OUTSIDE,
  },
  'POST /api/training/sessions/{id}/import': {
    file: async () => ({ filename: 'signin.xlsx', bytes: await signinSheet('Lớp thử', [{ name: 'Phạm Thị Điểm Danh' }]) }),
  },
  'PUT /api/training/import/{id}/decisions': {
    body: (s) => ({ decisions: [{ row: s.ids.importRow!, resolution: { create: true, organisationId: s.A.id } }] }),
    elsewhere: { organisation: NEWCOMER },
  },
  'PUT /api/training/import/{id}/decisions [linking a person]': {
    body: (s) => ({ decisions: [{ row: s.ids.importRow!, resolution: { personId: s.ids.person! } }] }),
  },
  'POST /api/training/import/{id}/commit': {
    body: (s) => ({ resolutions: [{ row: s.ids.importRow!, resolution: { create: true, organisationId: s.A.id } }] }),
    elsewhere: { organisation: NEWCOMER },
  },
  'POST /api/training/sessions': { body: (s) => sessionBody(s), elsewhere: { course: CURRICULUM } },
  'PUT /api/training/sessions/{id}': { body: (s) => sessionBody(s), elsewhere: { course: CURRICULUM } },
  'PUT /api/training/rule': {
    body: () => ({
      minTrainings: 1,
      requireCompletion: false,
      minUpdates: 0,
      windowFrom: '2023-01-01',
      windowTo: '2028-12-31',
      note: { vi: '', en: '' },
    }),
  },
  'POST /api/factcheck/claims/{id}/transition [to drafted]': { params: id('claimReady'), body: () => ({ to: 'drafted' }) },
  'POST /api/factcheck/claims/{id}/transition [back to researching from drafted]': {
    params: id('claimDrafted2'),
    body: () => ({ to: 'researching' }),
  },
  'POST /api/factcheck/claims/{id}/transition [to approved]': { params: id('claimDrafted'), body: () => ({ to: 'approved' }) },
  'POST /api/factcheck/claims/{id}/transition [back to researching from approved]': {
    params: id('claimApproved'),
    body: () => ({ to: 'researching' }),
  },
  'POST /api/factcheck/claims/{id}/transition [to published]': { params: id('claimApproved2'), body: () => ({ to: 'published' }) },
  'POST /api/factcheck/claims/{id}/transition [to approved, rated by reviewer@B]': {
    params: id('claimWrittenByReviewer'),
    body: () => ({ to: 'approved' }),
  },
  'POST /api/factcheck/claims/{id}/transition [to corrected, proposed by reviewer@B]': {
    params: id('claimCorrectedByReviewer'),
    body: () => ({ to: 'corrected' }),
  },
  'POST /api/factcheck/claims/{id}/transition [to corrected]': { params: id('claimToCorrect'), body: () => ({ to: 'corrected' }) },
  'POST /api/factcheck/claims/{id}/transition [to withdrawn]': {
    params: id('claimToWithdraw'),
    body: () => ({ to: 'withdrawn', reason: 'Rút để thử quyền.' }),
  },
  'POST /api/factcheck/claims/{id}/correction': {
    params: id('claimPublished'),
    body: () => ({ note: 'Sửa lại theo nguồn mới.', ratingCode: 'true' }),
  },
  'DELETE /api/factcheck/claims/{id}/correction': { params: id('claimCorrecting') },
  'DELETE /api/factcheck/claims/{id}/correction [proposed by analyst@B]': { params: id('claimCorrectingByAnalyst') },
  'POST /api/factcheck/pages/fetch': {
    body: () => ({ url: 'http://127.0.0.1/walk' }),
    controlRefusal: {
      status: 400,
      message: /could not be fetched/,
      why: 'the fetcher refuses a loopback address (no network in tests) after the role check',
    },
  },
  'POST /api/factcheck/items': { body: () => ({ text: 'Tin đồn về quyền con người ở Việt Nam, để thử.' }) },
  'POST /api/factcheck/items/import': {
    file: () => ({
      filename: 'items.csv',
      bytes: fs.readFileSync(new URL('../../test/fixtures/encodings/items-utf-8-bom-semicolon.csv', import.meta.url)),
    }),
  },
  'POST /api/factcheck/items/{id}/links': { body: (s) => ({ claimId: s.ids.claimPublished! }) },
  'POST /api/factcheck/items/{id}/actions': { body: () => ({ action: 'platform_report', actedOn: '2026-03-02' }) },
  'POST /api/factcheck/links/{id}/undo': { params: id('link2') },
  'DELETE /api/factcheck/topic-rules/{id}': { params: id('topicRule2') },
  'POST /api/factcheck/topic-rules': { body: () => ({ kind: 'place', phrase: 'walk place', language: 'vi' }) },
  'PUT /api/factcheck/topic-rules/{id}': { body: () => ({ kind: 'place', phrase: 'walk place two', language: 'vi' }) },
  'POST /api/plans/import': {
    file: async (s) => ({
      filename: 'plans.xlsx',
      bytes: await workbook({
        activities: [
          ['organisation_code', 'year', 'title', 'targets', 'start_month', 'end_month'],
          [s.A.code, 2024, 'Hoạt động nhập thử', 'T1', '2024-01', '2024-03'],
        ],
      }),
    }),
    byRow: OUTSIDE,
  },
  'POST /api/plans': { body: (s) => ({ organisationId: s.A.id, year: 2023 }) },
  'POST /api/plans/{id}/submit': { params: id('planToSubmit') },
  'POST /api/plans/{id}/return': { params: id('planSubmitted'), body: () => ({ comment: 'Bổ sung kinh phí.' }) },
  'POST /api/plans/{id}/approve': { params: id('planSubmitted2') },
  'POST /api/plans/{id}/revise': { params: id('planApproved') },
  'POST /api/plans/{id}/spending': {
    params: id('planSpending'),
    body: () => ({ activityNo: 1, source: 'central', amount: 1_000_000, spentOn: '2028-03-01' }),
  },
  'DELETE /api/plans/{id}/spending/{spendingId}': { params: (s) => ({ id: s.ids.planSpending!, spendingId: s.ids.spending! }) },
  'PUT /api/plans/deadlines/{year}': { params: () => ({ year: 2028 }), body: () => ({ deadline: '2028-01-31' }) },
  'DELETE /api/plans/deadlines/{year}': { params: () => ({ year: 2027 }) },
  'POST /api/tokens': { body: () => ({ name: 'Khoá thử', expiresInDays: 30 }) },
  'POST /api/tokens/{id}/revoke': { hides: "one's own tokens: another person's token is not found" },
  'POST /api/notifications/{id}/read': { hides: "one's own inbox: another person's notice is not found" },
  'POST /api/cycle/periods': { body: () => ({ kind: 'half_yearly', year: THIS_YEAR, half: 2, deadline: `${THIS_YEAR + 1}-01-31` }) },
  'PUT /api/cycle/periods/{id}': { body: () => ({ deadline: `${THIS_YEAR + 1}-02-28` }) },
  'POST /api/cycle/periods/{id}/close': { params: id('periodToClose'), body: () => ({ expiryDays: null }) },
  'POST /api/cycle/periods/{id}/reopen': { params: id('periodClosed'), body: () => ({ reason: 'Mở lại để thử quyền.' }) },
  'POST /api/cycle/periods/{id}/republish': { params: id('periodClosed2'), body: () => ({ reason: 'Công bố lại để thử quyền.' }) },
  'POST /api/cycle/periods/{id}/grants': {
    params: id('periodClosed2'),
    body: (s) => ({ organisationId: s.A.id, until: `${THIS_YEAR + 1}-06-30`, reason: 'Cho phép nhập bù để thử.' }),
  },
  'DELETE /api/cycle/periods/{id}/grants/{grantId}': { params: (s) => ({ id: s.ids.periodClosed2!, grantId: s.ids.grant! }) },
  'PUT /api/cycle/periods/{id}/summary': {
    params: id('periodOpen'),
    body: () => ({ lang: 'vi', sections: [{ section: 'overall', text: 'Đoạn tóm tắt thử quyền.' }] }),
  },
  'POST /api/cycle/reports': { body: (s) => ({ periodId: s.ids.periodOpen!, organisationId: s.A.id }) },
  'PUT /api/cycle/reports/{id}': { body: () => ({ sections: { results: 'Kết quả thử.' } }), hides: REPORTS_HIDDEN },
  'POST /api/cycle/reports/{id}/submit': { params: id('reportToSubmit'), hides: REPORTS_HIDDEN },
  'POST /api/cycle/reports/{id}/return': {
    params: id('reportSubmitted'),
    body: () => ({ comments: { general: 'Bổ sung số liệu.' } }),
    hides: REPORTS_HIDDEN,
  },
  'POST /api/cycle/reports/{id}/approve': { params: id('reportSubmitted2'), body: () => ({}), hides: REPORTS_HIDDEN },
  'POST /api/cycle/reports/{id}/files': { file: png, hides: REPORTS_HIDDEN },
  'DELETE /api/cycle/reports/{id}/files/{fileId}': {
    params: (s) => ({ id: s.ids.reportDraft!, fileId: s.ids.reportFile! }),
    hides: REPORTS_HIDDEN,
  },
  'POST /api/factcheck/feeds': { body: () => ({ title: 'Walk feed', url: 'https://example.org/walk.xml' }) },
  'PUT /api/factcheck/feeds/{id}': { body: () => ({ title: 'Walk feed two', url: 'https://example.org/walk-two.xml' }) },
};

// ---------------------------------------------------------------- the body generator

type Schema = {
  type?: string;
  enum?: unknown[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: boolean | number;
  exclusiveMaximum?: boolean | number;
  minItems?: number;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  nullable?: boolean;
  default?: unknown;
};
type Parameter = { in: string; name: string; required?: boolean; schema?: Schema };
type Operation = { parameters?: Parameter[]; requestBody?: { content?: Record<string, { schema?: Schema }> } };

/** Values of fields a schema cannot describe: references to A's records, refined strings (URLs, ISO times). */
const FIELDS: { name: RegExp; value: (s: Seed) => unknown }[] = [
  { name: /^(organisationId|leadOrganisationId|organiserId)$/, value: (s) => s.A.id },
  { name: /^organiserIds$/, value: (s) => [s.A.id] },
  { name: /^personId$/, value: (s) => s.ids.person },
  { name: /^sessionId$/, value: (s) => s.ids.session },
  { name: /^courseId$/, value: (s) => s.ids.course },
  { name: /^productId$/, value: (s) => s.ids.productPublished },
  { name: /^claimId$/, value: (s) => s.ids.claimPublished },
  { name: /(^url|Url)$/, value: () => 'https://example.org/walk' },
  { name: /^email$/, value: () => 'walk@example.org' },
  { name: /At$/, value: () => '2026-03-01T09:00:00Z' },
];

/** Strings generated so far: each is new (codes, names and references must not collide), and the walk's order fixes them. */
const strings = { i: 0 };
/** Deterministic: required properties only, the first enum value or alternative, the smallest valid size. */
function generate(schema: Schema | undefined, s: Seed, path: string[], n = strings): unknown {
  if (!schema) return 'x';
  const name = path[path.length - 1] ?? '';
  const known = FIELDS.find((f) => f.name.test(name));
  if (known && name) return known.value(s);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return generate(alternatives.find((a) => a.type !== 'null') ?? alternatives[0], s, path, n);
  if (schema.enum) return schema.enum[0];
  switch (schema.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const k of schema.required ?? []) out[k] = generate(schema.properties?.[k], s, [...path, k], n);
      return out;
    }
    case 'array':
      return Array.from({ length: schema.minItems ?? 0 }, (_, i) => generate(schema.items, s, [...path, String(i)], n));
    case 'integer':
    case 'number': {
      const lo = schema.minimum === undefined ? 1 : schema.minimum + (schema.exclusiveMinimum === true ? 1 : 0);
      const hi = schema.maximum === undefined ? Infinity : schema.maximum - (schema.exclusiveMaximum === true ? 1 : 0);
      return Math.min(Math.max(1, lo), hi);
    }
    case 'boolean':
      return true;
    case 'string':
      return text(schema, path, ++n.i);
    default:
      return 'x';
  }
}

function text(schema: Schema, path: string[], i: number): string {
  const byFormat: Record<string, string> = {
    date: '2026-03-01',
    'date-time': '2026-03-01T09:00:00Z',
    email: 'walk@example.org',
    uri: 'https://example.org/walk',
    url: 'https://example.org/walk',
  };
  const fits = (v: string) =>
    v.length >= (schema.minLength ?? 0) &&
    v.length <= (schema.maxLength ?? Infinity) &&
    (!schema.pattern || new RegExp(schema.pattern, 'u').test(v));
  const pad = (v: string) => v.padEnd(schema.minLength ?? 0, 'x');
  const candidates = [
    ...(schema.format && byFormat[schema.format] ? [byFormat[schema.format]!] : []),
    pad(`walk text ${i}`),
    pad(`walk${i}`),
    pad(`WALK${i}`),
    'vie',
    '2026-03-01',
    '2026',
    '01',
    '16',
    'VN',
    'https://example.org/walk',
  ];
  const v = candidates.find(fits);
  if (v === undefined)
    throw new Error(`the generator has no value for ${path.join('.')} (pattern ${schema.pattern}): add the route to OVERRIDES with a body`);
  return v;
}

// ---------------------------------------------------------------- the walk

let t: Awaited<ReturnType<typeof testApp>>;
let seed: Seed;
const sessions = new Map<Who, Session | null>();
let routes: { key: string; path: string; method: string; op: Operation }[];

function multipart(u: Upload) {
  const boundary = '----walk' + Math.random().toString(16).slice(2);
  const parts = Object.entries(u.fields ?? {}).map(([k, v]) =>
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`),
  );
  const payload = Buffer.concat([
    ...parts,
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${u.filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    u.bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

beforeAll(async () => {
  t = await testApp();
  const db = t.db;
  const A = await makeOrg(db, { kind: 'provincial_committee', provinceCode: '01', nameVi: 'UBND thử A' });
  const AChild = await makeOrg(db, { kind: 'provincial_department', provinceCode: '01', nameVi: 'Sở thử A', parentId: A.id });
  const B = await makeOrg(db, { kind: 'provincial_department', provinceCode: '79', nameVi: 'Sở thử B' });
  const orgOf = { A, AChild, B } as const;
  const users = new Map<Signed, { id: number; username: string }>();
  for (const [who, a] of ACTORS) {
    const username = who.replace('@', '.').toLowerCase();
    const u = await createUser(db, seedActor, {
      username,
      displayName: `Walk ${who}`,
      password: TEST_PASSWORD,
      role: a.role,
      organisationId: a.place ? orgOf[a.place].id : null,
      ...ACCOUNT[a.role]?.(a.place),
    });
    users.set(who, u);
    sessions.set(who, await signIn(t.app, username, TEST_PASSWORD));
  }
  sessions.set('anonymous', null);
  const actor = (who: Signed): Actor => {
    const a = ACTORS.get(who)!;
    return {
      userId: users.get(who)!.id,
      name: users.get(who)!.username,
      role: a.role,
      organisationId: a.place ? orgOf[a.place].id : null,
      via: 'api',
    };
  };
  const ids: Record<string, number> = {};
  seed = { db, A, AChild, B, ids, actor };
  const office = async (method: 'POST', url: string, upload: Upload) => {
    const m = multipart(upload);
    const r = await t.app.inject({ method, url, headers: { ...sessions.get(OFFICE_ACTOR)!.headers, ...m.headers }, payload: m.payload });
    if (r.statusCode !== 201) throw new Error(`seeding ${url}: ${r.statusCode} ${r.body}`);
    return r.json().id as number;
  };

  // directory
  ids.orgEdit = (await makeOrg(db, { nameVi: 'Phòng thử sửa', parentId: A.id })).id;
  ids.orgDeactivate = (await makeOrg(db, { nameVi: 'Phòng thử giải thể', parentId: A.id })).id;
  ids.orgInactive = (await makeOrg(db, { nameVi: 'Phòng thử đã giải thể', parentId: A.id })).id;
  const { setOrganisationActive } = await import('./modules/directory/organisations.service.js');
  await setOrganisationActive(db, seedActor, ids.orgInactive, false);
  ids.userA = (await makeUser(db, 'viewer', A.id)).id;

  // press
  ids.spokesperson = (
    await createSpokesperson(db, seedActor, { organisationId: A.id, fullName: 'Người phát ngôn thử', validFrom: '2024-01-01' })
  ).id;
  const item = async (title: string, extra: Record<string, unknown> = {}) =>
    (await createPressItem(db, seedActor, { kind: 'press_release', organisationId: A.id, title, ...extra })).id;
  ids.pressDraft = await item('Thông cáo nháp');
  ids.pressB = (await createPressItem(db, seedActor, { kind: 'press_release', organisationId: B.id, title: 'Thông cáo của B' })).id;
  ids.pressToSchedule = await item('Thông cáo sẽ hẹn giờ');
  ids.pressScheduled = await item('Thông cáo đã hẹn giờ');
  await schedulePressItem(db, seedActor, ids.pressScheduled, { scheduledAt: '2099-01-01T09:00:00Z' });
  ids.pressToPublish = await item('Thông cáo sẽ đăng');
  ids.pressToPublishPast = await item('Thông cáo đăng bù');
  for (const k of ['pressPublished', 'pressToWithdraw', 'pressTagged']) {
    ids[k] = await item(`Thông cáo ${k}`);
    await publishPressItem(db, seedActor, ids[k]!, {});
  }
  ids.pressTranslation = await item('Press release (English)', { language: 'eng', translationOf: ids.pressDraft });
  ids.pressAttachment = await office('POST', `/api/press/items/${ids.pressDraft}/attachments`, png());

  // library
  const product = async (title: string) => (await createProduct(db, seedActor, productBody(A.id, title))).id;
  ids.productDraft = await product('Ảnh nháp');
  ids.productToPublish = await product('Ảnh sẽ đăng');
  for (const k of ['productPublished', 'productToWithdraw']) {
    ids[k] = await product(`Ảnh ${k}`);
    await publishProduct(db, seedActor, ids[k]!);
  }
  ids.productFile = await office('POST', `/api/library/products/${ids.productDraft}/files`, png());

  // exhibitions: led by A with A's child as co-organiser; one online with a published item
  ids.exhibition = (await createExhibition(db, seedActor, exhibitionBody(seed, 'physical'))).id;
  ids.exhibitionOnline = (await createExhibition(db, seedActor, exhibitionBody(seed, 'online'))).id;
  ids.exhibitionPhoto = await office('POST', `/api/exhibitions/${ids.exhibition}/photos`, png());

  // recommendations: led by A, with an action, a report returned for changes and one submitted
  const rec = async (paragraph: string) =>
    (
      await createRecommendation(db, seedActor, {
        mechanism: 'upr',
        cycle: 'UPR-IV',
        sourceDocument: 'A/HRC/WALK/0',
        paragraph,
        position: 'supported',
      })
    ).id;
  ids.recommendation = await rec('9.1');
  ids.recommendation2 = await rec('9.2');
  await assignImplementers(db, seedActor, ids.recommendation, { leadOrganisationId: A.id, coImplementerIds: [] });
  ids.action = (
    await createAction(db, seedActor, ids.recommendation, { organisationId: A.id, title: 'Hoạt động thử', targetDate: '2026-06-30' })
  ).id;
  ids.report = (
    await submitReport(db, seedActor, ids.recommendation, { organisationId: A.id, period: '2025', narrative: 'Báo cáo thử.' })
  ).id;
  await reviewReport(db, seedActor, ids.report, { decision: 'return', comment: 'Bổ sung số liệu.' });
  ids.reportSubmitted = (
    await submitReport(db, seedActor, ids.recommendation, { organisationId: A.id, period: '2026', narrative: 'Báo cáo thử 2.' })
  ).id;
  await tagEvidence(db, seedActor, ids.recommendation, { recordType: 'press_item', recordId: ids.pressTagged });

  // training: two people of A, a course and a session of A, a sign-in sheet read by editor@A …
  const person = async (fullName: string) =>
    (await createPerson(db, seedActor, { fullName, organisationId: A.id, memberships: [{ targetGroup: 'T2a', validFrom: '2023-01-01' }] }))
      .id;
  ids.person = await person('Nguyễn Văn Thử');
  ids.person2 = await person('Nguyễn Văn Thử Hai');
  ids.course = (await createCourse(db, seedActor, { title: 'Lớp thử', kind: 'both', format: 'in_person', organisationId: A.id })).id;
  ids.session = (await createSession(db, seedActor, sessionBody(seed))).id;
  // … and their twins of B, for the owning editor pointing a reference at B (ELSEWHERE)
  ids.personB = (
    await createPerson(db, seedActor, {
      fullName: 'Trần Thị Bê',
      organisationId: B.id,
      memberships: [{ targetGroup: 'T2a', validFrom: '2023-01-01' }],
    })
  ).id;
  ids.courseB = (await createCourse(db, seedActor, { title: 'Lớp của B', kind: 'both', format: 'in_person', organisationId: B.id })).id;
  ids.sessionB = (
    await createSession(db, seedActor, {
      courseId: ids.courseB,
      startsOn: '2026-03-12',
      endsOn: '2026-03-12',
      provinceCode: '79',
      organiserId: B.id,
    })
  ).id;
  const preview = await previewSigninImport(
    db,
    actor('editor@A'),
    ids.session,
    await signinSheet('Lớp thử', [{ name: 'Lê Văn Mới', organisation: A.code }]),
  );
  ids.import = preview.importId;
  ids.importRow = preview.rows[0]!.row;

  // fact-checking: claims in each state the routes need, written by an analyst who is none of the walk's actors
  const author = await makeUser(db, 'analyst');
  const authorActor: Actor = { userId: author.id, name: author.username, role: 'analyst', organisationId: null, via: 'api' };
  const stages = ['researching', 'ready', 'drafted', 'approved', 'published'] as const;
  const claim = async (text: string, to: (typeof stages)[number], writer = authorActor) => {
    const c = await createClaim(db, authorActor, { text });
    const short = (stage: (typeof stages)[number]) => stages.indexOf(to) < stages.indexOf(stage);
    await transitionClaim(db, authorActor, c.id, { to: 'researching' });
    if (short('ready')) return c.id;
    await addEvidence(db, authorActor, c.id, {
      url: 'https://example.org/nguon',
      title: 'Nguồn',
      snapshot: 'Đoạn trích làm căn cứ.',
      fetchedAt: '2026-03-01',
    });
    await updateDraft(db, writer, c.id, { ratingCode: 'false', rationaleVi: 'Căn cứ vào nguồn chính thức.' });
    if (short('drafted')) return c.id;
    await transitionClaim(db, authorActor, c.id, { to: 'drafted' });
    if (short('approved')) return c.id;
    await transitionClaim(db, actor('reviewer@A'), c.id, { to: 'approved' });
    if (short('published')) return c.id;
    await transitionClaim(db, actor('reviewer@A'), c.id, { to: 'published' });
    return c.id;
  };
  for (const [key, stage] of [
    ['claimResearching', 'researching'],
    ['claimReady', 'ready'],
    ['claimDrafted', 'drafted'],
    ['claimDrafted2', 'drafted'],
    ['claimApproved', 'approved'],
    ['claimApproved2', 'approved'],
    ['claimPublished', 'published'],
    ['claimToWithdraw', 'published'],
    ['claimToCorrect', 'published'],
    ['claimCorrecting', 'published'],
    ['claimCorrectingByAnalyst', 'published'],
  ] as const)
    ids[key] = await claim(`Tin đồn thử ${key} về quyền con người ở Việt Nam.`, stage);
  for (const key of ['claimToCorrect', 'claimCorrecting'] as const)
    await proposeCorrection(db, authorActor, ids[key]!, { note: 'Đính chính thử.', ratingCode: 'true' });
  await proposeCorrection(db, actor('analyst@B'), ids.claimCorrectingByAnalyst!, {
    note: 'Đính chính thử của người khác.',
    ratingCode: 'true',
  });
  // the two-person rule: a reviewer who wrote a version's content does not approve it
  ids.claimWrittenByReviewer = await claim(
    'Tin đồn thử có nháp do người duyệt viết về quyền con người ở Việt Nam.',
    'drafted',
    actor('reviewer@B'),
  );
  ids.claimCorrectedByReviewer = await claim('Tin đồn thử có đính chính do người duyệt viết về quyền con người ở Việt Nam.', 'published');
  await proposeCorrection(db, actor('reviewer@B'), ids.claimCorrectedByReviewer!, {
    note: 'Đính chính của người duyệt.',
    ratingCode: 'true',
  });
  const itemOf = async (text: string) =>
    (await addItem(db, authorActor, { text, platform: 'facebook', publishedAt: '2026-03-01T08:00:00Z' })).id;
  ids.item = await itemOf('Nhân quyền ở Việt Nam: bài đăng thử một.');
  ids.link = (
    await linkItem(db, authorActor, await itemOf('Nhân quyền ở Việt Nam: bài đăng thử hai.'), { claimId: ids.claimPublished })
  ).id;
  ids.link2 = (
    await linkItem(db, authorActor, await itemOf('Nhân quyền ở Việt Nam: bài đăng thử ba.'), { claimId: ids.claimPublished })
  ).id;
  ids.topicRule = (await createTopicRule(db, seedActor, { kind: 'place', phrase: 'walk rule', language: 'vi' })).id;
  ids.topicRule2 = (await createTopicRule(db, seedActor, { kind: 'place', phrase: 'walk rule two', language: 'vi' })).id;
  ids.feed = (await createFeed(db, seedActor, { title: 'Walk feed seed', url: 'http://127.0.0.1/feed.xml' })).id;
  ids.complaint = (await submitComplaint(db, { text: 'Xin xem lại bài kiểm chứng thử.', locale: 'vi' })).id;
  ids.submission = (
    await submitClaim(db, {
      text: 'Tin đồn thử gửi qua biểu mẫu về quyền con người ở Việt Nam.',
      email: 'sender@example.org',
      consent: true,
    })
  ).id;

  // plans: of an organisation below A in province 01, a year each, in every state the routes need; coordinators on,
  // so the submitted ones wait for coordinator@A
  await updateCycleSettings(db, seedActor, { coordinatorsEnabled: true });
  const planOrg = (await makeOrg(db, { nameVi: 'Phòng thử kế hoạch', parentId: A.id, provinceCode: '01' })).id;
  const activity = (year: number) => ({
    title: 'Hoạt động thử',
    targets: ['T1'],
    startMonth: `${year}-01`,
    endMonth: `${year}-03`,
    budget: { central: 5_000_000 },
  });
  const plan = async (year: number, to: 'draft' | 'submitted' | 'approved') => {
    const p = await createPlan(db, seedActor, { organisationId: planOrg, year, activities: [activity(year)] });
    if (to !== 'draft') await submitPlan(db, seedActor, p.id);
    if (to === 'approved') await approvePlan(db, seedActor, p.id);
    return p.id;
  };
  ids.planEdit = await plan(2023, 'draft');
  ids.planToSubmit = await plan(2024, 'draft');
  ids.planSubmitted = await plan(2025, 'submitted');
  ids.planSubmitted2 = await plan(2026, 'submitted');
  ids.planApproved = await plan(2027, 'approved');
  ids.planSpending = await plan(2028, 'approved');
  await setPlanDeadline(db, seedActor, 2027, { deadline: '2026-12-15' });
  ids.spending = (
    await recordSpending(db, seedActor, ids.planSpending, { activityNo: 1, source: 'central', amount: 2_000_000, spentOn: '2028-02-01' })
  ).id;

  // an API token of editor@A
  ids.apiToken = (await createApiToken(db, actor('editor@A'), { name: 'Khoá thử', expiresInDays: 30 })).id;

  // notifications are written by their sources' job; one notice told to editor@A, written as a source would
  ids.notification = (
    await db
      .insert(notifications)
      .values({
        userId: users.get('editor@A')!.id,
        kind: 'walk.notice',
        eventKey: '1',
        organisationId: A.id,
        toldRole: 'editor',
        toldOrganisationId: A.id,
        titleVi: 'Thông báo thử',
        titleEn: 'A test notice',
        link: '/',
      })
      .returning({ id: notifications.id })
  )[0]!.id;

  // the programme cycle: coordinators on (coordinator@A decides first); this year's period open, with reports of
  // organisations below A (province 01) in every state the routes need; last year's period to close; two closed
  const cycleYear = (year: number, include: number[] = []) =>
    createPeriod(db, seedActor, { kind: 'yearly', year, deadline: `${year + 1}-01-31`, includeOrganisationIds: include });
  await updateCycleSettings(db, seedActor, { coordinatorsEnabled: true });
  const reportOrgs: number[] = [];
  for (const n of ['nháp', 'sẽ gửi', 'đã gửi', 'đã gửi hai'])
    reportOrgs.push((await makeOrg(db, { nameVi: `Phòng thử báo cáo ${n}`, parentId: A.id, provinceCode: '01' })).id);
  ids.periodOpen = (await cycleYear(THIS_YEAR, [A.id, B.id, ...reportOrgs])).id;
  ids.periodToClose = (await cycleYear(THIS_YEAR - 1)).id;
  for (const [key, year] of [
    ['periodClosed', THIS_YEAR - 2],
    ['periodClosed2', THIS_YEAR - 3],
  ] as const) {
    ids[key] = (await cycleYear(year)).id;
    await closePeriod(db, seedActor, ids[key]!, { expiryDays: null });
  }
  ids.grant = (
    await grantLockPermission(db, seedActor, ids.periodClosed2!, {
      organisationId: A.id,
      until: `${THIS_YEAR + 1}-03-31`,
      reason: 'Nhập bù thử.',
    })
  ).id;
  const sections = { results: 'Kết quả thử.', difficulties: 'Khó khăn thử.', proposals: 'Kiến nghị thử.', nextTasks: 'Nhiệm vụ thử.' };
  const reports: number[] = [];
  for (const organisationId of reportOrgs)
    reports.push((await createReport(db, seedActor, { periodId: ids.periodOpen!, organisationId })).id);
  const [rDraft, rToSubmit, rSubmitted, rSubmitted2] = reports;
  for (const r of [rToSubmit!, rSubmitted!, rSubmitted2!]) await updateReport(db, seedActor, r, { sections });
  for (const r of [rSubmitted!, rSubmitted2!]) await submitCycleReport(db, seedActor, r);
  Object.assign(ids, { reportDraft: rDraft, reportToSubmit: rToSubmit, reportSubmitted: rSubmitted, reportSubmitted2: rSubmitted2 });
  ids.reportFile = await office('POST', `/api/cycle/reports/${rDraft}/files`, png());

  const doc = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json() as { paths: Record<string, Record<string, Operation>> };
  routes = Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops)
      .filter(([method]) => ['post', 'put', 'patch', 'delete'].includes(method))
      .map(([method, op]) => ({ key: `${method.toUpperCase()} ${path}`, path, method: method.toUpperCase(), op })),
  );
});

type Request = { method: string; url: string; body?: unknown; upload?: Upload };
async function requestFor(route: (typeof routes)[number], key: string): Promise<Request> {
  const o = OVERRIDES[key] ?? {};
  const given = o.params ? await o.params(seed) : {};
  const url = route.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const p = route.op.parameters?.find((x) => x.in === 'path' && x.name === name);
    if (given[name] !== undefined) return encodeURIComponent(String(given[name]));
    const collection = route.path.slice(0, route.path.indexOf(`{${name}}`) - 1);
    const key = DEFAULT_IDS[collection];
    if (name === 'id' && key && seed.ids[key] !== undefined) return String(seed.ids[key]);
    if (p?.schema?.enum) return encodeURIComponent(String(p.schema.enum[0]));
    throw new Error(`${key}: no record for {${name}}: seed one and name it in OVERRIDES (params) or DEFAULT_IDS`);
  });
  const query = {
    ...Object.fromEntries(
      (route.op.parameters ?? [])
        .filter((p) => p.in === 'query' && p.required)
        .map((p) => [p.name, String(generate(p.schema, seed, [p.name]))]),
    ),
    ...(o.query?.(seed) ?? {}),
  };
  const q = new URLSearchParams(query).toString();
  const schema = route.op.requestBody?.content?.['application/json']?.schema;
  return {
    method: route.method,
    url: q ? `${url}?${q}` : url,
    body: o.body ? o.body(seed) : schema ? generate(schema, seed, []) : undefined,
    upload: o.file ? await o.file(seed) : undefined,
  };
}

/** References in a body to a record of A, and the same kind of record of B: the owning editor pointing one of them at
 *  B (moving the record, writing for B, using B's person or session) must be refused as well. */
const ELSEWHERE: { name: Reference; field: RegExp; of: (s: Seed, org: 'A' | 'B') => number }[] = [
  {
    name: 'organisation',
    field: /^(organisationId|leadOrganisationId|organiserId|organiserIds|parentId|successorId)$/,
    of: (s, org) => s[org].id,
  },
  { name: 'person', field: /^(personId|keepId|mergeId)$/, of: (s, org) => s.ids[org === 'A' ? 'person' : 'personB']! },
  { name: 'session', field: /^sessionId$/, of: (s, org) => s.ids[org === 'A' ? 'session' : 'sessionB']! },
  { name: 'course', field: /^courseId$/, of: (s, org) => s.ids[org === 'A' ? 'course' : 'courseB']! },
  { name: 'record', field: /^recordId$/, of: (s, org) => s.ids[org === 'A' ? 'pressDraft' : 'pressB']! },
];
/** The body with A's record replaced by B's in the fields `field`; undefined when it names none. */
function retarget(body: unknown, field: RegExp, from: number, to: number): unknown {
  let changed = false;
  const walk = (v: unknown, key = ''): unknown => {
    if (field.test(key) && (v === from || (Array.isArray(v) && v.includes(from)))) {
      changed = true;
      return Array.isArray(v) ? v.map((x) => (x === from ? to : x)) : to;
    }
    if (Array.isArray(v)) return v.map((x) => walk(x));
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, k)]));
    return v;
  };
  const out = walk(body);
  return changed ? out : undefined;
}

async function send(who: Who, r: Request) {
  const auth = sessions.get(who)?.headers ?? {};
  if (r.upload) {
    const m = multipart(r.upload);
    return t.app.inject({ method: r.method as 'POST', url: r.url, headers: { ...auth, ...m.headers }, payload: m.payload });
  }
  return t.app.inject({
    method: r.method as 'POST',
    url: r.url,
    headers: auth,
    ...(r.body !== undefined ? { payload: r.body as object } : {}),
  });
}

describe('authorisation of every write route', () => {
  it('walks every role, and lists every write route of the document', () => {
    const unseeded = ROLES.filter((role) => !PLACES[role]?.length);
    expect(
      unseeded,
      'roles of ROLES the walk does not seed: give each its organisations in PLACES, then allow it in ALLOWED where its service does',
    ).toEqual([]);
    const unknown = [...new Set(Object.values(ALLOWED).flat())].filter((w) => !ACTORS.has(w));
    expect(unknown, 'actors named in ALLOWED that the walk does not seed (PLACES)').toEqual([]);
    expect(routes.length).toBeGreaterThan(90);
    const unlisted = routes.map((r) => r.key).filter((k) => !casesOf(k).length && !NOT_WALKED[k]);
    expect(
      unlisted,
      'write routes without a row in ALLOWED (who may make it; add OVERRIDES when the walk asks for ids, a body or a file)',
    ).toEqual([]);
    const stale = [...Object.keys(ALLOWED), ...Object.keys(NOT_WALKED), ...Object.keys(OVERRIDES)].filter(
      (k) => !routes.some((r) => r.key === routeOf(k)),
    );
    expect(stale, 'rows for routes that no longer exist').toEqual([]);
  });

  it('refuses every actor the service does not allow, and lets the allowed ones past authorisation', async () => {
    const failures: string[] = [];
    let refused = 0;
    for (const [route, key] of routes.flatMap((r) => casesOf(r.key).map((k) => [r, k] as const))) {
      const allowed = ALLOWED[key]!;
      const o = OVERRIDES[key] ?? {};
      let req: Request;
      try {
        req = await requestFor(route, key);
      } catch (e) {
        failures.push((e as Error).message);
        continue;
      }
      const statuses: string[] = [];
      const label = (who: Who, res: { statusCode: number; body: string }) =>
        `${key} as ${who} → ${res.statusCode} ${res.body.slice(0, 200)}`;
      for (const who of WHO.filter((w) => w === 'anonymous' || !allowed.includes(w))) {
        const res = await send(who, req);
        statuses.push(`${who}:${res.statusCode}`);
        const code = res.statusCode < 500 && res.headers['content-type']?.toString().includes('json') ? res.json()?.error?.code : undefined;
        const ok =
          who === 'anonymous'
            ? res.statusCode === 401
            : (res.statusCode === 403 && code === 'forbidden') ||
              (res.statusCode === 404 && !!o.hides) ||
              (res.statusCode === 422 &&
                !!o.byRow &&
                code === 'import_invalid' &&
                (res.json().error.details as { message: string }[]).every((d) => o.byRow!.test(d.message)));
        if (!ok) failures.push(`${res.statusCode < 300 ? 'HOLE: ' : ''}${label(who, res)} (expected ${who === 'anonymous' ? 401 : 403})`);
        else refused++;
      }
      const control = controlOf(allowed);
      // The owning editor naming another organisation in the body (moving the record, or writing for B) is refused too.
      for (const e of ACTORS.get(control)!.role === 'editor' ? ELSEWHERE : []) {
        const body = retarget(req.body, e.field, e.of(seed, 'A'), e.of(seed, 'B'));
        if (body === undefined || o.elsewhere?.[e.name]) continue;
        const res = await send(control, { ...req, body });
        statuses.push(`${control}(B's ${e.name}):${res.statusCode}`);
        if (res.statusCode < 400 || res.statusCode === 401 || res.statusCode >= 500)
          failures.push(
            `${res.statusCode < 300 ? 'HOLE: ' : ''}${label(control, res)} with B's ${e.name} in the body (expected a refusal)`,
          );
        else refused++;
      }
      for (const who of [control, ...allowed.filter((w) => w !== control)]) {
        const res = await send(who, req);
        statuses.push(
          `${who === control ? 'CONTROL ' : ''}${who}:${res.statusCode}${who === control && res.statusCode >= 300 ? ` (${res.body.slice(0, 160)})` : ''}`,
        );
        const refusal = o.controlRefusal;
        const accepted = refusal && res.statusCode === refusal.status && refusal.message.test(res.body);
        const bad =
          who === control
            ? !accepted &&
              (res.statusCode === 400 ||
                res.statusCode === 401 ||
                res.statusCode === 403 ||
                res.statusCode >= 500 ||
                (res.statusCode === 415 && !o.file))
            : res.statusCode === 401 || res.statusCode === 403 || res.statusCode >= 500;
        if (bad) failures.push(`${who === control ? 'control: ' : 'allowed: '}${label(who, res)}`);
      }
      if (process.env.WALK_VERBOSE) console.log(`${key}  ${statuses.join(' ')}`);
    }
    expect(failures).toEqual([]);
    expect(refused).toBeGreaterThan(400);
  }, 600_000);
});
