import type { Logger } from '@herald/logging';
import type { MetricsRegistry } from '@herald/observability';
import { createGrpcServer, loadHeraldProto } from '@herald/proto';
import type { Rendering } from './compose-rendering';
import type { TemplatesConfig } from './config';
import { createTemplateGrpcHandlers } from './grpc/template.grpc';

/** TemplateService for notifications and the workers: resolved versions and renders. */
export function composeGrpc(
  config: Pick<TemplatesConfig, 'INTERNAL_TOKEN'>,
  {
    rendering,
    registry,
    log,
  }: { rendering: Pick<Rendering, 'getTemplate' | 'renderTemplate'>; registry: MetricsRegistry; log: Logger },
) {
  const grpc = createGrpcServer({
    internalToken: config.INTERNAL_TOKEN,
    log,
    metrics: registry,
  });
  grpc.addService(
    loadHeraldProto().herald.v1.TemplateService.service,
    createTemplateGrpcHandlers({
      getTemplate: rendering.getTemplate,
      renderTemplate: rendering.renderTemplate,
    }),
  );
  return grpc;
}
