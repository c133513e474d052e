import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import {
  admin,
  createApiKey,
  createEmailTemplate,
  createUserWithToken,
  dataFrom,
  errorCodes,
  expectAllServicesAlive,
  expectGraphQLAnswer,
  expectRestEnvelope,
  graphql,
  request,
  sendEmail,
  state,
  type TestUser,
} from './attack-kit';
import { createTally } from './attack-report';

const tally = createTally('resource-abuse', state.logDir);
afterAll(() => tally.save());

/** The gateway's resident memory, from its own Prometheus metrics. */
async function gatewayRssBytes(): Promise<number> {
  const text = await (await fetch(`${state.gatewayUrl}/metrics`)).text();
  const line = text.split('\n').find((entry) => entry.startsWith('herald_process_resident_memory_bytes'));
  if (!line) throw new Error('the gateway reports no herald_process_resident_memory_bytes');
  return Number(line.split(' ')[1]);
}

const MB = 1024 * 1024;
const SEND_MANY = `mutation ($inputs: [SendNotificationInput!]!) { sendNotifications(inputs: $inputs) { duplicate } }`;

let user: TestUser;
let templateCode: string;
let rssBefore: number;

beforeAll(async () => {
  rssBefore = await gatewayRssBytes();
  user = await createUserWithToken('abuse');
  templateCode = await createEmailTemplate({ subject: 'Hi {{name}}', body: 'Hello {{name}}' });
});

/** A REST send to the abuse target, with `fields` over a valid body. */
const restSend = (fields: Record<string, unknown>) =>
  request('POST', '/api/v1/notifications', {
    json: {
      notification_type: 'email',
      user_id: user.id,
      template_code: templateCode,
      request_id: randomUUID(),
      variables: { name: 'Ada' },
      ...fields,
    },
    headers: admin,
  });

/** How many notifications the abuse target has: refused requests must have stored none. */
async function storedFor(userId: string): Promise<number> {
  return dataFrom<{ notifications: { meta: { total: number } } }>(
    await graphql('query ($id: ID) { notifications(filter: { userId: $id }) { meta { total } } }', {
      id: userId,
    }),
  ).notifications.meta.total;
}

describe('huge payloads are refused with a clear error', () => {
  it('refuses a 2 MB GraphQL body with 413', async () => {
    await tally.attempt('2 MB GraphQL body', async () => {
      const answer = await sendEmail(user.id, templateCode, { variables: { name: 'x'.repeat(2 * MB) } });
      expect(answer.status).toBe(413);
      expect(errorCodes(answer)).toEqual(['PAYLOAD_TOO_LARGE']);
    });
  });

  it('refuses a 2 MB REST body with 413 in the envelope', async () => {
    await tally.attempt('2 MB REST body', async () => {
      const answer = await restSend({ variables: { name: 'x'.repeat(2 * MB) } });
      expect(answer.status).toBe(413);
      expectRestEnvelope(answer);
    });
  });

  it.each(['variables', 'metadata'])(
    'refuses %s over 64 KiB that fit in the body, naming the field',
    async (field) => {
      await tally.attempt(`${field} over 64 KiB`, async () => {
        const answer = await restSend({ [field]: { name: 'Ada', pad: 'x'.repeat(100 * 1024) } });
        expectRestEnvelope(answer);
        expect(answer.status).toBe(400);
        expect(answer.text).toContain('64 KiB');
      });
    },
  );

  it('answers JSON nested 100,000 deep without a crash', async () => {
    await tally.attempt('deeply nested JSON variables', async () => {
      const deep = `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`;
      const answer = await request('POST', '/graphql', {
        raw: `{"query":"mutation ($input: SendNotificationInput!) { sendNotification(input: $input) { duplicate } }","variables":{"input":{"channel":"EMAIL","userId":"${user.id}","templateCode":"${templateCode}","requestId":"${randomUUID()}","variables":${deep}}}}`,
        headers: { ...admin, 'content-type': 'application/json' },
      });
      expectGraphQLAnswer(answer);
      expect(errorCodes(answer).length).toBeGreaterThan(0);
    });
  });
});

describe('bulk sends are bounded', () => {
  const item = (index: number) => ({
    channel: 'EMAIL',
    userId: user.id,
    templateCode,
    variables: { name: 'Ada' },
    requestId: `bulk-${index}-${randomUUID()}`,
  });

  it('refuses 10,000 items at once and stores none of them', async () => {
    await tally.attempt('10,000-item sendNotifications', async () => {
      const answer = await graphql(SEND_MANY, {
        inputs: Array.from({ length: 10_000 }, (_, index) => item(index)),
      });
      expectGraphQLAnswer(answer);
      expect(['PAYLOAD_TOO_LARGE', 'BAD_USER_INPUT']).toContain(errorCodes(answer)[0]);
      expect(await storedFor(user.id)).toBe(0);
    });
  });

  it('refuses 1,001 items (within the body limit) naming the limit of 1,000, and stores none', async () => {
    await tally.attempt('1,001-item sendNotifications', async () => {
      const answer = await graphql(SEND_MANY, {
        inputs: Array.from({ length: 1001 }, (_, index) => item(index)),
      });
      expectGraphQLAnswer(answer);
      expect(errorCodes(answer)).toEqual(['BAD_USER_INPUT']);
      expect(answer.text).toContain('1000');
      expect(await storedFor(user.id)).toBe(0);
    });
  });
});

