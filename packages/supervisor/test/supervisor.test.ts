import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { REPO_ROOT, createTestEnvironment, freePort, waitFor } from '@herald/testkit';

// The supervisor and the services run from dist/ as real processes, so they can be signalled
// for real: `npm test` builds first.
const FIXTURE = join(REPO_ROOT, 'packages/supervisor/test/supervise-fixture.mjs');
const START_SCRIPT = join(REPO_ROOT, 'scripts/start.mjs');
const PORT_VARIABLES = [
  'GATEWAY_PORT',
  'USERS_PORT',
  'USERS_GRPC_PORT',
  'TEMPLATES_PORT',
  'TEMPLATES_GRPC_PORT',
  'NOTIFICATIONS_PORT',
  'NOTIFICATIONS_GRPC_PORT',
  'EMAIL_PORT',
  'PUSH_PORT',
] as const;
/** What `docker stop -t 20`, systemd and CI runners wait before they kill. */
const STOP_LIMIT_MS = 20_000;
/** Six services starting at once on a shared two-core machine. */
const READY_TIMEOUT_MS = 120_000;

type Ports = Record<(typeof PORT_VARIABLES)[number], number>;

interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly at: number;
}

interface RunningSupervisor {
  readonly process: ChildProcess;
  readonly ports: Ports;
  readonly stdout: string[];
  readonly stderr: string[];
  readonly exit: Promise<Exit>;
  /** Every pid the supervisor reported starting, by service. */
  pidsOf(service: string): number[];
  allPids(): number[];
}

const environment = createTestEnvironment();
const running: ChildProcess[] = [];
const supervisors: RunningSupervisor[] = [];

afterAll(async () => {
  for (const child of running) if (child.exitCode === null) child.kill('SIGKILL');
  // Should a test fail midway, no service outlives it.
  for (const pid of supervisors.flatMap((supervisor) => supervisor.allPids()).filter(isRunning)) {
    process.kill(pid, 'SIGKILL');
  }
  await environment.cleanup();
});

async function allocatePorts(): Promise<Ports> {
  const ports = await Promise.all(PORT_VARIABLES.map(() => freePort()));
  return Object.fromEntries(PORT_VARIABLES.map((variable, index) => [variable, ports[index]])) as Ports;
}

function isolatedEnv(ports: Ports): Record<string, string> {
  return {
    ...(process.env as Record<string, string>),
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    ...environment.serviceEnv,
    ...Object.fromEntries(Object.entries(ports).map(([variable, port]) => [variable, `${port}`])),
  };
}

function collectLines(child: ChildProcess, into: { stdout: string[]; stderr: string[] }): void {
  if (child.stdout) createInterface({ input: child.stdout }).on('line', (line) => into.stdout.push(line));
  if (child.stderr) createInterface({ input: child.stderr }).on('line', (line) => into.stderr.push(line));
}

function exitOf(child: ChildProcess): Promise<Exit> {
  return new Promise((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal, at: Date.now() })),
  );
}

/** Runs the supervisor as `npm start` does, isolated: own ports, databases, AMQP and Redis prefixes. */
async function startSupervisor(only?: readonly string[]): Promise<RunningSupervisor> {
  const ports = await allocatePorts();
  const fixture = {
    env: isolatedEnv(ports),
    serviceEnv: Object.fromEntries(
      (['users', 'templates', 'notifications'] as const).map((service) => [
        service,
        { DATABASE_URL: environment.databaseUrl(service) },
      ]),
    ),
    only,
  };
  const child = spawn(process.execPath, [FIXTURE], {
    cwd: REPO_ROOT,
    env: { ...process.env, SUPERVISE_FIXTURE: JSON.stringify(fixture) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.push(child);
  const lines = { stdout: [] as string[], stderr: [] as string[] };
  collectLines(child, lines);
  const started = () =>
    lines.stdout.flatMap((line) => {
      const match = /^\[start\] (\S+) started \(pid (\d+)\)$/.exec(line);
      return match ? [{ service: match[1], pid: Number(match[2]) }] : [];
    });
  const supervisor: RunningSupervisor = {
    process: child,
    ports,
    ...lines,
    exit: exitOf(child),
    pidsOf: (service) => started().flatMap((entry) => (entry.service === service ? [entry.pid] : [])),
    allPids: () => started().map((entry) => entry.pid),
  };
  supervisors.push(supervisor);
  return supervisor;
}

function waitForLine(lines: readonly string[], pattern: RegExp, timeoutMs: number, description: string) {
  return waitFor(() => lines.some((line) => pattern.test(line)), { timeoutMs, intervalMs: 100, description });
}

const waitUntilReady = (supervisor: RunningSupervisor) =>
  waitForLine(supervisor.stdout, /^\[start\] ready: /, READY_TIMEOUT_MS, 'every service to answer /health');

/** Gone, or a zombie nobody has reaped yet: either way it runs no code and holds no socket. */
function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

function canBind(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host: '0.0.0.0', exclusive: true }, () => server.close(() => resolve(true)));
  });
}

async function bindablePorts(ports: Ports): Promise<number[]> {
  const free = await Promise.all(Object.values(ports).map(canBind));
  return Object.values(ports).filter((_, index) => free[index]);
}

