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
  /** Brings the system to the moment the fault names, kills, and resolves with the kill's time. */
  strike(harness: ClusterHarness): Promise<number>;
  /** Starts the killed process again and waits until it serves. */
  repair(harness: ClusterHarness): Promise<void>;
}

/** A publish (method, header and body frames) is hundreds of bytes; a heartbeat is 8. */
const PUBLISH_BYTES = 200;
/** Sends held at the provider before a worker is killed: both replicas then hold some. */
const HELD_SENDS = 6;

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
 * is killed with its batch unacknowledged and the provider answers again. Its messages go back
 * to the queue and worker b delivers them; a send the provider had accepted before the kill
 * whose report was not yet made is the answer window.
 */
function killWorkerMidBatch(channel: 'email' | 'push'): ClusterFault {
  const provider = ({ smtp, fcm }: ClusterHarness) => (channel === 'email' ? smtp : fcm);
  return {
    name: `SIGKILL ${channel} worker a mid-batch`,
    answerWindow: WORKER_PREFETCH,
    strike: async (harness) => {
      const held = provider(harness);
      held.hold();
      try {
        await waitFor(() => held.heldCount() >= HELD_SENDS, {
          timeoutMs: 15_000,
          intervalMs: 10,
          description: `${HELD_SENDS} ${channel} sends waiting at the provider`,
        });
        await harness.system.replicas.a.kill(channel);
        return performance.now();
      } finally {
        held.release();
      }
    },
    repair: ({ system }) => system.replicas.a.restart(channel),
  };
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

/** The cluster faults in the order the suite runs them. */
export function clusterFaults(): ClusterFault[] {
  return [
    killRedisPrimary(),
    killGateway,
    killRelayHoldingBatch,
    killWorkerMidBatch('email'),
    killWorkerMidBatch('push'),
  ];
}
