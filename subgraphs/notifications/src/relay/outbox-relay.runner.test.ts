import { createLogger } from '@herald/logging';
import { waitFor } from '@herald/testkit';
import type { RelayPass } from '../use-cases/relay-outbox.use-case';
import { createOutboxRelayRunner, type OutboxRelayRunner } from './outbox-relay.runner';

const log = createLogger({ service: 'notifications-test', level: 'silent' });

/** A relay whose passes the test finishes by hand, recording how many ran at once. */
function controllableRelay() {
  const state = { started: 0, running: 0, maxRunning: 0, finish: [] as ((pass: RelayPass) => void)[] };
  const relay = () =>
    new Promise<RelayPass>((resolve) => {
      state.started += 1;
      state.running += 1;
      state.maxRunning = Math.max(state.maxRunning, state.running);
      state.finish.push((pass) => {
        state.running -= 1;
        resolve(pass);
      });
    });
  const finishPass = (pass: RelayPass = { published: 0, more: false }) => state.finish.shift()?.(pass);
  return { relay, state, finishPass };
}

describe('outbox relay runner', () => {
  let runner: OutboxRelayRunner | undefined;
  afterEach(async () => {
    await runner?.stop();
    runner = undefined;
  });

  it('runs a pass at start, and one more pass for any number of kicks during a pass', async () => {
    const { relay, state, finishPass } = controllableRelay();
    runner = createOutboxRelayRunner({ relay, pollMs: 60_000, log });
    runner.start();
    expect(state.started).toBe(1);
    runner.kick();
    runner.kick();
    finishPass();
    await waitFor(() => state.started === 2, { description: 'the pass the kicks asked for' });
    finishPass();
    await waitFor(() => state.running === 0, { description: 'the second pass to end' });
    expect(state.started).toBe(2);
    expect(state.maxRunning).toBe(1);
  });

  it('keeps going while passes say more rows are waiting', async () => {
    const { relay, state, finishPass } = controllableRelay();
    runner = createOutboxRelayRunner({ relay, pollMs: 60_000, log });
    runner.start();
    finishPass({ published: 10, more: true });
    await waitFor(() => state.started === 2, { description: 'a follow-up pass' });
    finishPass();
  });

  it('polls as a safety net, also after a failed pass', async () => {
    let passes = 0;
    runner = createOutboxRelayRunner({
      relay: async () => {
        passes += 1;
        if (passes === 1) throw new Error('database restarting');
        return { published: 0, more: false };
      },
      pollMs: 20,
      log,
    });
    runner.start();
    await waitFor(() => passes >= 3, { description: 'polled passes' });
  });

  it('tells how each pass ended, so wake-ups that found nothing can be counted', async () => {
    const outcomes: string[] = [];
    const passes: (() => Promise<RelayPass>)[] = [
      async () => ({ published: 3, more: false }),
      async () => ({ published: 0, more: false }),
      async () => {
        throw new Error('broker gone');
      },
    ];
    runner = createOutboxRelayRunner({
      relay: () => passes.shift()!(),
      pollMs: 60_000,
      log,
      onPass: (outcome) => outcomes.push(outcome),
    });
    runner.start();
    await waitFor(() => outcomes.length === 1, { description: 'the first pass' });
    runner.kick();
    await waitFor(() => outcomes.length === 2, { description: 'the second pass' });
    runner.kick();
    await waitFor(() => outcomes.length === 3, { description: 'the third pass' });
    expect(outcomes).toEqual(['published', 'empty', 'failed']);
  });

  it('ignores kicks before start and after stop, and waits for the pass in progress', async () => {
    const { relay, state, finishPass } = controllableRelay();
    runner = createOutboxRelayRunner({ relay, pollMs: 60_000, log });
    runner.kick();
    expect(state.started).toBe(0);
    runner.start();
    let stopped = false;
    const stopping = runner.stop().then(() => (stopped = true));
    runner.kick();
    await Promise.resolve();
    expect(stopped).toBe(false);
    finishPass({ published: 1, more: true });
    await stopping;
    expect(state.started).toBe(1);
  });
});
