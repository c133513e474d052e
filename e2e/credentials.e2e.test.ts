import { randomUUID } from 'node:crypto';
import { ForbiddenError, UnauthenticatedError } from '@herald/client';
import { heraldClient } from './gateway-client';
import { readSystemState } from './system-state';

const state = readSystemState();

/** A fetch that keeps each answer's HTTP status, which the client itself does not show. */
function statusRecordingFetch() {
  const statuses: number[] = [];
  const recording: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    statuses.push(response.status);
    return response;
  };
  return { fetch: recording, statuses };
}

describe('the gateway authenticates both credential kinds through the users service', () => {
  const suffix = randomUUID().slice(0, 8);
  const email = `grace.${suffix}@example.com`;
  const password = 'a long enough password';
  const admin = heraldClient(state);

  beforeAll(async () => {
    await admin.users.create({ name: 'Grace Hopper', email, password });
  });

  it('accepts the JWT from login as the user it names', async () => {
    const login = await heraldClient(state, null).login(email, password);
    const me = await heraldClient(state, { token: login.token }).users.me();
    expect(me?.email).toBe(email);
  });

  it('accepts an API key in X-API-Key, within its scopes only', async () => {
    const created = await admin.apiKeys.create(`reader-${suffix}`, ['notifications:read']);
    const reader = heraldClient(state, null, { headers: { 'x-api-key': created.secret } });
    const allowed = await reader.notifications.list({ limit: 1 });
    expect(allowed.meta.total).toEqual(expect.any(Number));

    const refused = await reader.users.list({ limit: 1 }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ForbiddenError);
    expect(refused).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('refuses a forged or unknown credential with 401', async () => {
    const { fetch, statuses } = statusRecordingFetch();
    const forged = heraldClient(state, { apiKey: 'hk_not_a_real_key' }, { fetch });
    const refused = await forged.users.me().catch((error: unknown) => error);
    expect(statuses).toEqual([401]);
    expect(refused).toBeInstanceOf(UnauthenticatedError);
    expect(refused).toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});
