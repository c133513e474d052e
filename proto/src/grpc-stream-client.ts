import {
  Metadata,
  status,
  type ClientDuplexStream,
  type ServiceError,
  type StatusObject,
} from '@grpc/grpc-js';
import type { HeraldError } from '@herald/errors';
import { newCorrelationId } from '@herald/logging';
import { SpanKind, inSpan, traceCarrierOf, type MetricsRegistry } from '@herald/observability';
import type { CallError__Output } from './generated/herald/v1/CallError';
import { heraldErrorFromWire, heraldErrorOf } from './grpc-failure';
import { callTimer, codeName } from './grpc-metrics';
import { METADATA } from './metadata';
import type { RpcName } from './rpc-name';

/**
 * The reply of a request-reply stream (a bidirectional method whose every request message is
 * answered by one reply): the id of the request it answers, and the error when that request
 * failed as a whole, as a unary call would have.
 */
export interface StreamReply {
  readonly id: number;
  readonly error: CallError__Output | null;
}

/** One stream per client, opened when first needed and opened again after it ends. */
export interface RequestReplyStream<Request, Reply> {
  /**
   * Sends the request on the stream and resolves with its reply. Fails as the unary call would
   * have: the server's error, UNAVAILABLE when the stream broke or could not open, and
   * DEADLINE_EXCEEDED (as UNAVAILABLE) without a reply within the deadline.
   */
  request(message: Request): Promise<Reply>;
  /**
   * Resolves once the stream is open (opening it when none is); rejects while it is broken and
   * waiting to reopen, or cannot open: what a readiness probe asks.
   */
  check(): Promise<void>;
}

export interface RequestReplyStreamOptions {
  readonly internalToken: string;
  readonly deadlineMs: number;
  readonly metrics?: MetricsRegistry;
  /** The wait before opening again after a failed stream, doubled per failure in a row up to maxMs. */
  readonly reopenBackoff?: { readonly firstMs: number; readonly maxMs: number };
}

type DuplexCall = ClientDuplexStream<unknown, unknown>;

interface Awaiting {
  readonly resolve: (reply: unknown) => void;
  readonly fail: (error: HeraldError, code: string) => void;
}

/** One opened call, with the requests sent on it that await their reply. */
interface Session {
  readonly call: DuplexCall;
  readonly awaiting: Map<number, Awaiting>;
  /** Resolves when the server answered the opening (its headers), rejects when the call ended first. */
  readonly opened: Promise<void>;
  isOpen: boolean;
}

const DEFAULT_BACKOFF = { firstMs: 100, maxMs: 5000 };
/** Request ids are uint32 and wrap; far fewer than 2³² requests ever await at once. */
const MAX_ID = 0xffff_ffff;

/**
 * The client side of a request-reply stream. Replies are routed to their requests by id, in
 * whatever order they come. A stream that ends fails the requests awaiting on it (the caller's
 * retry path takes them as it takes a failed unary call) and the next request opens a new one,
 * after a backoff when it ended in an error. A request without a reply within the deadline fails
 * and cancels the stream, so a stream that stopped answering is replaced rather than waited on.
 */
