import { DEV_SECRETS } from './common-env';
import { ConfigError } from './config-error';

/** A value a service must not run with when NODE_ENV=production: a dev secret, a test-only switch. */
export interface ProductionRule<Config> {
  /** The variable the refusal names. */
  readonly variable: string;
  readonly refuses: (config: Config) => boolean;
  /** Follows the variable's name in the message: `invalid configuration: <variable> <reason>`. */
  readonly reason: string;
}

const DEV_DEFAULT_REASON = 'is the development default, which is refused when NODE_ENV=production';

/** Refuses the development default of a secret. */
export function devSecretRule(variable: string, devValue: string): ProductionRule<unknown> {
  return {
    variable,
    refuses: (config) => (config as Record<string, unknown>)[variable] === devValue,
    reason: DEV_DEFAULT_REASON,
  };
}

/** Refuses a switch that only tests may turn on. */
export function testOnlySwitchRule(variable: string): ProductionRule<unknown> {
  return {
    variable,
    refuses: (config) => (config as Record<string, unknown>)[variable] === true,
    reason: 'must not be true when NODE_ENV=production',
  };
}

/** The dev secrets of packages/config: refused by every service that reads them. */
export const SHARED_DEV_SECRET_RULES: readonly ProductionRule<unknown>[] = Object.entries(DEV_SECRETS).map(
  ([variable, devValue]) => devSecretRule(variable, devValue),
);

/** The one production check: throws a ConfigError naming the first variable a rule refuses. */
export function refuseInProduction<Config>(config: Config, rules: readonly ProductionRule<Config>[]): void {
  if ((config as { NODE_ENV?: unknown }).NODE_ENV !== 'production') return;
  const refused = rules.find((rule) => rule.refuses(config));
  if (refused) throw new ConfigError(refused.variable, refused.reason);
}
