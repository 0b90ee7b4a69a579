// Contracts of API tokens: machine clients (a provincial system pushing its records, a data team pulling figures) call
// /api with `Authorization: Bearer rh_…` instead of a session cookie.
import { z } from 'zod';
import { Role } from './directory.js';

/** The longest a token may live. */
export const TOKEN_MAX_DAYS = 365;

export const ApiTokenCreateInput = z.object({
  name: z.string().trim().min(1).max(100),
  /** Days until the token stops working (required; at most a year). */
  expiresInDays: z.number().int().min(1).max(TOKEN_MAX_DAYS),
  /** The token's role; a user's own token has at most the user's role (the default). */
  role: Role.optional(),
  /** The token's organisation; only the programme office chooses another than its own. */
  organisationId: z.number().int().nullable().optional(),
  /** A provincial coordinator's province (34-unit map code), for a coordinator token made by the office. */
  provinceCode: z.string().trim().max(2).nullable().optional(),
  /** Reads only: every write with the token is refused. */
  readOnly: z.boolean().optional(),
});
export type ApiTokenCreateInput = z.infer<typeof ApiTokenCreateInput>;

export const ApiToken = z.object({
  id: z.number().int(),
  name: z.string(),
  /** The first characters of the secret, to recognise it (the rest is never stored). */
  prefix: z.string(),
  ownerId: z.number().int(),
  ownerName: z.string(),
  role: Role,
  organisationId: z.number().int().nullable(),
  organisationName: z.string().nullable(),
  provinceCode: z.string().nullable(),
  readOnly: z.boolean(),
  createdAt: z.string(),
  expiresAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  /** active | expired | revoked */
  state: z.enum(['active', 'expired', 'revoked']),
});
export type ApiToken = z.infer<typeof ApiToken>;

/** The answer to a creation: the token and its secret, shown this once. */
export const ApiTokenCreated = ApiToken.extend({ secret: z.string() });
export type ApiTokenCreated = z.infer<typeof ApiTokenCreated>;
