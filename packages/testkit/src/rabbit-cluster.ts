import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, openSync, closeSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './free-port';
import { waitFor } from './wait-for';

const run = promisify(execFile);

/** The machine's scripts, called directly: the /usr/sbin wrappers switch to the rabbitmq user. */
const RABBITMQ_BIN = process.env.RABBITMQ_BIN_DIR ?? '/usr/lib/rabbitmq/bin';

export interface RabbitNode {
  /** The Erlang node name, e.g. herald-1a2b3c-n1@localhost. */
  readonly name: string;
  readonly amqpPort: number;
  readonly distPort: number;
  /** The node's process group (its rabbitmq-server script, beam.smp and their children); changes on restart. */
  readonly pid: number;
}

export interface ClusterQueue {
  readonly name: string;
  /** classic or quorum. */
  readonly type: string;
  /** The node that leads a quorum queue, or hosts a classic one. */
  readonly leader: string;
}

export interface RabbitCluster {
  /** amqp://guest:guest@127.0.0.1:<port>, one per node, in node order. */
  readonly urls: readonly string[];
  readonly nodes: readonly RabbitNode[];
  /** SIGKILLs a node's whole process tree and waits until its AMQP port is closed. */
  kill(nodeName: string): Promise<void>;
  /** Boots a killed node again on its ports and data; it rejoins the cluster by itself. */
  restart(nodeName: string): Promise<void>;
  /** The node that leads (quorum) or hosts (classic) a queue, asked of a running node. */
  leaderOf(queueName: string): Promise<string>;
  /** Every queue of the cluster with its type and leader. */
  queues(): Promise<readonly ClusterQueue[]>;
  /** Runs rabbitmqctl against a running node (or the named one) and returns its stdout. */
  rabbitmqctl(args: readonly string[], nodeName?: string): Promise<string>;
  /** SIGKILLs every node and deletes the data directory. Safe to call twice. */
  stop(): Promise<void>;
}

export interface StartRabbitClusterOptions {
  readonly nodes?: number;
  /** How long booting and joining may take; 180 s unless set (two cores shared by many). */
  readonly startTimeoutMs?: number;
}

interface NodeState {
  readonly name: string;
  readonly amqpPort: number;
  readonly distPort: number;
  readonly dir: string;
  pid: number;
  child: ChildProcess | undefined;
}

/**
 * Starts a RabbitMQ cluster of real `rabbitmq-server` processes from this machine's binaries,
 * each with its own node name, ports, data and logs under one temporary directory, no plugins,
 * and one Erlang cookie; boots them in parallel and joins them to the first node. The machine's
 * own broker (5672/25672, rabbit@localhost) and the shared epmd are never touched.
 *
 * Every node runs in a process group of its own under a small shell guard that SIGKILLs the
 * group when the test process dies, so a crashed test cannot leave nodes behind; call stop() in
 * afterAll all the same.
 */
