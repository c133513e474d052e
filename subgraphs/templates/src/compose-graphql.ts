import { join } from 'node:path';
import type { HealthHandler } from '@herald/lifecycle';
import type { Logger } from '@herald/logging';
import type { MetricsRegistry } from '@herald/observability';
import { createSubgraphServer, loadSchemaFile } from '@herald/subgraph';
import type { Rendering } from './compose-rendering';
import type { TemplatesConfig } from './config';
import { createTemplateResolvers } from './graphql/template.resolvers';
import type { TemplateRepository } from './store/template.repository';
import { makeAddTemplateVersion } from './use-cases/add-template-version.use-case';
import { makeCreateTemplate } from './use-cases/create-template.use-case';
import { makeFindActiveVersion } from './use-cases/find-active-version.use-case';
import { makeFindTemplate } from './use-cases/find-template.use-case';
import { makeListTemplateVersions } from './use-cases/list-template-versions.use-case';
import { makeListTemplates } from './use-cases/list-templates.use-case';
import { makePreviewTemplate } from './use-cases/preview-template.use-case';
import { makePublishTemplateVersion } from './use-cases/publish-template-version.use-case';

/** The templates subgraph: authoring, publishing, listing, rendering and previews. */
export function composeGraphql(
  config: Pick<TemplatesConfig, 'INTERNAL_TOKEN'>,
  deps: {
    readonly templates: TemplateRepository;
    readonly rendering: Pick<Rendering, 'engine' | 'renderTemplate'>;
    /** Tells every replica and notifications that a code's versions changed. */
    readonly announceChange: (code: string) => Promise<void>;
    readonly health: HealthHandler;
    readonly registry: MetricsRegistry;
    readonly log: Logger;
  },
) {
  const { templates, announceChange } = deps;
  const { engine, renderTemplate } = deps.rendering;
  return createSubgraphServer({
    // schema.graphql sits at the package root, one level above src/ and dist/.
    typeDefs: loadSchemaFile(join(__dirname, '..', 'schema.graphql')),
    resolvers: createTemplateResolvers({
      createTemplate: makeCreateTemplate({ templates, engine }),
      addTemplateVersion: makeAddTemplateVersion({ templates, engine, announceChange }),
      publishTemplateVersion: makePublishTemplateVersion({ templates, announceChange }),
      findTemplate: makeFindTemplate({ templates }),
      listTemplates: makeListTemplates({ templates }),
      listTemplateVersions: makeListTemplateVersions({ templates }),
      findActiveVersion: makeFindActiveVersion({ templates }),
      renderTemplate,
      previewTemplate: makePreviewTemplate({ engine }),
    }),
    internalToken: config.INTERNAL_TOKEN,
    health: deps.health,
    metrics: deps.registry,
    log: deps.log,
  });
}
