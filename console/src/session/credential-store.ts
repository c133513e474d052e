import type { Credential } from '@herald/client';

/** Who is signed in: the credential the client sends, and what the header shows. */
export interface Session {
  readonly credential: Credential;
  /** The user's email, or "API key". */
  readonly label: string;
  /** When a JWT stops being accepted; absent for an API key. */
  readonly expiresAt?: string;
}

/** The part of the Web Storage API the store uses: sessionStorage in the browser. */
export type SessionStorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export interface CredentialStore {
  read(now?: Date): Session | null;
  /** `remember`: keep it in this tab's sessionStorage, so a reload keeps the session. */
  write(session: Session, remember: boolean): void;
  clear(): void;
}

const KEY = 'herald.console.session';

/**
 * Keeps the session in memory, and in sessionStorage only when asked: a credential dies with
 * its tab. localStorage is never used: it outlives the tab and is shared by every tab of the
 * origin, so a stolen or forgotten credential would stay signed in.
 */
export function createCredentialStore(sessionStorage: SessionStorageLike | undefined): CredentialStore {
  let inMemory: Session | null = null;
  const clear = () => {
    inMemory = null;
    sessionStorage?.removeItem(KEY);
  };
  return {
    read(now = new Date()) {
      const session = inMemory ?? parseSession(sessionStorage?.getItem(KEY) ?? null);
      if (session?.expiresAt && Date.parse(session.expiresAt) <= now.getTime()) {
        clear();
        return null;
      }
      inMemory = session;
      return session;
    },
    write(session, remember) {
      inMemory = session;
      if (remember) sessionStorage?.setItem(KEY, JSON.stringify(session));
      else sessionStorage?.removeItem(KEY);
    },
    clear,
  };
}

/** A stored value is read back only when it has the shape written; anything else is dropped. */
function parseSession(text: string | null): Session | null {
  if (!text) return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const { credential, label, expiresAt } = value as Record<string, unknown>;
  if (typeof label !== 'string' || (expiresAt !== undefined && typeof expiresAt !== 'string')) return null;
  const parsed = parseCredential(credential);
  if (!parsed) return null;
  return expiresAt === undefined ? { credential: parsed, label } : { credential: parsed, label, expiresAt };
}

function parseCredential(value: unknown): Credential | null {
  if (typeof value !== 'object' || value === null) return null;
  const { token, apiKey } = value as Record<string, unknown>;
  if (typeof token === 'string' && token) return { token };
  if (typeof apiKey === 'string' && apiKey) return { apiKey };
  return null;
}
