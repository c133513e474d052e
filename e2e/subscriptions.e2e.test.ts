import { randomUUID } from 'node:crypto';
import {
  HeraldClientError,
  NotificationStatusChangedDocument,
  TypedDocumentString,
  type Watch,
} from '@herald/client';
import { waitFor } from '@herald/testkit';
import { heraldClient } from './gateway-client';
import { readSystemState } from './system-state';

const state = readSystemState();

/** Beyond what a status event carries: the recipient's email, resolved from the users subgraph. */
const StatusWithRecipient = new TypedDocumentString<
  {
    notificationStatusChanged: {
      notificationId: string;
      status: string;
      sequence: number | null;
      notification: { user: { email: string } };
    };
  },
  { userId: string }
>(`subscription StatusWithRecipient($userId: ID) {
  notificationStatusChanged(userId: $userId) { notificationId status sequence notification { user { email } } }
}`);

/** Reads a watch in the background: its events as they come, and what it throws. */
function collect<T>(watch: Watch<T>): { events: T[]; errors: unknown[] } {
  const events: T[] = [];
  const errors: unknown[] = [];
  void (async () => {
    try {
      for await (const event of watch) events.push(event);
    } catch (error) {
      errors.push(error);
    }
  })();
  return { events, errors };
}

describe('live status over graphql-ws through the whole system', () => {
  const suffix = randomUUID().slice(0, 8);
  const email = `grace.${suffix}@example.com`;
  const templateCode = `live-${suffix}`;
  const admin = heraldClient(state);
  let userId: string;

  beforeAll(async () => {
    userId = (await admin.users.create({ name: 'Grace Hopper', email, password: 'correct horse battery' }))
      .id;
    await admin.templates.create({
      code: templateCode,
      channel: 'EMAIL',
      subject: 'Hi {{name}}',
      body: 'Hello {{name}}.',
    });
  });

  afterAll(async () => {
    await admin.close();
  });

  const send = async (requestId: string): Promise<string> =>
    (
      await admin.notifications.send({
        channel: 'EMAIL',
        userId,
        templateCode,
        variables: { name: 'Grace' },
        requestId,
      })
    ).notification.id;

  it('streams ACCEPTED … DELIVERED in order, with the user resolved from the users subgraph', async () => {
    const watched = collect(admin.watchUser(userId));
    const withRecipient = collect(admin.subscribe(StatusWithRecipient, { userId }));
    const errors = () => [...watched.errors, ...withRecipient.errors];
    // The stream has no opening event: a first notification proves it is live.
    const warmUp = await send(`warm-${suffix}`);
    await waitFor(
      () =>
        (watched.events.some((event) => event.notificationId === warmUp) &&
          withRecipient.events.some((event) => event.notificationStatusChanged.notificationId === warmUp)) ||
        errors().length > 0,
      { timeoutMs: 20_000, description: 'the warm-up event' },
    );
    expect(errors()).toEqual([]);

    const id = await send(`real-${suffix}`);
    const mine = () => watched.events.filter((event) => event.notificationId === id);
    const mineWithRecipient = () =>
      withRecipient.events
        .map((event) => event.notificationStatusChanged)
        .filter((event) => event.notificationId === id);
    await waitFor(
      () =>
        [mine(), mineWithRecipient()].every((events) => events.some((event) => event.status === 'DELIVERED')),
      { timeoutMs: 20_000, description: 'DELIVERED on the streams' },
    );
    const statuses = mine().map((event) => event.status);
    expect(statuses[0]).toBe('ACCEPTED');
    expect(statuses.at(-1)).toBe('DELIVERED');
    expect(statuses).toContain('QUEUED');
    const sequences = mine().map((event) => event.sequence ?? 0);
    expect(sequences).toEqual([...sequences].sort((a, b) => a - b));
    expect(
      mine().every((event) => event.notification.id === id && event.notification.user.id === userId),
    ).toBe(true);
    expect(mineWithRecipient().map((event) => event.status)).toEqual(statuses);
    expect(mineWithRecipient().every((event) => event.notification.user.email === email)).toBe(true);
  });

  it('watches one notification from its current status to DELIVERED, then stops when closed', async () => {
    const id = await send(`one-${suffix}`);
    const watch = admin.watchNotification(id);
    const watched = collect(watch);
    await waitFor(
      () => watched.events.some((event) => event.status === 'DELIVERED') || watched.errors.length > 0,
      {
        timeoutMs: 20_000,
        description: 'DELIVERED on the watch',
      },
    );
    expect(watched.errors).toEqual([]);
    const statuses = watched.events.map((event) => event.status);
    expect(watched.events.every((event) => event.notificationId === id)).toBe(true);
    expect(['ACCEPTED', 'QUEUED', 'SENDING', 'DELIVERED']).toContain(statuses[0]);
    expect(statuses.at(-1)).toBe('DELIVERED');
    expect(watched.events[0]?.sequence).toBeNull();
    const sequences = watched.events.slice(1).map((event) => event.sequence ?? 0);
    expect(sequences).toEqual([...sequences].sort((a, b) => a - b));

    await watch.close();
    expect(await watch.next()).toEqual({ done: true, value: undefined });
  });

  it('answers a subscription sent over HTTP with an error, not a hang', async () => {
    const refused = await admin
      .request(NotificationStatusChangedDocument, {})
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(HeraldClientError);
    expect(refused).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED' });
  });
});
