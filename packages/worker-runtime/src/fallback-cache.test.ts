import { NotFoundError, UnavailableError } from '@herald/errors';
import type { TemplateVersionRequest, TemplateVersionSource } from './delivery-peers';
import { ada, silentLog } from '../test/fixtures';
import { withFallbackCache, type LookupPeers } from './fallback-cache';

const request: TemplateVersionRequest = { code: 'welcome', locale: 'en', version: 2 };
const welcome: TemplateVersionSource = {
  templateCode: 'welcome',
  number: 2,
  locale: 'en',
  subject: 'Welcome',
  title: null,
  body: 'Hello {{name}}',
  bodyHtml: null,
};

function setUp() {
  const state = { clock: 0, failure: undefined as Error | undefined };
  const fail = () => {
    if (state.failure) throw state.failure;
  };
  const peers: LookupPeers = {
    users: {
      getUser: async () => {
        fail();
        return ada;
      },
    },
    templateVersions: {
      getVersion: async () => {
        fail();
        return welcome;
      },
    },
  };
  const cached = withFallbackCache(
    peers,
    { maxAgeMs: 600_000, maxEntries: 2, now: () => state.clock },
    silentLog,
  );
  return { state, cached };
}

describe('withFallbackCache', () => {
  it('answers from the last copy while the peer is unreachable', async () => {
    const { state, cached } = setUp();
    await cached.users.getUser('user-1');
    await cached.templateVersions.getVersion(request);

    state.failure = new UnavailableError('GetUser failed: UNAVAILABLE');
    state.clock = 599_000;

    await expect(cached.users.getUser('user-1')).resolves.toEqual(ada);
    await expect(cached.templateVersions.getVersion(request)).resolves.toEqual(welcome);
  });

  it('rethrows when the copy is older than the bound', async () => {
    const { state, cached } = setUp();
    await cached.users.getUser('user-1');

    state.failure = new UnavailableError('GetUser failed: UNAVAILABLE');
    state.clock = 600_001;

    await expect(cached.users.getUser('user-1')).rejects.toBe(state.failure);
  });

  it('rethrows without a copy, and for another version or locale of the template', async () => {
    const { state, cached } = setUp();
    await cached.templateVersions.getVersion(request);
    state.failure = new UnavailableError('GetTemplateVersion failed: UNAVAILABLE');

    await expect(cached.users.getUser('user-1')).rejects.toBe(state.failure);
    await expect(cached.templateVersions.getVersion({ ...request, version: 0 })).rejects.toBe(state.failure);
    await expect(cached.templateVersions.getVersion({ ...request, locale: 'fr' })).rejects.toBe(
      state.failure,
    );
  });

  it('never hides a permanent answer behind a copy', async () => {
    const { state, cached } = setUp();
    await cached.users.getUser('user-1');
    state.failure = new NotFoundError('user user-1 not found');

    await expect(cached.users.getUser('user-1')).rejects.toBe(state.failure);
  });

  it('keeps at most maxEntries copies, dropping the oldest', async () => {
    const { state, cached } = setUp();
    for (const id of ['a', 'b', 'c']) await cached.users.getUser(id);
    state.failure = new UnavailableError('GetUser failed: UNAVAILABLE');

    await expect(cached.users.getUser('a')).rejects.toBe(state.failure);
    await expect(cached.users.getUser('c')).resolves.toEqual(ada);
  });
});
