// HTTP routes of the fact-checking desk's public side, for signed-in staff: complaints (every signed-in user reads;
// a reviewer or admin answers or rejects, which e-mails the reply when SMTP is configured and erases the address)
// and the public's submissions (closing one erases the sender's address). The public forms themselves are portal
// pages (src/server/portal/factchecks.routes.tsx). Thin: contract in, service out.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody } from '../../../shared/contracts/directory.js';
import * as C from '../../../shared/contracts/factcheck.js';
import type { Config } from '../../kernel/config.js';
import type { Db } from '../../kernel/db.js';
import { requireActor } from '../../kernel/http.js';
import { smtpMailer, type Mailer } from '../../kernel/mail.js';
import * as desk from './factcheck.desk.js';

const IdParams = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const tags = ['factcheck'];

export function factcheckDeskRoutes(root: FastifyInstance, { db, config, mailer }: { db: Db; config?: Config; mailer?: Mailer }) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const mail = mailer ?? (config?.smtp ? smtpMailer(config.smtp.url, config.smtp.from) : undefined);

  app.get(
    '/api/factcheck/complaints',
    { schema: { tags, querystring: C.ComplaintListQuery, response: { 200: C.ComplaintList, ...errors } } },
    async (req) => {
      requireActor(req);
      return desk.listComplaints(db, req.query);
    },
  );
  app.get(
    '/api/factcheck/complaints/:id',
    { schema: { tags, params: IdParams, response: { 200: C.Complaint, ...errors } } },
    async (req) => {
      requireActor(req);
      return desk.getComplaint(db, req.params.id);
    },
  );
  /** Answer or reject an open complaint (reviewer or admin): the reply is e-mailed if possible, then the address erased. */
  app.post(
    '/api/factcheck/complaints/:id/reply',
    { schema: { tags, params: IdParams, body: C.ComplaintReplyInput, response: { 200: C.ComplaintReplyResult, ...errors } } },
    async (req) => desk.replyComplaint(db, requireActor(req), req.params.id, req.body, { mailer: mail, baseUrl: config?.baseUrl }),
  );

  app.get(
    '/api/factcheck/submissions',
    { schema: { tags, querystring: C.SubmissionListQuery, response: { 200: C.SubmissionList, ...errors } } },
    async (req) => {
      requireActor(req);
      return desk.listSubmissions(db, req.query);
    },
  );
  /** Close a submission: the sender's address is erased. */
  app.post(
    '/api/factcheck/submissions/:id/close',
    { schema: { tags, params: IdParams, response: { 200: C.Submission, ...errors } } },
    async (req) => desk.closeSubmission(db, requireActor(req), req.params.id),
  );
}
