import { randomUUID } from 'node:crypto';
import { BadUserInputError, NotFoundError } from '@herald/errors';
import { signUp, startUsers, type RunningUsers, type UsersGrpcClient } from './users-client';

let users: RunningUsers;
let client: UsersGrpcClient;

beforeAll(async () => {
  users = await startUsers({ SUPPRESSION_SOFT_BOUNCE_LIMIT: '3' });
  client = users.grpcClient();
});

afterAll(async () => {
  await users?.stop();
});

type Kind = 'HARD_BOUNCE' | 'SOFT_BOUNCE' | 'COMPLAINT';

function report(userId: string, kind: Kind, notificationId = randomUUID(), category = 'digest') {
  return client.RecordEmailFeedback({
    user_id: userId,
    kind,
    notification_id: notificationId,
    status_code: kind === 'COMPLAINT' ? '' : kind === 'HARD_BOUNCE' ? '5.1.1' : '4.2.2',
    diagnostic: kind === 'HARD_BOUNCE' ? '550 5.1.1 user unknown' : 'mailbox full',
    category,
  });
}

async function suppressionsCounted(reason: string, category: string): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${users.ports.http}/metrics`)).text();
  const line = text
    .split('\n')
    .find(
      (entry) =>
        entry.startsWith('herald_email_suppressions_total{') &&
        entry.includes(`reason="${reason}"`) &&
        entry.includes(`category="${category}"`),
    );
  return line ? Number(line.split(' ').at(-1)) : 0;
}

describe('RecordEmailFeedback', () => {
  it('suppresses the address at once on a hard bounce, and GetUser says so past its cache', async () => {
    const { id } = await signUp(users);
    await expect(client.GetUser({ id })).resolves.toMatchObject({ email_suppressed: false });
    const before = await suppressionsCounted('HARD_BOUNCE', 'hard-bounce-test');

    const notificationId = randomUUID();
    await expect(report(id, 'HARD_BOUNCE', notificationId, 'hard-bounce-test')).resolves.toEqual({
      suppressed: true,
    });
    await expect(client.GetUser({ id })).resolves.toMatchObject({ email_suppressed: true });
    // The same report again changes nothing and is not counted again.
    await expect(report(id, 'HARD_BOUNCE', notificationId, 'hard-bounce-test')).resolves.toEqual({
      suppressed: true,
    });
    expect(await suppressionsCounted('HARD_BOUNCE', 'hard-bounce-test')).toBe(before + 1);
  });

  it('suppresses the address at once on a complaint', async () => {
    const { id } = await signUp(users);
    await expect(report(id, 'COMPLAINT')).resolves.toEqual({ suppressed: true });
    await expect(client.GetUser({ id })).resolves.toMatchObject({ email_suppressed: true });
  });

  it('suppresses on the third soft bounce, and a repeated report does not count twice', async () => {
    const { id } = await signUp(users);
    const first = randomUUID();
    await expect(report(id, 'SOFT_BOUNCE', first)).resolves.toEqual({ suppressed: false });
    await expect(report(id, 'SOFT_BOUNCE', first)).resolves.toEqual({ suppressed: false });
    await expect(report(id, 'SOFT_BOUNCE')).resolves.toEqual({ suppressed: false });
    await expect(client.GetUser({ id })).resolves.toMatchObject({ email_suppressed: false });
    await expect(report(id, 'SOFT_BOUNCE')).resolves.toEqual({ suppressed: true });
    await expect(client.GetUser({ id })).resolves.toMatchObject({ email_suppressed: true });
  });

  it('leaves other users alone', async () => {
    const bounced = await signUp(users);
    const bystander = await signUp(users);
    await report(bounced.id, 'HARD_BOUNCE');
    await expect(client.GetUser({ id: bystander.id })).resolves.toMatchObject({ email_suppressed: false });
  });

  it('answers NOT_FOUND for an unknown user and BAD_USER_INPUT for a malformed report', async () => {
    await expect(report(randomUUID(), 'HARD_BOUNCE')).rejects.toBeInstanceOf(NotFoundError);
    const { id } = await signUp(users);
    await expect(
      client.RecordEmailFeedback({ user_id: id, kind: 'HARD_BOUNCE', notification_id: 'not-a-uuid' }),
    ).rejects.toBeInstanceOf(BadUserInputError);
    await expect(
      client.RecordEmailFeedback({ user_id: id, notification_id: randomUUID() }),
    ).rejects.toBeInstanceOf(BadUserInputError);
    await expect(client.GetUser({ id })).resolves.toMatchObject({ email_suppressed: false });
  });
});

describe('UnsubscribeEmail', () => {
  it('opts the user out of the category once', async () => {
    const { id } = await signUp(users, { preferences: { optedOutCategories: ['digest'] } });
    await expect(client.UnsubscribeEmail({ user_id: id, category: 'marketing' })).resolves.toEqual({
      changed: true,
    });
    await expect(client.UnsubscribeEmail({ user_id: id, category: 'marketing' })).resolves.toEqual({
      changed: false,
    });
    const user = await client.GetUser({ id });
    expect(user.preferences?.opted_out_categories).toEqual(['digest', 'marketing']);
    expect(user.preferences?.email).toBe(true);
  });

  it('turns email off for mail without a category', async () => {
    const { id } = await signUp(users);
    await expect(client.UnsubscribeEmail({ user_id: id, category: '' })).resolves.toEqual({ changed: true });
    await expect(client.GetUser({ id })).resolves.toMatchObject({ preferences: { email: false } });
  });

  it('answers NOT_FOUND for an unknown user', async () => {
    await expect(
      client.UnsubscribeEmail({ user_id: randomUUID(), category: 'marketing' }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });
});

const SUPPRESSIONS = `query($page: Int, $limit: Int) {
  emailSuppressions(page: $page, limit: $limit) {
    items { userId address reason statusCode diagnostic notificationId category createdAt user { id emailSuppressed } }
    meta { total }
  }
}`;
const LIFT = `mutation($userId: ID!) { liftEmailSuppression(userId: $userId) }`;
const UPDATE_PROFILE = `mutation($input: UpdateProfileInput!, $userId: ID) {
  updateProfile(input: $input, userId: $userId) { id email name emailSuppressed }
}`;

interface ListedSuppression {
  readonly userId: string;
  readonly address: string;
  readonly reason: string;
  readonly user: { readonly emailSuppressed: boolean };
}

async function listedSuppressions(): Promise<ListedSuppression[]> {
  const result = await users.graphql(SUPPRESSIONS, { limit: 100 });
  const page = result.data?.emailSuppressions as { items: ListedSuppression[] } | undefined;
  if (!page) throw new Error(`emailSuppressions failed: ${JSON.stringify(result.errors)}`);
  return page.items;
}

describe('suppression list for admins', () => {
  it('lists a suppression with why, when and the notification, newest first', async () => {
    const { id, email } = await signUp(users);
    const notificationId = randomUUID();
    await report(id, 'HARD_BOUNCE', notificationId, 'billing');
    const [newest] = await listedSuppressions();
    expect(newest).toEqual({
      userId: id,
      address: email,
      reason: 'HARD_BOUNCE',
      statusCode: '5.1.1',
      diagnostic: '550 5.1.1 user unknown',
      notificationId,
      category: 'billing',
      createdAt: expect.any(String),
      user: { id, emailSuppressed: true },
    });
  });

  it('lifts a suppression so that the address gets email again, and a lifted address starts counting anew', async () => {
    const { id } = await signUp(users);
    await report(id, 'SOFT_BOUNCE');
    await report(id, 'SOFT_BOUNCE');
    await report(id, 'SOFT_BOUNCE');
    await expect(client.GetUser({ id })).resolves.toMatchObject({ email_suppressed: true });

    expect((await users.graphql(LIFT, { userId: id })).data).toEqual({ liftEmailSuppression: true });
    expect((await users.graphql(LIFT, { userId: id })).data).toEqual({ liftEmailSuppression: false });
    await expect(client.GetUser({ id })).resolves.toMatchObject({ email_suppressed: false });
    expect((await listedSuppressions()).some((listed) => listed.userId === id)).toBe(false);
    // The bounces before the lift no longer count: one more soft bounce does not suppress again.
    await expect(report(id, 'SOFT_BOUNCE')).resolves.toEqual({ suppressed: false });
  });

  it('refuses the list and the lift to a user without users:admin', async () => {
    const { id, identity } = await signUp(users);
    await report(id, 'COMPLAINT');
    const listed = await users.graphql(SUPPRESSIONS, {}, { identity });
    expect(listed.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const lifted = await users.graphql(LIFT, { userId: id }, { identity });
    expect(lifted.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    await expect(client.GetUser({ id })).resolves.toMatchObject({ email_suppressed: true });
  });
});

describe('updateProfile', () => {
  it('starts a new address clean, while the old one stays suppressed', async () => {
    const { id, email, identity } = await signUp(users);
    await report(id, 'HARD_BOUNCE');
    const fresh = `Fresh.${randomUUID()}@Example.com`;

    const result = await users.graphql(UPDATE_PROFILE, { input: { email: fresh } }, { identity });

    expect(result.data).toEqual({
      updateProfile: { id, email: fresh.toLowerCase(), name: 'Someone', emailSuppressed: false },
    });
    await expect(client.GetUser({ id })).resolves.toMatchObject({
      email: fresh.toLowerCase(),
      email_suppressed: false,
    });
    expect(await listedSuppressions()).toContainEqual(
      expect.objectContaining({ userId: id, address: email }),
    );
  });

  it('refuses an address another user holds, and another user to a non-admin', async () => {
    const first = await signUp(users);
    const second = await signUp(users);
    const taken = await users.graphql(
      UPDATE_PROFILE,
      { input: { email: first.email } },
      {
        identity: second.identity,
      },
    );
    expect(taken.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const other = await users.graphql(
      UPDATE_PROFILE,
      { input: { name: 'Mallory' }, userId: first.id },
      {
        identity: second.identity,
      },
    );
    expect(other.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const invalid = await users.graphql(
      UPDATE_PROFILE,
      { input: { email: 'not an address' } },
      {
        identity: second.identity,
      },
    );
    expect(invalid.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
