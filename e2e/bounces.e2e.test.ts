import { randomUUID } from 'node:crypto';
import { createTransport } from 'nodemailer';
import { createGrpcClient, loadHeraldProto } from '@herald/proto';
import { fetchSinkMessages, waitFor, type ReceivedMail } from '@herald/testkit';
import * as samples from '../workers/email/test/fixtures/feedback-samples';
import { createRecipientAndTemplate, sendEmailNotification, waitForStatus } from './email-steps';
import { heraldClient } from './gateway-client';
import { readSystemState } from './system-state';

const state = readSystemState();
const admin = heraldClient(state);
const BOUNCE_DOMAIN = 'bounces.herald.test';

/** A mailbox provider's server, delivering reports to the email worker's bounce listener over SMTP. */
const reportingServer = createTransport({
  host: '127.0.0.1',
  port: state.ports.bounceSmtp,
  secure: false,
  ignoreTLS: true,
});

/** The users service as the workers see it: whether a user's address is suppressed for email. */
const users = createGrpcClient(
  loadHeraldProto().herald.v1.UserService,
  `127.0.0.1:${state.ports.usersGrpc}`,
  {
    internalToken: state.internalToken,
    deadlineMs: 5000,
  },
);

afterAll(() => {
  reportingServer.close();
  users.close();
});

async function isSuppressed(userId: string): Promise<boolean> {
  return (await users.GetUser({ id: userId })).email_suppressed;
}

interface Delivered {
  readonly userId: string;
  readonly templateCode: string;
  readonly notificationId: string;
  readonly mail: ReceivedMail;
  /** The envelope sender the mail went out with, and its signed feedback header. */
  readonly returned: samples.ReturnedMail;
}

/** A new user's notification, delivered to the SMTP sink. */
async function deliverOne(): Promise<Delivered> {
  const suffix = randomUUID().slice(0, 8);
  const recipient = await createRecipientAndTemplate(state, suffix);
  const notificationId = await sendEmailNotification(state, { ...recipient, requestId: `bounce-${suffix}` });
  await waitForStatus(state, notificationId, 'DELIVERED');
  const mail = await waitFor(
    async () =>
      (await fetchSinkMessages(state.smtpInspectUrl)).find((received) =>
        received.messageId.includes(notificationId),
      ),
    { description: `the mail of ${notificationId} at the sink` },
  );
  return {
    userId: recipient.userId,
    templateCode: recipient.templateCode,
    notificationId,
    mail,
    returned: { returnPath: mail.from, token: mail.headers['x-herald-feedback-id'] ?? '' },
  };
}

/** Sends a raw report to the listener; resolves with its SMTP answer, or the refusal's code and text. */
async function report(
  to: string,
  raw: string,
): Promise<{ accepted: boolean; code: number; response: string }> {
  try {
    const info = await reportingServer.sendMail({
      envelope: { from: 'mailer-daemon@mx.example.net', to },
      raw,
    });
    return { accepted: true, code: 250, response: info.response };
  } catch (error) {
    const refused = error as { responseCode?: number; response?: string; message: string };
    return {
      accepted: false,
      code: refused.responseCode ?? 0,
      response: refused.response ?? refused.message,
    };
  }
}

async function eventsOf(notificationId: string) {
  return (await admin.notifications.get(notificationId))?.events ?? [];
}

async function refusalsCounted(): Promise<Record<string, number>> {
  const text = await (await fetch(`http://127.0.0.1:${state.ports.email}/metrics`)).text();
  return Object.fromEntries(
    [...text.matchAll(/^herald_bounce_mails_refused_total\{[^}]*reason="([^"]+)"[^}]*\} (\d+)/gm)].map(
      (match) => [match[1]!, Number(match[2])],
    ),
  );
}

