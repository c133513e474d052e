import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createCredentialStore, type SessionStorageLike } from './credential-store.ts';

function memoryStorage(): SessionStorageLike & { readonly entries: Map<string, string> } {
  const entries = new Map<string, string>();
  return {
    entries,
    getItem: (key) => entries.get(key) ?? null,
    setItem: (key, value) => void entries.set(key, value),
    removeItem: (key) => void entries.delete(key),
  };
}

describe('createCredentialStore', () => {
  const localStorage = { getItem: vi.fn(), setItem: vi.fn(), removeItem: vi.fn(), clear: vi.fn() };

  beforeEach(() => vi.stubGlobal('localStorage', localStorage));
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.clearAllMocks();
  });

  it('keeps a credential in memory only, unless asked to remember it for the tab', () => {
    const sessionStorage = memoryStorage();
    const store = createCredentialStore(sessionStorage);

    store.write({ credential: { apiKey: 'key-1' }, label: 'API key' }, false);
    expect(store.read()).toEqual({ credential: { apiKey: 'key-1' }, label: 'API key' });
    expect(sessionStorage.entries.size).toBe(0);
    expect(createCredentialStore(sessionStorage).read()).toBeNull();

    store.write({ credential: { token: 'jwt' }, label: 'ada@example.com' }, true);
    expect(createCredentialStore(sessionStorage).read()).toEqual({
      credential: { token: 'jwt' },
      label: 'ada@example.com',
    });
  });

  it('never touches localStorage, whether it remembers, reads or signs out', () => {
    const store = createCredentialStore(memoryStorage());
    store.write({ credential: { token: 'jwt' }, label: 'ada@example.com' }, true);
    store.read();
    store.clear();
    store.write({ credential: { apiKey: 'key' }, label: 'API key' }, false);
    store.read();

    for (const method of Object.values(localStorage)) expect(method).not.toHaveBeenCalled();
  });

  it('forgets the session on sign-out, in memory and in the tab', () => {
    const sessionStorage = memoryStorage();
    const store = createCredentialStore(sessionStorage);
    store.write({ credential: { token: 'jwt' }, label: 'ada@example.com' }, true);

    store.clear();

    expect(store.read()).toBeNull();
    expect(sessionStorage.entries.size).toBe(0);
  });

  it('drops a JWT once it has expired', () => {
    const sessionStorage = memoryStorage();
    const store = createCredentialStore(sessionStorage);
    const session = {
      credential: { token: 'jwt' },
      label: 'ada@example.com',
      expiresAt: '2026-01-01T10:00:00Z',
    };
    store.write(session, true);

    expect(store.read(new Date('2026-01-01T09:59:00Z'))).toEqual(session);
    expect(store.read(new Date('2026-01-01T10:00:00Z'))).toBeNull();
    expect(sessionStorage.entries.size).toBe(0);
  });

  it('ignores a stored value it did not write', () => {
    const sessionStorage = memoryStorage();
    sessionStorage.setItem('herald.console.session', '{"credential":{"password":"x"},"label":"?"}');
    expect(createCredentialStore(sessionStorage).read()).toBeNull();
    sessionStorage.setItem('herald.console.session', 'not json');
    expect(createCredentialStore(sessionStorage).read()).toBeNull();
  });
});
