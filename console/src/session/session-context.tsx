import { createHeraldClient, UnauthenticatedError, type HeraldClient } from '@herald/client';
import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';
import { createCredentialStore, type Session } from './credential-store.ts';

interface SessionState {
  readonly session: Session | null;
  /** Why the last session ended, for the sign-in page (a refused or expired credential). */
  readonly endedBecause: string | null;
  readonly client: HeraldClient;
  signIn(session: Session, remember: boolean): void;
  signOut(reason?: string): void;
  /** Ends the session when the gateway refused its credential; true when it did. */
  endIfRefused(error: unknown): boolean;
}

const SessionContext = createContext<SessionState | null>(null);

/** The console talks to the gateway that served it: /graphql and /graphql over WebSocket. */
const GRAPHQL_URL = '/graphql';

export function SessionProvider({ children }: { readonly children: ReactNode }) {
  const store = useMemo(() => createCredentialStore(globalThis.sessionStorage), []);
  const [session, setSession] = useState<Session | null>(() => store.read());
  const [endedBecause, setEndedBecause] = useState<string | null>(null);
  const current = useRef(session);
  current.current = session;
  // One client for the app: it reads the credential at each call and connection.
  const client = useMemo(
    () => createHeraldClient({ url: GRAPHQL_URL, credential: () => current.current?.credential }),
    [],
  );
  const signIn = useCallback(
    (next: Session, remember: boolean) => {
      store.write(next, remember);
      current.current = next;
      setEndedBecause(null);
      setSession(next);
    },
    [store],
  );
  const signOut = useCallback(
    (reason?: string) => {
      store.clear();
      current.current = null;
      setEndedBecause(reason ?? null);
      setSession(null);
      void client.close();
    },
    [store, client],
  );
  const endIfRefused = useCallback(
    (error: unknown) => {
      if (!(error instanceof UnauthenticatedError)) return false;
      signOut('The gateway no longer accepts this credential: sign in again.');
      return true;
    },
    [signOut],
  );
  const value = useMemo(
    () => ({ session, endedBecause, client, signIn, signOut, endIfRefused }),
    [session, endedBecause, client, signIn, signOut, endIfRefused],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const state = useContext(SessionContext);
  if (!state) throw new Error('useSession outside SessionProvider');
  return state;
}
