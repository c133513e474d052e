import { isHeraldError, type ErrorCode } from '@herald/errors';
import type { Logger } from '@herald/logging';
import {
  transportStatusOf,
  type CallMetadata,
  type NotificationServiceDefinition,
  type PromiseClient,
} from '@herald/proto';
import { CORRELATION_HEADER, IDENTITY_HEADER, encodeIdentity } from '@herald/identity';
import type { AuthenticatedCall } from './authenticated-call';
import type { OperationResult } from './run-operation';
import { toRestField } from './run-operation';

export type NotificationsClient = PromiseClient<NotificationServiceDefinition>;

export type CallNotifications = <T>(
  call: AuthenticatedCall,
  invoke: (client: NotificationsClient, metadata: CallMetadata) => Promise<T>,
) => Promise<OperationResult<T>>;

const UNREACHABLE = 'the notifications service is unavailable; retry later';

/**
 * One NotificationService call for a REST route, with the caller's identity and correlation id
 * in the metadata. A failure becomes the answer the GraphQL path gave for the same situation:
 * the service's own code and message (field issues named as the REST client wrote them), an
 * unreachable service UNAVAILABLE, and anything the caller cannot act on INTERNAL.
 */
export function createNotificationsCaller(
  client: NotificationsClient,
  onError: (code: ErrorCode) => void,
  log: Logger,
): CallNotifications {
  return async <T>(
    call: AuthenticatedCall,
    invoke: (client: NotificationsClient, metadata: CallMetadata) => Promise<T>,
  ): Promise<OperationResult<T>> => {
    const metadata = {
      [CORRELATION_HEADER]: call.correlationId,
      [IDENTITY_HEADER]: encodeIdentity(call.identity),
    };
    try {
      return { ok: true, data: await invoke(client, metadata) };
    } catch (error) {
      const failure = failureOf(error, log);
      onError(failure.code);
      return failure;
    }
  };
}

function failureOf(error: unknown, log: Logger): Extract<OperationResult<never>, { ok: false }> {
  const transport = transportStatusOf(error);
  if (transport === 'UNIMPLEMENTED') {
    log.warn({ err: error }, 'the notifications service does not serve this call');
    return {
      ok: false,
      code: 'UNAVAILABLE',
      status: 501,
      message: 'not implemented: the notifications service does not serve this call',
    };
  }
  if (transport) {
    log.warn({ err: error }, UNREACHABLE);
    return { ok: false, code: 'UNAVAILABLE', message: UNREACHABLE };
  }
  // The caller is authenticated, so UNAUTHENTICATED means the internal token was refused: ours.
  if (!isHeraldError(error) || error.code === 'INTERNAL' || error.code === 'UNAUTHENTICATED') {
    log.error({ err: error }, 'internal error');
    return { ok: false, code: 'INTERNAL', message: 'internal error' };
  }
  if (error.code === 'UNAVAILABLE') log.warn({ err: error }, error.message);
  const issues = Array.isArray(error.details.issues)
    ? (error.details.issues as { field: string; message: string }[]).map((issue) => ({
        field: toRestField(issue.field),
        message: issue.message,
      }))
    : undefined;
  return { ok: false, code: error.code, message: error.message, ...(issues ? { issues } : {}) };
}
