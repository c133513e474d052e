export { loadConfig, UnreachableDependencyError } from './load-config';
export { ConfigError } from './config-error';
export {
  devSecretRule,
  refuseInProduction,
  testOnlySwitchRule,
  type ProductionRule,
} from './production-rules';
export {
  commonEnv,
  DEV_SECRETS,
  databaseEnv,
  amqpEnv,
  redisEnv,
  redisSettingsOf,
  requireSentinelPair,
  type RedisEnv,
  type RedisSettings,
  lookupCacheEnv,
  unsubscribeEnv,
  tracingEnv,
  databaseUrlFor,
  unsetWhenEmpty,
  type CommonConfig,
} from './common-env';
export {
  envBoolean,
  envGrpcAddress,
  envHostPortList,
  envPort,
  envUrl,
  envUrlList,
  type HostPort,
} from './env-schemas';
export { isNonPublicAddress, publicHttpsUrlProblem } from './public-address';
