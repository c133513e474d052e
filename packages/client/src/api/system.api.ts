import type { RequestOptions } from '../client-options.ts';
import { SystemStatusDocument, type SystemStatusQuery } from '../generated/operations.ts';
import type { RunOperation } from '../transport/http-transport.ts';

export type SystemStatus = SystemStatusQuery['systemStatus'];

export interface SystemApi {
  /**
   * Every service's readiness with its checks, the RabbitMQ queues' depths and the workers'
   * circuit breakers, read now. Needs an admin; anyone else gets a ForbiddenError.
   */
  status(options?: RequestOptions): Promise<SystemStatus>;
}

export function createSystemApi(run: RunOperation): SystemApi {
  return {
    async status(options) {
      return (await run(SystemStatusDocument, {}, options)).systemStatus;
    },
  };
}
