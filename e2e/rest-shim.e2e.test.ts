import { randomUUID } from 'node:crypto';
import {
  ERROR_META,
  ONE_OBJECT_META,
  fetchSinkMessages,
  restContractChecker,
  waitFor,
  type RestEnvelope,
} from '@herald/testkit';
import { heraldClient } from './gateway-client';
import { readSystemState } from './system-state';

const state = readSystemState();
const api = `${state.gatewayUrl}/api/v1`;

type Envelope<T> = RestEnvelope & { readonly data: T };

async function call<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${api}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Envelope<T> };
}

const admin = { authorization: `Bearer ${state.adminApiKey}` };

/** What a client generated from the original contract, or from the served OpenAPI document, cannot parse. */
let contract: ReturnType<typeof restContractChecker>;

beforeAll(async () => {
  contract = restContractChecker(
    (await (await fetch(`${state.gatewayUrl}/api/openapi.json`)).json()) as object,
  );
});

describe('the snake_case REST shim over the running system', () => {
  const suffix = randomUUID().slice(0, 8);
  const email = `linus.${suffix}@example.com`;
  const templateCode = `receipt-${suffix}`;

  it('creates a user, sends the original payload verbatim, reports status, and dedupes the request_id', async () => {
    const user = await call<{ user_id: string }>('POST', '/users/', {
      name: 'Linus',
      email,
      push_token: null,
      preferences: { email: true, push: false },
      password: 'a long enough password',
    });
    expect(user.status).toBe(201);
    expect(user.body).toMatchObject({ success: true, error: null, meta: ONE_OBJECT_META });
    expect(contract('POST /api/v1/users/', user)).toEqual([]);

    await heraldClient(state).templates.create({
      code: templateCode,
      channel: 'EMAIL',
      subject: 'Receipt for {{name}}',
      body: 'Thanks, {{name}}.',
    });

    const payload = {
      notification_type: 'email',
      user_id: user.body.data.user_id,
      template_code: templateCode,
      variables: { name: 'Linus' },
      request_id: `rest-${suffix}`,
      priority: 3,
      metadata: { campaign: 'e2e' },
    };
    const accepted = await call<{ notification_id: string; status: string }>(
      'POST',
      '/notifications/',
      payload,
      admin,
    );
    expect(accepted.status).toBe(202);
    expect(accepted.body.meta).toEqual(ONE_OBJECT_META);
    expect(contract('POST /api/v1/notifications/', accepted)).toEqual([]);
    const id = accepted.body.data.notification_id;

    const delivered = await waitFor(
      async () => {
        const status = await call<{ status: string }>('GET', `/notifications/${id}/status`, undefined, admin);
        return status.body.data.status === 'delivered' && status;
      },
      { timeoutMs: 20_000, description: 'the REST status to read delivered' },
    );
    expect(delivered.body).toMatchObject({
      success: true,
      data: { notification_id: id, status: 'delivered' },
      meta: ONE_OBJECT_META,
    });
    expect(contract('GET /api/v1/notifications/{id}/status', delivered)).toEqual([]);
    expect(
      (await fetchSinkMessages(state.smtpInspectUrl)).filter((mail) => mail.to.includes(email)),
    ).toHaveLength(1);

    const again = await call<{ notification_id: string; duplicate: boolean }>(
      'POST',
      '/notifications/',
      payload,
      admin,
    );
    expect(again.status).toBe(200);
    expect(again.body.data).toMatchObject({ notification_id: id, duplicate: true });
    expect(contract('POST /api/v1/notifications/', again)).toEqual([]);

    const listed = await call<unknown[]>(
      'GET',
      `/notifications?user_id=${payload.user_id}&page=1&limit=10`,
      undefined,
      admin,
    );
    expect(listed.body.meta).toEqual({
      total: 1,
      limit: 10,
      page: 1,
      total_pages: 1,
      has_next: false,
      has_previous: false,
    });
    expect(listed.body.data).toHaveLength(1);
    expect(contract('GET /api/v1/notifications/', listed)).toEqual([]);

    const invalid = await call('POST', '/notifications/', { ...payload, user_id: 'not-a-uuid' }, admin);
    expect(invalid.status).toBe(400);
    expect(invalid.body).toMatchObject({
      success: false,
      data: null,
      error: 'BAD_USER_INPUT',
      meta: ERROR_META,
      details: { fields: [{ field: 'user_id', message: expect.any(String) }] },
    });
    expect(contract('POST /api/v1/notifications/', invalid)).toEqual([]);
  });

  it('takes a status callback from a key with notifications:status, under the same rules as the workers', async () => {
    const { secret: key } = await heraldClient(state).apiKeys.create(`webhooks-${suffix}`, [
      'notifications:status',
    ]);
    const unknown = await call(
      'POST',
      '/email/status/',
      { notification_id: randomUUID(), status: 'delivered' },
      {
        'x-api-key': key,
      },
    );
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ success: false, data: null, error: 'NOT_FOUND', meta: ERROR_META });
    expect(contract('POST /api/v1/email/status/', unknown)).toEqual([]);

    const withoutScope = await call('POST', '/email/status/', {
      notification_id: randomUUID(),
      status: 'failed',
    });
    expect(withoutScope.status).toBe(401);
    expect(withoutScope.body).toMatchObject({ error: 'UNAUTHENTICATED', meta: ERROR_META });
    expect(contract('POST /api/v1/email/status/', withoutScope)).toEqual([]);
  });
});