describe('bounces and complaints through the bounce listener', () => {
  it('sends every mail from a signed return path at the bounce domain, the From header unchanged', async () => {
    const { notificationId, mail } = await deliverOne();
    expect(mail.from).toMatch(new RegExp(`^bounces\\+${notificationId}\\.[0-9a-f]{16}@${BOUNCE_DOMAIN}$`));
    expect(mail.headers.from).toContain('no-reply@herald.local');
    expect(mail.headers['x-herald-feedback-id']).toBe(
      mail.from.slice('bounces+'.length, mail.from.indexOf('@')),
    );
  });

  it('moves a delivered notification to BOUNCED on a DSN, with the status code and diagnostic on its timeline, and suppresses the address', async () => {
    const { userId, templateCode, notificationId, returned } = await deliverOne();
    expect(await isSuppressed(userId)).toBe(false);

    const answer = await report(returned.returnPath, samples.postfixHardBounce(returned));

    expect(answer).toMatchObject({ accepted: true, code: 250 });
    await waitForStatus(state, notificationId, 'BOUNCED');
    const bounced = (await eventsOf(notificationId)).at(-1);
    expect(bounced?.status).toBe('BOUNCED');
    expect(bounced?.detail).toMatch(/^hard bounce 5\.1\.1: smtp; 550 5\.1\.1 .*User unknown/);
    const rest = await fetch(`${state.gatewayUrl}/api/v1/notifications/${notificationId}/status`, {
      headers: { authorization: `Bearer ${state.adminApiKey}` },
    });
    expect(((await rest.json()) as { data: { status: string } }).data.status).toBe('bounced');
    expect(await isSuppressed(userId)).toBe(true);

    // The next mail to the address is not sent.
    const next = await sendEmailNotification(state, {
      userId,
      templateCode,
      requestId: `after-bounce-${notificationId}`,
    });
    await waitForStatus(state, next, 'SKIPPED');
    expect((await admin.notifications.get(next))?.statusDetail).toBe('suppressed');
    const mails = await fetchSinkMessages(state.smtpInspectUrl);
    expect(mails.filter((mail) => mail.messageId.includes(next))).toEqual([]);
  });

  it('moves a delivered notification to COMPLAINED on an ARF report sent to the feedback-loop address, live on a subscription, and suppresses the address', async () => {
    const { userId, notificationId, returned } = await deliverOne();
    const watch = admin.watchNotification(notificationId);
    const watched: { status: string; detail?: string | null }[] = [];
    const watching = (async () => {
      for await (const event of watch) watched.push(event);
    })();

    try {
      // The watch opens with the current status; then the report.
      await waitFor(() => watched.length > 0, { description: 'the watch to open' });
      const answer = await report(`fbl@${BOUNCE_DOMAIN}`, samples.yahooComplaint(returned));
      expect(answer).toMatchObject({ accepted: true, code: 250 });
      await waitFor(() => watched.some((event) => event.status === 'COMPLAINED'), {
        description: 'COMPLAINED on the subscription',
      });
    } finally {
      await watch.close();
      await watching;
    }
    await waitForStatus(state, notificationId, 'COMPLAINED');
    expect((await eventsOf(notificationId)).at(-1)).toMatchObject({
      status: 'COMPLAINED',
      detail: 'complaint: abuse report by Yahoo!-Mail-Feedback/2.0',
    });
    expect(await isSuppressed(userId)).toBe(true);
  });

  it('records a soft bounce as an event and leaves the notification DELIVERED and the address unsuppressed', async () => {
    const { userId, notificationId, returned } = await deliverOne();

    const answer = await report(returned.returnPath, samples.eximDelayWarning(returned));

    expect(answer).toMatchObject({ accepted: true, code: 250 });
    const softBounce = await waitFor(
      async () => (await eventsOf(notificationId)).find((event) => event.detail?.startsWith('soft bounce')),
      { description: 'the soft bounce on the timeline' },
    );
    expect(softBounce).toMatchObject({ status: 'DELIVERED', detail: expect.stringContaining('4.2.2') });
    expect((await admin.notifications.get(notificationId))?.status).toBe('DELIVERED');
    expect(await isSuppressed(userId)).toBe(false);
  });

  it('refuses a forged or unsigned bounce and changes nothing', async () => {
    const { userId, notificationId, returned } = await deliverOne();
    const other = await deliverOne();
    // Another notification's signature under this notification's id.
    const [, otherSignature] = other.returned.token.split('.');
    const forgedToken = `${notificationId}.${otherSignature}`;
    const forged = { returnPath: `bounces+${forgedToken}@${BOUNCE_DOMAIN}`, token: forgedToken };
    const unsigned = { returnPath: `no-reply@herald.local`, token: notificationId };

    expect(await report(forged.returnPath, samples.postfixHardBounce(forged))).toMatchObject({
      accepted: false,
      code: 550,
      response: expect.stringContaining('5.7.1'),
    });
    expect(await report(`postmaster@${BOUNCE_DOMAIN}`, samples.postfixHardBounce(forged))).toMatchObject({
      accepted: false,
      code: 550,
    });
    expect(await report(`fbl@${BOUNCE_DOMAIN}`, samples.yahooComplaint(unsigned))).toMatchObject({
      accepted: false,
      code: 550,
    });

    // The genuine report after them is taken, so nothing before it was merely late.
    expect(await report(returned.returnPath, samples.eximDelayWarning(returned))).toMatchObject({
      accepted: true,
    });
    await waitFor(
      async () => (await eventsOf(notificationId)).some((event) => event.detail?.startsWith('soft bounce')),
      { description: 'the genuine soft bounce on the timeline' },
    );
    expect((await eventsOf(notificationId)).map((event) => event.status)).not.toContain('BOUNCED');
    expect((await admin.notifications.get(notificationId))?.status).toBe('DELIVERED');
    expect(await isSuppressed(userId)).toBe(false);
    expect(await refusalsCounted()).toMatchObject({
      'forged-signature': expect.any(Number),
      unsigned: expect.any(Number),
    });
  });

  it('refuses each malformed report with an SMTP error and a count by reason, and keeps serving', async () => {
    const { notificationId, returned } = await deliverOne();
    const before = await refusalsCounted();
    const malformed = samples.malformedReports(returned);

    for (const { reason, raw } of malformed) {
      const answer = await report(returned.returnPath, raw);
      expect({ reason, ...answer }).toMatchObject({ reason, accepted: false, code: 550 });
      expect(answer.response).toContain('5.6.0');
    }

    const after = await refusalsCounted();
    for (const reason of new Set(malformed.map((sample) => sample.reason))) {
      const expected = malformed.filter((sample) => sample.reason === reason).length;
      expect({ reason, counted: (after[reason] ?? 0) - (before[reason] ?? 0) }).toEqual({
        reason,
        counted: expected,
      });
    }
    expect(await report(returned.returnPath, samples.postfixHardBounce(returned))).toMatchObject({
      accepted: true,
    });
    await waitForStatus(state, notificationId, 'BOUNCED');
  });

  it('refuses a report larger than the size limit with 552', async () => {
    const { returned } = await deliverOne();
    const huge = samples
      .postfixHardBounce(returned)
      .replace('This is a MIME-encapsulated message.', 'x'.repeat(3_000_000));

    expect(await report(returned.returnPath, huge)).toMatchObject({ accepted: false, code: 552 });
  });
});

