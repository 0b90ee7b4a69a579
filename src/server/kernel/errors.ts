// The one error type of RightsHub and its mapping to HTTP statuses.
// Services throw AppError; only the HTTP layer turns codes into statuses.
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
  constructor(
    public readonly code: ErrorCode,
    message: string,
    public readonly details?: unknown,
    /** Seconds after which a refused request may be tried again (rate_limited, busy): sent as Retry-After. */
    public readonly retryAfter?: number,
  ) {
    super(message);
    this.name = 'AppError';
    this.statusCode = ERROR_STATUS[code];
  }
}

export const notFound = (what: string) => new AppError('not_found', `${what} not found`);
export const forbidden = (why: string) => new AppError('forbidden', why);
/** 503: the server is busy with other work; the client may try again after `seconds` (Retry-After). */
export const busy = (message: string, details: unknown, seconds: number) => new AppError('busy', message, details, seconds);
