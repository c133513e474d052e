import { randomUUID } from 'node:crypto';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { waitFor } from '@herald/testkit';
import { dataOf, gql } from './gateway-client';
import { readSystemState } from './system-state';

const state = readSystemState();

interface StatusEvent {
  readonly notificationId: string;
  readonly status: string;
  readonly sequence: number | null;
  readonly notification: { readonly user: { readonly email: string } };
}

describe('live status over graphql-ws through the whole system', () => {
  const suffix = randomUUID().slice(0, 8);
  const email = `grace.${suffix}@example.com`;
  const templateCode = `live-${suffix}`;
  let userId: string;
  let client: Client | undefined;

  beforeAll(async () => {
    userId = dataOf(
      await gql<{ createUser: { id: string } }>(
        state,
        `mutation ($input: CreateUserInput!) { createUser(input: $input) { id } }`,
        { input: { name: 'Grace Hopper', email, password: 'correct horse battery' } },
      ),
    ).createUser.id;
    dataOf(
      await gql(state, `mutation ($input: CreateTemplateInput!) { createTemplate(input: $input) { code } }`, {
        input: { code: templateCode, channel: 'EMAIL', subject: 'Hi {{name}}', body: 'Hello {{name}}.' },
      }),
    );
    client = createClient({
      url: `${state.gatewayUrl.replace(/^http/, 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: state.adminApiKey },
      retryAttempts: 0,
    });
  });

  afterAll(async () => {
    await client?.dispose();
  });

  const send = async (requestId: string): Promise<string> =>
    dataOf(
      await gql<{ sendNotification: { notification: { id: string } } }>(
        state,
        `mutation ($input: SendNotificationInput!) { sendNotification(input: $input) { notification { id } } }`,
        { input: { channel: 'EMAIL', userId, templateCode, variables: { name: 'Grace' }, requestId } },
      ),
    ).sendNotification.notification.id;

  it('streams ACCEPTED … DELIVERED in order, with the user resolved from the users subgraph', async () => {
    const events: StatusEvent[] = [];
    const errors: unknown[] = [];
    client!.subscribe<{ notificationStatusChanged: StatusEvent }>(
      {
        query: `subscription ($userId: ID) { notificationStatusChanged(userId: $userId) {
          notificationId status sequence notification { user { email } } } }`,
        variables: { userId },
      },
      {
        next: (result) => {
          if (result.errors) errors.push(...result.errors);
          if (result.data) events.push(result.data.notificationStatusChanged);
        },
        error: (error) => errors.push(error),
        complete: () => undefined,
      },
    );
    // The stream has no opening event: a first notification proves it is live.
    const warmUp = await send(`warm-${suffix}`);
    await waitFor(() => events.some((event) => event.notificationId === warmUp) || errors.length > 0, {
      timeoutMs: 20_000,
      description: 'the warm-up event',
    });
    expect(errors).toEqual([]);

    const id = await send(`real-${suffix}`);
    const mine = () => events.filter((event) => event.notificationId === id);
    await waitFor(() => mine().some((event) => event.status === 'DELIVERED'), {
      timeoutMs: 20_000,
      description: 'DELIVERED on the stream',
    });
    const statuses = mine().map((event) => event.status);
    expect(statuses[0]).toBe('ACCEPTED');
    expect(statuses.at(-1)).toBe('DELIVERED');
    expect(statuses).toContain('QUEUED');
    const sequences = mine().map((event) => event.sequence ?? 0);
    expect(sequences).toEqual([...sequences].sort((a, b) => a - b));
    expect(mine().every((event) => event.notification.user.email === email)).toBe(true);
  });

  it('answers a subscription sent over HTTP with an error, not a hang', async () => {
    const response = await gql(state, 'subscription { notificationStatusChanged { status } }');
    expect(response.data ?? null).toBeNull();
    expect(response.errors?.length).toBeGreaterThan(0);
  });
});
