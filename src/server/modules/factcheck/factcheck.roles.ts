// Who may do what in fact-checking: the roles that write, review and set the office's rules. Below both the claims
// (factcheck.service.ts) and the monitored items (factcheck.items.ts), which each check them.
import type { Actor } from '../../kernel/audit.js';
import { forbidden } from '../../kernel/errors.js';

const WRITERS: Actor['role'][] = ['admin', 'editor', 'reviewer', 'analyst', 'system'];
/** Who approves, publishes, corrects and answers complaints (and is notified of what waits for them). */
export const REVIEWERS: Actor['role'][] = ['admin', 'reviewer'];
export function assertMayWrite(actor: Actor) {
  if (!WRITERS.includes(actor.role)) throw forbidden(`Your role (${actor.role}) is read-only in fact-checking`);
}
/** Reviewers and admins: approval, publication, corrections, withdrawals, complaints' replies. */
export function assertReviewer(actor: Actor, what: string) {
  if (!REVIEWERS.includes(actor.role)) throw forbidden(`Only a reviewer or an admin may ${what} (your role: ${actor.role})`);
}
/** The office's settings (on-topic rules, feeds): reviewers and admins, and the system (seed, bench, jobs). */
export function assertOffice(actor: Actor, what: string) {
  if (actor.role !== 'system') assertReviewer(actor, what);
}
