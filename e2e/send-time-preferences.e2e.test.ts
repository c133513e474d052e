import { randomUUID } from 'node:crypto';
import { fetchSinkMessages, type ReceivedMail } from '@herald/testkit';
import { createRecipientAndTemplate, fetchNotification, sendEmail, waitForStatus } from './email-steps';
import { heraldClient } from './gateway-client';
import { readSystemState } from './system-state';

const state = readSystemState();

/**
 * What the sender asks for travels with the notification to the worker (its category), and
 * what the user asks for is checked again by the worker when it sends: a preference changed
 * after the accept is honoured.
 */
describe('category and preferences at send time', () => {
  const suffix = randomUUID().slice(0, 8);
  const email = `grace.prefs-${suffix}@example.com`;
  let userId: string;
  let templateCode: string;

  const admin = heraldClient(state);
  const send = (input: { category?: string; sendAt?: string }) =>
    sendEmail(state, { userId, templateCode }, input);
  const notification = (id: string) => fetchNotification(state, id);
  const mailsOf = async (notificationId: string): Promise<ReceivedMail[]> =>
    (await fetchSinkMessages(state.smtpInspectUrl)).filter(
      (mail) => mail.to.includes(email) && mail.messageId.includes(notificationId),
    );

  beforeAll(async () => {
    ({ userId, templateCode } = await createRecipientAndTemplate(state, `prefs-${suffix}`));
  });

  it('sends a security mail without List-Unsubscribe and a marketing mail with it', async () => {
    const security = await send({ category: 'security' });
    const marketing = await send({ category: 'marketing' });
    await waitForStatus(state, security.id, 'DELIVERED');
    await waitForStatus(state, marketing.id, 'DELIVERED');

    const [securityMail] = await mailsOf(security.id);
    const [marketingMail] = await mailsOf(marketing.id);
    expect(securityMail?.headers).not.toHaveProperty('list-unsubscribe');
    expect(marketingMail?.headers['list-unsubscribe']).toEqual(
      expect.stringMatching(new RegExp(`^<${state.gatewayUrl}/unsubscribe/[A-Za-z0-9_-]+>$`)),
    );
    expect(marketingMail?.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
  });

  it('skips, unsent, a mail whose user turned email off after it was accepted', async () => {
    // The worker has this user cached with email on (the mails above): only users' change
    // announcement tells it otherwise before its copy expires.
    const sendAt = new Date(Date.now() + 5000).toISOString();
    const later = await send({ sendAt });
    expect(later.status).toBe('SCHEDULED');

    await admin.users.updatePreferences({ email: false }, { userId });
    // Turned off after the accept and before the release, or this test proves nothing.
    expect((await notification(later.id)).status).toBe('SCHEDULED');

    await waitForStatus(state, later.id, 'SKIPPED');
    const skipped = await notification(later.id);
    expect(skipped.statusDetail).toBe('user turned email notifications off at send time');
    expect(skipped.events.map((event) => event.status)).toEqual([
      'ACCEPTED',
      'SCHEDULED',
      'QUEUED',
      'SENDING',
      'SKIPPED',
    ]);
    // The status is reported after the decision not to send: nothing is on its way to the sink.
    expect(await mailsOf(later.id)).toEqual([]);
  });
});
