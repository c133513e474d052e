import { createLocalCache } from '@herald/cache';
import {
  canonicalizeLocale,
  formattingLocale,
  type CompiledTemplate,
  type RenderedContent as RenderedSources,
  type TemplateCompiler,
} from '@herald/rendering';
import type { RenderedContent } from './delivery-channel';
import type {
  TemplateRenderer,
  TemplateVersionRequest,
  TemplateVersions,
  TemplateVersionSource,
} from './delivery-peers';

export interface TemplateRendererOptions {
  readonly versions: TemplateVersions;
  readonly compiler: Pick<TemplateCompiler, 'compile'>;
  /** Template codes whose compiled versions are kept; the least recently used code makes room. */
  readonly capacity: number;
  /** How long a compiled version is used: what bounds staleness when an announcement is missed. */
  readonly ttlMs: number;
}

export interface CachingTemplateRenderer extends TemplateRenderer {
  /** Drops every compiled version of the code, and loads under way, so the next render fetches again. */
  forget(code: string): void;
}

interface CompiledVersion {
  readonly source: TemplateVersionSource;
  readonly template: CompiledTemplate;
}

/**
 * Renders in-process: each requested version is fetched and compiled once, then renders every
 * message that asks for it. Concurrent first renders of a version share one fetch and compile.
 */
export function createTemplateRenderer(options: TemplateRendererOptions): CachingTemplateRenderer {
  const compiled = createLocalCache<CompiledVersion>({ capacity: options.capacity, ttlMs: options.ttlMs });

  const compiledVersion = (request: TemplateVersionRequest): Promise<CompiledVersion> =>
    compiled.getOrLoad(request.code, `${request.locale}\u0000${request.version}`, async () => {
      const source = await options.versions.getVersion(request);
      return { source, template: options.compiler.compile(source) };
    });

  return {
    async render(request) {
      const { source, template } = await compiledVersion(request);
      // As templates does: the reader's region formats dates and numbers when the language matches.
      const requested = request.locale === '' ? undefined : canonicalizeLocale(request.locale);
      const content = template.render(request.variables, formattingLocale(requested, source.locale));
      return toRenderedContent(source, content);
    },
    forget(code) {
      compiled.invalidate(code);
    },
  };
}

/** An empty subject or title is no subject or title, as when templates rendered over gRPC. */
function toRenderedContent(source: TemplateVersionSource, content: RenderedSources): RenderedContent {
  return {
    templateCode: source.templateCode,
    version: source.number,
    locale: source.locale,
    subject: content.subject || undefined,
    title: content.title || undefined,
    body: content.body,
    bodyHtml: content.bodyHtml || undefined,
    imageUrl: source.imageUrl,
    link: source.link,
  };
}
