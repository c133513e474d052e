import { Metadata, type ServerDuplexStream } from '@grpc/grpc-js';
import { UnauthenticatedError } from '@herald/errors';
import type { Logger } from '@herald/logging';
import { extractTraceContext, type MetricsRegistry } from '@herald/observability';
import { callContextOf, type CallContext } from './call-context';
import { statusNameOf, toServiceError, wireFailureOf, type WireFailure } from './grpc-failure';
import { callTimer } from './grpc-metrics';
import type { RpcName } from './rpc-name';
import { serveRequest } from './serve-request';

/** Requests of one stream handled at once; beyond it the stream is not read (HTTP/2 flow control holds the client). */
const MAX_UNDER_WAY = 8;

/** An open stream the server can wind down. */
export interface OpenStream {
  /** Stops reading, answers the requests under way, then ends the stream with OK. */
  drain(): Promise<void>;
}

export interface StreamServingOptions {
  readonly isAuthorized: (metadata: Metadata) => boolean;
  readonly log: Logger;
  readonly metrics?: MetricsRegistry;
  /** Holds every open stream of the server, for its shutdown. */
  readonly open: Set<OpenStream>;
}

type RequestHandler = (request: unknown, context: CallContext) => Promise<unknown>;
type StreamCall = ServerDuplexStream<{ id?: number }, unknown>;

/**
 * The server side of a request-reply stream: the internal token is checked once, when the
 * stream opens (answered with headers, so the client knows it is open). Each request is then
 * handled like a unary call (the same handler shape, error mapping, span, metrics and log line)
 * and answered with its id; a request that fails answers with its error and the stream goes on.
 */
export function serveRequestReplyStream(
  rpc: RpcName,
  handler: RequestHandler,
  options: StreamServingOptions,
) {
  const startTimer = callTimer(options.metrics, 'server', rpc.span);
  return (call: StreamCall) => {
    const context = callContextOf(call.metadata, rpc, options.log);
    const { log } = context;
    if (!options.isAuthorized(call.metadata)) {
      const failure = wireFailureOf(new UnauthenticatedError('missing or wrong internal token'), log);
      call.emit('error', toServiceError(failure));
      log.info({ code: failure.code }, 'rpc handled');
      return;
    }
    const parent = extractTraceContext(call.metadata.getMap());

    let underWay = 0;
    let draining = false;
    let clientDone = false;
    let markEnded: () => void = () => undefined;
    const ended = new Promise<void>((resolve) => (markEnded = resolve));
    const stream: OpenStream = {
      drain: () => {
        draining = true;
        call.pause();
        endWhenIdle();
        return ended;
      },
    };
    const endWhenIdle = () => {
      if ((draining || clientDone) && underWay === 0 && !call.writableEnded) call.end();
    };
    const forget = () => {
      options.open.delete(stream);
      markEnded();
    };
    options.open.add(stream);
    call.on('finish', forget);
    call.on('close', forget);
    call.on('cancelled', forget);
    call.on('error', forget);
    call.on('end', () => {
      clientDone = true;
      endWhenIdle();
    });

    const answer = async (request: { id?: number }) => {
      const id = request.id ?? 0;
      const started = performance.now();
      const stop = startTimer();
      const served = await serveRequest(rpc, context, parent, () => handler(request, context));
      const reply = 'failure' in served ? failedReply(id, served.failure) : answeredReply(id, served.answer);
      stop(reply.status);
      log.info(
        { code: reply.code, request_id: id, duration_ms: Math.round(performance.now() - started) },
        'rpc handled',
      );
      if (!call.writableEnded && !call.cancelled) call.write(reply.message);
    };
    call.on('data', (request: { id?: number }) => {
      underWay += 1;
      if (underWay >= MAX_UNDER_WAY) call.pause();
      void answer(request).finally(() => {
        underWay -= 1;
        if (!draining) call.resume();
        endWhenIdle();
      });
    });
    // Tells the client the stream is open: it learns of a refused one by its status instead.
    call.sendMetadata(new Metadata());
  };
}

function answeredReply(id: number, answer: unknown) {
  return { code: 'OK', status: 'OK', message: { ...(answer as object), id } };
}

/** A failed request answers with its id and the error, and the stream goes on. */
function failedReply(id: number, { code, message, details }: WireFailure) {
  return {
    code,
    status: statusNameOf(code),
    message: { id, error: { code, message, details_json: JSON.stringify(details) } },
  };
}
