import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import {
  admin,
  createEmailTemplate,
  createUserWithToken,
  expectAllServicesAlive,
  expectRestEnvelope,
  fuzz,
  request,
  state,
  type RequestOptions,
} from './attack-kit';
import { createTally } from './attack-report';
import {
  anyJson,
  anyString,
  bodyOf,
  headerValue,
  looseRecord,
  mostly,
  pathSegment,
} from './fuzz-arbitraries';

const tally = createTally('fuzz-rest', state.logDir);
afterAll(() => tally.save());

/** Sends one generated request as the admin (exempt from rate limits) and checks the envelope. */
async function fuzzCase(method: string, path: string, options: RequestOptions = {}): Promise<void> {
  await tally.attempt(`${method} ${path} ${JSON.stringify(options).slice(0, 200)}`, async () => {
    const answer = await request(method, path, { ...options, headers: { ...admin, ...options.headers } });
    expectRestEnvelope(answer);
  });
}

describe('the REST shim under generated payloads: always an envelope, never a 5xx or a hang', () => {
  let userId: string;
  let templateCode: string;

  beforeAll(async () => {
    userId = (await createUserWithToken('fuzz-rest')).id;
    templateCode = await createEmailTemplate({ subject: 'Fuzz {{name}}', body: 'Hello {{name}}' });
  });

  afterAll(async () => {
    await tally.attempt('every service answers /health after the REST fuzzing', expectAllServicesAlive);
  });

  it('POST /api/v1/notifications', async () => {
    const body = bodyOf(
      looseRecord({
        notification_type: mostly(fc.constantFrom('email', 'push', 'sms')),
        user_id: mostly(fc.oneof(fc.uuid(), fc.constant(userId))),
        template_code: mostly(fc.oneof(fc.constant(templateCode), anyString)),
        variables: mostly(
          fc.oneof(fc.constant({ name: 'Ada' }), fc.dictionary(anyString, anyJson, { maxKeys: 4 })),
        ),
        request_id: mostly(fc.oneof(fc.uuid(), anyString)),
        priority: mostly(fc.integer({ min: -3, max: 13 })),
        metadata: mostly(fc.option(fc.dictionary(anyString, anyJson, { maxKeys: 3 }))),
      }),
    );
    const raw = fc.oneof(
      anyString,
      fc.constantFrom('{', '{"a":', '[1,2', 'null', '"x"', '{"__proto__":{"x":1}}'),
    );
    const payload = fc.oneof(
      { weight: 9, arbitrary: body.map((json): RequestOptions => ({ json })) },
      {
        weight: 1,
        arbitrary: raw.map((text): RequestOptions => ({
          raw: text,
          headers: { 'content-type': 'application/json' },
        })),
      },
    );
    await fuzz(payload, 700, (options) => fuzzCase('POST', '/api/v1/notifications', options));
  });

  it('GET /api/v1/notifications with generated query strings', async () => {
    const key = fc.oneof(
      fc.constantFrom('user_id', 'status', 'page', 'limit', 'notification_type'),
      anyString,
    );
    const value = fc.oneof(
      anyString,
      fc.integer().map(String),
      fc.uuid(),
      fc.constantFrom('delivered', '0', '-1', '1e9'),
    );
    await fuzz(fc.array(fc.tuple(key, value), { maxLength: 5 }), 300, (pairs) =>
      fuzzCase('GET', `/api/v1/notifications?${new URLSearchParams(pairs).toString()}`),
    );
  });

  it('GET /api/v1/notifications/:id/status with generated ids', async () => {
    await fuzz(
      fc.oneof(
        fc.uuid(),
        anyString.filter((id) => id.length > 0),
      ),
      300,
      (id) => fuzzCase('GET', `/api/v1/notifications/${pathSegment(id)}/status`),
    );
  });

  it('POST /api/v1/users (sign-up)', async () => {
    const body = bodyOf(
      looseRecord({
        name: mostly(anyString),
        email: mostly(fc.oneof(fc.emailAddress(), anyString)),
        push_token: mostly(fc.option(fc.oneof(fc.stringMatching(/^[A-Za-z0-9:_-]{10,40}$/), anyString))),
        preferences: mostly(looseRecord({ email: mostly(fc.boolean()), push: mostly(fc.boolean()) })),
        password: mostly(fc.oneof(anyString, fc.constant(`pw-${randomUUID()}`))),
      }),
    );
    await fuzz(body, 150, (json) => fuzzCase('POST', '/api/v1/users', { json }));
  });

  it('POST /api/v1/auth/login', async () => {
    const body = bodyOf(looseRecord({ email: mostly(anyString), password: mostly(anyString) }));
    await fuzz(body, 50, (json) => fuzzCase('POST', '/api/v1/auth/login', { json }));
  });

  it('POST /api/v1/{channel}/status (delivery callbacks)', async () => {
    const body = bodyOf(
      looseRecord({
        notification_id: mostly(fc.uuid()),
        status: mostly(fc.constantFrom('delivered', 'pending', 'failed', 'queued')),
        timestamp: mostly(fc.option(fc.date({ noInvalidDate: true }).map((date) => date.toISOString()))),
        error: mostly(fc.option(anyString)),
      }),
    );
    const channel = fc.oneof(
      fc.constantFrom('email', 'push'),
      anyString.filter((value) => value.length > 0),
    );
    await fuzz(fc.tuple(channel, body), 300, ([name, json]) =>
      fuzzCase('POST', `/api/v1/${pathSegment(name)}/status`, { json }),
    );
  });

  it('any method on any path under /api/v1, with any correlation id', async () => {
    const method = fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE');
    const path = fc
      .array(anyString, { minLength: 1, maxLength: 3 })
      .map((parts) => parts.map(pathSegment).join('/'));
    await fuzz(fc.tuple(method, path, headerValue), 200, ([verb, rest, correlation]) =>
      fuzzCase(verb, `/api/v1/${rest}`, { headers: { 'x-correlation-id': correlation } }),
    );
  });
});
