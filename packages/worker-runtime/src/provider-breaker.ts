import CircuitBreaker from 'opossum';
import { Gauge, Histogram } from 'prom-client';
import type { Logger } from '@herald/logging';
import type { MetricsRegistry } from '@herald/observability';
import type { BreakerState } from '@herald/lifecycle';
import type {
  DeliveryChannel,
  DeliveryContext,
  Recipient,
  RenderedContent,
  SendResult,
} from './delivery-channel';
import { DeliveryRefusedError, DeliveryUnavailableError } from './delivery-error';

/** Thrown instead of sending while the breaker is open; the message goes back to its queue unattempted. */
export class BreakerOpenError extends Error {
  constructor(provider: string) {
    super(`circuit breaker of ${provider} is open`);
    this.name = 'BreakerOpenError';
  }
}

export interface BreakerOptions {
  /** Sends in the rolling window before the error rate may open the breaker. */
  readonly volumeThreshold: number;
  readonly errorThresholdPercentage: number;
  /** How long the breaker stays open before letting one trial send through (half-open). */
  readonly resetTimeoutMs: number;
  readonly rollingWindowMs: number;
}

/** Told when sending should stop (open) and may start again (half-open). */
export interface BreakerListener {
  opened(): void;
  halfOpened(): void;
}

export interface GuardedChannel extends DeliveryChannel {
  watch(listener: BreakerListener): void;
  /** The breaker's state now, as /ready reports it. */
  breakerState(): BreakerState;
}
const STATE_VALUE: Record<BreakerState, number> = { closed: 0, 'half-open': 1, open: 2 };

/**
 * Wraps a channel's provider in an opossum breaker. Only DeliveryUnavailableErrors count as
 * failures: a refused address says nothing about the provider's health. There is no breaker
 * timeout, since abandoning a send that then succeeds would send twice; providers bound their
 * own calls.
 */
export function guardWithBreaker(
  channel: DeliveryChannel,
  options: BreakerOptions,
  registry: MetricsRegistry,
  log: Logger,
): GuardedChannel {
  const provider = channel.name;
  const latency = new Histogram({
    name: 'herald_provider_send_seconds',
    help: 'Time a provider took to accept or refuse a send.',
    labelNames: ['channel', 'outcome'] as const,
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  const state = new Gauge({
    name: 'herald_circuit_breaker_state',
    help: 'Provider circuit breaker: 0 closed, 1 half-open, 2 open.',
    labelNames: ['channel'] as const,
    registers: [registry],
  });
  state.set({ channel: provider }, STATE_VALUE.closed);

  const timedSend = async (recipient: Recipient, rendered: RenderedContent, context: DeliveryContext) => {
    const stop = latency.startTimer({ channel: provider });
    try {
      const result = await channel.send(recipient, rendered, context);
      stop({ outcome: 'ok' });
      return result;
    } catch (error) {
      stop({ outcome: error instanceof DeliveryRefusedError ? 'refused' : 'error' });
      throw error;
    }
  };
  const breaker = new CircuitBreaker(timedSend, {
    timeout: false,
    volumeThreshold: options.volumeThreshold,
    errorThresholdPercentage: options.errorThresholdPercentage,
    resetTimeout: options.resetTimeoutMs,
    rollingCountTimeout: options.rollingWindowMs,
    errorFilter: (error: unknown) => !(error instanceof DeliveryUnavailableError),
  });
  const listeners: BreakerListener[] = [];
  let current: BreakerState = 'closed';
  const enter = (next: BreakerState) => {
    current = next;
    state.set({ channel: provider }, STATE_VALUE[next]);
    (next === 'closed' ? log.info : log.warn).call(log, { provider, state: next }, 'circuit breaker changed');
  };
  breaker.on('open', () => {
    enter('open');
    for (const listener of listeners) listener.opened();
  });
  breaker.on('halfOpen', () => {
    enter('half-open');
    for (const listener of listeners) listener.halfOpened();
  });
  breaker.on('close', () => enter('closed'));

  /** Resolves when a half-open trial has settled the breaker either way. */
  const settled = () =>
    new Promise<void>((resolve) => {
      const done = () => {
        breaker.removeListener('close', done);
        breaker.removeListener('open', done);
        resolve();
      };
      breaker.on('close', done);
      breaker.on('open', done);
    });

  const send = async (
    recipient: Recipient,
    rendered: RenderedContent,
    context: DeliveryContext,
  ): Promise<SendResult> => {
    for (;;) {
      try {
        return await breaker.fire(recipient, rendered, context);
      } catch (error) {
        if (!isOpenBreakerError(error)) throw error;
        // Half-open lets one trial through; the rest wait for its verdict instead of bouncing
        // through the queue.
        if (!breaker.halfOpen) throw new BreakerOpenError(provider);
        await settled();
        if (breaker.opened) throw new BreakerOpenError(provider);
      }
    }
  };

  return {
    name: channel.name,
    send,
    watch: (listener) => listeners.push(listener),
    breakerState: () => current,
    close: async () => {
      breaker.shutdown();
      await channel.close();
    },
  };
}

function isOpenBreakerError(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    (error as { code: unknown }).code === 'EOPENBREAKER'
  );
}
