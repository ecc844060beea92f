// The signed-in user and their access token, kept in localStorage until it expires or they sign out.
// The session itself lives on the server: it ends after idleMinutes without requests. While the
// person works (pointer or keyboard used within that time) the token is renewed before it
// expires (POST /auth/refresh); a tab left alone lets it run out. Signing out ends it on the server.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { REFRESH_BEFORE_MS, refreshAccessToken, setAccessToken, setPasswordChangeRequiredHandler, setTokenRefresher, setUnauthenticatedHandler } from '../api/http';
import { login as loginRequest, logoutSession, refreshSession } from '../api/endpoints';
import type { LoginResponse, SessionUser } from '../api/types';
import { useActing } from './acting';
import { endServerSession } from './signOut';

const STORAGE_KEY = 'duban.session';


interface StoredSession {
  accessToken: string;
  expiresAt: string;
  idleMinutes: number;
  user: SessionUser;
}

interface Session {
  user: SessionUser | null;
  login(username: string, password: string): Promise<SessionUser>;
  /** Takes the session that 统一身份认证 started (its handoff exchanged). */
  adopt(response: LoginResponse): SessionUser;
  /** Signs out on the server, then here; a 统一身份认证 session then signs out at the identity provider too. */
  logout(): Promise<void>;
  /** The user changed their password: the forced change (if any) is over. */
  passwordChanged(user: SessionUser): void;
}

const SessionContext = createContext<Session | null>(null);

function readStored(): StoredSession | null {
  try {
    const stored = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') as StoredSession | null;
    if (!stored || Date.parse(stored.expiresAt) <= Date.now()) return null;
    return { ...stored, idleMinutes: stored.idleMinutes ?? 30, user: { ...stored.user, mustChangePassword: stored.user.mustChangePassword ?? false } };
  } catch {
    return null;
  }
}

function toStored(response: LoginResponse): StoredSession {
  return { accessToken: response.accessToken, expiresAt: response.expiresAt, idleMinutes: response.idleMinutes, user: response.user };
}

// When the person last used the page (pointer or keyboard); polling requests do not count.
let lastActivity = Date.now();
const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;

export function SessionProvider({ children }: { children: ReactNode }) {
  const [stored, setStored] = useState<StoredSession | null>(() => {
    const initial = readStored();
    setAccessToken(initial?.accessToken ?? null, initial?.expiresAt);
    return initial;
  });

  const save = useCallback((next: StoredSession | null) => {
    if (next) localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
    else localStorage.removeItem(STORAGE_KEY);
    setAccessToken(next?.accessToken ?? null, next?.expiresAt);
    setStored(next);
  }, []);

  /** Forgets the session here only (the server already ended it, or the token ran out). */
  const signOutLocally = useCallback(() => save(null), [save]);

  const logout = useCallback(async () => {
    // Ended on the server first (tried again if the network or the server failed); signed out here anyway.
    const endSessionUrl = (await endServerSession(logoutSession))?.endSessionUrl;
    save(null);
    // Signed in by 统一身份认证: end the provider's session too (it sends the browser back here).
    if (endSessionUrl) window.location.assign(endSessionUrl);
  }, [save]);

  useEffect(() => {
    const seen = () => {
      lastActivity = Date.now();
    };
    for (const event of ACTIVITY_EVENTS) window.addEventListener(event, seen, { passive: true, capture: true });
    return () => {
      for (const event of ACTIVITY_EVENTS) window.removeEventListener(event, seen, { capture: true });
    };
  }, []);

  const idleMinutes = stored?.idleMinutes;
  useEffect(() => {
    setUnauthenticatedHandler(signOutLocally);
    setPasswordChangeRequiredHandler(() =>
      setStored((current) => (current && !current.user.mustChangePassword ? { ...current, user: { ...current.user, mustChangePassword: true } } : current)),
    );
    setTokenRefresher(async () => {
      // Someone who has not touched the page for the idle time is not kept signed in by polling.
      if (idleMinutes !== undefined && Date.now() - lastActivity > idleMinutes * 60_000) return;
      const response = await refreshSession();
      setStored((current) => {
        if (!current) return current;
        const next = toStored(response);
        localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
        setAccessToken(next.accessToken, next.expiresAt);
        return next;
      });
    });
    return () => {
      setUnauthenticatedHandler(null);
      setPasswordChangeRequiredHandler(null);
      setTokenRefresher(null);
    };
  }, [signOutLocally, idleMinutes]);

  // Renew shortly before the token expires; sign out here when it has expired.
  const expiresAt = stored?.expiresAt;
  useEffect(() => {
    if (!expiresAt) return;
    const left = Date.parse(expiresAt) - Date.now();
    const renew = setTimeout(() => void refreshAccessToken().catch(() => undefined), Math.max(left - REFRESH_BEFORE_MS, 0));
    const end = setTimeout(signOutLocally, Math.max(left, 0));
    return () => {
      clearTimeout(renew);
      clearTimeout(end);
    };
  }, [expiresAt, signOutLocally]);

  const login = useCallback(
    async (username: string, password: string) => {
      const response = await loginRequest(username, password);
      lastActivity = Date.now();
      save(toStored(response));
      return response.user;
    },
    [save],
  );

  const adopt = useCallback(
    (response: LoginResponse) => {
      lastActivity = Date.now();
      save(toStored(response));
      return response.user;
    },
    [save],
  );

  const passwordChanged = useCallback(
    (user: SessionUser) =>
      setStored((current) => {
        if (!current) return current;
        const next = { ...current, user };
        localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
        return next;
      }),
    [],
  );

  const value = useMemo(() => ({ user: stored?.user ?? null, login, adopt, logout, passwordChanged }), [stored, login, adopt, logout, passwordChanged]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const context = useContext(SessionContext);
  if (!context) throw new Error('useSession outside SessionProvider');
  return context;
}

/**
 * The signed-in user inside pages that are only shown when signed in — as the API sees them: while a
 * deputy acts for a head (委托代理, lib/acting.ts), the head's department head.
 */
export function useUser(): SessionUser {
  const { user } = useSession();
  const acting = useActing();
  const effective = useMemo(
    () => (user && acting && acting.deputy === user.username ? { ...user, role: 'department_head' as const, departmentCode: acting.departmentCode } : user),
    [user, acting],
  );
  if (!effective) throw new Error('useUser without a signed-in user');
  return effective;
}
