import { randomUUID } from 'node:crypto';
import { heraldClient } from '../e2e/gateway-client';

export interface Gateway {
  readonly gatewayUrl: string;
  readonly adminApiKey: string;
}

export type Channel = 'EMAIL' | 'PUSH';

/** Who the load sends to: users with an email address and an FCM device, one template per channel. */
export interface Fixtures {
  readonly userIds: readonly string[];
  readonly templates: Readonly<Record<Channel, string>>;
}

export async function createFixtures(gateway: Gateway, userCount = 10): Promise<Fixtures> {
  const suffix = randomUUID().slice(0, 8);
  const templates = { EMAIL: `fault-mail-${suffix}`, PUSH: `fault-push-${suffix}` };
  const admin = heraldClient(gateway);
  await admin.templates.create({
    code: templates.EMAIL,
    channel: 'EMAIL',
    subject: 'Order {{order}}',
    body: 'Hello {{name}}, order {{order}} is on its way.',
  });
  await admin.templates.create({
    code: templates.PUSH,
    channel: 'PUSH',
    title: 'Order {{order}}',
    body: 'On its way, {{name}}.',
  });
  const userIds: string[] = [];
  for (let index = 0; index < userCount; index += 1) {
    const created = await admin.users.create({
      name: `Load ${index}`,
      email: `load.${index}.${suffix}@example.com`,
      password: 'correct horse battery',
      pushToken: `fcm-token-${suffix}-${index}`,
    });
    userIds.push(created.id);
  }
  return { userIds, templates };
}
