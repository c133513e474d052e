import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { heraldServices, type HeraldPorts, type ServiceSpec } from '@herald/supervisor';
import { freePort } from './free-port';
import { waitFor } from './wait-for';

/** The repository root, from packages/testkit/{src,dist}. */
export const REPO_ROOT = join(__dirname, '..', '..', '..');

export const SERVICE_NAMES = ['gateway', 'users', 'templates', 'notifications', 'email', 'push'] as const;

export type ServiceName = (typeof SERVICE_NAMES)[number];

export interface SystemPorts {
  readonly gateway: number;
  readonly users: number;
  readonly usersGrpc: number;
  readonly templates: number;
  readonly templatesGrpc: number;
  readonly notifications: number;
  readonly notificationsGrpc: number;
  readonly email: number;
  /** The email worker's bounce and complaint listener (BOUNCE_SMTP_PORT). */
  readonly bounceSmtp: number;
  readonly push: number;
}

export interface HeraldSystem {
  readonly ports: SystemPorts;
  readonly gatewayUrl: string;
  readonly adminApiKey: string;
  /** The process id of a running service, for CPU and memory readings. */
  pid(name: ServiceName): number | undefined;
  /** Sends a signal (SIGKILL by default) to one service and waits for it to exit. */
  kill(name: ServiceName, signal?: NodeJS.Signals): Promise<void>;
  /** Starts a stopped service again on its ports, and waits until it answers /health. */
  restart(name: ServiceName): Promise<void>;
  /** Sends SIGTERM to every process and waits for them to exit (SIGKILL after a grace period). */
  stop(): Promise<void>;
}

export interface StartSystemOptions {
  /** Environment shared by every service (DATABASE_URL is set per service from databaseUrl). */
  readonly env: Record<string, string>;
  readonly databaseUrl: (service: 'users' | 'templates' | 'notifications') => string;
  /** Where each service's stdout/stderr is written, one file per service. */
  readonly logDir: string;
  readonly adminApiKey?: string;
  /** Environment for one service only, over everything else (a proxied DATABASE_URL, say). */
  readonly serviceEnv?: Partial<Record<ServiceName, Record<string, string>>>;
  /** How long a (re)started service may take to answer /health; 30 s unless set. */
  readonly startTimeoutMs?: number;
  /** Ports chosen beforehand (allocateSystemPorts), when peers must know them before the start. */
  readonly ports?: SystemPorts;
}

/**
 * Starts the six built services as real processes on free ports, and resolves once every
 * one answers /health. Build first (`npm run build`).
 */
export async function startHeraldSystem(options: StartSystemOptions): Promise<HeraldSystem> {
  const ports = options.ports ?? (await allocateSystemPorts());
  const adminApiKey = options.adminApiKey ?? 'herald-test-admin-key';
  const databases = Object.fromEntries(
    (['users', 'templates', 'notifications'] as const).map((name) => [
      name,
      { DATABASE_URL: options.databaseUrl(name), ...options.serviceEnv?.[name] },
    ]),
  );
  const email = { BOUNCE_SMTP_PORT: `${ports.bounceSmtp}`, ...options.serviceEnv?.email };
  // The layout `npm start` runs, on these ports: entry points, ports and discovery in one place.
  const specs = new Map(
    heraldServices(
      { ...process.env, ...options.env, HERALD_ADMIN_API_KEY: adminApiKey },
      heraldPortsOf(ports),
      { ...options.serviceEnv, ...databases, email },
    ).map((spec) => [spec.name as ServiceName, spec]),
  );
  mkdirSync(options.logDir, { recursive: true });
  const children = new Map<ServiceName, ChildProcess>();
  const start = (name: ServiceName) => {
    const spec = specs.get(name)!;
    const child = spawnService(spec, options.logDir);
    children.set(name, child);
    return waitForHealth(spec, child, options.startTimeoutMs ?? 30_000);
  };
  const stop = () => stopAll(children);
  try {
    await Promise.all(SERVICE_NAMES.map(start));
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    ports,
    gatewayUrl: `http://127.0.0.1:${ports.gateway}`,
    adminApiKey,
    pid: (name) => children.get(name)?.pid,
    kill: (name, signal = 'SIGKILL') => signalAndWait(children.get(name), signal),
    restart: (name) => start(name),
    stop,
  };
}

const PORT_NAMES = [
  'gateway',
  'users',
  'usersGrpc',
  'templates',
  'templatesGrpc',
  'notifications',
  'notificationsGrpc',
  'email',
  'bounceSmtp',
  'push',
] as const satisfies readonly (keyof SystemPorts)[];

/** A free port for each listener of the six services. */
export async function allocateSystemPorts(): Promise<SystemPorts> {
  const ports = await Promise.all(PORT_NAMES.map(() => freePort()));
  return Object.fromEntries(PORT_NAMES.map((name, index) => [name, ports[index]])) as unknown as SystemPorts;
}

function heraldPortsOf(ports: SystemPorts): HeraldPorts {
  return {
    GATEWAY_PORT: ports.gateway,
    USERS_PORT: ports.users,
    USERS_GRPC_PORT: ports.usersGrpc,
    TEMPLATES_PORT: ports.templates,
    TEMPLATES_GRPC_PORT: ports.templatesGrpc,
    NOTIFICATIONS_PORT: ports.notifications,
    NOTIFICATIONS_GRPC_PORT: ports.notificationsGrpc,
    EMAIL_PORT: ports.email,
    PUSH_PORT: ports.push,
  };
}

function spawnService({ name, main, env }: ServiceSpec, logDir: string): ChildProcess {
  const child = spawn(process.execPath, [join(REPO_ROOT, main)], {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Appended to, so a restarted service keeps its earlier lines.
  const log = createWriteStream(join(logDir, `${name}.log`), { flags: 'a' });
  child.stdout?.pipe(log, { end: false });
  child.stderr?.pipe(log, { end: false });
  child.once('exit', () => log.end());
  return child;
}

async function waitForHealth(
  { name, healthUrl }: ServiceSpec,
  child: ChildProcess,
  timeoutMs: number,
): Promise<void> {
  await waitFor(
    async () => {
      if (child.exitCode !== null) throw new Error(`${name} exited with code ${child.exitCode}; see its log`);
      const response = await fetch(healthUrl);
      return response.ok;
    },
    { timeoutMs, intervalMs: 100, description: `${name} to answer /health` },
  ).catch((error: Error) => {
    throw child.exitCode !== null
      ? new Error(`${name} exited with code ${child.exitCode}; see its log`)
      : error;
  });
}

async function stopAll(children: Map<ServiceName, ChildProcess>): Promise<void> {
  await Promise.all([...children.values()].map((child) => signalAndWait(child, 'SIGTERM')));
}

/** Signals a child and resolves when it has exited; SIGKILL follows if it lingers 10 s. */
function signalAndWait(child: ChildProcess | undefined, signal: NodeJS.Signals): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill(signal);
  });
}
