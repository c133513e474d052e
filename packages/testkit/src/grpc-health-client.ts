import { credentials, type ClientReadableStream, type ServiceError } from '@grpc/grpc-js';
import { HealthClient } from '@herald/proto';

/** A Watch stream's statuses so far, in order, and whether the server ended it. */
export interface HealthWatch {
  readonly statuses: readonly string[];
  readonly ended: boolean;
  cancel(): void;
}

/** A grpc.health.v1 client as a load balancer or grpcurl would use it: no Herald metadata. */
export interface GrpcHealthClient {
  /** The status Check answers; rejects with the gRPC error when there is none. */
  check(service: string): Promise<string>;
  watch(service: string): HealthWatch;
  close(): void;
}

type Status = { status: string };
type HealthStub = {
  Check(
    request: { service: string },
    options: { deadline: Date },
    callback: (error: ServiceError | null, response?: Status) => void,
  ): void;
  Watch(request: { service: string }): ClientReadableStream<Status>;
};

export function createGrpcHealthClient(address: string): GrpcHealthClient {
  const client = new HealthClient(address, credentials.createInsecure());
  const stub = client as unknown as HealthStub;
  return {
    check: (service) =>
      new Promise((resolve, reject) => {
        stub.Check({ service }, { deadline: new Date(Date.now() + 2000) }, (error, response) =>
          error ? reject(error) : resolve(response?.status ?? ''),
        );
      }),
    watch: (service) => {
      const statuses: string[] = [];
      let ended = false;
      const stream = stub.Watch({ service });
      stream.on('data', (response: Status) => statuses.push(response.status));
      stream.on('error', () => (ended = true));
      stream.on('end', () => (ended = true));
      return {
        statuses,
        get ended() {
          return ended;
        },
        cancel: () => stream.cancel(),
      };
    },
    close: () => client.close(),
  };
}
