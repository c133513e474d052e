import { randomUUID } from 'node:crypto';
import { UnauthenticatedError } from '@herald/client';
import { fetchSinkMessages, waitFor } from '@herald/testkit';
import { heraldClient } from './gateway-client';
import { readSystemState } from './system-state';

const state = readSystemState();

describe('an email notification through the whole system', () => {
  const suffix = randomUUID().slice(0, 8);
  const email = `ada.${suffix}@example.com`;
  const templateCode = `welcome-${suffix}`;
  const admin = heraldClient(state);
  let userId: string;

  beforeAll(async () => {
    const created = await admin.users.create({
      name: 'Ada Lovelace',
      email,
      password: 'correct horse battery',
    });
    userId = created.id;
    await admin.templates.create({
      code: templateCode,
      channel: 'EMAIL',
      subject: 'Welcome, {{name}}',
      body: 'Hello {{name}}, your account is ready.',
    });
  });

  it('delivers exactly one mail to the user, rendered, and reports DELIVERED across subgraphs', async () => {
    const sent = await admin.notifications.send({
      channel: 'EMAIL',
      userId,
      templateCode,
      variables: { name: 'Ada' },
      requestId: `req-${suffix}`,
    });
    expect(sent.duplicate).toBe(false);
    const notificationId = sent.notification.id;

    const notification = await waitFor(
      async () => {
        const current = await admin.notifications.get(notificationId);
        return current?.status === 'DELIVERED' && current;
      },
      { timeoutMs: 20_000, description: 'the notification to be DELIVERED' },
    );
    expect({
      status: notification.status,
      user: { email: notification.user.email },
      template: { code: notification.template.code },
    }).toEqual({ status: 'DELIVERED', user: { email }, template: { code: templateCode } });

    const mails = (await fetchSinkMessages(state.smtpInspectUrl)).filter((mail) => mail.to.includes(email));
    expect(mails).toHaveLength(1);
    expect(mails[0]?.subject).toBe('Welcome, Ada');
    expect(mails[0]?.text).toContain('Hello Ada, your account is ready.');
  });

  it('refuses a mutation without the admin key', async () => {
    const refused = await heraldClient(state, null)
      .templates.create({ code: `anon-${suffix}`, channel: 'EMAIL', subject: 'x', body: 'x' })
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(UnauthenticatedError);
    expect(refused).toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});
