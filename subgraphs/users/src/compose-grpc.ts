import type { Logger } from '@herald/logging';
import type { MetricsRegistry } from '@herald/observability';
import { createGrpcServer, loadHeraldProto } from '@herald/proto';
import type { UseCases } from './compose-use-cases';
import type { UsersConfig } from './config';
import { createUserGrpcHandlers } from './grpc/user.grpc';

/** UserService for the gateway, notifications and the workers. */
export function composeGrpc(
  config: Pick<UsersConfig, 'INTERNAL_TOKEN'>,
  { useCases, registry, log }: { useCases: UseCases; registry: MetricsRegistry; log: Logger },
) {
  const grpc = createGrpcServer({
    internalToken: config.INTERNAL_TOKEN,
    log,
    metrics: registry,
  });
  grpc.addService(loadHeraldProto().herald.v1.UserService.service, createUserGrpcHandlers(useCases));
  return grpc;
}
