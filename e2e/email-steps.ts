import { randomUUID } from 'node:crypto';
import { waitFor } from '@herald/testkit';
import { heraldClient } from './gateway-client';
import type { SystemState } from './system-state';

type Gateway = Pick<SystemState, 'gatewayUrl' | 'adminApiKey'>;

/** A new user and a published email template "Hi {{name}}" / "Hello {{name}}.", named by `suffix`. */
export async function createRecipientAndTemplate(
  state: Gateway,
  suffix: string,
): Promise<{ userId: string; templateCode: string }> {
  const admin = heraldClient(state);
  const user = await admin.users.create({
    name: 'Grace',
    email: `grace.${suffix}@example.com`,
    password: 'correct horse battery',
  });
  const templateCode = `hello-${suffix}`;
  await admin.templates.create({
    code: templateCode,
    channel: 'EMAIL',
    subject: 'Hi {{name}}',
    body: 'Hello {{name}}.',
  });
  return { userId: user.id, templateCode };
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
  const { notification } = await heraldClient(state).notifications.send(
    { channel: 'EMAIL', variables: { name: 'Grace' }, ...request },
    { headers },
  );
  return notification.id;
}

/** Polls the gateway until the notification has `status`. */
export async function waitForStatus(state: Gateway, notificationId: string, status: string): Promise<void> {
  const admin = heraldClient(state);
  await waitFor(async () => (await admin.notifications.get(notificationId))?.status === status, {
    timeoutMs: 20_000,
    description: `notification ${notificationId} to be ${status}`,
  });
}

/** Sends "Hello Grace." as an admin, with a category or a due time when given; the notification as accepted. */
export async function sendEmail(
  state: Gateway,
  to: { userId: string; templateCode: string },
  input: { category?: string; sendAt?: string } = {},
) {
  const { notification } = await heraldClient(state).notifications.send({
    channel: 'EMAIL',
    userId: to.userId,
    templateCode: to.templateCode,
    variables: { name: 'Grace' },
    requestId: randomUUID(),
    ...input,
  });
  return notification;
}

/** The notification as the gateway shows it now, events included. */
export async function fetchNotification(state: Gateway, id: string) {
  const found = await heraldClient(state).notifications.get(id);
  if (!found) throw new Error(`notification ${id} not found`);
  return found;
}