export function createRequestReplyStream<Request extends object, Reply extends StreamReply>(
  openCall: (metadata: Metadata) => DuplexCall,
  rpc: RpcName,
  options: RequestReplyStreamOptions,
): RequestReplyStream<Request, Reply> & { close(): void } {
  const backoff = options.reopenBackoff ?? DEFAULT_BACKOFF;
  const startTimer = callTimer(options.metrics, 'client', rpc.span);
  let session: Session | undefined;
  let failuresInARow = 0;
  let reopenAt = 0;
  let lastFailure: HeraldError | undefined;
  let reopenWait: Promise<void> | undefined;
  let lastId = 0;
  let closed = false;

  const failureOf = (code: status, details: string, metadata = new Metadata()) =>
    heraldErrorOf({ code, details, metadata } as ServiceError, rpc.span);

  const open = (): Session => {
    const metadata = new Metadata();
    metadata.set(METADATA.internalToken, options.internalToken);
    metadata.set(METADATA.correlationId, newCorrelationId());
    for (const [key, value] of Object.entries(traceCarrierOf())) metadata.set(key, value);
    const call = openCall(metadata);
    let confirm: () => void = () => undefined;
    let refuse: (error: HeraldError) => void = () => undefined;
    const opened = new Promise<void>((resolve, reject) => {
      confirm = resolve;
      refuse = reject;
    });
    opened.catch(() => undefined);
    const opening: Session = { call, awaiting: new Map(), opened, isOpen: false };
    call.on('metadata', () => {
      opening.isOpen = true;
      failuresInARow = 0;
      confirm();
    });
    call.on('data', (reply: Reply) => {
      const awaiting = opening.awaiting.get(reply.id);
      if (!awaiting) return; // its request timed out
      opening.awaiting.delete(reply.id);
      if (!reply.error) return awaiting.resolve(reply);
      const { code, message, details_json } = reply.error;
      const error = heraldErrorFromWire(code, message, details_json) ?? failureOf(status.UNKNOWN, message);
      awaiting.fail(error, code);
    });
    // The outcome arrives as 'status' too; without a listener an error event would be thrown.
    call.on('error', () => undefined);
    call.on('status', (outcome: StatusObject) => {
      if (session === opening) session = undefined;
      const ended = outcome.code === status.OK;
      const error = ended
        ? failureOf(status.UNAVAILABLE, 'the stream ended before answering')
        : failureOf(outcome.code, outcome.details, outcome.metadata);
      if (ended) {
        failuresInARow = 0;
        reopenAt = 0;
      } else {
        failuresInARow += 1;
        reopenAt = Date.now() + Math.min(backoff.maxMs, backoff.firstMs * 2 ** (failuresInARow - 1));
        lastFailure = error;
      }
      refuse(error);
      const code = ended ? 'UNAVAILABLE' : codeName(outcome.code);
      for (const awaiting of opening.awaiting.values()) awaiting.fail(error, code);
      opening.awaiting.clear();
    });
    return opening;
  };

  const currentSession = async (): Promise<Session> => {
    const wait = reopenAt - Date.now();
    if (!session && wait > 0) {
      reopenWait ??= new Promise<void>((resolve) => setTimeout(resolve, wait).unref()).finally(() => {
        reopenWait = undefined;
      });
      await reopenWait;
    }
    if (closed) throw failureOf(status.UNAVAILABLE, 'the client is closed');
    return (session ??= open());
  };

  const request = (message: Request): Promise<Reply> =>
    inSpan(
      rpc.span,
      { kind: SpanKind.CLIENT, attributes: rpc.attributes },
      () =>
        new Promise<Reply>((resolve, reject) => {
          lastId = lastId >= MAX_ID ? 1 : lastId + 1;
          const id = lastId;
          const stop = startTimer();
          let sentOn: Session | undefined;
          let settled = false;
          const settle = (code: string) => {
            settled = true;
            clearTimeout(deadline);
            sentOn?.awaiting.delete(id);
            stop(code);
          };
          const deadline = setTimeout(() => {
            settle('DEADLINE_EXCEEDED');
            reject(failureOf(status.DEADLINE_EXCEEDED, `no reply within ${options.deadlineMs} ms`));
            // Whatever holds this reply holds the others too: open a new stream for the next request.
            sentOn?.call.cancel();
          }, options.deadlineMs);
          currentSession().then(
            (current) => {
              if (settled) return;
              sentOn = current;
              current.awaiting.set(id, {
                resolve: (reply) => {
                  settle('OK');
                  resolve(reply as Reply);
                },
                fail: (error, code) => {
                  settle(code);
                  reject(error);
                },
              });
              current.call.write({ ...message, id });
            },
            (error: HeraldError) => {
              if (settled) return;
              settle('UNAVAILABLE');
              reject(error);
            },
          );
        }),
    );

  return {
    request,
    check: async () => {
      if (session?.isOpen) return;
      if (!session && Date.now() < reopenAt && lastFailure) throw lastFailure;
      await (
        await currentSession()
      ).opened;
    },
    close: () => {
      closed = true;
      session?.call.cancel();
    },
  };
}
