import type { z } from 'zod';
import { ConfigError } from './config-error';
import { refuseInProduction, SHARED_DEV_SECRET_RULES, type ProductionRule } from './production-rules';

/**
 * Parses the environment with a zod object schema whose keys are the variable names.
 * Throws a ConfigError for the first bad variable: a value the schema refuses, then, when
 * NODE_ENV=production, one the service's production rules or the shared dev secrets refuse.
 * Returns a frozen, typed config.
 */
export function loadConfig<Schema extends z.ZodType>(
  schema: Schema,
  env: Record<string, string | undefined>,
  productionRules: readonly ProductionRule<z.output<Schema>>[] = [],
): Readonly<z.output<Schema>> {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const variable = issue?.path.map(String).join('.') || 'environment';
    throw new ConfigError(variable, `is invalid: ${issue?.message ?? 'unknown reason'}`);
  }
  refuseInProduction(parsed.data, [...productionRules, ...SHARED_DEV_SECRET_RULES]);
  return Object.freeze(parsed.data);
}

/** A dependency named by a variable could not be reached at start-up. */
export class UnreachableDependencyError extends Error {
  constructor(
    readonly variable: string,
    cause: unknown,
  ) {
    super(`cannot start: ${variable} is unreachable (${describeCause(cause)})`, { cause });
    this.name = 'UnreachableDependencyError';
  }
}

function describeCause(cause: unknown): string {
  if (cause instanceof AggregateError && cause.errors.length > 0) return describeCause(cause.errors[0]);
  if (cause instanceof Error) {
    const code = (cause as { code?: unknown }).code;
    return typeof code === 'string' && !cause.message.includes(code)
      ? `${code}: ${cause.message}`
      : cause.message;
  }
  return String(cause);
}
