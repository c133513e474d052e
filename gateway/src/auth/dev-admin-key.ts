import type { Logger } from '@herald/logging';
import { DEV_ADMIN_API_KEY } from '../config';

/** Outside production the dev admin key is accepted (production refuses it); start-up says so. */
export function warnOfDevAdminKey(adminApiKey: string, log: Logger): void {
  if (adminApiKey !== DEV_ADMIN_API_KEY) return;
  log.warn(
    `HERALD_ADMIN_API_KEY is the development default (${DEV_ADMIN_API_KEY}); set a secret before exposing the gateway`,
  );
}