describe('expensive documents are refused before any subgraph is called', () => {
  const refusedDocuments: [string, string][] = [
    ['nested 50 deep', `{ ${'me { '.repeat(50)}id${' }'.repeat(50)} }`],
    [
      'nested deep through fragments',
      `fragment F on User { id } { notifications { items { user { ...F } template { versions { number } } events { status } } } ${'x: me { '.repeat(20)} id ${'}'.repeat(20)} }`,
    ],
    [
      '100 aliases of one field',
      `{ ${Array.from({ length: 100 }, (_, index) => `a${index}: me { id }`).join(' ')} }`,
    ],
    [
      '1,000 aliases of __typename',
      `{ ${Array.from({ length: 1000 }, (_, index) => `t${index}: __typename`).join(' ')} }`,
    ],
    ['30,000 tokens', `{ ${Array.from({ length: 15_000 }, () => '__typename').join(' ')} }`],
    ['a fragment cycle', 'fragment A on Query { ...B } fragment B on Query { ...A } { ...A }'],
    ['a thousand directives', `{ me ${'@include(if: true) '.repeat(1000)}{ id } }`],
  ];

  it.each(refusedDocuments)('refuses a document %s', async (name, query) => {
    await tally.attempt(`document ${name}`, async () => {
      const answer = await graphql(query, {});
      expectGraphQLAnswer(answer);
      expect(answer.status).toBe(400);
      expect(errorCodes(answer).length).toBeGreaterThan(0);
    });
  });

  it('refuses a batch of operations in one request', async () => {
    await tally.attempt('batched operations', async () => {
      const answer = await request('POST', '/graphql', {
        json: Array.from({ length: 1000 }, () => ({ query: '{ me { id } }' })),
        headers: admin,
      });
      expect(answer.status).toBe(400);
    });
  });
});

/** One graphql-ws handshake: `accepted` on connection_ack, else the close code. Accepted sockets are kept open. */
function connect(credential: string | undefined, keep: WebSocket[]): Promise<'accepted' | number> {
  return new Promise((resolve) => {
    const socket = new WebSocket(
      `${state.gatewayUrl.replace(/^http/, 'ws')}/graphql`,
      'graphql-transport-ws',
    );
    const timer = setTimeout(() => {
      socket.terminate();
      resolve(-1);
    }, 15_000);
    socket.on('open', () =>
      socket.send(
        JSON.stringify({ type: 'connection_init', payload: credential ? { authorization: credential } : {} }),
      ),
    );
    socket.on('message', (data) => {
      if ((JSON.parse(String(data)) as { type: string }).type !== 'connection_ack') return;
      clearTimeout(timer);
      keep.push(socket);
      resolve('accepted');
    });
    socket.on('close', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
    socket.on('error', () => undefined);
  });
}

/** Runs `count` tasks with at most `limit` in flight, so the attack cannot starve the other test files. */
async function bounded<T>(count: number, limit: number, task: (index: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array<T>(count);
  let next = 0;
  const worker = async () => {
    for (let index = next++; index < count; index = next++) results[index] = await task(index);
  };
  await Promise.all(Array.from({ length: limit }, worker));
  return results;
}

describe('WebSocket connection floods', () => {
  it('refuses all but the per-credential limit of 10,000 connects, and frees the slots on close', async () => {
    const key = await createApiKey('flood', ['notifications:read']);
    const open: WebSocket[] = [];
    try {
      const outcomes = await bounded(10_000, 50, () => connect(key, open));
      await tally.attempt('10,000 WebSocket connects with one credential', async () => {
        const accepted = outcomes.filter((outcome) => outcome === 'accepted').length;
        const tooMany = outcomes.filter((outcome) => outcome === 4029).length;
        // SUBSCRIPTION_CONNECTIONS_PER_CREDENTIAL is 20 by default.
        expect({ accepted, tooMany, other: 10_000 - accepted - tooMany }).toEqual({
          accepted: 20,
          tooMany: 9980,
          other: 0,
        });
      });
      for (const socket of open.splice(0)) socket.close();
      await tally.attempt('a slot is free again once connections close', async () => {
        const again = await (async () => {
          for (let attempt = 0; attempt < 50; attempt += 1) {
            const outcome = await connect(key, open);
            if (outcome === 'accepted') return outcome;
            await new Promise((resolve) => setTimeout(resolve, 100));
          }
          return 'refused';
        })();
        expect(again).toBe('accepted');
      });
    } finally {
      for (const socket of open) socket.close();
    }
  });

  it('refuses connects without a credential', async () => {
    const open: WebSocket[] = [];
    const outcomes = await bounded(200, 20, () => connect(undefined, open));
    for (const socket of open) socket.close();
    await tally.attempt('200 anonymous WebSocket connects', async () => {
      expect(outcomes.every((outcome) => outcome === 4403)).toBe(true);
    });
  });
});

describe('after the abuse', () => {
  it('every service still answers and the gateway memory stayed bounded', async () => {
    await tally.attempt('services alive after resource abuse', expectAllServicesAlive);
    await tally.attempt('gateway memory bounded', async () => {
      const after = await gatewayRssBytes();
      // Generous: garbage collection is lazy; a leak per request or per socket would be far larger.
      expect(after - rssBefore).toBeLessThan(300 * MB);
      expect(after).toBeLessThan(1024 * MB);
    });
  });
});
