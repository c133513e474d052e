import { NotFoundError, UnavailableError, UnprocessableError } from '@herald/errors';
import { queuedNotification } from '@herald/testkit';
import type { DeliveryChannel, Recipient, RenderedContent, SendResult } from './delivery-channel';
import { DeliveryRefusedError, DeliveryUnavailableError } from './delivery-error';
import type { DeliveryMetrics, DeliveryResult } from './delivery-metrics';
import type {
  DeliveryPeers,
  RenderRequest,
  ReportedStatus,
  StatusChange,
  StatusReceipt,
} from './delivery-peers';
import { ada, silentLog } from '../test/fixtures';
import { makeDeliverNotification } from './deliver-notification';
import { BreakerOpenError } from './provider-breaker';

const NOW = new Date('2026-01-02T03:04:05.000Z');
/** Reads in en-GB, not in the message's en. */
const britishAda: Recipient = { ...ada, locale: 'en-GB' };

interface Fakes {
  readonly reports: StatusChange[];
  readonly renders: RenderRequest[];
  readonly sends: { recipient: Recipient; rendered: RenderedContent }[];
  readonly counted: DeliveryResult[];
  /** The pauses between claims, in ms. */
  readonly waits: number[];
}

function setUp(options: {
  claim?: StatusReceipt;
  /** The answers to successive claims, before `claim`'s. */
  claims?: StatusReceipt[];
  claimLeaseMs?: number;
  user?: () => Promise<Recipient>;
  send?: () => Promise<SendResult>;
  maxAttempts?: number;
  lostReport?: ReportedStatus;
}) {
  const fakes: Fakes = { reports: [], renders: [], sends: [], counted: [], waits: [] };
  const claims = [...(options.claims ?? [])];
  const peers: DeliveryPeers = {
    statuses: {
      report: async (change) => {
        if (change.status === options.lostReport)
          throw new UnavailableError('ReportStatus failed: UNAVAILABLE');
        fakes.reports.push(change);
        if (change.status !== 'SENDING') return { applied: true, status: change.status };
        return claims.shift() ?? options.claim ?? { applied: true, status: change.status };
      },
    },
    users: { getUser: options.user ?? (async () => britishAda) },
    templates: {
      render: async (request) => {
        fakes.renders.push(request);
        return {
          templateCode: request.code,
          version: 3,
          locale: 'en',
          subject: 'Hi',
          body: `Hello ${String(request.variables.name)}`,
        };
      },
    },
  };
  const channel: DeliveryChannel = {
    name: 'email',
    send: async (recipient, rendered) => {
      fakes.sends.push({ recipient, rendered });
      return options.send ? options.send() : { kind: 'delivered', providerMessageId: '<m1@herald.local>' };
    },
    close: async () => undefined,
  };
  const metrics: DeliveryMetrics = { count: (result) => fakes.counted.push(result) };
  const deliver = makeDeliverNotification({
    channel,
    peers,
    maxAttempts: options.maxAttempts ?? 5,
    claimLeaseMs: options.claimLeaseMs ?? 10_000,
    metrics,
    now: () => NOW,
    wait: async (ms) => void fakes.waits.push(ms),
  });
  return { deliver, fakes };
}

const statuses = (fakes: Fakes) => fakes.reports.map((report) => report.status);

