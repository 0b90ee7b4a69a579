// Calendar routes: the workspace's events (GET /api/calendar), the signed-in person's private feed address and its
// reset, the private iCalendar feed /calendar/u/<token>.ics and the public feeds /lich.ics (Vietnamese) and
// /en/calendar.ics (English) with public events only. Feeds cover the past year and the next two.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CalendarFeed, CalendarList, CalendarQuery, type CalendarEvent } from '../../../shared/contracts/calendar.js';
import { ErrorBody } from '../../../shared/contracts/directory.js';
import { portalUrl, workspaceUrl } from '../../../shared/contracts/links.js';
import { addDays, vnToday } from '../../../shared/format.js';
import type { Config } from '../../kernel/config.js';
import type { Db } from '../../kernel/db.js';
import { AppError } from '../../kernel/errors.js';
import { requireActor } from '../../kernel/http.js';
import { getActorForUser } from '../directory/actor.js';
import { getFeedPath, resetFeedKey, userOfToken } from './calendar.feed.js';
import { toIcs, type IcsLang } from './calendar.ics.js';
import { calendarEvents, listCalendar } from './calendar.service.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };
const tags = ['calendar'];
const ICS = 'text/calendar; charset=utf-8';

/** The feeds' range: a year back, two years ahead (Viet Nam's today). */
const feedRange = () => {
  const today = vnToday();
  return { from: addDays(today, -366), to: addDays(today, 731) };
};

export async function calendarRoutes(root: FastifyInstance, { db, config }: { db: Db; config: Config }) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const host = new URL(config.baseUrl).hostname || 'rightshub';

  app.get(
    '/api/calendar',
    {
      schema: {
        tags,
        querystring: CalendarQuery,
        response: { 200: CalendarList, ...errors },
        description: 'Events from `from` to `to` (at most 400 days) that the reader may see, filtered by organisation and province',
      },
    },
    async (req) => listCalendar(db, requireActor(req), req.query),
  );
  app.get('/api/calendar/feed', { schema: { tags, response: { 200: CalendarFeed, ...errors } } }, async (req) => ({
    path: await getFeedPath(db, requireActor(req)),
  }));
  app.post(
    '/api/calendar/feed/reset',
    {
      schema: {
        tags,
        response: { 200: CalendarFeed, ...errors },
        description: 'Makes a new private feed address; the previous one stops working',
      },
    },
    async (req) => ({ path: await resetFeedKey(db, requireActor(req)) }),
  );

  const send = (reply: FastifyReply, body: string, filename: string, cache: string) =>
    reply
      .header('content-type', ICS)
      .header('content-disposition', `inline; filename="${filename}"`)
      .header('cache-control', cache)
      .header('x-robots-tag', 'noindex')
      .send(body);

  app.get('/calendar/u/:token', { schema: { hide: true, params: z.object({ token: z.string().max(200) }) } }, async (req, reply) => {
    const m = /^(.+)\.ics$/.exec(req.params.token);
    const userId = m ? await userOfToken(db, m[1]!) : null;
    const actor = userId === null ? null : await getActorForUser(db, userId);
    if (!actor) throw new AppError('not_found', 'Calendar feed not found');
    const events = await calendarEvents(db, actor, feedRange());
    const body = toIcs(events, {
      name: 'RightsHub — Lịch công việc',
      lang: 'vi',
      host,
      url: (e) => workspaceUrl(config.baseUrl, e.link),
    });
    return send(reply, body, 'rightshub.ics', 'private, no-store');
  });

  const publicUrl = (lang: IcsLang) => (e: CalendarEvent) => {
    const id = e.id.replace(/^[a-z_]+-/, '');
    if (e.kind === 'press_conference') return portalUrl(config.baseUrl, lang === 'en' ? `/en/news/${id}` : `/tin-tuc/${id}`);
    if (e.kind === 'exhibition') return portalUrl(config.baseUrl, lang === 'en' ? '/en/exhibitions' : '/trien-lam');
    return null;
  };
  const publicFeed = (lang: IcsLang) => async (_req: unknown, reply: FastifyReply) => {
    const events = await calendarEvents(db, null, feedRange(), { publicOnly: true });
    const name = lang === 'en' ? 'RightsHub — public events' : 'RightsHub — Sự kiện công khai';
    return send(
      reply,
      toIcs(events, { name, lang, host, url: publicUrl(lang) }),
      lang === 'en' ? 'calendar.ics' : 'lich.ics',
      'public, max-age=600',
    );
  };
  app.get('/lich.ics', { schema: { hide: true } }, publicFeed('vi'));
  app.get('/en/calendar.ics', { schema: { hide: true } }, publicFeed('en'));
}