function holdPort(port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

async function expectStoppedWithin(supervisor: RunningSupervisor, signalledAt: number): Promise<Exit> {
  const exit = await supervisor.exit;
  expect(exit.at - signalledAt).toBeLessThan(STOP_LIMIT_MS);
  expect(supervisor.allPids().filter(isRunning)).toEqual([]);
  return exit;
}

describe('npm start supervisor', () => {
  it(
    'restarts a service that crashes, and on SIGTERM drains all six, exits 0 within 20 s and leaves no process or port behind',
    async () => {
      const supervisor = await startSupervisor();
      await waitUntilReady(supervisor);
      const [crashed] = supervisor.pidsOf('users');
      process.kill(crashed!, 'SIGKILL');
      await waitForLine(
        supervisor.stderr,
        /^\[start\] users was killed by SIGKILL; restarting in 1 s$/,
        10_000,
        'the crash to be reported',
      );
      await waitFor(() => supervisor.pidsOf('users').length === 2, { description: 'users to be restarted' });

      const signalledAt = Date.now();
      supervisor.process.kill('SIGTERM');
      const exit = await expectStoppedWithin(supervisor, signalledAt);

      expect(exit.code).toBe(0);
      expect(supervisor.allPids()).toHaveLength(7);
      // What SIGTERM ended was not restarted.
      expect(supervisor.stderr.filter((line) => line.includes('restarting'))).toHaveLength(1);
      expect(await bindablePorts(supervisor.ports)).toEqual(Object.values(supervisor.ports));
      expect(supervisor.stdout).toContain('[start] every service has stopped');
    },
    READY_TIMEOUT_MS + 60_000,
  );

  it(
    'stops on SIGINT as on SIGTERM',
    async () => {
      const supervisor = await startSupervisor(['email', 'push']);
      await waitUntilReady(supervisor);

      const signalledAt = Date.now();
      supervisor.process.kill('SIGINT');
      const exit = await expectStoppedWithin(supervisor, signalledAt);

      expect(exit.code).toBe(0);
      expect(supervisor.stderr.filter((line) => line.includes('restarting'))).toEqual([]);
      expect(await bindablePorts(supervisor.ports)).toEqual(Object.values(supervisor.ports));
    },
    READY_TIMEOUT_MS,
  );

  it(
    'leaves no service behind when the supervisor itself is killed with SIGKILL',
    async () => {
      const supervisor = await startSupervisor(['email', 'push']);
      await waitUntilReady(supervisor);

      supervisor.process.kill('SIGKILL');
      await supervisor.exit;
      await waitFor(() => supervisor.allPids().filter(isRunning).length === 0, {
        timeoutMs: STOP_LIMIT_MS,
        description: 'the services to stop once their supervisor is gone',
      });
      expect(await bindablePorts(supervisor.ports)).toEqual(Object.values(supervisor.ports));
    },
    READY_TIMEOUT_MS,
  );

  it(
    'stops with one line naming the port, instead of crash-looping, when a port is taken before a restart',
    async () => {
      const supervisor = await startSupervisor(['email', 'push']);
      await waitUntilReady(supervisor);
      const [email] = supervisor.pidsOf('email');
      process.kill(email!, 'SIGKILL');
      // Taken in the moment between the crash and the restart, as an orphan or another app would.
      await waitFor(() => canBind(supervisor.ports.EMAIL_PORT), { description: 'the crashed worker’s port' });
      const holder = await holdPort(supervisor.ports.EMAIL_PORT);
      try {
        const exit = await supervisor.exit;
        expect(exit.code).toBe(1);
        const named = `[start] port ${supervisor.ports.EMAIL_PORT} (email, EMAIL_PORT) is already in use by pid ${process.pid} (`;
        expect(supervisor.stderr.filter((line) => line.startsWith(named))).toHaveLength(1);
        expect(supervisor.pidsOf('email')).toHaveLength(1);
        expect(supervisor.allPids().filter(isRunning)).toEqual([]);
      } finally {
        await new Promise((resolve) => holder.close(resolve));
      }
    },
    READY_TIMEOUT_MS,
  );

  it('refuses to start with one line naming a port that is taken and the process holding it', async () => {
    const ports = await allocatePorts();
    const holder = await holdPort(ports.NOTIFICATIONS_GRPC_PORT);
    try {
      const child = spawn(process.execPath, [START_SCRIPT], {
        cwd: REPO_ROOT,
        env: { ...isolatedEnv(ports), DATABASE_URL: environment.databaseUrl('start') },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      running.push(child);
      const lines = { stdout: [] as string[], stderr: [] as string[] };
      collectLines(child, lines);
      const exit = await exitOf(child);

      expect(exit.code).toBe(1);
      expect(lines.stderr).toHaveLength(1);
      expect(lines.stderr[0]).toMatch(
        new RegExp(
          `^\\[start\\] port ${ports.NOTIFICATIONS_GRPC_PORT} \\(notifications, NOTIFICATIONS_GRPC_PORT\\) is already in use by pid ${process.pid} \\(.*node.*\\): stop that process or set NOTIFICATIONS_GRPC_PORT to a free port$`,
        ),
      );
      expect(lines.stdout.filter((line) => line.includes(' started (pid '))).toEqual([]);
    } finally {
      await new Promise((resolve) => holder.close(resolve));
    }
  });
});