describe('the REST status callback with bounced and complained', () => {
  const call = (channel: string, body: unknown) =>
    fetch(`${state.gatewayUrl}/api/v1/${channel}/status/`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${state.adminApiKey}` },
      body: JSON.stringify(body),
    });

  it("records a provider's complaint about a delivered email", async () => {
    const { notificationId } = await deliverOne();

    const answer = await call('email', {
      notification_id: notificationId,
      status: 'complained',
      error: 'abuse',
    });
    expect(answer.status).toBe(200);
    expect(((await answer.json()) as { data: { status: string; applied: boolean } }).data).toMatchObject({
      status: 'complained',
      applied: true,
    });
  });

  it('refuses bounced and complained for a push notification', async () => {
    const suffix = randomUUID().slice(0, 8);
    const { userId } = await createRecipientAndTemplate(state, suffix);
    const templateCode = `push-${suffix}`;
    await admin.templates.create({ code: templateCode, channel: 'PUSH', title: 'Hi', body: 'Hello.' });
    const { notification } = await admin.notifications.send({
      channel: 'PUSH',
      userId,
      templateCode,
      requestId: `push-${suffix}`,
    });

    for (const status of ['bounced', 'complained']) {
      const answer = await call('push', { notification_id: notification.id, status });
      expect({ status, code: answer.status }).toEqual({ status, code: 422 });
    }
  });
});
