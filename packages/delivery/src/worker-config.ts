import { z } from 'zod';

const grpcAddress = (defaultAddress: string) =>
  z
    .string()
    .regex(/^(\[[0-9a-fA-F:]+\]|[^\s:/]+):\d{1,5}$/, 'must be host:port')
    .default(defaultAddress);

/** Variables both workers read besides commonEnv and amqpEnv of @herald/config. */
export const workerEnv = {
  USERS_GRPC: grpcAddress('127.0.0.1:50051'),
  TEMPLATES_GRPC: grpcAddress('127.0.0.1:50052'),
  NOTIFICATIONS_GRPC: grpcAddress('127.0.0.1:50053'),
  /** Messages in flight per worker process. */
  PREFETCH: z.coerce.number().int().min(1).max(1000).default(20),
  /** The attempt at which a transient failure fails the notification instead of retrying. */
  MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(5),
};

/** The slice of a worker's config that createWorkerApp reads. */
export interface WorkerConfig {
  readonly PORT: number;
  readonly AMQP_URL: string;
  readonly AMQP_PREFIX: string;
  readonly INTERNAL_TOKEN: string;
  readonly GRPC_DEADLINE_MS: number;
  readonly USERS_GRPC: string;
  readonly TEMPLATES_GRPC: string;
  readonly NOTIFICATIONS_GRPC: string;
  readonly PREFETCH: number;
  readonly MAX_ATTEMPTS: number;
}
