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
  // One client per session. The one a session ends is closed then, with its subscription
  // connection and watches: not in an effect's cleanup, which StrictMode runs with the client kept.
  const client = useMemo(
    () => createHeraldClient({ url: GRAPHQL_URL, credential: session?.credential }),
    [session],
  );
  const currentClient = useRef(client);
  currentClient.current = client;
  const signIn = useCallback(
    (next: Session, remember: boolean) => {
      void currentClient.current.close();
      store.write(next, remember);
      setEndedBecause(null);
      setSession(next);
    },
    [store],
  );
  const signOut = useCallback(
    (reason?: string) => {
      void currentClient.current.close();
      store.clear();
      setEndedBecause(reason ?? null);
      setSession(null);
    },
    [store],
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
