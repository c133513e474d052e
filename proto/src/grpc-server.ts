import { timingSafeEqual } from 'node:crypto';
import {
  Metadata,
  Server,
  ServerCredentials,
  status,
  type ServerUnaryCall,
  type ServiceDefinition,
  type sendUnaryData,
  type UntypedServiceImplementation,
} from '@grpc/grpc-js';
import type { MethodDefinition } from '@grpc/proto-loader';
import { UnauthenticatedError, UnavailableError, isHeraldError, type ErrorCode } from '@herald/errors';
import { newCorrelationId, runWithContext, type Logger } from '@herald/logging';
import {
  SpanKind,
  extractTraceContext,
  inSpan,
  markFailed,
  type MetricsRegistry,
} from '@herald/observability';
import { serveHealth, serviceNameOf } from './grpc-health';
import { timeServerCalls } from './grpc-metrics';
import { METADATA } from './metadata';
import { rpcNameOf, type RpcName } from './rpc-name';

export interface CallContext {
  readonly correlationId: string;
  readonly log: Logger;
  /** A metadata value the caller sent (a forwarded identity), when it is a string. */
  metadataValue(key: string): string | undefined;
}

/** An async function per unary method, typed from the generated service definition. */
export type UnaryImplementation<D> = {
  [K in keyof D as string extends K ? never : K]: D[K] extends MethodDefinition<
    infer _Req,
    infer Res,
    infer ReqOut,
    infer _ResOut
  >
    ? (request: ReqOut, context: CallContext) => Promise<Res>
    : never;
};

export interface GrpcServer {
  addService<D extends ServiceDefinition>(definition: D, implementation: UnaryImplementation<D>): void;
  /**
   * Binds host:port (0 picks a free port) and resolves with the bound port. grpc.health.v1 then
   * answers SERVING: the app calls listen once its dependencies are connected.
   */
  listen(port: number, host?: string): Promise<number>;
  /** grpc.health.v1 answers NOT_SERVING from now on, while calls are still accepted. */
  drain(): void;
  /** Drains, then stops accepting and waits (5 s at most) for calls under way. */
  close(): Promise<void>;
}

const STATUS_FOR_CODE: Record<ErrorCode, status> = {
  BAD_USER_INPUT: status.INVALID_ARGUMENT,
  UNAUTHENTICATED: status.UNAUTHENTICATED,
  FORBIDDEN: status.PERMISSION_DENIED,
  NOT_FOUND: status.NOT_FOUND,
  CONFLICT: status.ALREADY_EXISTS,
  UNPROCESSABLE: status.FAILED_PRECONDITION,
  RATE_LIMITED: status.RESOURCE_EXHAUSTED,
  PAYLOAD_TOO_LARGE: status.RESOURCE_EXHAUSTED,
  UNAVAILABLE: status.UNAVAILABLE,
  INTERNAL: status.INTERNAL,
};

/** A gRPC server whose every call must carry the shared internal token. */
export interface GrpcServerOptions {
  readonly internalToken: string;
  readonly log: Logger;
  /** Receives the server latency histogram; tests' stub servers go without. */
  readonly metrics?: MetricsRegistry;
  /**
   * Recognises errors that mean a dependency is down (the service's database): those calls are
   * answered UNAVAILABLE, which the caller may retry, instead of INTERNAL.
   */
  readonly isOutage?: (error: unknown) => boolean;
}

export function createGrpcServer(options: GrpcServerOptions): GrpcServer {
  const server = new Server();
  const health = serveHealth(server);
  const expected = Buffer.from(options.internalToken);
  const isAuthorized = (metadata: Metadata) => {
    const given = metadata.get(METADATA.internalToken)[0];
    const buffer = Buffer.from(typeof given === 'string' ? given : '');
    return buffer.length === expected.length && timingSafeEqual(buffer, expected);
  };

  return {
    addService(definition, implementation) {
      const handlers: UntypedServiceImplementation = {};
      for (const [name, method] of Object.entries(implementation) as [string, UnaryHandler][]) {
        const rpc = rpcNameOf((definition as Record<string, unknown>)[name], name);
        handlers[name] = timeServerCalls(
          options.metrics,
          rpc.span,
          wrapUnary(rpc, method, isAuthorized, options.log, options.isOutage ?? (() => false)),
        );
      }
      server.addService(definition, handlers);
      health.add(serviceNameOf(definition));
    },
    listen: (port, host = '0.0.0.0') =>
      new Promise((resolve, reject) => {
        server.bindAsync(`${host}:${port}`, ServerCredentials.createInsecure(), (error, boundPort) => {
          if (error) return reject(error);
          health.serve();
          resolve(boundPort);
        });
      }),
    drain: () => health.drain(),
    close: () =>
      new Promise((resolve) => {
        health.drain();
        health.endWatches();
        const force = setTimeout(() => server.forceShutdown(), 5000);
        server.tryShutdown(() => {
          clearTimeout(force);
          resolve();
        });
      }),
  };
}

type UnaryHandler = (request: unknown, context: CallContext) => Promise<unknown>;

/**
 * Runs a call in the caller's correlation id (log context) and trace (a SERVER span), and logs
 * one line per call with its outcome, so every service's part in a request can be found by id.
 */
function wrapUnary(
  rpc: RpcName,
  handler: UnaryHandler,
  isAuthorized: (metadata: Metadata) => boolean,
  baseLog: Logger,
  isOutage: (error: unknown) => boolean,
) {
  return (call: ServerUnaryCall<unknown, unknown>, callback: sendUnaryData<unknown>) => {
    const given = call.metadata.get(METADATA.correlationId)[0];
    const correlationId = typeof given === 'string' && given ? given : newCorrelationId();
    const started = performance.now();
    const parent = extractTraceContext(call.metadata.getMap());
    void runWithContext({ correlation_id: correlationId }, () =>
      inSpan(rpc.span, { kind: SpanKind.SERVER, attributes: rpc.attributes, parent }, async (span) => {
        const log = baseLog.child({ correlation_id: correlationId, rpc: rpc.span });
        let code: string = 'OK';
        try {
          if (!isAuthorized(call.metadata)) throw new UnauthenticatedError('missing or wrong internal token');
          const metadataValue = (key: string) => {
            const value = call.metadata.get(key)[0];
            return typeof value === 'string' ? value : undefined;
          };
          callback(null, await handler(call.request, { correlationId, log, metadataValue }));
        } catch (caught) {
          const error = isOutage(caught)
            ? new UnavailableError(DEPENDENCY_DOWN, {}, { cause: caught })
            : caught;
          code = isHeraldError(error) ? error.code : 'INTERNAL';
          markFailed(span, error);
          callback(toServiceError(error, log));
        }
        log.info({ code, duration_ms: Math.round(performance.now() - started) }, 'rpc handled');
      }),
    );
  };
}

const DEPENDENCY_DOWN = 'a dependency of the service is unavailable; retry shortly';

function toServiceError(error: unknown, log: Logger) {
  const metadata = new Metadata();
  if (isHeraldError(error)) {
    metadata.set(METADATA.errorCode, error.code);
    metadata.set(METADATA.errorDetails, JSON.stringify(error.details));
    if (error.code === 'INTERNAL' || error.code === 'UNAVAILABLE') log.warn({ err: error }, 'rpc failed');
    return { code: STATUS_FOR_CODE[error.code], details: error.message, metadata };
  }
  log.error({ err: error }, 'rpc failed unexpectedly');
  metadata.set(METADATA.errorCode, 'INTERNAL');
  return { code: status.INTERNAL, details: 'internal error', metadata };
}
