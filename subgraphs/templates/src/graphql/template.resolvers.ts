import { z } from 'zod';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { parseInput, scalarResolvers, type SubgraphContext } from '@herald/subgraph';
import { SCOPES, requireIdentity, requireScope } from '@herald/identity';
import type { RenderedDraft, RenderedMessage, Template, TemplateVersion } from '../domain/template';
import type { TemplateListing } from '../use-cases/list-templates.use-case';
import type { PreviewTemplateRequest } from '../use-cases/preview-template.use-case';
import type { RenderTemplateRequest } from '../use-cases/render-template.use-case';
import {
  allowAbsent,
  channelSchema,
  codeSchema,
  createTemplateInputSchema,
  localeSchema,
  pageSchema,
  templateDraftInputSchema,
  templateVersionInputSchema,
  variablesSchema,
  type CreateTemplateInput,
  type TemplateVersionInput,
} from '../use-cases/template-inputs';

export interface TemplateResolverDeps {
  readonly createTemplate: (input: CreateTemplateInput) => Promise<Template>;
  readonly addTemplateVersion: (code: string, input: TemplateVersionInput) => Promise<TemplateVersion>;
  readonly publishTemplateVersion: (code: string, number: number) => Promise<TemplateVersion>;
  readonly findTemplate: (code: string) => Promise<Template | undefined>;
  readonly listTemplates: (query: {
    channel?: Template['channel'];
    page: number;
    limit: number;
  }) => Promise<TemplateListing>;
  readonly listTemplateVersions: (code: string) => Promise<TemplateVersion[]>;
  readonly findActiveVersion: (
    template: Template,
    locale: string | undefined,
  ) => Promise<TemplateVersion | undefined>;
  readonly renderTemplate: (request: RenderTemplateRequest) => Promise<RenderedMessage>;
  readonly previewTemplate: (request: PreviewTemplateRequest) => RenderedDraft;
}

// Codes are checked against the pattern they were created with: a NUL byte must never reach PostgreSQL.
const templateArgs = z.object({ code: codeSchema });
const templatesArgs = pageSchema.extend({ channel: allowAbsent(channelSchema) });
const renderArgs = z.object({
  code: codeSchema,
  locale: allowAbsent(localeSchema),
  variables: allowAbsent(variablesSchema).transform((value) => value ?? {}),
  version: allowAbsent(z.number().int().min(1)),
});
const previewArgs = z.object({
  channel: channelSchema,
  locale: allowAbsent(localeSchema).transform((value) => value ?? 'en'),
  variables: allowAbsent(variablesSchema).transform((value) => value ?? {}),
});
const addVersionArgs = z.object({ code: codeSchema, input: templateVersionInputSchema });
const publishArgs = z.object({ code: codeSchema, number: z.number().int().min(1) });
const activeVersionArgs = z.object({ locale: allowAbsent(localeSchema) });

export function createTemplateResolvers(deps: TemplateResolverDeps): GraphQLResolverMap<SubgraphContext> {
  return {
    ...scalarResolvers,
    Query: {
      template: async (_source: unknown, args: unknown, context: SubgraphContext) => {
        requireIdentity(context);
        return (await deps.findTemplate(parseInput(templateArgs, args).code)) ?? null;
      },
      templates: (_source: unknown, args: unknown, context: SubgraphContext) => {
        requireIdentity(context);
        return deps.listTemplates(parseInput(templatesArgs, args));
      },
      renderTemplate: (_source: unknown, args: unknown, context: SubgraphContext) => {
        requireIdentity(context);
        return deps.renderTemplate(parseInput(renderArgs, args));
      },
      previewTemplate: (_source: unknown, args: unknown, context: SubgraphContext) => {
        requireScope(context, SCOPES.templatesWrite);
        const { draft, ...rest } = args as { draft?: unknown };
        // The draft's refusals name its fields as the editor shows them (imageUrl, not draft.imageUrl).
        return deps.previewTemplate({
          ...parseInput(previewArgs, rest),
          draft: parseInput(templateDraftInputSchema, draft),
        });
      },
    },
    Mutation: {
      createTemplate: async (_source: unknown, args: unknown, context: SubgraphContext) => {
        const identity = requireScope(context, SCOPES.templatesWrite);
        const input = parseInput(createTemplateInputSchema, (args as { input?: unknown }).input);
        const template = await deps.createTemplate(input);
        context.log.info(
          { template_code: template.code, channel: template.channel, by: identity.id },
          'template created',
        );
        return template;
      },
      addTemplateVersion: async (_source: unknown, args: unknown, context: SubgraphContext) => {
        const identity = requireScope(context, SCOPES.templatesWrite);
        const { code, input } = parseInput(addVersionArgs, args);
        const version = await deps.addTemplateVersion(code, input);
        context.log.info(
          {
            template_code: code,
            version: version.number,
            locale: version.locale,
            published: version.published,
            by: identity.id,
          },
          'template version added',
        );
        return version;
      },
      publishTemplateVersion: async (_source: unknown, args: unknown, context: SubgraphContext) => {
        const identity = requireScope(context, SCOPES.templatesWrite);
        const { code, number } = parseInput(publishArgs, args);
        const version = await deps.publishTemplateVersion(code, number);
        context.log.info(
          { template_code: code, version: number, locale: version.locale, by: identity.id },
          'template version published',
        );
        return version;
      },
    },
    Template: {
      __resolveReference: async (reference: { code: string }) =>
        (await deps.findTemplate(reference.code)) ?? null,
      versions: (template: Template) => deps.listTemplateVersions(template.code),
      activeVersion: async (template: Template, args: unknown) =>
        (await deps.findActiveVersion(template, parseInput(activeVersionArgs, args).locale)) ?? null,
    },
  };
}
