import Handlebars from 'handlebars';
import { BadUserInputError, UnprocessableError, type FieldIssue } from '@herald/errors';
import { createLruCache } from '@herald/redis';
import { findMissingVariables, listRequiredVariables, type Requirement } from './requirements';
import type { RenderedContent, TemplateSources, TemplateVariables } from './template';
import { analyzeTemplate } from './template-analysis';
import { INLINE_HELPERS, registerTemplateHelpers } from './template-helpers';
import { TemplateSourceError, parseTemplate } from './template-syntax';

export const SOURCE_FIELDS = ['subject', 'title', 'body', 'bodyHtml'] as const;
type SourceField = (typeof SOURCE_FIELDS)[number];

export interface RenderableVersion extends TemplateSources {
  readonly templateCode: string;
  readonly number: number;
  readonly locale: string;
}

export interface TemplateSourceIssue extends FieldIssue {
  readonly field: SourceField;
  readonly line?: number;
  readonly column?: number;
}

export interface TemplateEngine {
  /** Refuses sources that do not parse or use unsupported helpers; returns the variables they need. */
  check(sources: TemplateSources): { readonly variables: string[] };
  /**
   * Renders a version with its variables, formatting dates and numbers for `locale`.
   * Refuses with every missing variable listed rather than rendering any of them empty.
   */
  render(version: RenderableVersion, variables: TemplateVariables, locale: string): RenderedContent;
}

interface CompiledVersion {
  readonly requirements: readonly Requirement[];
  readonly fields: Readonly<Partial<Record<SourceField, Handlebars.TemplateDelegate>>>;
}

const KNOWN_HELPERS = Object.fromEntries([...INLINE_HELPERS.keys()].map((name) => [name, true]));

/**
 * An isolated Handlebars environment (its helpers are not the global instance's) with the
 * compiled versions in a bounded LRU; versions are immutable, so entries never go stale.
 */
export function createTemplateEngine(options: { readonly cacheSize: number }): TemplateEngine {
  const env = Handlebars.create();
  registerTemplateHelpers(env);
  const cache = createLruCache<string, CompiledVersion>(options.cacheSize);

  function analyze(sources: TemplateSources): Requirement[] {
    const requirements: Requirement[] = [];
    const issues: TemplateSourceIssue[] = [];
    for (const field of SOURCE_FIELDS) {
      const source = sources[field];
      if (source === null) continue;
      try {
        requirements.push(...analyzeTemplate(parseTemplate(env, source)));
      } catch (error) {
        if (!(error instanceof TemplateSourceError)) throw error;
        issues.push({ field, message: error.message, ...error.position });
      }
    }
    if (issues.length > 0) {
      throw new BadUserInputError(
        `invalid template: ${issues.map((issue) => `${issue.field} ${issue.message}`).join('; ')}`,
        issues,
      );
    }
    return requirements;
  }

  function compile(version: RenderableVersion): CompiledVersion {
    const fields: Partial<Record<SourceField, Handlebars.TemplateDelegate>> = {};
    for (const field of SOURCE_FIELDS) {
      const source = version[field];
      if (source === null) continue;
      fields[field] = env.compile(source, {
        knownHelpers: KNOWN_HELPERS,
        knownHelpersOnly: true,
        // Only HTML is escaped: a subject, push title or text body shows "&amp;" literally.
        noEscape: field !== 'bodyHtml',
        strict: false,
      });
    }
    return { requirements: analyze(version), fields };
  }

  return {
    check: (sources) => ({ variables: listRequiredVariables(analyze(sources)) }),
    render(version, variables, locale) {
      const key = `${version.templateCode}\u0000${version.number}\u0000${version.locale}`;
      let compiled = cache.get(key);
      if (!compiled) {
        compiled = compile(version);
        cache.set(key, compiled);
      }
      const missing = findMissingVariables(compiled.requirements, variables);
      if (missing.length > 0) {
        throw new UnprocessableError(`missing template variables: ${missing.join(', ')}`, { missing });
      }
      const { fields } = compiled;
      const run = (field: SourceField) => fields[field]?.(variables, { data: { locale } }) ?? null;
      return {
        subject: toSingleLine(run('subject')),
        title: toSingleLine(run('title')),
        body: run('body') ?? '',
        bodyHtml: run('bodyHtml'),
      };
    },
  };
}

/** A subject or title is one line; a variable's line breaks must not reach a mail header. */
function toSingleLine(text: string | null): string | null {
  return text === null ? null : text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}