describe('makeDeliverNotification', () => {
  it('claims, renders with the message variables, sends once and reports DELIVERED with the provider id', async () => {
    const { deliver, fakes } = setUp({});

    const outcome = await deliver(queuedNotification(), silentLog);

    expect(outcome).toEqual({ kind: 'ack' });
    expect(statuses(fakes)).toEqual(['SENDING', 'DELIVERED']);
    expect(fakes.reports[1]).toEqual({
      notificationId: queuedNotification().notification_id,
      status: 'DELIVERED',
      detail: '<m1@herald.local>',
      attempt: 1,
      at: NOW,
    });
    expect(fakes.renders).toEqual([
      { code: 'welcome', locale: 'en', version: 3, variables: { name: 'Ada' } },
    ]);
    expect(fakes.sends).toHaveLength(1);
    expect(fakes.sends[0]?.rendered.body).toBe('Hello Ada');
    expect(fakes.counted).toEqual(['delivered']);
  });

  it("renders in the user's locale when the message names none", async () => {
    const { deliver, fakes } = setUp({});

    await deliver(queuedNotification({ locale: '' }), silentLog);

    expect(fakes.renders[0]?.locale).toBe('en-GB');
  });

  it('reports SKIPPED after the claim, renders and sends nothing, when the user turned email off since the accept', async () => {
    const { deliver, fakes } = setUp({
      user: async () => ({ ...britishAda, preferences: { ...britishAda.preferences, email: false } }),
    });

    expect(await deliver(queuedNotification(), silentLog)).toEqual({ kind: 'ack' });

    expect(statuses(fakes)).toEqual(['SENDING', 'SKIPPED']);
    expect(fakes.reports[1]?.detail).toBe('user turned email notifications off at send time');
    expect(fakes.renders).toHaveLength(0);
    expect(fakes.sends).toHaveLength(0);
    expect(fakes.counted).toEqual(['skipped']);
  });

  it('reports SKIPPED "suppressed" and sends nothing when the address was suppressed since the accept', async () => {
    const { deliver, fakes } = setUp({ user: async () => ({ ...britishAda, emailSuppressed: true }) });

    expect(await deliver(queuedNotification(), silentLog)).toEqual({ kind: 'ack' });

    expect(statuses(fakes)).toEqual(['SENDING', 'SKIPPED']);
    expect(fakes.reports[1]?.detail).toBe('suppressed');
    expect(fakes.sends).toHaveLength(0);
  });

  it("skips a message of a category the user opted out of since the accept, and sends the user's other categories", async () => {
    const { deliver, fakes } = setUp({
      user: async () => ({
        ...britishAda,
        preferences: { ...britishAda.preferences, optedOutCategories: ['marketing'] },
      }),
    });

    await deliver(queuedNotification({ category: 'marketing' }), silentLog);
    await deliver(queuedNotification({ category: 'security' }), silentLog);

    expect(statuses(fakes)).toEqual(['SENDING', 'SKIPPED', 'SENDING', 'DELIVERED']);
    expect(fakes.reports[1]?.detail).toBe('user opted out of category "marketing" at send time');
    expect(fakes.sends).toHaveLength(1);
  });

  it.each(['DELIVERED', 'FAILED', 'SKIPPED', 'CANCELLED'])(
    'acks a redelivered message without sending when the notification is already %s',
    async (status) => {
      const { deliver, fakes } = setUp({ claim: { applied: false, status } });

      const outcome = await deliver(queuedNotification(), silentLog);

      expect(outcome).toEqual({ kind: 'ack' });
      expect(fakes.sends).toHaveLength(0);
      expect(statuses(fakes)).toEqual(['SENDING']);
      expect(fakes.counted).toEqual(['duplicate']);
    },
  );

  it('still sends when the claim was not applied but the notification is not settled', async () => {
    const { deliver, fakes } = setUp({ claim: { applied: false, status: 'SENDING' } });

    expect(await deliver(queuedNotification(), silentLog)).toEqual({ kind: 'ack' });
    expect(fakes.sends).toHaveLength(1);
  });

  it('claims with the message’s delivery id, and acks without sending when another copy holds the claim', async () => {
    const { deliver, fakes } = setUp({
      claim: { applied: false, status: 'SENDING', claimedByAnotherDelivery: true },
    });
    const deliveryId = '5f0c2d9a-6b1e-4c3d-8e7f-9a0b1c2d3e4f';

    expect(await deliver(queuedNotification({ delivery_id: deliveryId }), silentLog)).toEqual({
      kind: 'ack',
    });
    expect(fakes.sends).toHaveLength(0);
    expect(fakes.reports).toEqual([expect.objectContaining({ status: 'SENDING', deliveryId })]);
    expect(fakes.counted).toEqual(['duplicate']);
  });

  it('reports FAILED and dead-letters when the provider refuses permanently', async () => {
    const { deliver, fakes } = setUp({
      send: () => Promise.reject(new DeliveryRefusedError('550 mailbox unavailable')),
    });

    const outcome = await deliver(queuedNotification(), silentLog);

    expect(outcome).toEqual({ kind: 'dead-letter', reason: '550 mailbox unavailable' });
    expect(statuses(fakes)).toEqual(['SENDING', 'FAILED']);
    expect(fakes.reports[1]?.detail).toBe('550 mailbox unavailable');
    expect(fakes.counted).toEqual(['failed']);
  });

  it('reports RETRYING with the error and retries on a transient provider failure', async () => {
    const { deliver, fakes } = setUp({
      send: () => Promise.reject(new DeliveryUnavailableError('451 try again later')),
    });

    const outcome = await deliver(queuedNotification({ attempt: 2 }), silentLog);

    expect(outcome).toEqual({ kind: 'retry', reason: '451 try again later' });
    expect(fakes.reports.map(({ status, detail, attempt }) => ({ status, detail, attempt }))).toEqual([
      { status: 'SENDING', detail: '', attempt: 2 },
      { status: 'RETRYING', detail: '451 try again later', attempt: 2 },
    ]);
    expect(fakes.counted).toEqual(['retried']);
  });

  it('fails and dead-letters a transient failure at the last attempt', async () => {
    const { deliver, fakes } = setUp({
      maxAttempts: 3,
      send: () => Promise.reject(new DeliveryUnavailableError('connection reset')),
    });

    const outcome = await deliver(queuedNotification({ attempt: 3 }), silentLog);

    expect(outcome).toEqual({ kind: 'dead-letter', reason: 'attempts exhausted (3 of 3): connection reset' });
    expect(statuses(fakes)).toEqual(['SENDING', 'FAILED']);
  });

  it('retries when a peer service is unavailable', async () => {
    const { deliver, fakes } = setUp({
      user: () => Promise.reject(new UnavailableError('GetUser failed: UNAVAILABLE')),
    });

    const outcome = await deliver(queuedNotification(), silentLog);

    expect(outcome.kind).toBe('retry');
    expect(statuses(fakes)).toEqual(['SENDING', 'RETRYING']);
    expect(fakes.sends).toHaveLength(0);
  });

  it.each([
    ['an unknown user', new NotFoundError('user not found')],
    ['missing template variables', new UnprocessableError('missing variables: name')],
  ])('fails without retrying for %s', async (_case, error) => {
    const { deliver, fakes } = setUp({ user: () => Promise.reject(error) });

    const outcome = await deliver(queuedNotification(), silentLog);

    expect(outcome.kind).toBe('dead-letter');
    expect(statuses(fakes)).toEqual(['SENDING', 'FAILED']);
    expect(fakes.reports[1]?.detail).toBe(`${error.code}: ${error.message}`);
  });

  it('reports SKIPPED and acks when the channel has nothing to send to', async () => {
    const { deliver, fakes } = setUp({ send: async () => ({ kind: 'skipped', reason: 'no valid device' }) });

    expect(await deliver(queuedNotification(), silentLog)).toEqual({ kind: 'ack' });
    expect(fakes.reports[1]).toMatchObject({ status: 'SKIPPED', detail: 'no valid device' });
    expect(fakes.counted).toEqual(['skipped']);
  });

  it('acks a sent notification even when its DELIVERED report is lost, so it is not sent twice', async () => {
    const { deliver, fakes } = setUp({ lostReport: 'DELIVERED' });

    expect(await deliver(queuedNotification(), silentLog)).toEqual({ kind: 'ack' });
    expect(fakes.sends).toHaveLength(1);
    expect(fakes.counted).toEqual(['delivered']);
  });

  it('returns the message to its queue, using no attempt and reporting nothing more, while the breaker is open', async () => {
    const { deliver, fakes } = setUp({
      send: async () => {
        throw new BreakerOpenError('email');
      },
    });

    expect(await deliver(queuedNotification(), silentLog)).toEqual({
      kind: 'requeue',
      reason: 'circuit breaker of email is open',
    });
    expect(statuses(fakes)).toEqual(['SENDING']);
    expect(fakes.counted).toEqual(['requeued']);
  });
});

