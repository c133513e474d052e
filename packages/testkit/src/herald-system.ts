import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from './free-port';
import { waitFor } from './wait-for';

/** The repository root, from packages/testkit/{src,dist}. */
export const REPO_ROOT = join(__dirname, '..', '..', '..');

export type ServiceName = 'users' | 'templates' | 'notifications' | 'email' | 'push' | 'gateway';

const MAIN: Record<ServiceName, string> = {
  users: 'subgraphs/users/dist/main.js',
  templates: 'subgraphs/templates/dist/main.js',
  notifications: 'subgraphs/notifications/dist/main.js',
  email: 'workers/email/dist/main.js',
  push: 'workers/push/dist/main.js',
  gateway: 'gateway/dist/main.js',
};

export interface SystemPorts {
  readonly gateway: number;
  readonly users: number;
  readonly usersGrpc: number;
  readonly templates: number;
  readonly templatesGrpc: number;
  readonly notifications: number;
  readonly notificationsGrpc: number;
  readonly email: number;
  readonly push: number;
}

export interface HeraldSystem {
  readonly ports: SystemPorts;
  readonly gatewayUrl: string;
  readonly adminApiKey: string;
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
}

/**
 * Starts the six built services as real processes on free ports, and resolves once every
 * one answers /health. Build first (`npm run build`).
 */
export async function startHeraldSystem(options: StartSystemOptions): Promise<HeraldSystem> {
  const ports = await allocatePorts();
  const adminApiKey = options.adminApiKey ?? 'herald-test-admin-key';
  const discovery = {
    USERS_URL: `http://127.0.0.1:${ports.users}/graphql`,
    TEMPLATES_URL: `http://127.0.0.1:${ports.templates}/graphql`,
    NOTIFICATIONS_URL: `http://127.0.0.1:${ports.notifications}/graphql`,
    USERS_GRPC: `127.0.0.1:${ports.usersGrpc}`,
    TEMPLATES_GRPC: `127.0.0.1:${ports.templatesGrpc}`,
    NOTIFICATIONS_GRPC: `127.0.0.1:${ports.notificationsGrpc}`,
    HERALD_ADMIN_API_KEY: adminApiKey,
  };
  const perService: Record<ServiceName, Record<string, string>> = {
    users: {
      PORT: `${ports.users}`,
      GRPC_PORT: `${ports.usersGrpc}`,
      DATABASE_URL: options.databaseUrl('users'),
    },
    templates: {
      PORT: `${ports.templates}`,
      GRPC_PORT: `${ports.templatesGrpc}`,
      DATABASE_URL: options.databaseUrl('templates'),
    },
    notifications: {
      PORT: `${ports.notifications}`,
      GRPC_PORT: `${ports.notificationsGrpc}`,
      DATABASE_URL: options.databaseUrl('notifications'),
    },
    email: { PORT: `${ports.email}` },
    push: { PORT: `${ports.push}` },
    gateway: { PORT: `${ports.gateway}` },
  };
  mkdirSync(options.logDir, { recursive: true });
  const children = new Map<ServiceName, ChildProcess>();
  const stop = () => stopAll(children);
  try {
    for (const name of Object.keys(MAIN) as ServiceName[]) {
      const env = { ...process.env, ...options.env, ...discovery, ...perService[name] };
      children.set(name, spawnService(name, env, options.logDir));
    }
    await Promise.all(
      (Object.keys(MAIN) as ServiceName[]).map((name) =>
        waitForHealth(name, ports[name], children.get(name) as ChildProcess),
      ),
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return { ports, gatewayUrl: `http://127.0.0.1:${ports.gateway}`, adminApiKey, stop };
}

async function allocatePorts(): Promise<SystemPorts> {
  const [gateway, users, usersGrpc, templates, templatesGrpc, notifications, notificationsGrpc, email, push] =
    await Promise.all(Array.from({ length: 9 }, () => freePort()));
  return {
    gateway,
    users,
    usersGrpc,
    templates,
    templatesGrpc,
    notifications,
    notificationsGrpc,
    email,
    push,
  } as SystemPorts;
}

function spawnService(name: ServiceName, env: NodeJS.ProcessEnv, logDir: string): ChildProcess {
  const child = spawn(process.execPath, [join(REPO_ROOT, MAIN[name])], {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log = createWriteStream(join(logDir, `${name}.log`));
  child.stdout?.pipe(log, { end: false });
  child.stderr?.pipe(log, { end: false });
  child.once('exit', () => log.end());
  return child;
}

async function waitForHealth(name: ServiceName, port: number, child: ChildProcess): Promise<void> {
  await waitFor(
    async () => {
      if (child.exitCode !== null) throw new Error(`${name} exited with code ${child.exitCode}; see its log`);
      const response = await fetch(`http://127.0.0.1:${port}/health`);
      return response.ok;
    },
    { timeoutMs: 30_000, intervalMs: 100, description: `${name} to answer /health` },
  ).catch((error: Error) => {
    throw child.exitCode !== null
      ? new Error(`${name} exited with code ${child.exitCode}; see its log`)
      : error;
  });
}

async function stopAll(children: Map<ServiceName, ChildProcess>): Promise<void> {
  await Promise.all([...children.values()].map((child) => stopChild(child)));
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
