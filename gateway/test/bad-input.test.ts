import { ERROR_META, restEnvelopeIssues, type RestEnvelope } from '@herald/testkit';
import { ADMIN_KEY, request, startHarness, type Harness } from './harness/gateway-harness';

interface GraphQLErrors {
  errors?: { message: string; extensions?: { code?: string } }[];
}

const admin = { authorization: `Bearer ${ADMIN_KEY}` };
const TEN_MB = 'x'.repeat(10 * 1024 * 1024);

/** Each bad request gets its own status and a body the client can parse: never a 500, never a hang. */
describe('bad input at the gateway', () => {
  let harness: Harness;
  let api: string;
  let graphqlUrl: string;

  beforeAll(async () => {
    harness = await startHarness();
    api = `${harness.url}/api/v1`;
    graphqlUrl = `${harness.url}/graphql`;
  });

  afterAll(() => harness?.stop());

  const expectEnvelope = (body: RestEnvelope, code: string) => {
    expect(restEnvelopeIssues(body)).toEqual([]);
    expect(body).toMatchObject({ success: false, data: null, error: code, meta: ERROR_META });
  };

  describe('on the REST shim', () => {
    it('answers malformed JSON with 400', async () => {
      const response = await request<RestEnvelope>(`${api}/notifications/`, {
        body: '{"notification_type": ',
        headers: { ...admin, 'content-type': 'application/json' },
      });
      expect(response.status).toBe(400);
      expectEnvelope(response.body, 'BAD_USER_INPUT');
    });

    it('answers the wrong content type with 415', async () => {
      const response = await request<RestEnvelope>(`${api}/notifications/`, {
        body: 'notification_type=email',
        headers: { ...admin, 'content-type': 'application/x-www-form-urlencoded' },
      });
      expect(response.status).toBe(415);
      expectEnvelope(response.body, 'BAD_USER_INPUT');
    });

    it('answers a 10 MB body with 413', async () => {
      const response = await request<RestEnvelope>(`${api}/notifications/`, {
        body: { notification_type: 'email', variables: { pad: TEN_MB } },
        headers: admin,
      });
      expect(response.status).toBe(413);
      expectEnvelope(response.body, 'PAYLOAD_TOO_LARGE');
    });

    it('answers unknown fields with 400, naming each', async () => {
      const response = await request<RestEnvelope>(`${api}/notifications/`, {
        body: {
          notification_type: 'email',
          user_id: 'a3bb189e-8bf9-3888-9912-ace4e6543002',
          template_code: 'welcome',
          variables: {},
          request_id: 'r-unknown-fields',
          priority: 1,
          metadata: {},
          channel: 'EMAIL',
          sneaky: true,
        },
        headers: admin,
      });
      expect(response.status).toBe(400);
      expectEnvelope(response.body, 'BAD_USER_INPUT');
      expect(response.body.details?.fields?.map((issue) => issue.field).sort()).toEqual([
        'channel',
        'sneaky',
      ]);
    });

    it('answers a wrong type for every field of the notification payload with 400, listing all of them', async () => {
      const response = await request<RestEnvelope>(`${api}/notifications/`, {
        body: {
          notification_type: 5,
          user_id: 7,
          template_code: [],
          variables: 'not an object',
          request_id: {},
          priority: 'high',
          metadata: 3,
        },
        headers: admin,
      });
      expect(response.status).toBe(400);
      expectEnvelope(response.body, 'BAD_USER_INPUT');
      expect(response.body.details?.fields?.map((issue) => issue.field).sort()).toEqual([
        'metadata',
        'notification_type',
        'priority',
        'request_id',
        'template_code',
        'user_id',
        'variables',
      ]);
    });

    it.each([
      ['a body that is not an object', '[1, 2, 3]'],
      ['an empty body', ''],
    ])('answers %s with 400', async (_case, body) => {
      const response = await request<RestEnvelope>(`${api}/users/`, {
        body,
        headers: { 'content-type': 'application/json' },
      });
      expect(response.status).toBe(400);
      expectEnvelope(response.body, 'BAD_USER_INPUT');
    });

    it('answers bad query parameters with 400, listing each', async () => {
      const response = await request<RestEnvelope>(
        `${api}/notifications?page=zero&limit=1000&status=lost&colour=red`,
        {
          headers: admin,
        },
      );
      expect(response.status).toBe(400);
      expect(response.body.details?.fields?.map((issue) => issue.field).sort()).toEqual([
        'colour',
        'limit',
        'page',
        'status',
      ]);
    });

    it('answers a malformed notification id with 400', async () => {
      const response = await request<RestEnvelope>(`${api}/notifications/not-a-uuid/status`, {
        headers: admin,
      });
      expect(response.status).toBe(400);
      expectEnvelope(response.body, 'BAD_USER_INPUT');
    });

    it('answers an unknown route under /api with a 404 envelope', async () => {
      const response = await request<RestEnvelope>(`${api}/nothing-here`);
      expect(response.status).toBe(404);
      expectEnvelope(response.body, 'NOT_FOUND');
    });
  });

  describe('on GraphQL', () => {
    const post = (body: unknown, headers: Record<string, string> = {}) =>
      request<GraphQLErrors>(graphqlUrl, { body, headers });

    it('answers malformed JSON with 400', async () => {
      const response = await post('{"query": ', { 'content-type': 'application/json' });
      expect(response.status).toBe(400);
      expect(response.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    });

    it('answers the wrong content type with 400 (CSRF prevention)', async () => {
      const response = await post('{ __typename }', { 'content-type': 'text/plain' });
      expect(response.status).toBe(400);
      expect(response.body.errors?.[0]?.message).toMatch(/CSRF|content-type/i);
    });

    it('answers a 10 MB body with 413', async () => {
      const response = await post({ query: '{ __typename }', variables: { pad: TEN_MB } });
      expect(response.status).toBe(413);
      expect(response.body.errors?.[0]?.extensions?.code).toBe('PAYLOAD_TOO_LARGE');
    });

    it('answers a query nested 50 levels deep with 400', async () => {
      const query = `{ ${'notification(id: "x") { user { '.repeat(1)}${'a { '.repeat(48)}id${' }'.repeat(48)} } } }`;
      const response = await post({ query });
      expect(response.status).toBe(400);
      expect(response.body.errors?.map((error) => error.message)).toContain(
        'the query is nested deeper than the limit of 12',
      );
    });

    it('answers 31 aliases with 400', async () => {
      const fields = Array.from({ length: 31 }, (_, index) => `a${index}: __typename`).join(' ');
      const response = await post({ query: `{ ${fields} }` });
      expect(response.status).toBe(400);
      expect(response.body.errors?.map((error) => error.message)).toContain(
        'the query uses more aliases than the limit of 30',
      );
    });

    it('answers a document past 1,000 tokens with 400, before validating it', async () => {
      const fields = Array.from({ length: 1000 }, (_, index) => `a${index}: __typename`).join(' ');
      const response = await post({ query: `{ ${fields} }` });
      expect(response.status).toBe(400);
      expect(response.body.errors?.[0]).toMatchObject({
        message: 'Syntax Error: Document contains more that 1000 tokens. Parsing aborted.',
        extensions: { code: 'GRAPHQL_PARSE_FAILED' },
      });
    });

    it('answers an unknown field with 400', async () => {
      const response = await post({ query: '{ template(code: "welcome") { code colour } }' });
      expect(response.status).toBe(400);
      expect(response.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    });

    it('answers a variable of the wrong type with 400', async () => {
      const response = await post({
        query: 'mutation ($input: SendNotificationInput!) { sendNotification(input: $input) { duplicate } }',
        variables: { input: { channel: 'FAX', userId: 1, templateCode: 2, requestId: [], priority: 'high' } },
      });
      expect(response.status).toBe(400);
      expect(response.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    });
  });
});
