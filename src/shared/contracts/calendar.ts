// The workspace calendar: trainings, exhibitions, press conferences, reporting and plan deadlines and the target dates
// of actions on UN recommendations, as one list of events over a bounded range of days.
import { z } from 'zod';

/** What an event is: its module's record (a training session, an exhibition, a press conference) or a deadline. */
export const CalendarKind = z.enum([
  'training',
  'exhibition',
  'press_conference',
  'report_deadline',
  'plan_deadline',
  'recommendation_action',
]);
export type CalendarKind = z.infer<typeof CalendarKind>;

/** The longest range one request may ask for (days from `from` to `to`, both counted). */
export const CALENDAR_MAX_DAYS = 400;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');

export const CalendarQuery = z.object({
  from: isoDate,
  to: isoDate,
  organisationId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  /** A province on the current (34-unit) map; events placed on the 63-unit map count for the province they became. */
  province: z
    .string()
    .regex(/^\d{1,2}$/, 'a province code')
    .optional(),
});
export type CalendarQuery = z.infer<typeof CalendarQuery>;

export const CalendarEvent = z.object({
  /** Stable per record: `<kind>-<id>` (the iCalendar UID is made from it). */
  id: z.string(),
  kind: CalendarKind,
  title: z.object({ vi: z.string(), en: z.string() }),
  /** All-day events: first and last day (YYYY-MM-DD, both included). Timed events: Viet Nam wall time YYYY-MM-DDTHH:mm. */
  start: z.string(),
  end: z.string(),
  allDay: z.boolean(),
  organisationId: z.number().int().nullable(),
  organisationName: z.string().nullable(),
  /** 34-unit map code and names of the province the event took place in, if any. */
  provinceCode: z.string().nullable(),
  provinceName: z.object({ vi: z.string(), en: z.string() }).nullable(),
  /** Listed on the public portal (and in the public feed). */
  isPublic: z.boolean(),
  /** The record's page in the workspace (a path inside /app). */
  link: z.string(),
});
export type CalendarEvent = z.infer<typeof CalendarEvent>;

export const CalendarList = z.object({ from: z.string(), to: z.string(), events: z.array(CalendarEvent) });
export type CalendarList = z.infer<typeof CalendarList>;

export const CalendarFeed = z.object({
  /** The private feed's path (under the server's address), or null before the first key is made. */
  path: z.string().nullable(),
});
export type CalendarFeed = z.infer<typeof CalendarFeed>;
