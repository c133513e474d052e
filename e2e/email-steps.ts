import { waitFor } from '@herald/testkit';
import { dataOf, gql } from './gateway-client';
import type { SystemState } from './system-state';

type Gateway = Pick<SystemState, 'gatewayUrl' | 'adminApiKey'>;

/** A new user and a published email template "Hi {{name}}" / "Hello {{name}}.", named by `suffix`. */
export async function createRecipientAndTemplate(
  state: Gateway,
  suffix: string,
): Promise<{ userId: string; templateCode: string }> {
  const { createUser } = dataOf(
    await gql<{ createUser: { id: string } }>(
      state,
      `mutation ($input: CreateUserInput!) { createUser(input: $input) { id } }`,
      { input: { name: 'Grace', email: `grace.${suffix}@example.com`, password: 'correct horse battery' } },
    ),
  );
  const templateCode = `hello-${suffix}`;
  dataOf(
    await gql(state, `mutation ($input: CreateTemplateInput!) { createTemplate(input: $input) { code } }`, {
      input: { code: templateCode, channel: 'EMAIL', subject: 'Hi {{name}}', body: 'Hello {{name}}.' },
    }),
  );
  return { userId: createUser.id, templateCode };
}

/**
 * Sends "Hello Grace." to the user through the gateway as an admin (at `sendAt` when given, an
 * ISO-8601 time); resolves with the notification id.
 */
export async function sendEmailNotification(
  state: Gateway,
  request: { userId: string; templateCode: string; requestId: string; sendAt?: string },
  headers: Record<string, string> = {},
): Promise<string> {
  const { sendNotification } = dataOf(
    await gql<{ sendNotification: { notification: { id: string } } }>(
      state,
      `mutation ($input: SendNotificationInput!) { sendNotification(input: $input) { notification { id } } }`,
      { input: { channel: 'EMAIL', variables: { name: 'Grace' }, ...request } },
      { headers },
    ),
  );
  return sendNotification.notification.id;
}

/** Polls the gateway until the notification has `status`. */
export async function waitForStatus(state: Gateway, notificationId: string, status: string): Promise<void> {
  await waitFor(
    async () => {
      const { notification } = dataOf(
        await gql<{ notification: { status: string } }>(
          state,
          `query ($id: ID!) { notification(id: $id) { status } }`,
          { id: notificationId },
        ),
      );
      return notification.status === status;
    },
    { timeoutMs: 20_000, description: `notification ${notificationId} to be ${status}` },
  );
}
