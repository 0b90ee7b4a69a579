// A tiny router on the History API: the workspace lives under /app.
import { useMemo, useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from 'react';
import { WORKSPACE_BASE } from '../../shared/contracts/links';

export const BASE = WORKSPACE_BASE;
const EVENT = 'rightshub:navigate';

function subscribe(cb: () => void): () => void {
  window.addEventListener('popstate', cb);
  window.addEventListener(EVENT, cb);
  return () => {
    window.removeEventListener('popstate', cb);
    window.removeEventListener(EVENT, cb);
  };
}

/** The path inside the app, always starting with "/" ("/app/users" → "/users"). */
function snapshot(): string {
  const p = window.location.pathname;
  const inner = p.startsWith(BASE) ? p.slice(BASE.length) : p;
  return inner === '' ? '/' : inner.replace(/\/+$/, '') || '/';
}

export function usePath(): string {
  return useSyncExternalStore(subscribe, snapshot);
}

function searchSnapshot(): string {
  return window.location.search;
}

/** The query string of the current URL, as URLSearchParams (re-renders on navigation). */
export function useSearchParams(): URLSearchParams {
  const search = useSyncExternalStore(subscribe, searchSnapshot);
  return useMemo(() => new URLSearchParams(search), [search]);
}

/** Replace the query string of the current page, keeping views shareable (empty values are dropped). */
export function setSearchParams(
  values: Record<string, string | number | null | undefined>,
  opts: { replace?: boolean } = { replace: true },
): void {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) if (v !== null && v !== undefined && v !== '') p.set(k, String(v));
  const q = p.toString();
  navigate(`${snapshot()}${q ? `?${q}` : ''}`, opts);
}

/** The sign-in page, remembering the page asked for (path and query inside the app) to return to it after. */
export function loginPath(): string {
  const here = snapshot() + window.location.search;
  return here === '/' || here.startsWith('/login') ? '/login' : `/login?next=${encodeURIComponent(here)}`;
}

/** Where to go after signing in: the remembered page if it is one of the app's own paths, else the dashboard. */
export function afterLogin(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') && !next.startsWith('/login') ? next : '/';
}

export function href(path: string): string {
  return path === '/' ? `${BASE}/` : `${BASE}${path}`;
}

export function navigate(path: string, opts: { replace?: boolean } = {}): void {
  const target = href(path);
  if (target === window.location.pathname + window.location.search) return;
  if (opts.replace) window.history.replaceState(null, '', target);
  else window.history.pushState(null, '', target);
  window.dispatchEvent(new Event(EVENT));
}

export function Link({ to, onClick, ...rest }: { to: string } & AnchorHTMLAttributes<HTMLAnchorElement>) {
  const handle = (e: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(e);
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(to);
  };
  return <a href={href(to)} onClick={handle} {...rest} />;
}
