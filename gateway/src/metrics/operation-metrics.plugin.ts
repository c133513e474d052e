import type { ApolloServerPlugin } from '@apollo/server';
import type { GatewayContext } from '../graphql/gateway-context';
import type { GatewayMetrics } from './gateway-metrics';
import { createOperationNamer } from './operation-name';

/** Counts and times every operation Apollo runs, over HTTP and in-process for the REST shim alike. */
export function operationMetricsPlugin(metrics: GatewayMetrics): ApolloServerPlugin<GatewayContext> {
  const nameOf = createOperationNamer();
  return {
    async requestDidStart() {
      const startedAt = process.hrtime.bigint();
      return {
        async willSendResponse({ operationName, request, errors, response }) {
          const operation = nameOf(operationName ?? request.operationName);
          const failed =
            (errors?.length ?? 0) > 0 ||
            (response.body.kind === 'single' && (response.body.singleResult.errors?.length ?? 0) > 0);
          metrics.operations.inc({ operation, result: failed ? 'error' : 'ok' });
          metrics.operationDuration.observe({ operation }, Number(process.hrtime.bigint() - startedAt) / 1e9);
        },
      };
    },
  };
}
