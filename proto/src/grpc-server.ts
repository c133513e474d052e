import { timingSafeEqual } from 'node:crypto';
import {
  Server,
  ServerCredentials,
  type Metadata,
  type ServerUnaryCall,
  type ServiceDefinition,
  type sendUnaryData,
  type UntypedServiceImplementation,
} from '@grpc/grpc-js';
import type { MethodDefinition } from '@grpc/proto-loader';
import { UnauthenticatedError } from '@herald/errors';
import type { Logger } from '@herald/logging';
import { extractTraceContext, type MetricsRegistry } from '@herald/observability';
import { callContextOf, metadataString, type CallContext } from './call-context';
import { toServiceError } from './grpc-failure';
import { serveHealth, serviceNameOf } from './grpc-health';
import { timeServerCalls } from './grpc-metrics';
import { serveRequestReplyStream, type OpenStream } from './grpc-stream-server';
import { METADATA } from './metadata';
import { rpcNameOf, type RpcName } from './rpc-name';
import { serveRequest } from './serve-request';

/**
 * An async function per method, typed from the generated service definition: a unary method's
 * request in, its response out; a request-reply stream's request message in, its reply out
 * (the server adds the request's id, and the error when the function throws).
 */
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

/** A gRPC server whose every call must carry the shared internal token. */
export interface GrpcServerOptions {
  readonly internalToken: string;
  readonly log: Logger;
  /** Receives the server latency histogram; tests' stub servers go without. */
  readonly metrics?: MetricsRegistry;
}

export function createGrpcServer(options: GrpcServerOptions): GrpcServer {
  const server = new Server();
  const openStreams = new Set<OpenStream>();
  const health = serveHealth(server);
  const expected = Buffer.from(options.internalToken);
  const isAuthorized = (metadata: Metadata) => {
    const buffer = Buffer.from(metadataString(metadata, METADATA.internalToken) ?? '');
    return buffer.length === expected.length && timingSafeEqual(buffer, expected);
  };

  return {
    addService(definition, implementation) {
      const handlers: UntypedServiceImplementation = {};
      for (const [name, method] of Object.entries(implementation) as [string, UnaryHandler][]) {
        const methodDefinition = (definition as ServiceDefinition)[name];
        const rpc = rpcNameOf(methodDefinition, name);
        if (methodDefinition?.requestStream && methodDefinition.responseStream) {
          handlers[name] = serveRequestReplyStream(rpc, method, {
            isAuthorized,
            log: options.log,
            metrics: options.metrics,
            open: openStreams,
          });
          continue;
        }
        handlers[name] = timeServerCalls(
          options.metrics,
          rpc.span,
          wrapUnary(rpc, method, isAuthorized, options.log),
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
    close: async () => {
      health.drain();
      health.endWatches();
      // Cancels whatever is left, streams included, if a graceful close takes too long.
      const force = setTimeout(() => server.forceShutdown(), 5000);
      // A stream stays open until its server ends it: answer what it carries, then end it.
      await Promise.all([...openStreams].map((stream) => stream.drain()));
      await new Promise<void>((resolve) => server.tryShutdown(() => resolve()));
      clearTimeout(force);
    },
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
) {
  return (call: ServerUnaryCall<unknown, unknown>, callback: sendUnaryData<unknown>) => {
    const context = callContextOf(call.metadata, rpc, baseLog);
    const started = performance.now();
    const parent = extractTraceContext(call.metadata.getMap());
    void serveRequest(rpc, context, parent, async () => {
      if (!isAuthorized(call.metadata)) throw new UnauthenticatedError('missing or wrong internal token');
      return handler(call.request, context);
    }).then((served) => {
      if ('failure' in served) callback(toServiceError(served.failure));
      else callback(null, served.answer);
      context.log.info(
        { code: served.code, duration_ms: Math.round(performance.now() - started) },
        'rpc handled',
      );
    });
  };
}
