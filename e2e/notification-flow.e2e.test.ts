import { randomUUID } from 'node:crypto';
import { fetchSinkMessages, waitFor } from '@herald/testkit';
import { dataOf, gql } from './gateway-client';
import { readSystemState } from './system-state';

const state = readSystemState();

describe('an email notification through the whole system', () => {
  const suffix = randomUUID().slice(0, 8);
  const email = `ada.${suffix}@example.com`;
  const templateCode = `welcome-${suffix}`;
  let userId: string;

  beforeAll(async () => {
    const created = dataOf(
      await gql<{ createUser: { id: string; email: string } }>(
        state,
        `mutation ($input: CreateUserInput!) { createUser(input: $input) { id email } }`,
        { input: { name: 'Ada Lovelace', email, password: 'correct horse battery' } },
      ),
    );
    userId = created.createUser.id;
    dataOf(
      await gql(state, `mutation ($input: CreateTemplateInput!) { createTemplate(input: $input) { code } }`, {
        input: {
          code: templateCode,
          channel: 'EMAIL',
          subject: 'Welcome, {{name}}',
          body: 'Hello {{name}}, your account is ready.',
        },
      }),
    );
  });

  it('delivers exactly one mail to the user, rendered, and reports DELIVERED across subgraphs', async () => {
    const sent = dataOf(
      await gql<{ sendNotification: { duplicate: boolean; notification: { id: string; status: string } } }>(
        state,
        `mutation ($input: SendNotificationInput!) {
           sendNotification(input: $input) { duplicate notification { id status } }
         }`,
        {
          input: {
            channel: 'EMAIL',
            userId,
            templateCode,
            variables: { name: 'Ada' },
            requestId: `req-${suffix}`,
          },
        },
      ),
    );
    expect(sent.sendNotification.duplicate).toBe(false);
    const notificationId = sent.sendNotification.notification.id;

    const notification = await waitFor(
      async () => {
        const response = dataOf(
          await gql<{
            notification: { status: string; user: { email: string }; template: { code: string } };
          }>(
            state,
            `query ($id: ID!) { notification(id: $id) { status user { email } template { code } } }`,
            { id: notificationId },
          ),
        );
        return response.notification.status === 'DELIVERED' && response.notification;
      },
      { timeoutMs: 20_000, description: 'the notification to be DELIVERED' },
    );
    expect(notification).toEqual({ status: 'DELIVERED', user: { email }, template: { code: templateCode } });

    const mails = (await fetchSinkMessages(state.smtpInspectUrl)).filter((mail) => mail.to.includes(email));
    expect(mails).toHaveLength(1);
    expect(mails[0]?.subject).toBe('Welcome, Ada');
    expect(mails[0]?.text).toContain('Hello Ada, your account is ready.');
  });

  it('refuses a mutation without the admin key', async () => {
    const response = await gql(
      state,
      `mutation ($input: CreateTemplateInput!) { createTemplate(input: $input) { code } }`,
      { input: { code: `anon-${suffix}`, channel: 'EMAIL', subject: 'x', body: 'x' } },
      { asAdmin: false },
    );
    expect(response.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
