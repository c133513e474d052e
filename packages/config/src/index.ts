export { loadConfig, ConfigError, UnreachableDependencyError } from './load-config';
export { commonEnv, databaseEnv, amqpEnv, databaseUrlFor, type CommonConfig } from './common-env';
export { envBoolean, envGrpcAddress, envPort, envUrl } from './env-schemas';
