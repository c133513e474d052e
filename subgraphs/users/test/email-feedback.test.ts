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
