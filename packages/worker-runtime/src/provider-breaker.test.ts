import { createMetricsRegistry } from '@herald/observability';
import { waitFor } from '@herald/testkit';
import { ada, silentLog } from '../test/fixtures';
import type { DeliveryChannel, RenderedContent, SendResult } from './delivery-channel';
import { DeliveryRefusedError, DeliveryUnavailableError } from './delivery-error';
import { BreakerOpenError, guardWithBreaker } from './provider-breaker';

const rendered: RenderedContent = { templateCode: 'welcome', version: 1, locale: 'en', body: 'Hello' };
const context = { notificationId: 'n-1', priority: 5, attempt: 1 };

function setUp(send: () => Promise<SendResult>) {
  const registry = createMetricsRegistry('delivery-test');
  const channel: DeliveryChannel = { name: 'email', send, close: async () => undefined };
  const events: string[] = [];
  const guarded = guardWithBreaker(
    channel,
    { volumeThreshold: 2, errorThresholdPercentage: 50, resetTimeoutMs: 50, rollingWindowMs: 10_000 },
    registry,
    silentLog,
  );
  guarded.watch({ opened: () => events.push('opened'), halfOpened: () => events.push('half-opened') });
  const fire = () => guarded.send(ada, rendered, context);
  const state = async () =>
    /herald_circuit_breaker_state\{[^}]*channel="email"[^}]*\} (\d)/.exec(await registry.metrics())?.[1];
  return { guarded, fire, events, state };
}

describe('guardWithBreaker', () => {
  it('opens after transient failures, refuses with BreakerOpenError, and closes after a good trial', async () => {
    let down = true;
    const { guarded, fire, events, state } = setUp(async () => {
      if (down) throw new DeliveryUnavailableError('connection refused');
      return { kind: 'delivered', providerMessageId: 'm-1' };
    });

    await expect(fire()).rejects.toBeInstanceOf(DeliveryUnavailableError);
    await expect(fire()).rejects.toBeInstanceOf(DeliveryUnavailableError);
    await expect(fire()).rejects.toBeInstanceOf(BreakerOpenError);
    expect(events).toEqual(['opened']);
    expect(await state()).toBe('2');
    expect(guarded.breakerState()).toBe('open');

    down = false;
    await waitFor(() => events.includes('half-opened'), { description: 'half-open' });
    expect(guarded.breakerState()).toBe('half-open');
    await expect(fire()).resolves.toEqual({ kind: 'delivered', providerMessageId: 'm-1' });
    expect(await state()).toBe('0');
    expect(guarded.breakerState()).toBe('closed');
    await guarded.close();
  });

  it('does not count permanent refusals against the provider', async () => {
    const { guarded, fire, events } = setUp(async () => {
      throw new DeliveryRefusedError('550 mailbox unavailable');
    });

    for (let i = 0; i < 5; i++) await expect(fire()).rejects.toMatchObject({ retryable: false });
    expect(events).toEqual([]);
    await guarded.close();
  });

  it('lets sends that arrive during the half-open trial wait for its verdict', async () => {
    let down = true;
    let calls = 0;
    let openGate: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (openGate = resolve));
    const { guarded, fire, events } = setUp(async () => {
      calls++;
      if (down) throw new DeliveryUnavailableError('connection refused');
      await gate;
      return { kind: 'delivered', providerMessageId: 'm-1' };
    });
    await expect(fire()).rejects.toBeInstanceOf(DeliveryUnavailableError);
    await expect(fire()).rejects.toBeInstanceOf(DeliveryUnavailableError);
    down = false;
    await waitFor(() => events.includes('half-opened'), { description: 'half-open' });

    const trial = fire();
    const waiting = fire();
    await waitFor(() => calls === 3, { description: 'the trial in flight' });
    expect(calls).toBe(3);
    openGate();

    await expect(trial).resolves.toMatchObject({ kind: 'delivered' });
    await expect(waiting).resolves.toMatchObject({ kind: 'delivered' });
    expect(calls).toBe(4);
    await guarded.close();
  });
});
