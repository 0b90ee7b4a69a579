// HTTP routes of the notifications: one's own inbox (list, unread count, mark read, all read) and one's own choices.
// Every signed-in person, whatever the role, reads and writes only their own. Thin: contract in, service out.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody } from '../../../shared/contracts/directory.js';
import * as C from '../../../shared/contracts/notifications.js';
import type { Config } from '../../kernel/config.js';
import type { Db } from '../../kernel/db.js';
import { requireActor } from '../../kernel/http.js';
import * as S from './notifications.service.js';

const IdParams = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };
const tags = ['notifications'];
const P = '/api/notifications';

export async function notificationRoutes(root: FastifyInstance, { db, config }: { db: Db; config: Config }) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const facts: S.MailFacts = { mailEnabled: Boolean(config.smtp), digestHour: config.notifications.digestHour };

  app.get(P, { schema: { tags, querystring: C.NotificationListQuery, response: { 200: C.NotificationList, ...errors } } }, async (req) =>
    S.listNotifications(db, requireActor(req), req.query),
  );
  app.get(`${P}/unread-count`, { schema: { tags, response: { 200: C.UnreadCount, ...errors } } }, async (req) => ({
    unread: await S.unreadCount(db, requireActor(req)),
  }));
  app.post(`${P}/:id/read`, { schema: { tags, params: IdParams, response: { 200: C.Notification, ...errors } } }, async (req) =>
    S.markRead(db, requireActor(req), req.params.id),
  );
  app.post(`${P}/read-all`, { schema: { tags, response: { 200: C.MarkedRead, ...errors } } }, async (req) => ({
    marked: await S.markAllRead(db, requireActor(req)),
  }));
  app.get(`${P}/preferences`, { schema: { tags, response: { 200: C.Preferences, ...errors } } }, async (req) =>
    S.getPreferences(db, requireActor(req), facts),
  );
  app.put(`${P}/preferences`, { schema: { tags, body: C.PreferencesInput, response: { 200: C.Preferences, ...errors } } }, async (req) =>
    S.setPreferences(db, requireActor(req), req.body, facts),
  );
}