describe('makeDeliverNotification and the claim lease (decision 0030)', () => {
  const held = (leaseRemainingMs: number): StatusReceipt => ({
    applied: false,
    status: 'SENDING',
    leaseRemainingMs,
  });

  it('waits while another worker still sends this copy, and acks unsent once that worker delivered it', async () => {
    const { deliver, fakes } = setUp({
      claims: [held(3_000), held(2_800), { applied: false, status: 'DELIVERED' }],
    });

    expect(await deliver(queuedNotification(), silentLog)).toEqual({ kind: 'ack' });
    expect(fakes.sends).toHaveLength(0);
    expect(fakes.waits).toEqual([200, 200]);
    expect(statuses(fakes)).toEqual(['SENDING', 'SENDING', 'SENDING']);
    expect(fakes.counted).toEqual(['duplicate']);
  });

  it('sends once the other worker’s lease lapsed, waiting no longer than it had left', async () => {
    const { deliver, fakes } = setUp({ claims: [held(150), { applied: false, status: 'SENDING' }] });

    expect(await deliver(queuedNotification(), silentLog)).toEqual({ kind: 'ack' });
    expect(fakes.waits).toEqual([150]);
    expect(fakes.sends).toHaveLength(1);
    expect(statuses(fakes)).toEqual(['SENDING', 'SENDING', 'DELIVERED']);
  });

  it('claims each handling of a message under its own holder, so a redelivery to this worker waits too', async () => {
    const { deliver, fakes } = setUp({ claimLeaseMs: 7_000 });

    await deliver(queuedNotification(), silentLog);
    await deliver(queuedNotification(), silentLog);

    const leases = fakes.reports
      .filter((report) => report.status === 'SENDING')
      .map((report) => report.lease);
    expect(leases).toEqual([
      { holder: expect.any(String), ms: 7_000 },
      { holder: expect.any(String), ms: 7_000 },
    ]);
    expect(leases[0]?.holder).not.toBe(leases[1]?.holder);
    // Only the claim carries a lease: an outcome ends it.
    expect(fakes.reports.filter((report) => report.status === 'DELIVERED' && report.lease)).toEqual([]);
  });

  describe('while a send runs', () => {
    beforeEach(() => jest.useFakeTimers());
    afterEach(() => jest.useRealTimers());

    it('renews the lease every third of it under the same holder, and stops once the send ends', async () => {
      let finishSend: (result: SendResult) => void = () => undefined;
      const { deliver, fakes } = setUp({
        claimLeaseMs: 9_000,
        send: () => new Promise((resolve) => (finishSend = resolve)),
      });

      const delivering = deliver(queuedNotification(), silentLog);
      await jest.advanceTimersByTimeAsync(9_000);
      finishSend({ kind: 'delivered', providerMessageId: '<slow@herald.local>' });
      expect(await delivering).toEqual({ kind: 'ack' });
      await jest.advanceTimersByTimeAsync(30_000);

      expect(statuses(fakes)).toEqual(['SENDING', 'SENDING', 'SENDING', 'SENDING', 'DELIVERED']);
      const holders = new Set(fakes.reports.flatMap((report) => (report.lease ? [report.lease.holder] : [])));
      expect(holders.size).toBe(1);
    });
  });
});
