import type { Metadata } from '@grpc/grpc-js';
import { newCorrelationId, type Logger } from '@herald/logging';
import { METADATA } from './metadata';
import type { RpcName } from './rpc-name';

export interface CallContext {
  readonly correlationId: string;
  readonly log: Logger;
  /** A metadata value the caller sent (a forwarded identity), when it is a string. */
  metadataValue(key: string): string | undefined;
}

/** A metadata value the caller sent, when it is a string (binary values are not ours). */
export function metadataString(metadata: Metadata, key: string): string | undefined {
  const value = metadata.get(key)[0];
  return typeof value === 'string' ? value : undefined;
}

/**
 * What a handler learns of its call, unary or on a stream: the caller's correlation id (a new
 * one when none came), a logger carrying it and the method, and the call's metadata.
 */
export function callContextOf(metadata: Metadata, rpc: RpcName, log: Logger): CallContext {
  const correlationId = metadataString(metadata, METADATA.correlationId) || newCorrelationId();
  return {
    correlationId,
    log: log.child({ correlation_id: correlationId, rpc: rpc.span }),
    metadataValue: (key) => metadataString(metadata, key),
  };
}
