import { credentials, makeClientConstructor, status, type ServiceError } from '@grpc/grpc-js';
import type { ReadinessProbe } from '@herald/lifecycle';
import { service as healthService } from 'grpc-health-check';
import { CHANNEL_OPTIONS } from './grpc-client';
import { serviceNameOf } from './grpc-health';

/** Short, so a peer that does not answer fails the probe well within /ready's own 2 s. */
const HEALTH_CHECK_DEADLINE_MS = 1000;

/** The grpc.health.v1 client constructor, as load balancers and grpcurl speak it: no Herald metadata. */
export const HealthClient = makeClientConstructor(
  healthService as unknown as Parameters<typeof makeClientConstructor>[0],
  'grpc.health.v1.Health',
);

type CheckMethod = (
  request: { service: string },
  options: { deadline: Date },
  callback: (error: ServiceError | null, response?: { status: string }) => void,
) => void;

export interface GrpcHealthProbe extends ReadinessProbe {
  close(): void;
}

/**
 * Ready when the peer's grpc.health.v1 Check answers SERVING for the service this process calls
 * (a peer that drains answers NOT_SERVING); no answer within a second is not ready either.
 */
export function createGrpcHealthProbe(
  name: string,
  address: string,
  service: { readonly service: Readonly<Record<string, unknown>> },
): GrpcHealthProbe {
  const client = new HealthClient(address, credentials.createInsecure(), CHANNEL_OPTIONS);
  const check = (client as unknown as { Check: CheckMethod }).Check.bind(client);
  const serviceName = serviceNameOf(service.service);
  return {
    name,
    check: () =>
      new Promise((resolve, reject) => {
        const deadline = new Date(Date.now() + HEALTH_CHECK_DEADLINE_MS);
        check({ service: serviceName }, { deadline }, (error, response) => {
          if (error) reject(new Error(`unreachable (${status[error.code] ?? error.code})`));
          else if (response?.status !== 'SERVING') reject(new Error(`answered ${response?.status}`));
          else resolve();
        });
      }),
    close: () => client.close(),
  };
}
