import { randomUUID } from 'node:crypto';
import { UnprocessableError, type SendResult } from '@herald/client';
import { createRecipientAndTemplate } from './email-steps';
import { heraldClient } from './gateway-client';
import { readSystemState } from './system-state';

const state = readSystemState();

/**
 * notifications keeps users and templates in memory for LOOKUP_CACHE_MS (30 s here); a change
 * must reach it over Redis at once, not when the copy expires.
 */
describe("notifications' in-memory users and templates", () => {
  const suffix = randomUUID().slice(0, 8);
  const admin = heraldClient(state);
  let userId: string;
  let templateCode: string;

  const send = (variables: Record<string, unknown>) =>
    admin.notifications.send({ channel: 'EMAIL', userId, templateCode, variables, requestId: randomUUID() });
  const statusOf = async (sending: Promise<SendResult>) => (await sending).notification.status;

  beforeAll(async () => {
    ({ userId, templateCode } = await createRecipientAndTemplate(state, `cache-${suffix}`));
  });

  it('sees a preference change on the next accept', async () => {
    expect(await statusOf(send({ name: 'Grace' }))).not.toBe('SKIPPED');
    await admin.users.updatePreferences({ email: false }, { userId });
    expect(await statusOf(send({ name: 'Grace' }))).toBe('SKIPPED');
  });

  it('sees a published template version on the next accept', async () => {
    await expect(send({ name: 'Grace' })).resolves.toMatchObject({ duplicate: false });
    await admin.templates.addVersion(templateCode, {
      subject: 'Hi {{name}}',
      body: 'Your code is {{code}}.',
      publish: true,
    });
    const refused = await send({ name: 'Grace' }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(UnprocessableError);
    expect((refused as UnprocessableError).message).toContain('missing template variables: code');
  });
});
