import { z } from 'zod';
import { commonEnv, databaseEnv, databaseUrlFor, envPort, loadConfig } from '@herald/config';

const usersEnv = z.object({
  ...commonEnv,
  DATABASE_URL: databaseEnv.DATABASE_URL.transform((url) => databaseUrlFor(url, 'herald_users')),
  PORT: envPort(8001),
  GRPC_PORT: envPort(50051),
});

export type UsersConfig = Readonly<z.output<typeof usersEnv>>;

export function loadUsersConfig(env: Record<string, string | undefined>): UsersConfig {
  return loadConfig(usersEnv, env);
}
