// The workspace's one HTTP client: JSON, same-origin cookie, CSRF header on writes,
// and a 401 anywhere (other than login/me) sends the user back to the login page.
import type { FieldIssue } from '../../shared/contracts/directory';
import { currentLocale } from './i18n';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    /** Seconds to wait before trying again (Retry-After of a 429). */
    readonly retryAfter?: number,
    /** The server's message is only the code's own sentence (it knew no more in the interface's language). */
    readonly generic = false,
  ) {
    super(message);
  }
  /** Field issues of validation_failed / import_invalid, if any. */
  get issues(): FieldIssue[] {
    return Array.isArray(this.details) ? (this.details as FieldIssue[]) : [];
  }
}

let csrfToken: string | null = null;
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

let onUnauthenticated: (() => void) | null = null;
export function setUnauthenticatedHandler(fn: () => void): void {
  onUnauthenticated = fn;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** The CSRF header a write sends (none before the session is known). */
export const csrfHeaders = (): Record<string, string> => (csrfToken ? { 'x-csrf-token': csrfToken } : {});

/** Headers every request sends: the interface's language chooses the language of the server's messages. */
export const languageHeaders = (): Record<string, string> => ({ 'accept-language': currentLocale() });

export async function api<T>(method: Method, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...languageHeaders() };
  let payload: BodyInit | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  if (method !== 'GET') Object.assign(headers, csrfHeaders());
  let res: Response;
  try {
    res = await fetch(path, { method, headers, body: payload, credentials: 'same-origin' });
  } catch (e) {
    throw new ApiError(0, 'network', e instanceof Error ? e.message : String(e));
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let json: unknown = undefined;
  if (text) {
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
  }
  if (!res.ok) throw apiErrorOf(path, res.status, res.statusText, json, Number(res.headers.get('retry-after')) || undefined);
  return json as T;
}

/** The ApiError of a refused request (its parsed JSON body, if any); a 401 outside login sends the user to log in. */
export function apiErrorOf(path: string, status: number, statusText: string, json: unknown, retryAfter?: number): ApiError {
  const err = (json as { error?: { code?: string; message?: string; details?: unknown; generic?: boolean } } | undefined)?.error;
  const apiError = new ApiError(
    status,
    err?.code ?? `http_${status}`,
    err?.message ?? statusText,
    err?.details,
    retryAfter,
    Boolean(err?.generic),
  );
  if (status === 401 && !path.startsWith('/api/auth/login') && !path.startsWith('/api/auth/me')) onUnauthenticated?.();
  return apiError;
}

export const get = <T>(path: string) => api<T>('GET', path);
export const post = <T>(path: string, body?: unknown) => api<T>('POST', path, body ?? {});
export const put = <T>(path: string, body?: unknown) => api<T>('PUT', path, body ?? {});

/** Builds a query string, leaving out empty values. */
export function qs(params: Record<string, string | number | undefined | null>): string {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') sp.set(k, String(v));
  const s = sp.toString();
  return s ? `?${s}` : '';
}

/** Field → message map of a validation error. */
export function fieldErrorsOf(err: unknown): Record<string, string> {
  const m: Record<string, string> = {};
  if (err instanceof ApiError) for (const i of err.issues) m[i.field] = m[i.field] ? `${m[i.field]}; ${i.message}` : i.message;
  return m;
}
