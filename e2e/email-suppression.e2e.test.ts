import { randomUUID } from 'node:crypto';
import { createGrpcClient, loadHeraldProto } from '@herald/proto';
import { fetchSinkMessages, waitFor, type ReceivedMail } from '@herald/testkit';
import { createRecipientAndTemplate, fetchNotification, sendEmail, waitForStatus } from './email-steps';
import { heraldClient } from './gateway-client';
import { readSystemState } from './system-state';

const state = readSystemState();

/**
 * Suppression (issue 19): a bounce or complaint reported to users (as the bounce listener does,
 * over RecordEmailFeedback) stops email to that address at accept and at send time; an admin's
 * lift or a new address resumes it. One-click unsubscribe over real HTTP: GET asks, POST opts out.
 */
describe('email suppression and one-click unsubscribe', () => {
  const admin = heraldClient(state);
  const users = createGrpcClient(
    loadHeraldProto().herald.v1.UserService,
    `127.0.0.1:${state.ports.usersGrpc}`,
    { internalToken: state.internalToken, deadlineMs: 5000 },
  );
  const adminHeaders = { authorization: `Bearer ${state.adminApiKey}` };

  afterAll(() => users.close());

  async function recipient(label: string) {
    const suffix = `${label}-${randomUUID().slice(0, 8)}`;
    const { userId, templateCode } = await createRecipientAndTemplate(state, suffix);
    return { userId, templateCode, email: `grace.${suffix}@example.com` };
  }

  const send = (
    to: { userId: string; templateCode: string },
    input: { category?: string; sendAt?: string } = {},
  ) => sendEmail(state, to, input);
  const notification = (id: string) => fetchNotification(state, id);

  const mailsOf = async (notificationId: string): Promise<ReceivedMail[]> =>
    (await fetchSinkMessages(state.smtpInspectUrl)).filter((mail) => mail.messageId.includes(notificationId));

  const hardBounce = (userId: string, notificationId: string) =>
    users.RecordEmailFeedback({
      user_id: userId,
      kind: 'HARD_BOUNCE',
      notification_id: notificationId,
      status_code: '5.1.1',
      diagnostic: '550 5.1.1 <grace@example.com>: user unknown',
      category: '',
    });

  /** Sends one mail and expects it delivered to `address`. */
  async function expectDelivered(to: { userId: string; templateCode: string }, address: string) {
    const sent = await send(to);
    await waitForStatus(state, sent.id, 'DELIVERED');
    const [mail] = await mailsOf(sent.id);
    expect(mail?.to).toEqual([address]);
  }

  it('skips the next send to a hard-bounced address as "suppressed", and the sink receives nothing', async () => {
    const grace = await recipient('bounced');
    const first = await send(grace);
    await waitForStatus(state, first.id, 'DELIVERED');
    await expect(hardBounce(grace.userId, first.id)).resolves.toEqual({ suppressed: true });

    const next = await send(grace);

    await waitForStatus(state, next.id, 'SKIPPED');
    expect((await notification(next.id)).statusDetail).toBe('suppressed');
    expect(await mailsOf(next.id)).toEqual([]);
    const listed = await fetch(`${state.gatewayUrl}/api/v1/suppressions?limit=100`, {
      headers: adminHeaders,
    });
    expect((await listed.json()) as { data: unknown[] }).toMatchObject({
      data: expect.arrayContaining([
        expect.objectContaining({ user_id: grace.userId, reason: 'hard_bounce', notification_id: first.id }),
      ]),
    });
  });

  it('checks again at send time: a mail accepted before the bounce is skipped unsent', async () => {
    const grace = await recipient('send-time');
    const first = await send(grace);
    await waitForStatus(state, first.id, 'DELIVERED');
    const later = await send(grace, { sendAt: new Date(Date.now() + 4000).toISOString() });
    expect(later.status).toBe('SCHEDULED');

    await hardBounce(grace.userId, first.id);

    await waitForStatus(state, later.id, 'SKIPPED');
    const skipped = await notification(later.id);
    expect(skipped.statusDetail).toBe('suppressed');
    expect(skipped.events.map((event) => event.status)).toEqual([
      'ACCEPTED',
      'SCHEDULED',
      'QUEUED',
      'SENDING',
      'SKIPPED',
    ]);
    expect(await mailsOf(later.id)).toEqual([]);
  });

  it('sends again once an admin lifts the suppression over REST', async () => {
    const grace = await recipient('lifted');
    const first = await send(grace);
    await waitForStatus(state, first.id, 'DELIVERED');
    await hardBounce(grace.userId, first.id);
    const skipped = await send(grace);
    await waitForStatus(state, skipped.id, 'SKIPPED');

    const lifted = await fetch(`${state.gatewayUrl}/api/v1/suppressions/${grace.userId}`, {
      method: 'DELETE',
      headers: adminHeaders,
    });
    expect(lifted.status).toBe(200);
    expect(await lifted.json()).toMatchObject({ data: { user_id: grace.userId, lifted: true } });

    await expectDelivered(grace, grace.email);
  });

  it('starts a new address clean', async () => {
    const grace = await recipient('moved');
    const first = await send(grace);
    await waitForStatus(state, first.id, 'DELIVERED');
    await users.RecordEmailFeedback({
      user_id: grace.userId,
      kind: 'COMPLAINT',
      notification_id: first.id,
      status_code: '',
      diagnostic: 'abuse report',
      category: '',
    });
    const skipped = await send(grace);
    await waitForStatus(state, skipped.id, 'SKIPPED');

    const moved = `moved.${randomUUID().slice(0, 8)}@example.com`;
    const updated = await admin.users.updateProfile({ email: moved }, { userId: grace.userId });
    expect(updated).toMatchObject({ email: moved, emailSuppressed: false });

    await expectDelivered(grace, moved);
  });

  it('unsubscribes on the one-click POST of the mail’s link, and not on a GET of it', async () => {
    const grace = await recipient('one-click');
    const marketing = await send(grace, { category: 'marketing' });
    await waitForStatus(state, marketing.id, 'DELIVERED');
    const [mail] = await mailsOf(marketing.id);
    expect(mail?.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    const link = /^<(.+)>$/.exec(String(mail?.headers['list-unsubscribe']))?.[1];
    if (!link) throw new Error(`no List-Unsubscribe link in ${JSON.stringify(mail?.headers)}`);
    const optedOut = async () => (await admin.users.get(grace.userId))?.preferences.optedOutCategories ?? [];

    // A scanner following the link sees a page with a button, and unsubscribes nobody.
    const page = await fetch(link);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<button type="submit">Unsubscribe</button>');
    expect(await optedOut()).toEqual([]);

    // What a mailbox provider sends (RFC 8058): no credential, the one-click body.
    const posted = await fetch(link, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(posted.status).toBe(200);
    expect(await optedOut()).toEqual(['marketing']);
    expect(
      (await fetch(link, { method: 'POST', body: new URLSearchParams({ 'List-Unsubscribe': 'One-Click' }) }))
        .status,
    ).toBe(200);

    let next = await send(grace, { category: 'marketing' });
    await waitFor(async () => (await notification(next.id)).status === 'SKIPPED', {
      timeoutMs: 20_000,
      description: 'the next marketing mail to be skipped',
    });
    next = await notification(next.id);
    expect(next.statusDetail).toBe('user opted out of category "marketing"');
  });

  it('refuses a tampered link with 404, unsubscribing nobody', async () => {
    const grace = await recipient('tampered');
    const sent = await send(grace, { category: 'news' });
    await waitForStatus(state, sent.id, 'DELIVERED');
    const [mail] = await mailsOf(sent.id);
    const link = /^<(.+)>$/.exec(String(mail?.headers['list-unsubscribe']))?.[1] ?? '';
    const token = link.slice(link.lastIndexOf('/') + 1);
    const bytes = Buffer.from(token, 'base64url');
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 0xff;
    const tampered = `${link.slice(0, link.lastIndexOf('/') + 1)}${bytes.toString('base64url')}`;

    const response = await fetch(tampered, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });

    expect(response.status).toBe(404);
    expect((await admin.users.get(grace.userId))?.preferences.optedOutCategories).toEqual([]);
  });
});
