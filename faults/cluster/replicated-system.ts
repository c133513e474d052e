import { join } from 'node:path';
import {
  allocateSystemPorts,
  SERVICE_NAMES,
  startHeraldSystem,
  startTcpProxy,
  type HeraldSystem,
  type ServiceName,
  type StartSystemOptions,
  type SystemPorts,
  type TcpProxy,
} from '@herald/testkit';
import type { Gateway } from '../fixtures';

export const REPLICAS = ['a', 'b'] as const;
export type Replica = (typeof REPLICAS)[number];

/** Two of every service; the subgraphs reached through balancers, the gateways directly. */
export interface ReplicatedSystem {
  readonly replicas: Readonly<Record<Replica, HeraldSystem>>;
  /** Both gateways, as a client that knows them both (or a load balancer) would use them. */
  readonly gateways: readonly [Gateway, Gateway];
  stop(): Promise<void>;
}

export interface ReplicatedSystemOptions extends Omit<StartSystemOptions, 'serviceEnv' | 'ports'> {
  /** Environment of one service of one replica, over everything else (an AMQP_URL through a proxy). */
  readonly serviceEnv?: (replica: Replica) => Partial<Record<ServiceName, Record<string, string>>>;
}

/** The subgraph listeners other services call, each behind a balancer over both replicas. */
const BALANCED = [
  'users',
  'usersGrpc',
  'templates',
  'templatesGrpc',
  'notifications',
  'notificationsGrpc',
] as const satisfies readonly (keyof SystemPorts)[];
type Balanced = (typeof BALANCED)[number];

/**
 * Starts replica a, then replica b (the subgraphs migrate their databases at start; one at a
 * time). Every service finds users, templates and notifications through a TCP balancer over
 * both replicas, as behind a Kubernetes Service: a killed replica's connections drop, and new
 * ones go to the other.
 */
export async function startReplicatedSystem(options: ReplicatedSystemOptions): Promise<ReplicatedSystem> {
  const ports = { a: await allocateSystemPorts(), b: await allocateSystemPorts() };
  const balancers = {} as Record<Balanced, TcpProxy>;
  for (const listener of BALANCED) {
    balancers[listener] = await startTcpProxy(
      REPLICAS.map((replica) => ({ host: '127.0.0.1', port: ports[replica][listener] })),
    );
  }
  const at = (listener: Balanced) => `127.0.0.1:${balancers[listener].port}`;
  const discovery = {
    USERS_URL: `http://${at('users')}/graphql`,
    TEMPLATES_URL: `http://${at('templates')}/graphql`,
    NOTIFICATIONS_URL: `http://${at('notifications')}/graphql`,
    USERS_GRPC: at('usersGrpc'),
    TEMPLATES_GRPC: at('templatesGrpc'),
    NOTIFICATIONS_GRPC: at('notificationsGrpc'),
  };
  const closeBalancers = () => Promise.all(Object.values(balancers).map((balancer) => balancer.close()));
  const started: HeraldSystem[] = [];
  const stopStarted = () => Promise.all(started.map((system) => system.stop()));
  const startReplica = async (replica: Replica) => {
    const own = options.serviceEnv?.(replica) ?? {};
    const system = await startHeraldSystem({
      ...options,
      ports: ports[replica],
      logDir: join(options.logDir, replica),
      serviceEnv: Object.fromEntries(SERVICE_NAMES.map((name) => [name, { ...discovery, ...own[name] }])),
    });
    started.push(system);
    return system;
  };
  try {
    const replicas = { a: await startReplica('a'), b: await startReplica('b') };
    const gatewayOf = (system: HeraldSystem): Gateway => ({
      gatewayUrl: system.gatewayUrl,
      adminApiKey: system.adminApiKey,
    });
    return {
      replicas,
      gateways: [gatewayOf(replicas.a), gatewayOf(replicas.b)],
      stop: async () => {
        await stopStarted();
        await closeBalancers();
      },
    };
  } catch (error) {
    await stopStarted();
    await closeBalancers();
    throw error;
  }
}
