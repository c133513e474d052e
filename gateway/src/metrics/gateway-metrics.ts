import { Counter, Histogram, type Registry } from 'prom-client';

/** The gateway's own series; label values are bounded (route patterns, sanitised operation names, codes). */
export interface GatewayMetrics {
  readonly operations: Counter<'operation' | 'result'>;
  readonly operationDuration: Histogram<'operation'>;
  readonly errors: Counter<'code' | 'source'>;
  readonly rateLimited: Counter<'api'>;
  readonly rateLimitFailOpen: Counter<string>;
  readonly unsubscribes: Counter<'outcome'>;
}

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export function createGatewayMetrics(registry: Registry): GatewayMetrics {
  const registers = [registry];
  return {
    operations: new Counter({
      name: 'herald_gateway_graphql_operations_total',
      help: 'GraphQL operations (including those of the REST shim’s users and login routes) by operation name and result.',
      labelNames: ['operation', 'result'],
      registers,
    }),
    operationDuration: new Histogram({
      name: 'herald_gateway_graphql_operation_duration_seconds',
      help: 'GraphQL operation latency by operation name.',
      labelNames: ['operation'],
      buckets: LATENCY_BUCKETS,
      registers,
    }),
    errors: new Counter({
      name: 'herald_gateway_errors_total',
      help: 'Errors returned to clients by code; source graphql (in a GraphQL result), grpc (a NotificationService answer on the REST shim) or http (refused at the edge).',
      labelNames: ['code', 'source'],
      registers,
    }),
    rateLimited: new Counter({
      name: 'herald_gateway_rate_limited_total',
      help: 'Requests refused by the rate limit, by API (graphql or rest).',
      labelNames: ['api'],
      registers,
    }),
    rateLimitFailOpen: new Counter({
      name: 'herald_gateway_rate_limit_fail_open_total',
      help: 'Requests let through unmetered because Redis could not be asked.',
      registers,
    }),
    unsubscribes: new Counter({
      name: 'herald_gateway_unsubscribe_requests_total',
      help: 'One-click unsubscribe POSTs and link views by outcome: unsubscribed, already, invalid (a token that does not open), bad_request, failed.',
      labelNames: ['outcome'],
      registers,
    }),
  };
}
