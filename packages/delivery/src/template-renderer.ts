import { createLocalCache } from '@herald/redis';
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
  const loading = new Map<string, { readonly code: string; readonly promise: Promise<CompiledVersion> }>();

  const load = (request: TemplateVersionRequest, key: string): Promise<CompiledVersion> => {
    const ticket = compiled.startLoad(request.code);
    const loadKey = `${request.code}\u0000${key}`;
    const promise = (async () => {
      const source = await options.versions.getVersion(request);
      const version = { source, template: options.compiler.compile(source) };
      ticket.remember(key, version);
      return version;
    })().finally(() => {
      ticket.end();
      if (loading.get(loadKey)?.promise === promise) loading.delete(loadKey);
    });
    loading.set(loadKey, { code: request.code, promise });
    return promise;
  };

  const compiledVersion = (request: TemplateVersionRequest): Promise<CompiledVersion> => {
    const key = `${request.locale}\u0000${request.version}`;
    const cached = compiled.peek(request.code, key);
    if (cached) return Promise.resolve(cached);
    return loading.get(`${request.code}\u0000${key}`)?.promise ?? load(request, key);
  };

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
      for (const [loadKey, pending] of loading) if (pending.code === code) loading.delete(loadKey);
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
