import { databaseProbe } from '@herald/database';
import type { BrokerLink } from '@herald/amqp';
import { checkReadiness, createHealthHandler, type HealthHandler } from '@herald/lifecycle';
import type { MetricsRegistry } from '@herald/observability';
import type { DataSource } from 'typeorm';
import type { Peers } from './compose-peers';
import type { ServiceReadiness } from './use-cases/get-system-status.use-case';

export interface Health {
  /** /health, /ready and /metrics, served on the GraphQL port. */
  readonly handler: HealthHandler;
  /** This service's line in systemStatus: the probes of /ready, read in-process. */
  readonly self: ServiceReadiness;
}

/** Ready when PostgreSQL, RabbitMQ and the peers' gRPC health answer. */
export function composeHealth(
  service: string,
  {
    db,
    broker,
    peers,
    registry,
  }: { db: DataSource; broker: BrokerLink; peers: Peers; registry: MetricsRegistry },
): Health {
  const readinessProbes = [
    databaseProbe(db),
    { name: 'broker', check: () => broker.check() },
    ...peers.probes,
  ];
  return {
    handler: createHealthHandler(service, readinessProbes, registry),
    self: { name: service, read: async () => ({ service, ...(await checkReadiness(readinessProbes)) }) },
  };
}
