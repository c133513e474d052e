import { Redis } from 'ioredis';
import { startRedisSentinelGroup, type RedisSentinelGroup } from '../src';

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('a Redis sentinel group started from the machine binary', () => {
  let group: RedisSentinelGroup | undefined;
  afterEach(async () => {
    await group?.stop();
  });

  it('replicates, fails over to the replica when the primary is killed, and leaves no process behind', async () => {
    group = await startRedisSentinelGroup();
    const { primary, replica, sentinels } = group;
    const pids = [primary.pid, replica.pid, ...sentinels.map(({ pid }) => pid)];
    expect(sentinels).toHaveLength(3);
    expect(group.sentinelAddresses.split(',')).toHaveLength(3);
    expect(await group.currentPrimary()).toEqual(primary);

    // A client that finds the primary through the sentinels, as Herald does in sentinel mode.
    const client = new Redis({
      sentinels: sentinels.map(({ port }) => ({ host: '127.0.0.1', port })),
      name: group.masterName,
      maxRetriesPerRequest: 1,
    });
    // Refused connections while the killed primary is still named are expected; the test reads the outcome.
    client.on('error', () => undefined);
    try {
      await client.set('before', 'failover');
      // Replication is asynchronous: wait until the replica holds the write before killing the primary.
      expect(await client.wait(1, 5000)).toBe(1);
      const { killed, promoted } = await group.killPrimary();
      expect(killed).toEqual(primary);
      expect(promoted).toEqual(replica);
      expect(isRunning(primary.pid)).toBe(false);
      expect(await group.currentPrimary()).toEqual(replica);
      expect(await client.get('before')).toBe('failover');

      const restarted = await group.restart(killed);
      expect(restarted.port).toBe(primary.port);
      pids.push(restarted.pid);
    } finally {
      client.disconnect();
    }

    await group.stop();
    group = undefined;
    expect(pids.filter(isRunning)).toEqual([]);
  });
});
