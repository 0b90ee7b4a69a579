// The one error type of RightsHub and its mapping to HTTP statuses.
// Services throw AppError; only the HTTP layer turns codes into statuses and picks the reader's language
// (kernel/messages: a message given in both languages, or an English one translated there).
import { type Text, isText } from './messages.js';

export const ERROR_STATUS = {
  validation_failed: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  csrf_failed: 403,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  import_invalid: 422,
  rate_limited: 429,
  internal: 500,
  busy: 503,
} as const;
export type ErrorCode = keyof typeof ERROR_STATUS;

export class AppError extends Error {
  /** The HTTP status of the code (plain property: Fastify and scoped error handlers read it). */
  statusCode: number;
  /** Both texts when the thrower gave them (`msg(vi, en)`); otherwise `message` is English, translated by kernel/messages. */
  readonly text?: Text;
  constructor(
    public readonly code: ErrorCode,
    /** English, or both texts (then `message` is the English). */
    message: string | Text,
    public readonly details?: unknown,
    /** Seconds after which a refused request may be tried again (rate_limited, busy): sent as Retry-After. */
    public readonly retryAfter?: number,
  ) {
    super(isText(message) ? message.en : message);
    if (isText(message)) this.text = { vi: message.vi, en: message.en };
    this.name = 'AppError';
    this.statusCode = ERROR_STATUS[code];
  }
}

export const notFound = (what: string) => new AppError('not_found', `${what} not found`);
export const forbidden = (why: string | Text) => new AppError('forbidden', why);
/** 503: the server is busy with other work; the client may try again after `seconds` (Retry-After). */
export const busy = (message: string, details: unknown, seconds: number) => new AppError('busy', message, details, seconds);