export async function startRabbitCluster(options: StartRabbitClusterOptions = {}): Promise<RabbitCluster> {
  const count = options.nodes ?? 3;
  const timeoutMs = options.startTimeoutMs ?? 180_000;
  const runId = randomBytes(3).toString('hex');
  const base = mkdtempSync(join(tmpdir(), `herald-rabbit-${runId}-`));
  const home = join(base, 'home');
  mkdirSync(home);
  writeFileSync(join(home, '.erlang.cookie'), randomBytes(20).toString('hex'), { mode: 0o400 });
  writeFileSync(join(base, 'enabled_plugins'), '[].\n');
  const janitor = startJanitor(base);

  const nodes: NodeState[] = [];
  for (let index = 1; index <= count; index += 1) {
    const name = `herald-${runId}-n${index}@localhost`;
    const dir = join(base, `n${index}`);
    mkdirSync(join(dir, 'log'), { recursive: true });
    const amqpPort = await freePort();
    writeFileSync(
      join(dir, 'rabbitmq.conf'),
      [
        `listeners.tcp.default = 127.0.0.1:${amqpPort}`,
        'loopback_users = none',
        'disk_free_limit.absolute = 50MB',
        // A killed node's peers notice within seconds, not the default minute.
        'net_ticktime = 10',
        '',
      ].join('\n'),
    );
    nodes.push({ name, amqpPort, distPort: await freePort(), dir, pid: 0, child: undefined });
  }

  const shared = { base, home };
  let stopped = false;
  const killAll = () => {
    for (const node of nodes) killGroup(node);
  };
  // A test process that exits without stop() still takes its nodes and their data down.
  const onExit = () => {
    killAll();
    rmSync(base, { recursive: true, force: true });
  };
  process.once('exit', onExit);

  const ctl = async (args: readonly string[], nodeName?: string) => {
    const targets = nodeName ? [nodeName] : nodes.filter((n) => n.child).map((n) => n.name);
    let lastError: unknown;
    for (const target of targets) {
      try {
        const { stdout } = await run(join(RABBITMQ_BIN, 'rabbitmqctl'), ['-n', target, ...args], {
          env: ctlEnv(shared),
          timeout: 60_000,
        });
        return stdout;
      } catch (error) {
        lastError = error;
      }
    }
    throw lastError instanceof Error ? lastError : new Error('no running node to ask');
  };

  const boot = async (node: NodeState) => {
    bootNode(node, shared);
    await waitForPort(node, timeoutMs);
  };

  const stop = async () => {
    if (stopped) return;
    stopped = true;
    killAll();
    await Promise.all(nodes.map((node) => waitForClosedPort(node)));
    process.removeListener('exit', onExit);
    rmSync(base, { recursive: true, force: true });
    janitor.kill('SIGKILL');
  };

  try {
    await Promise.all(nodes.map((node) => boot(node)));
    const [first, ...others] = nodes;
    // One join at a time: concurrent joins to one node can leave Mnesia inconsistent.
    await Promise.all(others.map((node) => ctl(['stop_app'], node.name)));
    for (const node of others) await ctl(['join_cluster', first!.name], node.name);
    await Promise.all(others.map((node) => ctl(['start_app'], node.name)));
  } catch (error) {
    await stop();
    throw error;
  }

  const find = (nodeName: string) => {
    const node = nodes.find((n) => n.name === nodeName);
    if (!node) throw new Error(`no node ${nodeName} in this cluster`);
    return node;
  };

  const queues = async (): Promise<ClusterQueue[]> => {
    // The table format prints a classic queue's process as <node.x.y.z>, which names its node.
    const out = await ctl(['list_queues', '-q', '--no-table-headers', 'name', 'type', 'leader', 'pid']);
    return out
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => {
        const [name = '', type = '', leader = '', pid = ''] = line.split('\t');
        return {
          name,
          // A queue whose node is down shows its module's name (rabbit_classic_queue).
          type: type.replace(/^rabbit_(\w+)_queue$/, '$1'),
          leader: leader || (nodes.find((node) => pid.startsWith(`<${node.name}.`))?.name ?? ''),
        };
      });
  };

  return {
    urls: nodes.map((node) => `amqp://guest:guest@127.0.0.1:${node.amqpPort}`),
    nodes,
    kill: async (nodeName) => {
      const node = find(nodeName);
      killGroup(node);
      await waitForClosedPort(node);
    },
    restart: async (nodeName) => {
      const node = find(nodeName);
      if (node.child) throw new Error(`${nodeName} is running; kill it first`);
      await boot(node);
    },
    leaderOf: async (queueName) => {
      const queue = (await queues()).find((q) => q.name === queueName);
      if (!queue) throw new Error(`no queue ${queueName} in the cluster`);
      return queue.leader;
    },
    queues,
    rabbitmqctl: ctl,
    stop,
  };
}

