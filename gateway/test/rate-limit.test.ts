import { ERROR_META, freePort, restEnvelopeIssues, type RestEnvelope } from '@herald/testkit';
import { ADMIN_KEY, graphql, request, sample, startHarness, type Harness } from './harness/gateway-harness';

describe('rate limits', () => {
  let harness: Harness;
  let failOpenUrl: string;

  beforeAll(async () => {
    // A token every five seconds and a bucket of three: the fourth quick request is refused.
    harness = await startHarness({ RATE_LIMIT_PER_SECOND: '0.2', RATE_LIMIT_BURST: '3' });
    failOpenUrl = await harness.startGateway({ REDIS_URL: `redis://127.0.0.1:${await freePort()}` });
  });

  afterAll(() => harness?.stop());

  const list = (headers: Record<string, string>, url = harness.url) =>
    request<RestEnvelope>(`${url}/api/v1/notifications?limit=1`, { headers });

  it('answers REST over the limit with 429, Retry-After and RateLimit-* headers, per credential', async () => {
    const key = { 'x-api-key': 'key-sender' };
    const allowed = [await list(key), await list(key), await list(key)];
    expect(allowed.map((response) => response.status)).toEqual([200, 200, 200]);
    expect(allowed.map((response) => response.headers.get('ratelimit-remaining'))).toEqual(['2', '1', '0']);
    expect(allowed[0]?.headers.get('ratelimit-limit')).toBe('3');

    const refused = await list(key);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(refused.headers.get('ratelimit-limit')).toBe('3');
    expect(refused.headers.get('ratelimit-remaining')).toBe('0');
    expect(Number(refused.headers.get('ratelimit-reset'))).toBeGreaterThanOrEqual(1);
    expect(restEnvelopeIssues(refused.body)).toEqual([]);
    expect(refused.body).toMatchObject({
      success: false,
      data: null,
      error: 'RATE_LIMITED',
      meta: ERROR_META,
    });

    // Another credential has a bucket of its own.
    expect((await list({ 'x-api-key': 'key-without-scopes' })).status).not.toBe(429);
  });

  it('answers GraphQL over the limit with extensions.code RATE_LIMITED', async () => {
    const key = { 'x-api-key': 'key-status-reporter' };
    const query = { query: '{ template(code: "welcome") { code } }' };
    for (let index = 0; index < 3; index += 1)
      expect((await graphql(harness.url, query, key)).status).toBe(200);
    const refused = await graphql(harness.url, query, key);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBeTruthy();
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');

    const metrics = await (await fetch(`${harness.url}/metrics`)).text();
    expect(sample(metrics, 'herald_gateway_rate_limited_total', { api: 'graphql' })).toBeGreaterThan(0);
    expect(sample(metrics, 'herald_gateway_rate_limited_total', { api: 'rest' })).toBeGreaterThan(0);
  });

  it('does not meter the bootstrap admin key', async () => {
    const statuses: number[] = [];
    for (let index = 0; index < 5; index += 1) {
      statuses.push((await list({ authorization: `Bearer ${ADMIN_KEY}` })).status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
  });

  it('meters anonymous callers by IP', async () => {
    const statuses: number[] = [];
    for (let index = 0; index < 4; index += 1) {
      statuses.push((await graphql(harness.url, { query: '{ template(code: "welcome") { code } }' })).status);
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
  });

  it('lets requests through when Redis is down, counting them and reporting not ready', async () => {
    const statuses: number[] = [];
    for (let index = 0; index < 5; index += 1)
      statuses.push((await list({ 'x-api-key': 'key-sender' }, failOpenUrl)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
    const metrics = await (await fetch(`${failOpenUrl}/metrics`)).text();
    expect(sample(metrics, 'herald_gateway_rate_limit_fail_open_total', {})).toBeGreaterThanOrEqual(5);
    const ready = await request<{ checks: Record<string, string> }>(`${failOpenUrl}/ready`);
    expect(ready.status).toBe(503);
    expect(ready.body.checks.redis).toMatch(/^unreachable/);
  });
});
