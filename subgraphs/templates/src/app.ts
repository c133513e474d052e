import { join } from 'node:path';
import { openDataSource } from '@herald/database';
import type { Logger } from '@herald/logging';
import {
  CleanupStack,
  createHealthHandler,
  createMetricsRegistry,
  type ServiceApp,
} from '@herald/observability';
import { createGrpcServer, loadHeraldProto } from '@herald/proto';
import { createSubgraphServer, loadSchemaFile } from '@herald/subgraph';
import type { TemplatesConfig } from './config';
import { createTemplateEngine } from './domain/template-engine';
import { createTemplateGrpcHandlers } from './grpc/template.grpc';
import { createTemplateResolvers } from './graphql/template.resolvers';
import { CreateTemplates1720000000000 } from './store/migrations/1720000000000-create-templates';
import { TemplateEntity } from './store/template.entity';
import { createTemplateRepository } from './store/template.repository';
import { TemplateVersionEntity } from './store/template-version.entity';
import { makeCreateTemplate } from './use-cases/create-template.use-case';
import { makeFindActiveVersion } from './use-cases/find-active-version.use-case';
import { makeFindTemplate } from './use-cases/find-template.use-case';
import { makeGetTemplate } from './use-cases/get-template.use-case';
import { makeListTemplateVersions } from './use-cases/list-template-versions.use-case';
import { makeListTemplates } from './use-cases/list-templates.use-case';
import { makeRenderTemplate } from './use-cases/render-template.use-case';

const SERVICE = 'templates';

export async function createApp(config: TemplatesConfig, log: Logger): Promise<ServiceApp> {
  const cleanup = new CleanupStack(log);
  const db = cleanup.push(
    'database',
    await openDataSource({
      url: config.DATABASE_URL,
      urlVariable: 'DATABASE_URL',
      entities: [TemplateEntity, TemplateVersionEntity],
      migrations: [CreateTemplates1720000000000],
    }),
    (source) => source.destroy(),
  );

  const templates = createTemplateRepository(db);
  const engine = createTemplateEngine({ cacheSize: config.TEMPLATE_CACHE_SIZE });
  const getTemplate = makeGetTemplate({ templates });
  const renderTemplate = makeRenderTemplate({ getTemplate, engine });

  const registry = createMetricsRegistry(SERVICE);
  const health = createHealthHandler(
    SERVICE,
    [{ name: 'database', check: () => db.query('SELECT 1').then(() => undefined) }],
    registry,
  );
  const graphql = createSubgraphServer({
    typeDefs: loadSchemaFile(join(__dirname, '..', 'schema.graphql')),
    resolvers: createTemplateResolvers({
      createTemplate: makeCreateTemplate({ templates, engine }),
      findTemplate: makeFindTemplate({ templates }),
      listTemplates: makeListTemplates({ templates }),
      listTemplateVersions: makeListTemplateVersions({ templates }),
      findActiveVersion: makeFindActiveVersion({ templates }),
      renderTemplate,
    }),
    internalToken: config.INTERNAL_TOKEN,
    health,
    log,
  });
  const grpc = createGrpcServer({ internalToken: config.INTERNAL_TOKEN, log });
  grpc.addService(
    loadHeraldProto().herald.v1.TemplateService.service,
    createTemplateGrpcHandlers({ getTemplate, renderTemplate }),
  );

  return {
    async start() {
      // Pushed before listening so a half-started app still closes what it opened.
      cleanup.defer('graphql server', () => graphql.close());
      const http = await graphql.listen(config.PORT);
      cleanup.defer('grpc server', () => grpc.close());
      const grpcPort = await grpc.listen(config.GRPC_PORT);
      log.info({ http_port: http, grpc_port: grpcPort }, 'templates service listening');
      return { http, grpc: grpcPort };
    },
    stop: () => cleanup.dispose(),
  };
}
