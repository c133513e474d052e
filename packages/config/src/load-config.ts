import type { z } from 'zod';
import { DEV_SECRETS } from './common-env';

/** A bad or missing environment variable; its message names the variable and fits on one line. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    readonly reason: string,
  ) {
    super(`invalid configuration: ${variable} ${reason}`);
    this.name = 'ConfigError';
  }
}

/**
 * Parses the environment with a zod object schema whose keys are the variable names.
 * Throws a ConfigError for the first bad variable; returns a frozen, typed config.
 */
export function loadConfig<Schema extends z.ZodType>(
  schema: Schema,
  env: Record<string, string | undefined>,
): Readonly<z.output<Schema>> {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const variable = issue?.path.map(String).join('.') || 'environment';
    throw new ConfigError(variable, `is invalid: ${issue?.message ?? 'unknown reason'}`);
  }
  refuseDevSecretsInProduction(parsed.data as Record<string, unknown>);
  return Object.freeze(parsed.data);
}

function refuseDevSecretsInProduction(config: Record<string, unknown>): void {
  if (config.NODE_ENV !== 'production') return;
  for (const [variable, devValue] of Object.entries(DEV_SECRETS)) {
    if (config[variable] === devValue) {
      throw new ConfigError(
        variable,
        'is the development default, which is refused when NODE_ENV=production',
      );
    }
  }
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
