import { NotFoundError, UnavailableError } from '@herald/errors';
import { createLogger } from '@herald/logging';
import type { Recipient, RenderedContent } from './delivery-channel';
import type { DeliveryPeers, RenderRequest } from './delivery-peers';
import { withFallbackCache } from './fallback-cache';

const log = createLogger({ service: 'delivery-test', level: 'silent' });
const ada: Recipient = {
  id: 'user-1',
  email: 'ada@example.com',
  name: 'Ada',
  locale: 'en',
  devices: [],
  preferences: { email: true, push: true, optedOutCategories: [] },
};
const request: RenderRequest = { code: 'welcome', locale: 'en', version: 2, variables: { name: 'Ada' } };
const rendered: RenderedContent = { templateCode: 'welcome', version: 2, locale: 'en', body: 'Hello Ada' };

function setUp() {
  const state = { clock: 0, failure: undefined as Error | undefined };
  const fail = () => {
    if (state.failure) throw state.failure;
  };
  const peers: DeliveryPeers = {
    statuses: { report: async (change) => ({ applied: true, status: change.status }) },
    users: {
      getUser: async () => {
        fail();
        return ada;
      },
    },
    templates: {
      render: async () => {
        fail();
        return rendered;
      },
    },
  };
  const cached = withFallbackCache(peers, { maxAgeMs: 600_000, maxEntries: 2, now: () => state.clock }, log);
  return { state, cached };
}

describe('withFallbackCache', () => {
  it('answers from the last copy while the peer is unreachable', async () => {
    const { state, cached } = setUp();
    await cached.users.getUser('user-1');
    await cached.templates.render(request);

    state.failure = new UnavailableError('GetUser failed: UNAVAILABLE');
    state.clock = 599_000;

    await expect(cached.users.getUser('user-1')).resolves.toEqual(ada);
    await expect(cached.templates.render(request)).resolves.toEqual(rendered);
  });

  it('rethrows when the copy is older than the bound', async () => {
    const { state, cached } = setUp();
    await cached.users.getUser('user-1');

    state.failure = new UnavailableError('GetUser failed: UNAVAILABLE');
    state.clock = 600_001;

    await expect(cached.users.getUser('user-1')).rejects.toBe(state.failure);
  });

  it('rethrows without a copy, and for another rendering of the template', async () => {
    const { state, cached } = setUp();
    await cached.templates.render(request);
    state.failure = new UnavailableError('RenderTemplate failed: UNAVAILABLE');

    await expect(cached.users.getUser('user-1')).rejects.toBe(state.failure);
    await expect(cached.templates.render({ ...request, variables: { name: 'Grace' } })).rejects.toBe(
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
