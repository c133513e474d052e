import { performance } from 'node:perf_hooks';
import { waitFor, type RedisNode } from '@herald/testkit';
import { WORKER_PREFETCH } from '../harness';
import type { ClusterHarness } from './cluster-harness';

/**
 * One SIGKILL in the multi-node topology. Nothing is restored during the phase: the survivors
 * carry the load, and recovery is measured from the kill. The killed process comes back only
 * after the phase is counted, so the next fault again meets two of everything.
 */
export interface ClusterFault {
  readonly name: string;
  /** Second copies the fault may cause without a fault of Herald's (see Fault.answerWindow). */
  readonly answerWindow: number;
  /** Looks up, before the load starts, what the strike needs (rabbitmqctl is slow under load). */
  prepare?(harness: ClusterHarness): Promise<void>;
  /** Brings the system to the moment the fault names, kills, and resolves with the kill's time. */
  strike(harness: ClusterHarness): Promise<number>;
  /** Starts the killed process again and waits until it serves. */
  repair(harness: ClusterHarness): Promise<void>;
}

/** A publish (method, header and body frames) is hundreds of bytes; a heartbeat is 8. */
const PUBLISH_BYTES = 200;
/** Sends held at the provider before a worker is killed: both replicas then hold some. */
const HELD_SENDS = 10;

const killGateway: ClusterFault = {
  name: 'SIGKILL gateway a (clients retry on b)',
  answerWindow: 0,
  strike: async ({ system }) => {
    await system.replicas.a.kill('gateway');
    return performance.now();
  },
  repair: ({ system }) => system.replicas.a.restart('gateway'),
};

/**
 * The broker's confirms to notifications a are held back, so its relay waits with a batch
 * claimed (rows locked, the transaction open) and published; once it has sent a publish, it is
 * killed. Replica b's relay must take the rows over when the transaction dies with the process,
 * publish them again, and the workers must send each notification once.
 */
const killRelayHoldingBatch: ClusterFault = {
  name: 'SIGKILL notifications a while its relay holds a batch',
  answerWindow: 0,
  strike: async ({ system, relayProxies }) => {
    for (const proxy of relayProxies) proxy.hold();
    try {
      await waitFor(() => relayProxies.some((proxy) => proxy.sentWhileHeld() > PUBLISH_BYTES), {
        timeoutMs: 15_000,
        intervalMs: 5,
        description: "notifications a's relay to publish a batch and wait for the confirms",
      });
      await system.replicas.a.kill('notifications');
      return performance.now();
    } finally {
      for (const proxy of relayProxies) proxy.restore();
    }
  },
  repair: ({ system }) => system.replicas.a.restart('notifications'),
};

/**
 * The provider holds its answers until both workers of the channel wait on sends, then worker a
 * is killed with its batch unacknowledged and, once the provider has seen a's connections close
 * (so it drops a's sends as a real server aborts them), answers again. a's messages go back to
 * the queue and worker b delivers them; a send the provider had accepted before the hold whose
 * report a had not made yet is the answer window.
 */
function killWorkerMidBatch(channel: 'email' | 'push', log: (line: string) => void): ClusterFault {
  const provider = ({ smtp, fcm }: ClusterHarness) => (channel === 'email' ? smtp : fcm);
  return {
    name: `SIGKILL ${channel} worker a mid-batch`,
    answerWindow: WORKER_PREFETCH,
    strike: async (harness) => {
      const held = provider(harness);
      for (let attempt = 1; ; attempt += 1) {
        held.hold();
        try {
          await waitFor(() => held.heldCount() >= HELD_SENDS, {
            timeoutMs: 15_000,
            intervalMs: 10,
            description: `${HELD_SENDS} ${channel} sends waiting at the provider`,
          });
          const heldBefore = held.heldCount();
          await harness.system.replicas.a.kill(channel);
          const at = performance.now();
          if (await droppedSends(held, heldBefore)) return at;
        } finally {
          held.release();
        }
        // Every held send was b's: a was killed between batches, not mid-batch. Once more.
        if (attempt === KILL_ATTEMPTS) throw new Error(`${channel} worker a had no send in flight`);
        log(`${channel} worker a had no send in flight when killed; restarting it to try again`);
        await harness.system.replicas.a.restart(channel);
      }
    },
    repair: ({ system }) => system.replicas.a.restart(channel),
  };
}

