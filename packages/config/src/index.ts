export { loadConfig, ConfigError, UnreachableDependencyError } from './load-config';
export {
  commonEnv,
  databaseEnv,
  amqpEnv,
  redisEnv,
  redisSettingsOf,
  requireSentinelPair,
  type RedisEnv,
  type RedisSettings,
  lookupCacheEnv,
  tracingEnv,
  databaseUrlFor,
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
