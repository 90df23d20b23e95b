import type { LoginResult } from '@app/contract';
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { createContext, useContext, useEffect, useState, useSyncExternalStore, type ReactNode } from 'react';
import { ApiClient } from '../api/client';
import { endpoints, type Endpoints } from '../api/endpoints';
import { queryKeys } from '../api/query-keys';

const STORAGE_KEY = 'field.session';

export type SessionUser = LoginResult['user'];

export interface Session {
  accessToken: string;
  /** Epoch milliseconds. */
  expiresAt: number;
  user: SessionUser;
}

/** Why the last session ended: the person signed out, or the field stopped accepting the token. */
export type EndReason = 'signed-out' | 'expired';

interface SessionSnapshot {
  session: Session | null;
  endReason: EndReason | null;
}

function storedSession(): Session | null {
  try {
    const session = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') as Session | null;
    return session && session.expiresAt > Date.now() ? session : null;
  } catch {
    return null;
  }
}

/**
 * The signed-in person, kept across reloads until the token expires or the field refuses it, and
 * the API client that carries the token. Lives outside React so the client reads the current
 * token at call time.
 */
class SessionStore {
  private snapshot: SessionSnapshot = { session: storedSession(), endReason: null };
  private readonly listeners = new Set<() => void>();
  readonly api: Endpoints;

  constructor(private readonly queryClient: QueryClient) {
    this.api = endpoints(
      new ApiClient({
        token: () => this.snapshot.session?.accessToken ?? null,
        onUnauthorized: () => this.signOut('expired'),
      }),
    );
  }

  readonly subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = () => this.snapshot;

  /** The access token now (a live socket asks again at each reconnection). */
  readonly accessToken = () => this.snapshot.session?.accessToken ?? null;

  readonly signIn = (result: LoginResult) => {
    const session: Session = {
      accessToken: result.accessToken,
      expiresAt: Date.now() + result.expiresIn * 1000,
      user: result.user,
    };
    localStorage.setItem(STORAGE_KEY, JSON.stringify(session));
    this.update({ session, endReason: null });
  };

  /**
   * The person signs out: the field is told to end the token first (so that a copy of it, and its
   * live connections, stop working too), and the session ends here whatever the field answers.
   */
  readonly logOut = () => {
    if (!this.snapshot.session) return;
    this.api
      .logout()
      .catch(() => undefined)
      .finally(() => this.signOut('signed-out'));
  };

  readonly signOut = (reason: EndReason = 'signed-out') => {
    if (!this.snapshot.session) return;
    localStorage.removeItem(STORAGE_KEY);
    this.update({ session: null, endReason: reason });
    // Nothing one person saw may show up for the next one.
    this.queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== queryKeys.fieldInfo[0] });
  };

  private update(snapshot: SessionSnapshot): void {
    this.snapshot = snapshot;
    for (const listener of this.listeners) listener();
  }
}

interface SessionState extends SessionSnapshot {
  api: Endpoints;
  accessToken: () => string | null;
  signIn: (result: LoginResult) => void;
  signOut: (reason?: EndReason) => void;
  logOut: () => void;
}

const SessionContext = createContext<SessionStore | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [store] = useState(() => new SessionStore(queryClient));
  const { session } = useSyncExternalStore(store.subscribe, store.getSnapshot);

  useEffect(() => {
    if (!session) return;
    // setTimeout takes at most 2^31-1 ms (about 24 days); a longer-lived token is looked at again then.
    const delay = Math.min(Math.max(0, session.expiresAt - Date.now()), 2 ** 31 - 1);
    const timer = setTimeout(() => {
      if (Date.now() >= session.expiresAt) store.signOut('expired');
    }, delay);
    return () => clearTimeout(timer);
  }, [session, store]);

  return <SessionContext.Provider value={store}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const store = useContext(SessionContext);
  if (!store) throw new Error('useSession outside SessionProvider');
  const snapshot = useSyncExternalStore(store.subscribe, store.getSnapshot);
  return {
    ...snapshot,
    api: store.api,
    accessToken: store.accessToken,
    signIn: store.signIn,
    signOut: store.signOut,
    logOut: store.logOut,
  };
}

export const useApi = (): Endpoints => useSession().api;

/** The signed-in person, on pages behind the sign-in. */
export function useUser(): SessionUser {
  const { session } = useSession();
  if (!session) throw new Error('useUser on a page without a session');
  return session.user;
}
