import { z } from 'zod';
import { loadConfig } from '@herald/config';
import type { ServiceSpec } from './service-spec';

const port = (defaultPort: number) => z.coerce.number().int().min(1).max(65535).default(defaultPort);

/** Where `npm start` runs each service (docs/architecture.md, Ports); each variable moves one port. */
const heraldPortsEnv = z.object({
  GATEWAY_PORT: port(8000),
  USERS_PORT: port(8001),
  USERS_GRPC_PORT: port(50051),
  TEMPLATES_PORT: port(8002),
  TEMPLATES_GRPC_PORT: port(50052),
  NOTIFICATIONS_PORT: port(8005),
  NOTIFICATIONS_GRPC_PORT: port(50053),
  EMAIL_PORT: port(8003),
  PUSH_PORT: port(8004),
});

export type HeraldPorts = z.output<typeof heraldPortsEnv>;

export const HERALD_SERVICE_NAMES = [
  'users',
  'templates',
  'notifications',
  'email',
  'push',
  'gateway',
] as const;

export type HeraldServiceName = (typeof HERALD_SERVICE_NAMES)[number];

/** Throws a ConfigError naming the variable when a port is not one. */
export function loadHeraldPorts(env: Record<string, string | undefined>): HeraldPorts {
  return loadConfig(heraldPortsEnv, env);
}

/**
 * The six services on these ports, each told where the others are. `env` is shared by all;
 * `serviceEnv` adds to one service only (tests give each subgraph its own database).
 */
export function heraldServices(
  env: Readonly<Record<string, string | undefined>>,
  ports: HeraldPorts,
  serviceEnv: Partial<Record<HeraldServiceName, Record<string, string>>> = {},
): ServiceSpec[] {
  const discovery = {
    USERS_URL: `http://127.0.0.1:${ports.USERS_PORT}/graphql`,
    TEMPLATES_URL: `http://127.0.0.1:${ports.TEMPLATES_PORT}/graphql`,
    NOTIFICATIONS_URL: `http://127.0.0.1:${ports.NOTIFICATIONS_PORT}/graphql`,
    USERS_GRPC: `127.0.0.1:${ports.USERS_GRPC_PORT}`,
    TEMPLATES_GRPC: `127.0.0.1:${ports.TEMPLATES_GRPC_PORT}`,
    NOTIFICATIONS_GRPC: `127.0.0.1:${ports.NOTIFICATIONS_GRPC_PORT}`,
    // What the notifications service's systemStatus asks for /ready.
    GATEWAY_URL: `http://127.0.0.1:${ports.GATEWAY_PORT}`,
    EMAIL_WORKER_URL: `http://127.0.0.1:${ports.EMAIL_PORT}`,
    PUSH_WORKER_URL: `http://127.0.0.1:${ports.PUSH_PORT}`,
    // Where the email worker's one-click unsubscribe links point: this gateway, unless a public address is set.
    PUBLIC_URL: env.PUBLIC_URL ?? `http://127.0.0.1:${ports.GATEWAY_PORT}`,
  };
  const layout: Record<
    HeraldServiceName,
    { main: string; http: keyof HeraldPorts; grpc?: keyof HeraldPorts }
  > = {
    users: { main: 'subgraphs/users/dist/main.js', http: 'USERS_PORT', grpc: 'USERS_GRPC_PORT' },
    templates: {
      main: 'subgraphs/templates/dist/main.js',
      http: 'TEMPLATES_PORT',
      grpc: 'TEMPLATES_GRPC_PORT',
    },
    notifications: {
      main: 'subgraphs/notifications/dist/main.js',
      http: 'NOTIFICATIONS_PORT',
      grpc: 'NOTIFICATIONS_GRPC_PORT',
    },
    email: { main: 'workers/email/dist/main.js', http: 'EMAIL_PORT' },
    push: { main: 'workers/push/dist/main.js', http: 'PUSH_PORT' },
    gateway: { main: 'gateway/dist/main.js', http: 'GATEWAY_PORT' },
  };
  return HERALD_SERVICE_NAMES.map((name) => {
    const { main, http, grpc } = layout[name];
    const own = { PORT: `${ports[http]}`, ...(grpc ? { GRPC_PORT: `${ports[grpc]}` } : {}) };
    const serviceVariables = { ...env, ...discovery, ...own, ...serviceEnv[name] };
    return {
      name,
      main,
      env: serviceVariables,
      ports: [
        ...[http, ...(grpc ? [grpc] : [])].map((variable) => ({ port: ports[variable], variable })),
        ...(name === 'email' ? bounceListenerPort(serviceVariables) : []),
      ],
      healthUrl: `http://127.0.0.1:${ports[http]}/health`,
    };
  });
}

/** The email worker's bounce listener binds BOUNCE_SMTP_PORT when it is set (decision 0028). */
function bounceListenerPort(env: Readonly<Record<string, string | undefined>>) {
  const port = Number(env.BOUNCE_SMTP_PORT);
  return env.BOUNCE_SMTP_PORT && Number.isInteger(port) && port > 0
    ? [{ port, variable: 'BOUNCE_SMTP_PORT' }]
    : [];
}
