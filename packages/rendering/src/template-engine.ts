import Handlebars from 'handlebars';
import { BadUserInputError, UnprocessableError, type FieldIssue } from '@herald/errors';
import { createLruCache } from '@herald/cache';
import { findMissingVariables, listRequiredVariables, type Requirement } from './requirements';
import type { RenderedContent, TemplateSources, TemplateVariables } from './template-content';
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

/** A version's sources compiled once, to render with each message's variables. */
export interface CompiledTemplate {
  /** The variables every render needs. */
  readonly variables: readonly string[];
  /**
   * Renders with the variables, formatting dates and numbers for `locale`. Refuses with every
   * missing variable listed rather than rendering any of them empty.
   */
  render(variables: TemplateVariables, locale: string): RenderedContent;
}

export interface TemplateCompiler {
  /** Refuses sources that do not parse or use unsupported helpers; returns the variables they need. */
  check(sources: TemplateSources): { readonly variables: string[] };
  /** Checks and compiles the sources; refuses them as check does. */
  compile(sources: TemplateSources): CompiledTemplate;
}

export interface TemplateEngine extends TemplateCompiler {
  /** Renders a version, compiling it on its first render only. */
  render(version: RenderableVersion, variables: TemplateVariables, locale: string): RenderedContent;
}

interface FieldRequirements {
  readonly field: SourceField;
  readonly requirements: readonly Requirement[];
}

const KNOWN_HELPERS = Object.fromEntries([...INLINE_HELPERS.keys()].map((name) => [name, true]));

/**
 * Compiles in an isolated Handlebars environment (its helpers are not the global instance's).
 * Compiling is the costly step; what it returns renders any number of messages.
 */
export function createTemplateCompiler(): TemplateCompiler {
  const env = Handlebars.create();
  registerTemplateHelpers(env);

  /** Each field's requirements, so a refusal can name the field that needs a variable. */
  function analyze(sources: TemplateSources): FieldRequirements[] {
    const analyzed: FieldRequirements[] = [];
    const issues: TemplateSourceIssue[] = [];
    for (const field of SOURCE_FIELDS) {
      const source = sources[field];
      if (source === null) continue;
      try {
        analyzed.push({ field, requirements: analyzeTemplate(parseTemplate(env, source)) });
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
    return analyzed;
  }

  function compile(sources: TemplateSources): CompiledTemplate {
    const analyzed = analyze(sources);
    const fields: Partial<Record<SourceField, Handlebars.TemplateDelegate>> = {};
    for (const field of SOURCE_FIELDS) {
      const source = sources[field];
      if (source === null) continue;
      fields[field] = env.compile(source, {
        knownHelpers: KNOWN_HELPERS,
        knownHelpersOnly: true,
        // Only HTML is escaped: a subject, push title or text body shows "&amp;" literally.
        noEscape: field !== 'bodyHtml',
        strict: false,
      });
    }
    return {
      variables: listVariables(analyzed),
      render(variables, locale) {
        refuseMissingVariables(analyzed, variables);
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

  return { check: (sources) => ({ variables: listVariables(analyze(sources)) }), compile };
}

/** A compiler with the compiled versions in a bounded LRU; versions are immutable, so entries never go stale. */
export function createTemplateEngine(options: { readonly cacheSize: number }): TemplateEngine {
  const compiler = createTemplateCompiler();
  const cache = createLruCache<string, CompiledTemplate>(options.cacheSize);
  return {
    ...compiler,
    render(version, variables, locale) {
      const key = `${version.templateCode}\u0000${version.number}\u0000${version.locale}`;
      let compiled = cache.get(key);
      if (!compiled) {
        compiled = compiler.compile(version);
        cache.set(key, compiled);
      }
      return compiled.render(variables, locale);
    },
  };
}

function listVariables(analyzed: readonly FieldRequirements[]): string[] {
  return listRequiredVariables(analyzed.flatMap(({ requirements }) => requirements));
}

/**
 * Refuses with every missing variable listed (details.missing) and, in details.issues, the
 * fields that need them, so an editor can show each refusal at its field.
 */
function refuseMissingVariables(analyzed: readonly FieldRequirements[], variables: TemplateVariables): void {
  const issues: FieldIssue[] = [];
  const missing = new Set<string>();
  for (const { field, requirements } of analyzed) {
    const lacking = findMissingVariables(requirements, variables);
    if (lacking.length === 0) continue;
    lacking.forEach((name) => missing.add(name));
    issues.push({ field, message: `needs the variables ${lacking.join(', ')}` });
  }
  if (missing.size === 0) return;
  throw new UnprocessableError(`missing template variables: ${[...missing].join(', ')}`, {
    missing: [...missing],
    issues,
  });
}

/** A subject or title is one line; a variable's line breaks must not reach a mail header. */
function toSingleLine(text: string | null): string | null {
  return text === null ? null : text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}
