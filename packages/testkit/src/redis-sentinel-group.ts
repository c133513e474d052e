import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { freePort } from './free-port';
import { waitFor } from './wait-for';

export interface RedisNode {
  readonly port: number;
  readonly pid: number;
}

export interface RedisSentinelGroupOptions {
  /** The name the sentinels monitor the primary under (REDIS_SENTINEL_NAME). */
  readonly masterName?: string;
  /** How long a silent primary takes to count as down (sentinel down-after-milliseconds). */
  readonly downAfterMs?: number;
  /** The redis-server binary; its `--sentinel` mode runs the sentinels. */
  readonly redisServer?: string;
}

/**
 * One primary, one replica and three sentinels on loopback: real `redis-server` processes on free
 * ports, with nothing persisted. Every process is this group's own and is stopped by pid.
 */
export interface RedisSentinelGroup {
  readonly masterName: string;
  /** The node started as primary (after a failover, see currentPrimary()). */
  readonly primary: RedisNode;
  /** The node started as replica. */
  readonly replica: RedisNode;
  readonly sentinels: readonly RedisNode[];
  /** `host:port,host:port,host:port` of the sentinels: the REDIS_SENTINELS value. */
  readonly sentinelAddresses: string;
  /** The sentinels and the name as a Sentinel-mode connection takes them (RedisSettings.sentinel). */
  readonly sentinel: {
    readonly addresses: readonly { readonly host: string; readonly port: number }[];
    readonly name: string;
  };
  /** Where the processes write their logs and the sentinels their rewritten configuration. */
  readonly directory: string;
  /** The node every sentinel names as primary now. */
  currentPrimary(): Promise<RedisNode>;
  /**
   * SIGKILLs the current primary and resolves once every sentinel names the other node as primary
   * and that node answers as a master. Resolves with the killed node and the promoted one.
   */
  killPrimary(): Promise<{ readonly killed: RedisNode; readonly promoted: RedisNode }>;
  /** Starts a killed data node again on its port; the sentinels turn it into a replica of the primary. */
  restart(node: RedisNode): Promise<RedisNode>;
  /** Kills every process of the group and removes its directory. */
  stop(): Promise<void>;
}

const HOST = '127.0.0.1';
const SETTLE_TIMEOUT_MS = 30_000;

/** Processes of every group in this test process, killed if it exits without stopping them. */
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

