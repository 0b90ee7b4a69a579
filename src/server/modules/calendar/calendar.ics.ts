// iCalendar (RFC 5545) of calendar events: CRLF line endings, lines folded at 75 octets (never inside a UTF-8
// character), TEXT values escaped, one VTIMEZONE for Asia/Ho_Chi_Minh (UTC+7, no daylight saving since 1975),
// all-day events as DATE values (DTEND the day after the last), timed ones with TZID.
import type { CalendarEvent } from '../../../shared/contracts/calendar.js';
import { addDays } from '../../../shared/format.js';

export type IcsLang = 'vi' | 'en';

/** A TEXT value: backslash, semicolon, comma and newlines escaped (RFC 5545 §3.3.11). */
export function escapeText(v: string): string {
  return v
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/** One content line folded at 75 octets: continuation lines start with a space (RFC 5545 §3.1). */
export function foldLine(line: string): string {
  const out: string[] = [];
  let cur = '';
  let size = 0;
  let limit = 75;
  for (const ch of line) {
    const n = Buffer.byteLength(ch, 'utf8');
    if (size + n > limit) {
      out.push(cur);
      cur = ' ';
      size = 1;
      limit = 75;
    }
    cur += ch;
    size += n;
  }
  out.push(cur);
  return out.join('\r\n');
}

const compactDate = (iso: string) => iso.replace(/-/g, '');
/** A Viet Nam wall time YYYY-MM-DDTHH:mm as an iCalendar local DATE-TIME. */
const compactTime = (wall: string) => `${wall.slice(0, 10).replace(/-/g, '')}T${wall.slice(11, 13)}${wall.slice(14, 16)}00`;
const utcStamp = (d: Date) =>
  d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

const KIND_CATEGORY: Record<CalendarEvent['kind'], { vi: string; en: string }> = {
  training: { vi: 'Tập huấn', en: 'Training' },
  exhibition: { vi: 'Triển lãm', en: 'Exhibition' },
  press_conference: { vi: 'Họp báo', en: 'Press conference' },
  report_deadline: { vi: 'Hạn báo cáo', en: 'Reporting deadline' },
  plan_deadline: { vi: 'Hạn kế hoạch', en: 'Plan deadline' },
  recommendation_action: { vi: 'Hạn khuyến nghị', en: 'Recommendation deadline' },
};

/** The calendar as an iCalendar document. `host` names the UIDs' domain; `url` makes each event's link absolute. */
export function toIcs(
  events: CalendarEvent[],
  opts: { name: string; lang: IcsLang; host: string; url: (e: CalendarEvent) => string | null; now?: Date },
): string {
  const stamp = utcStamp(opts.now ?? new Date());
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//RightsHub//Calendar//VI',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(opts.name)}`,
    'X-WR-TIMEZONE:Asia/Ho_Chi_Minh',
    'BEGIN:VTIMEZONE',
    'TZID:Asia/Ho_Chi_Minh',
    'BEGIN:STANDARD',
    'DTSTART:19750613T000000',
    'TZOFFSETFROM:+0800',
    'TZOFFSETTO:+0700',
    'TZNAME:ICT',
    'END:STANDARD',
    'END:VTIMEZONE',
  ];
  for (const e of events) {
    const place = [e.organisationName, e.provinceName?.[opts.lang]].filter(Boolean).join(', ');
    const link = opts.url(e);
    lines.push('BEGIN:VEVENT', `UID:${e.id}@${opts.host}`, `DTSTAMP:${stamp}`);
    if (e.allDay) lines.push(`DTSTART;VALUE=DATE:${compactDate(e.start)}`, `DTEND;VALUE=DATE:${compactDate(addDays(e.end, 1))}`);
    else lines.push(`DTSTART;TZID=Asia/Ho_Chi_Minh:${compactTime(e.start)}`, `DTEND;TZID=Asia/Ho_Chi_Minh:${compactTime(e.end)}`);
    lines.push(`SUMMARY:${escapeText(e.title[opts.lang])}`, `CATEGORIES:${escapeText(KIND_CATEGORY[e.kind][opts.lang])}`);
    if (place) lines.push(`LOCATION:${escapeText(place)}`);
    if (link) lines.push(`URL:${link}`);
    lines.push('TRANSP:TRANSPARENT', 'END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join('\r\n') + '\r\n';
}
