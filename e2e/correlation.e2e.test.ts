import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fetchSinkSpans, waitFor } from '@herald/testkit';
import { createRecipientAndTemplate, sendEmailNotification, waitForStatus } from './email-steps';
import { readSystemState } from './system-state';

const state = readSystemState();

type LogLine = Record<string, unknown>;

/** The JSON lines of one service's log file (files are named by the system runner's service names). */
function logLines(service: 'gateway' | 'notifications' | 'users' | 'templates' | 'email'): LogLine[] {
  return readFileSync(join(state.logDir, `${service}.log`), 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as LogLine);
}

describe('one notification followed across services by its correlation id and its trace', () => {
  const suffix = randomUUID().slice(0, 8);
  const correlationId = `e2e-corr-${suffix}`;
  const traceId = randomBytes(16).toString('hex');
  let notificationId: string;

  beforeAll(async () => {
    const { userId, templateCode } = await createRecipientAndTemplate(state, suffix);
    notificationId = await sendEmailNotification(
      state,
      { userId, templateCode, requestId: `corr-${suffix}` },
      {
        'x-correlation-id': correlationId,
        traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01`,
      },
    );
    await waitForStatus(state, notificationId, 'DELIVERED');
  });

  it('finds the caller correlation id in the logs of the gateway, notifications, users or templates, and the email worker', async () => {
    const carrying = (service: Parameters<typeof logLines>[0]) =>
      logLines(service).filter((line) => line.correlation_id === correlationId);
    await waitFor(
      () =>
        carrying('email').some(
          (line) => line.message === 'status recorded' || line.message === 'notification sent',
        ),
      {
        description: 'the email worker to log the send',
      },
    );
    expect(carrying('gateway').map((line) => line.service)).toContain('gateway');
    expect(carrying('notifications').length).toBeGreaterThan(0);
    expect([...carrying('users'), ...carrying('templates')]).toContainEqual(
      expect.objectContaining({ message: 'rpc handled', code: 'OK' }),
    );
    expect(carrying('email').map((line) => line.service)).toContain('email-worker');
  });

  it('logs every hop of the lifecycle once, with the notification and correlation ids', async () => {
    const hopsOf = (service: Parameters<typeof logLines>[0]) =>
      logLines(service)
        .filter((line) => line.notification_id === notificationId && line.level === 'info')
        .map((line) => ({ message: line.message, correlation_id: line.correlation_id }));
    const hop = (message: string) => ({ message, correlation_id: correlationId });
    await waitFor(() => hopsOf('notifications').some((line) => line.message === 'status recorded'), {
      description: 'the DELIVERED status to be recorded',
    });
    const notifications = hopsOf('notifications');
    const worker = hopsOf('email');
    for (const message of ['notification accepted', 'notification queued'])
      expect(notifications.filter((line) => line.message === message)).toEqual([hop(message)]);
    expect(notifications).toContainEqual(hop('status recorded'));
    // A slow peer can cost an attempt on a loaded machine: consumed and rendered repeat per attempt.
    for (const message of ['notification consumed', 'notification rendered'])
      expect(worker).toContainEqual(hop(message));
    expect(worker.filter((line) => line.message === 'notification sent')).toEqual([hop('notification sent')]);
  });

  it('exports spans of the gateway, notifications, users or templates, and the email worker in the caller trace', async () => {
    const services = await waitFor(
      async () => {
        const spans = (await fetchSinkSpans(state.otlpInspectUrl)).filter((span) => span.traceId === traceId);
        const seen = new Set(spans.map((span) => span.service));
        return ['gateway', 'notifications', 'email-worker'].every((service) => seen.has(service)) && seen;
      },
      { description: 'spans of every hop in one trace' },
    );
    expect(services.has('users') || services.has('templates')).toBe(true);
  });
});