export async function startRedisSentinelGroup(
  options: RedisSentinelGroupOptions = {},
): Promise<RedisSentinelGroup> {
  const masterName = options.masterName ?? 'herald';
  const binary = options.redisServer ?? 'redis-server';
  const downAfterMs = options.downAfterMs ?? 1000;
  const directory = await mkdtemp(join(tmpdir(), 'herald-redis-sentinel-'));
  const children = new Map<number, ChildProcess>();
  const launch = async (name: string, port: number, args: string[]): Promise<RedisNode> => {
    const workDir = join(directory, name);
    await mkdir(workDir, { recursive: true });
    const child = spawn(binary, args, { cwd: workDir, stdio: ['ignore', 'pipe', 'pipe'] });
    running.add(child);
    children.set(port, child);
    const log = createWriteStream(join(directory, `${name}.log`), { flags: 'a' });
    child.stdout?.pipe(log, { end: false });
    child.stderr?.pipe(log, { end: false });
    child.once('exit', () => {
      running.delete(child);
      log.end();
    });
    await new Promise<void>((resolve, reject) => {
      child.once('spawn', resolve);
      child.once('error', reject);
    });
    return { port, pid: child.pid as number };
  };
  const dataNodeArgs = (port: number, workDir: string) => [
    '--port',
    String(port),
    '--bind',
    HOST,
    '--dir',
    workDir,
    '--save',
    '',
    '--appendonly',
    'no',
    '--daemonize',
    'no',
    '--protected-mode',
    'no',
  ];
  const launchDataNode = async (name: string, port: number, primaryPort?: number) =>
    launch(name, port, [
      ...dataNodeArgs(port, join(directory, name)),
      ...(primaryPort === undefined ? [] : ['--replicaof', HOST, String(primaryPort)]),
    ]);
  const names = new Map<number, string>();

  try {
    const [primaryPort, replicaPort, ...sentinelPorts] = await Promise.all(
      Array.from({ length: 5 }, () => freePort()),
    );
    names.set(primaryPort as number, 'primary');
    names.set(replicaPort as number, 'replica');
    const primary = await launchDataNode('primary', primaryPort as number);
    await waitForPing(primary.port);
    const replica = await launchDataNode('replica', replicaPort as number, primary.port);
    await waitFor(async () => (await info(replica.port)).includes('master_link_status:up'), {
      timeoutMs: SETTLE_TIMEOUT_MS,
      description: 'the replica to sync with the primary',
    });
    const sentinels = await Promise.all(
      (sentinelPorts as number[]).map(async (port, index) => {
        const name = `sentinel-${index + 1}`;
        await mkdir(join(directory, name), { recursive: true });
        const configFile = join(directory, name, 'sentinel.conf');
        await writeFile(
          configFile,
          [
            `port ${port}`,
            `bind ${HOST}`,
            'protected-mode no',
            'daemonize no',
            `dir ${join(directory, name)}`,
            `sentinel monitor ${masterName} ${HOST} ${primary.port} 2`,
            `sentinel down-after-milliseconds ${masterName} ${downAfterMs}`,
            `sentinel failover-timeout ${masterName} ${Math.max(downAfterMs * 3, 3000)}`,
            `sentinel parallel-syncs ${masterName} 1`,
            '',
          ].join('\n'),
        );
        return launch(name, port, [configFile, '--sentinel']);
      }),
    );
    // A failover needs a quorum of sentinels that found each other and the replica (hello messages).
    await waitFor(
      async () => {
        for (const sentinel of sentinels) {
          const state = await sentinelMasterState(sentinel.port, masterName);
          if (Number(state['num-other-sentinels']) < 2 || Number(state['num-slaves']) < 1) return false;
        }
        return true;
      },
      { timeoutMs: SETTLE_TIMEOUT_MS, intervalMs: 200, description: 'the sentinels to discover each other' },
    );

    const nodeAt = (port: number): RedisNode => {
      const child = children.get(port);
      if (!child?.pid) throw new Error(`no process of this group listens on ${port}`);
      return { port, pid: child.pid };
    };
    const agreedPrimaryPort = async (): Promise<number | undefined> => {
      const ports = await Promise.all(
        sentinels
          .filter((sentinel) => isAlive(children.get(sentinel.port)))
          .map((sentinel) => primaryPortOf(sentinel.port, masterName)),
      );
      const first = ports[0];
      return first !== undefined && ports.every((port) => port === first) ? first : undefined;
    };
    const currentPrimary = async () =>
      nodeAt(
        await waitFor(agreedPrimaryPort, {
          timeoutMs: SETTLE_TIMEOUT_MS,
          description: 'the sentinels to agree on a primary',
        }),
      );

    return {
      masterName,
      primary,
      replica,
      sentinels,
      sentinelAddresses: sentinels.map((sentinel) => `${HOST}:${sentinel.port}`).join(','),
      sentinel: { addresses: sentinels.map(({ port }) => ({ host: HOST, port })), name: masterName },
      directory,
      currentPrimary,
      async killPrimary() {
        const killed = await currentPrimary();
        await signalAndWait(children.get(killed.port), 'SIGKILL');
        const promotedPort = await waitFor(
          async () => {
            const port = await agreedPrimaryPort();
            if (port === undefined || port === killed.port) return undefined;
            return (await info(port)).includes('role:master') ? port : undefined;
          },
          {
            timeoutMs: SETTLE_TIMEOUT_MS,
            intervalMs: 100,
            description: 'the sentinels to promote the replica',
          },
        );
        return { killed, promoted: nodeAt(promotedPort) };
      },
      async restart(node) {
        if (isAlive(children.get(node.port))) throw new Error(`the node on ${node.port} is still running`);
        const primaryNow = await currentPrimary();
        const restarted = await launchDataNode(
          names.get(node.port) ?? `node-${node.port}`,
          node.port,
          primaryNow.port,
        );
        await waitForPing(restarted.port);
        return restarted;
      },
      async stop() {
        await stopAll(children, directory);
      },
    };
  } catch (error) {
    await stopAll(children, directory);
    throw error;
  }
}

async function stopAll(children: Map<number, ChildProcess>, directory: string): Promise<void> {
  await Promise.all([...children.values()].map((child) => signalAndWait(child, 'SIGKILL')));
  await rm(directory, { recursive: true, force: true });
}

function isAlive(child: ChildProcess | undefined): child is ChildProcess {
  return child !== undefined && child.exitCode === null && child.signalCode === null;
}

function signalAndWait(child: ChildProcess | undefined, signal: NodeJS.Signals): Promise<void> {
  if (!isAlive(child)) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}

/** Runs one command on a short-lived connection that never retries, so a dead node fails at once. */
async function command(port: number, name: string, ...args: string[]): Promise<unknown> {
  const redis = new Redis({
    host: HOST,
    port,
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    connectTimeout: 1000,
    disconnectTimeout: 100,
  });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    return await redis.call(name, ...args);
  } finally {
    redis.disconnect();
  }
}

async function waitForPing(port: number): Promise<void> {
  await waitFor(async () => (await command(port, 'PING')) === 'PONG', {
    timeoutMs: SETTLE_TIMEOUT_MS,
    description: `redis-server on ${port} to answer`,
  });
}

async function info(port: number): Promise<string> {
  return String(await command(port, 'INFO', 'replication'));
}

async function sentinelMasterState(port: number, masterName: string): Promise<Record<string, string>> {
  const flat = (await command(port, 'SENTINEL', 'MASTER', masterName)) as string[];
  const state: Record<string, string> = {};
  for (let index = 0; index + 1 < flat.length; index += 2)
    state[flat[index] as string] = flat[index + 1] as string;
  return state;
}

async function primaryPortOf(port: number, masterName: string): Promise<number | undefined> {
  const address = (await command(port, 'SENTINEL', 'GET-MASTER-ADDR-BY-NAME', masterName)) as string[] | null;
  return address ? Number(address[1]) : undefined;
}
