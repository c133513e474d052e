import { z } from 'zod';
import type { TemplateServiceDefinition, UnaryImplementation } from '@herald/proto';
import type { TemplateVariables } from '@herald/rendering';
import { parseInput } from '@herald/subgraph';
import type { RenderedMessage, TemplateContent } from '../domain/template';
import type { GetTemplate } from '../use-cases/cache-template-resolution';
import type { RenderTemplateRequest } from '../use-cases/render-template.use-case';
import { localeSchema, variablesSchema } from '../use-cases/template-inputs';

export interface TemplateGrpcDeps {
  readonly getTemplate: GetTemplate;
  readonly renderTemplate: (request: RenderTemplateRequest) => Promise<RenderedMessage>;
}

/** proto3 sends '' for an unset string and 0 for an unset number: both mean "not given". */
const codeField = z.string().min(1, 'is required').max(64);
const localeField = z.union([z.literal('').transform(() => undefined), localeSchema]);

const variablesJsonField = z.string().transform((text, ctx): TemplateVariables => {
  if (text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    ctx.addIssue({
      code: 'custom',
      message: `is not valid JSON (${error instanceof Error ? error.message : String(error)})`,
    });
    return z.NEVER;
  }
  const variables = variablesSchema.safeParse(value);
  if (!variables.success) {
    ctx.addIssue({ code: 'custom', message: 'must be a JSON object of variables' });
    return z.NEVER;
  }
  return variables.data;
});

const versionField = z
  .number()
  .int()
  .min(0)
  .transform((value) => (value === 0 ? undefined : value));

const getTemplateRequest = z.object({ code: codeField, locale: localeField });
const getTemplateVersionRequest = z.object({ code: codeField, locale: localeField, version: versionField });
const renderTemplateRequest = z.object({
  code: codeField,
  locale: localeField,
  version: versionField,
  variables_json: variablesJsonField,
});

export function createTemplateGrpcHandlers({
  getTemplate,
  renderTemplate,
}: TemplateGrpcDeps): UnaryImplementation<TemplateServiceDefinition> {
  return {
    async GetTemplate(request) {
      const { code, locale } = parseInput(getTemplateRequest, request);
      const { template, version } = await getTemplate(code, locale);
      return {
        code: template.code,
        channel: template.channel,
        version: version.number,
        locale: version.locale,
        variables: [...version.variables],
      };
    },
    /** The sources a worker compiles and renders itself; the resolution is the one RenderTemplate uses. */
    async GetTemplateVersion(request) {
      const { code, locale, version: number } = parseInput(getTemplateVersionRequest, request);
      const { template, version } = await getTemplate(code, locale, number);
      return {
        code: template.code,
        channel: template.channel,
        number: version.number,
        locale: version.locale,
        ...contentOnTheWire(version),
        variables: [...version.variables],
      };
    },
    async RenderTemplate(request) {
      const { code, locale, version, variables_json: variables } = parseInput(renderTemplateRequest, request);
      const message = await renderTemplate({ code, locale, version, variables });
      return {
        code: message.code,
        channel: message.channel,
        version: message.version,
        locale: message.locale,
        ...contentOnTheWire(message),
      };
    },
  };
}

/** A version's content, sources or rendered, as proto3 strings: '' for an absent one. */
function contentOnTheWire(content: TemplateContent) {
  return {
    subject: content.subject ?? '',
    title: content.title ?? '',
    body: content.body,
    body_html: content.bodyHtml ?? '',
    image_url: content.imageUrl ?? '',
    link: content.link ?? '',
  };
}