/** Variables both the server and rabbitmqctl read; the machine's rabbitmq-env.conf is skipped. */
function ctlEnv(shared: { base: string; home: string }): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: shared.home,
    LANG: 'C.UTF-8',
    RABBITMQ_CONF_ENV_FILE: join(shared.base, 'no-env-file'),
    // The CLI's own distribution port range; the default eleven ports are shared with other users.
    RABBITMQ_CTL_DIST_PORT_MIN: '35672',
    RABBITMQ_CTL_DIST_PORT_MAX: '35999',
  };
}

/** The shell guard: runs the server, and SIGKILLs the whole group once the server or the test process is gone. */
const GUARD = `parent=$1; shift
"$@" &
server=$!
while kill -0 "$parent" 2>/dev/null && kill -0 "$server" 2>/dev/null; do sleep 1; done
kill -KILL 0`;

/**
 * Deletes the cluster's directory a few seconds after the test process died without stop() or its
 * exit hook (a SIGKILL), once the guards have killed the nodes. Its own process group, so killing
 * a node's group never takes it.
 */
function startJanitor(base: string): ChildProcess {
  const janitor = spawn(
    'sh',
    [
      '-c',
      'while kill -0 "$1" 2>/dev/null; do sleep 1; done; sleep 3; rm -rf "$2"',
      'janitor',
      String(process.pid),
      base,
    ],
    { detached: true, stdio: 'ignore' },
  );
  janitor.unref();
  return janitor;
}

function bootNode(node: NodeState, shared: { base: string; home: string }): void {
  const out = openSync(join(node.dir, 'console.log'), 'a');
  const child = spawn(
    'sh',
    ['-c', GUARD, 'guard', String(process.pid), join(RABBITMQ_BIN, 'rabbitmq-server')],
    {
      cwd: node.dir,
      detached: true,
      stdio: ['ignore', out, out],
      env: {
        ...ctlEnv(shared),
        RABBITMQ_NODENAME: node.name,
        RABBITMQ_NODE_IP_ADDRESS: '127.0.0.1',
        RABBITMQ_NODE_PORT: String(node.amqpPort),
        RABBITMQ_DIST_PORT: String(node.distPort),
        RABBITMQ_CONFIG_FILE: join(node.dir, 'rabbitmq.conf'),
        RABBITMQ_ADVANCED_CONFIG_FILE: join(node.dir, 'advanced.config'),
        RABBITMQ_ENABLED_PLUGINS_FILE: join(shared.base, 'enabled_plugins'),
        RABBITMQ_MNESIA_BASE: join(node.dir, 'mnesia'),
        RABBITMQ_LOG_BASE: join(node.dir, 'log'),
        RABBITMQ_PID_FILE: join(node.dir, 'rabbitmq.pid'),
        RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS: '-kernel inet_dist_use_interface {127,0,0,1}',
      },
    },
  );
  closeSync(out);
  node.child = child;
  node.pid = child.pid!;
  child.once('exit', () => {
    if (node.child === child) node.child = undefined;
  });
}

function killGroup(node: NodeState): void {
  if (!node.child) return;
  try {
    process.kill(-node.pid, 'SIGKILL');
  } catch {
    // The group is already gone.
  }
}

async function waitForPort(node: NodeState, timeoutMs: number): Promise<void> {
  await waitFor(
    async () => {
      if (!node.child) {
        throw new Error(`${node.name} exited while booting:\n${tail(join(node.dir, 'console.log'))}`);
      }
      return portAccepts(node.amqpPort);
    },
    { timeoutMs, intervalMs: 200, description: `${node.name} to accept AMQP on ${node.amqpPort}` },
  ).catch((error: unknown) => {
    if (error instanceof Error && !error.message.includes('exited while booting')) {
      error.message += `\n${tail(join(node.dir, 'console.log'))}`;
    }
    throw error;
  });
}

async function waitForClosedPort(node: NodeState): Promise<void> {
  await waitFor(async () => !node.child && !(await portAccepts(node.amqpPort)), {
    timeoutMs: 15_000,
    description: `${node.name} to be gone`,
  });
}

function portAccepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function tail(file: string): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-30).join('\n');
  } catch {
    return '';
  }
}