/**
 * The node leading email.queue (a quorum queue) dies with its connections: the other two elect
 * a new leader, consumers and publishers reconnect to a surviving node of AMQP_URL, and what was
 * unacknowledged on the lost channels is delivered again, possibly to another worker while the
 * first, alive, still sends it. The first worker's claim lease makes the second wait for its
 * outcome instead of sending too (decision 0030), so no second copy is allowed.
 */
function killQueueLeader(log: (line: string) => void): ClusterFault {
  let leader: string | undefined;
  let killed: string | undefined;
  return {
    name: 'SIGKILL the RabbitMQ node leading the work queues',
    answerWindow: 0,
    prepare: async ({ rabbit, amqpPrefix }) => {
      const queues = await rabbit.queues();
      const leaderOf = (channel: string) =>
        queues.find((queue) => queue.name === `${amqpPrefix}${channel}.queue`)?.leader;
      log(`email.queue is led by ${leaderOf('email')}, push.queue by ${leaderOf('push')}`);
      leader = leaderOf('email');
    },
    strike: async ({ rabbit }) => {
      if (!leader) throw new Error('the leader of email.queue was not looked up');
      const at = performance.now();
      await rabbit.kill(leader);
      killed = leader;
      return at;
    },
    repair: async ({ rabbit }) => {
      if (killed) await rabbit.restart(killed);
    },
  };
}

/** How long the provider's held count must stay put to count as every closed connection seen. */
const CLOSES_SEEN_MS = 500;
/** A killed worker may have had no send in flight (all held sends were the other's). */
const KILL_ATTEMPTS = 3;
const NO_DROP_WITHIN_MS = 3_000;

/**
 * Whether the provider dropped sends of the killed worker: if so, resolves once it has seen no
 * more of its connections close for CLOSES_SEEN_MS. The kernel closes them all at once, but the
 * provider may notice them a few at a time, and answering one not yet noticed would count a send
 * the worker never learnt of.
 */
async function droppedSends(held: { heldCount(): number }, heldBefore: number): Promise<boolean> {
  const killedAt = performance.now();
  let last = heldBefore;
  let changedAt = killedAt;
  const outcome = await waitFor(
    () => {
      const count = held.heldCount();
      if (count !== last) [last, changedAt] = [count, performance.now()];
      if (count === heldBefore) return performance.now() - killedAt >= NO_DROP_WITHIN_MS ? 'none' : false;
      return performance.now() - changedAt >= CLOSES_SEEN_MS ? 'dropped' : false;
    },
    { timeoutMs: 10_000, intervalMs: 10, description: 'the provider to see the killed worker go' },
  );
  return outcome === 'dropped';
}

/** Sentinel notices the silent primary and promotes the replica; the services follow it there. */
function killRedisPrimary(): ClusterFault {
  let killed: RedisNode | undefined;
  return {
    name: 'SIGKILL Redis primary (Sentinel failover)',
    answerWindow: 0,
    strike: async ({ redis }) => {
      const at = performance.now();
      killed = (await redis.killPrimary()).killed;
      return at;
    },
    repair: async ({ redis }) => {
      if (killed) await redis.restart(killed);
    },
  };
}

/**
 * The cluster faults in the order the suite runs them. The Redis failover goes last: a service
 * that cannot follow it (REDIS_URL names one server) would carry the lost primary into the
 * faults after it.
 */
export function clusterFaults(log: (line: string) => void): ClusterFault[] {
  return [
    killQueueLeader(log),
    killGateway,
    killRelayHoldingBatch,
    killWorkerMidBatch('email', log),
    killWorkerMidBatch('push', log),
    killRedisPrimary(),
  ];
}
