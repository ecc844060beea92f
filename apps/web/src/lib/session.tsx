// The signed-in user and their access token, kept in localStorage until it expires or they sign out.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { setAccessToken, setUnauthenticatedHandler } from '../api/http';
import { login as loginRequest } from '../api/endpoints';
import type { SessionUser } from '../api/types';

const STORAGE_KEY = 'duban.session';

interface StoredSession {
  accessToken: string;
  expiresAt: string;
  user: SessionUser;
}

interface Session {
  user: SessionUser | null;
  login(username: string, password: string): Promise<SessionUser>;
  logout(): void;
}

const SessionContext = createContext<Session | null>(null);

function readStored(): StoredSession | null {
  try {
    const stored = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') as StoredSession | null;
    if (!stored || Date.parse(stored.expiresAt) <= Date.now()) return null;
    return stored;
  } catch {
    return null;
  }
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [stored, setStored] = useState<StoredSession | null>(() => {
    const initial = readStored();
    setAccessToken(initial?.accessToken ?? null);
    return initial;
  });

  const logout = useCallback(() => {
    localStorage.removeItem(STORAGE_KEY);
    setAccessToken(null);
    setStored(null);
  }, []);

  useEffect(() => {
    setUnauthenticatedHandler(logout);
    return () => setUnauthenticatedHandler(null);
  }, [logout]);

  const login = useCallback(async (username: string, password: string) => {
    const response = await loginRequest(username, password);
    const next: StoredSession = { accessToken: response.accessToken, expiresAt: response.expiresAt, user: response.user };
    localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
    setAccessToken(next.accessToken);
    setStored(next);
    return next.user;
  }, []);

  const value = useMemo(() => ({ user: stored?.user ?? null, login, logout }), [stored, login, logout]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const context = useContext(SessionContext);
  if (!context) throw new Error('useSession outside SessionProvider');
  return context;
}

/** The signed-in user inside pages that are only shown when signed in. */
export function useUser(): SessionUser {
  const { user } = useSession();
  if (!user) throw new Error('useUser without a signed-in user');
  return user;
}
