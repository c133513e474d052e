import type { Logger } from '@herald/logging';
import type { RelayOutbox } from '../use-cases/relay-outbox.use-case';

export type RelayPassOutcome = 'published' | 'empty' | 'failed';

export interface OutboxRelayRunner {
  start(): void;
  /** Asks for a pass now (after an accept); passes never overlap, a kick during one queues another. */
  kick(): void;
  /** Stops scheduling passes and waits for the current one. */
  stop(): Promise<void>;
}

/**
 * Runs relay passes when kicked and, as a safety net for kicks that were missed (another
 * replica's accepts, a broker outage, a crash), every `pollMs`.
 */
export function createOutboxRelayRunner(options: {
  relay: RelayOutbox;
  pollMs: number;
  log: Logger;
  /** Names the loop in its log lines (the same runner drives the scheduler and the sweeper). */
  name?: string;
  /** Told how each pass ended: an empty pass is a wake-up that found nothing to do. */
  onPass?: (outcome: RelayPassOutcome) => void;
}): OutboxRelayRunner {
  let running = false;
  let current: Promise<void> | undefined;
  let kickedDuringPass = false;
  let timer: NodeJS.Timeout | undefined;

  const schedulePoll = () => {
    clearTimeout(timer);
    if (!running) return;
    timer = setTimeout(trigger, options.pollMs);
    timer.unref();
  };

  const runPasses = async () => {
    let again = true;
    while (again && running) {
      kickedDuringPass = false;
      try {
        const pass = await options.relay();
        options.onPass?.(pass.published > 0 ? 'published' : 'empty');
        again = pass.more || kickedDuringPass;
      } catch (error) {
        options.onPass?.('failed');
        options.log.warn(
          { err: error },
          `${options.name ?? 'outbox relay'} pass failed; retrying on the next poll`,
        );
        again = false;
      }
    }
  };

  function trigger() {
    if (!running) return;
    if (current) {
      kickedDuringPass = true;
      return;
    }
    clearTimeout(timer);
    current = runPasses().finally(() => {
      current = undefined;
      schedulePoll();
    });
  }

  return {
    start() {
      running = true;
      trigger();
    },
    kick: trigger,
    async stop() {
      running = false;
      clearTimeout(timer);
      await current;
    },
  };
}
