import {
  Metadata,
  credentials,
  status,
  type Client,
  type ClientDuplexStream,
  type ServiceError,
} from '@grpc/grpc-js';
import type { MethodDefinition } from '@grpc/proto-loader';
import { UnavailableError } from '@herald/errors';
import { currentCorrelationId, newCorrelationId } from '@herald/logging';
import { SpanKind, inSpan, traceCarrierOf, type MetricsRegistry } from '@herald/observability';
import { heraldErrorOf } from './grpc-failure';
import { timeClientCalls } from './grpc-metrics';
import {
  createRequestReplyStream,
  type RequestReplyStream,
  type RequestReplyStreamOptions,
  type StreamReply,
} from './grpc-stream-client';
import { METADATA } from './metadata';
import { rpcNameOf } from './rpc-name';

/**
 * A promise per unary method, and a RequestReplyStream per request-reply stream (a method whose
 * reply carries the request's id and an error), typed from the generated service definition.
 */
export type PromiseClient<D> = {
  [K in keyof D as string extends K ? never : K]: D[K] extends MethodDefinition<
    infer Req,
    infer _Res,
    infer _ReqOut,
    infer ResOut
  >
    ? ResOut extends StreamReply
      ? RequestReplyStream<Omit<Req, 'id'>, ResOut>
      : (request: Req, metadata?: CallMetadata) => Promise<ResOut>
    : never;
} & { close(): void };

/** Metadata one call adds to (or overrides in) what every call carries: a forwarded identity, say. */
export type CallMetadata = Readonly<Record<string, string>>;

export interface GrpcClientOptions {
  readonly internalToken: string;
  readonly deadlineMs: number;
  /** Receives the client latency histogram; tests' clients go without. */
  readonly metrics?: MetricsRegistry;
  /** How a request-reply stream waits before opening again after it failed. */
  readonly reopenBackoff?: RequestReplyStreamOptions['reopenBackoff'];
}

type ClientConstructor = new (
  address: string,
  creds: ReturnType<typeof credentials.createInsecure>,
  options?: Record<string, string | number>,
) => Client;
type OpenBidiStream = (metadata: Metadata) => ClientDuplexStream<unknown, unknown>;
type UnaryCallback = (error: ServiceError | null, response: unknown) => void;
type UnaryMethod = (
  request: unknown,
  metadata: Metadata,
  options: { deadline: Date },
  callback: UnaryCallback,
) => void;

const RECONNECT_BACKOFF_MAX_MS = 2_000;

/**
 * round_robin spreads calls over every address a dns:/// target resolves to (scaled replicas).
 * grpc-js backs off up to 120 s between reconnects by default; a restarted peer (a deploy,
 * a crash) should be found again within seconds. Clients with the same options share connections.
 */
export const CHANNEL_OPTIONS = {
  'grpc.service_config': JSON.stringify({ loadBalancingConfig: [{ round_robin: {} }] }),
  'grpc.initial_reconnect_backoff_ms': 250,
  'grpc.max_reconnect_backoff_ms': RECONNECT_BACKOFF_MAX_MS,
};

/**
 * Every call carries the internal token, the current correlation id and trace context, runs in
 * a CLIENT span, and has a deadline. A bidirectional method is a request-reply stream, opened
 * with the same metadata and kept open (createRequestReplyStream).
 * Failures come back as HeraldErrors: the server's own code when it sent one, otherwise
 * UNAVAILABLE for transport problems (retryable).
 */
export function createGrpcClient<D extends Record<string, unknown>>(
  service: ClientConstructor & { service: D },
  address: string,
  options: GrpcClientOptions,
): PromiseClient<D> {
  const client = new service(address, credentials.createInsecure(), CHANNEL_OPTIONS);
  const streams: { close(): void }[] = [];
  const methods: Record<string, unknown> = {
    close: () => {
      for (const stream of streams) stream.close();
      client.close();
    },
  };
  for (const name of Object.keys(service.service)) {
    const definition = service.service[name] as MethodDefinition<unknown, unknown> | undefined;
    const rpc = rpcNameOf(definition, name);
    if (definition?.requestStream && definition.responseStream) {
      const open = (client as unknown as Record<string, OpenBidiStream>)[name]!.bind(client);
      const stream = createRequestReplyStream(open, rpc, options);
      streams.push(stream);
      methods[name] = stream;
      continue;
    }
    const method = timeClientCalls(
      options.metrics,
      rpc.span,
      (client as unknown as Record<string, UnaryMethod>)[name]!.bind(client),
    );
    methods[name] = (request: unknown, extra: CallMetadata = {}) =>
      inSpan(
        rpc.span,
        { kind: SpanKind.CLIENT, attributes: rpc.attributes },
        () =>
          new Promise((resolve, reject) => {
            const metadata = new Metadata();
            metadata.set(METADATA.internalToken, options.internalToken);
            metadata.set(METADATA.correlationId, currentCorrelationId() ?? newCorrelationId());
            for (const [key, value] of Object.entries(traceCarrierOf())) metadata.set(key, value);
            for (const [key, value] of Object.entries(extra)) metadata.set(key, value);
            const deadline = new Date(Date.now() + options.deadlineMs);
            method(request, metadata, { deadline }, (error, response) =>
              error ? reject(heraldErrorOf(error, name)) : resolve(response),
            );
          }),
      );
  }
  return methods as PromiseClient<D>;
}

/**
 * The gRPC status name (UNAVAILABLE, DEADLINE_EXCEEDED, UNIMPLEMENTED…) of a call that failed
 * without an answer of the Herald server behind it; undefined for an error the server sent.
 */
export function transportStatusOf(error: unknown): string | undefined {
  if (!(error instanceof UnavailableError)) return undefined;
  const code = (error.cause as Partial<ServiceError> | undefined)?.code;
  return typeof code === 'number' ? (status[code] ?? String(code)) : undefined;
}
