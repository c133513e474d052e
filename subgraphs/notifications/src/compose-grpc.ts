import type { Logger } from '@herald/logging';
import type { MetricsRegistry } from '@herald/observability';
import { createGrpcServer, loadHeraldProto } from '@herald/proto';
import type { UseCases } from './compose-use-cases';
import type { NotificationsConfig } from './config';
import { createNotificationStatusGrpc } from './grpc/notification-status.grpc';
import { createNotificationGrpc } from './grpc/notification.grpc';

/** NotificationService for the gateway's REST shim, NotificationStatusService for the workers. */
export function composeGrpc(
  config: Pick<NotificationsConfig, 'INTERNAL_TOKEN'>,
  { useCases, registry, log }: { useCases: UseCases; registry: MetricsRegistry; log: Logger },
) {
  const proto = loadHeraldProto().herald.v1;
  const grpc = createGrpcServer({
    internalToken: config.INTERNAL_TOKEN,
    log,
    metrics: registry,
  });
  grpc.addService(
    proto.NotificationStatusService.service,
    createNotificationStatusGrpc({
      reportStatus: useCases.reportStatus,
      reportStatuses: useCases.reportStatuses,
    }),
  );
  grpc.addService(proto.NotificationService.service, createNotificationGrpc(useCases.requests));
  return grpc;
}
