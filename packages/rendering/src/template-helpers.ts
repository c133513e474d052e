import type Handlebars from 'handlebars';
import { UnprocessableError } from '@herald/errors';

type HandlebarsEnvironment = typeof Handlebars;
type HelperHash = Readonly<Record<string, unknown>>;

export interface InlineHelperSpec {
  readonly arguments: number;
  readonly options: readonly string[];
  /** Throws when literal options are unusable, so a bad template is refused when it is saved. */
  readonly checkOptions?: (options: HelperHash) => void;
}

/** The helpers a template may call inline, `{{name arg option=value}}`. */
export const INLINE_HELPERS: ReadonlyMap<string, InlineHelperSpec> = new Map<string, InlineHelperSpec>([
  ['default', { arguments: 2, options: [] }],
  ['lookup', { arguments: 2, options: [] }],
  [
    'formatDate',
    {
      arguments: 1,
      options: ['dateStyle', 'timeStyle', 'timeZone'],
      checkOptions: (options) => new Intl.DateTimeFormat('en', dateFormatOptions(options)),
    },
  ],
  [
    'formatNumber',
    {
      arguments: 1,
      options: ['style', 'currency', 'minimumFractionDigits', 'maximumFractionDigits'],
      checkOptions: (options) => new Intl.NumberFormat('en', numberFormatOptions(options)),
    },
  ],
]);

/** The block helpers, `{{#name arg as |…|}}`, with how many block params each offers. */
export const BLOCK_HELPERS: ReadonlyMap<string, number> = new Map([
  ['if', 0],
  ['unless', 0],
  ['with', 1],
  ['each', 2],
]);

/** Registers the custom helpers; formats follow the locale passed as `data.locale` at render time. */
export function registerTemplateHelpers(env: HandlebarsEnvironment): void {
  env.registerHelper('default', (value: unknown, fallback: unknown) =>
    value === undefined || value === null || value === '' ? fallback : value,
  );
  env.registerHelper('formatDate', (value: unknown, options: Handlebars.HelperOptions) =>
    formatDate(value, options.hash, localeOf(options)),
  );
  env.registerHelper('formatNumber', (value: unknown, options: Handlebars.HelperOptions) =>
    formatNumber(value, options.hash, localeOf(options)),
  );
}

export function formatDate(value: unknown, hash: HelperHash, locale: string): string {
  const date = toDate(value);
  if (!date) {
    throw new UnprocessableError(
      `formatDate needs a date (ISO-8601 text or epoch milliseconds), got ${describe(value)}`,
      {
        helper: 'formatDate',
      },
    );
  }
  return withIntl('formatDate', () => new Intl.DateTimeFormat(locale, dateFormatOptions(hash)).format(date));
}

export function formatNumber(value: unknown, hash: HelperHash, locale: string): string {
  const number = toNumber(value);
  if (number === undefined) {
    throw new UnprocessableError(`formatNumber needs a number, got ${describe(value)}`, {
      helper: 'formatNumber',
    });
  }
  return withIntl('formatNumber', () =>
    new Intl.NumberFormat(locale, numberFormatOptions(hash)).format(number),
  );
}

/** Intl validates the values; a bad one throws a RangeError or TypeError naming it. */
function dateFormatOptions(hash: HelperHash): Intl.DateTimeFormatOptions {
  const dateStyle = hash.dateStyle ?? (hash.timeStyle === undefined ? 'medium' : undefined);
  // A stable default: a server's own zone must not leak into what users read.
  return {
    dateStyle: dateStyle as Intl.DateTimeFormatOptions['dateStyle'],
    timeStyle: hash.timeStyle as Intl.DateTimeFormatOptions['timeStyle'],
    timeZone: (hash.timeZone as string | undefined) ?? 'UTC',
  };
}

function numberFormatOptions(hash: HelperHash): Intl.NumberFormatOptions {
  return {
    style: hash.style as Intl.NumberFormatOptions['style'],
    currency: hash.currency as string | undefined,
    minimumFractionDigits: hash.minimumFractionDigits as number | undefined,
    maximumFractionDigits: hash.maximumFractionDigits as number | undefined,
  };
}

function withIntl(helper: string, format: () => string): string {
  try {
    return format();
  } catch (error) {
    if (error instanceof RangeError || error instanceof TypeError) {
      throw new UnprocessableError(`${helper}: ${error.message}`, { helper });
    }
    throw error;
  }
}

function toDate(value: unknown): Date | undefined {
  if (typeof value !== 'number' && (typeof value !== 'string' || value.trim() === '')) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function toNumber(value: unknown): number | undefined {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof number === 'number' && Number.isFinite(number) ? number : undefined;
}

function localeOf(options: Handlebars.HelperOptions): string {
  const locale = (options.data as { locale?: unknown } | undefined)?.locale;
  return typeof locale === 'string' ? locale : 'en';
}

function describe(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
