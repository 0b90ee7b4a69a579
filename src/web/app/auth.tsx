// Who is logged in: GET /api/auth/me through TanStack Query; login, logout and the language choice.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Me } from '../../shared/contracts/directory';
import { ApiError, get, post, put, setCsrfToken, setUnauthenticatedHandler } from '../lib/api';
import { applyLocale, type Locale } from '../lib/i18n';
import { loginPath, navigate } from './router';

interface AuthValue {
  me: Me | null;
  loading: boolean;
  login(username: string, password: string): Promise<Me>;
  logout(): Promise<void>;
  setLocale(locale: Locale): Promise<void>;
}

const AuthContext = createContext<AuthValue | null>(null);
const ME_KEY = ['me'] as const;
/** Drops every cached query except "me" (whose observer must keep seeing its data). */
const notMe = { predicate: (q: { queryKey: readonly unknown[] }) => q.queryKey[0] !== 'me' };

async function fetchMe(): Promise<Me | null> {
  try {
    return await get<Me>('/api/auth/me');
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return null;
    throw e;
  }
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const qc = useQueryClient();
  const meQuery = useQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: 5 * 60_000, retry: false });
  const me = meQuery.data ?? null;
  const localeApplied = useRef(false);

  useEffect(() => {
    setCsrfToken(me?.csrfToken ?? null);
    // On load the user's saved language wins over the browser's last choice.
    if (me && !localeApplied.current) {
      localeApplied.current = true;
      void applyLocale(me.locale);
    }
  }, [me]);

  useEffect(() => {
    setUnauthenticatedHandler(() => {
      setCsrfToken(null);
      qc.setQueryData(ME_KEY, null);
      navigate(loginPath(), { replace: true });
    });
  }, [qc]);

  const login = useCallback(
    async (username: string, password: string) => {
      const m = await post<Me>('/api/auth/login', { username, password });
      setCsrfToken(m.csrfToken);
      localeApplied.current = true;
      await applyLocale(m.locale);
      qc.removeQueries(notMe);
      qc.setQueryData(ME_KEY, m);
      return m;
    },
    [qc],
  );

  const logout = useCallback(async () => {
    try {
      await post('/api/auth/logout');
    } finally {
      setCsrfToken(null);
      localeApplied.current = false;
      qc.removeQueries(notMe);
      qc.setQueryData(ME_KEY, null);
      navigate('/login', { replace: true });
    }
  }, [qc]);

  const setLocale = useCallback(
    async (locale: Locale) => {
      await applyLocale(locale);
      const current = qc.getQueryData<Me | null>(ME_KEY);
      if (current) {
        const updated = await put<Me>('/api/auth/me/locale', { locale });
        qc.setQueryData(ME_KEY, { ...current, ...updated });
      }
    },
    [qc],
  );

  const value = useMemo<AuthValue>(
    () => ({ me, loading: meQuery.isPending, login, logout, setLocale }),
    [me, meQuery.isPending, login, logout, setLocale],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const v = useContext(AuthContext);
  if (!v) throw new Error('useAuth outside AuthProvider');
  return v;
}
