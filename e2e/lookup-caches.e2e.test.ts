import { randomUUID } from 'node:crypto';
import { createRecipientAndTemplate } from './email-steps';
import { dataOf, gql, type GraphQLResponse } from './gateway-client';
import { readSystemState } from './system-state';

const state = readSystemState();

/**
 * notifications keeps users and templates in memory for LOOKUP_CACHE_MS (30 s here); a change
 * must reach it over Redis at once, not when the copy expires.
 */
describe("notifications' in-memory users and templates", () => {
  const suffix = randomUUID().slice(0, 8);
  let userId: string;
  let templateCode: string;

  const send = (variables: Record<string, unknown>) =>
    gql<{ sendNotification: { notification: { status: string } } }>(
      state,
      `mutation ($input: SendNotificationInput!) {
         sendNotification(input: $input) { notification { status } }
       }`,
      { input: { channel: 'EMAIL', userId, templateCode, variables, requestId: randomUUID() } },
    );
  const statusOf = async (
    response: Promise<GraphQLResponse<{ sendNotification: { notification: { status: string } } }>>,
  ) => dataOf(await response).sendNotification.notification.status;

  beforeAll(async () => {
    ({ userId, templateCode } = await createRecipientAndTemplate(state, `cache-${suffix}`));
  });

  it('sees a preference change on the next accept', async () => {
    expect(await statusOf(send({ name: 'Grace' }))).not.toBe('SKIPPED');
    dataOf(
      await gql(
        state,
        `mutation ($userId: ID, $input: PreferencesInput!) { updatePreferences(userId: $userId, input: $input) { email } }`,
        { userId, input: { email: false } },
      ),
    );
    expect(await statusOf(send({ name: 'Grace' }))).toBe('SKIPPED');
  });

  it('sees a published template version on the next accept', async () => {
    expect((await send({ name: 'Grace' })).errors).toBeUndefined();
    dataOf(
      await gql(
        state,
        `mutation ($code: ID!, $input: TemplateVersionInput!) { addTemplateVersion(code: $code, input: $input) { number } }`,
        {
          code: templateCode,
          input: { subject: 'Hi {{name}}', body: 'Your code is {{code}}.', publish: true },
        },
      ),
    );
    const refused = await send({ name: 'Grace' });
    expect(refused.errors?.[0]?.message).toContain('missing template variables: code');
  });
});
