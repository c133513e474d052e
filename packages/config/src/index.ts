export { loadConfig, ConfigError, UnreachableDependencyError } from './load-config';
export {
  commonEnv,
  DEV_SECRETS,
  databaseEnv,
  amqpEnv,
  redisEnv,
  lookupCacheEnv,
  unsubscribeEnv,
  tracingEnv,
  databaseUrlFor,
  type CommonConfig,
} from './common-env';
export { envBoolean, envGrpcAddress, envPort, envUrl } from './env-schemas';
export { isNonPublicAddress, publicHttpsUrlProblem } from './public-address';
