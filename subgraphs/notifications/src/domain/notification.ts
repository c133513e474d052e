import type { StatusEvent as StatusEventMessage } from '@herald/contracts';
import type { NotificationStatus } from './notification-status';

export const CHANNELS = ['EMAIL', 'PUSH'] as const;
export type Channel = (typeof CHANNELS)[number];

export type JsonObject = Record<string, unknown>;

/** A notification as the service knows it; the latest status is the last event's. */
export interface Notification {
  readonly id: string;
  readonly requestId: string;
  /** The identity id of the caller that sent it; idempotency is per sender. */
  readonly sender: string;
  readonly userId: string;
  readonly channel: Channel;
  readonly templateCode: string;
  readonly templateVersion: number | null;
  readonly locale: string | null;
  readonly category: string | null;
  readonly variables: JsonObject;
  readonly metadata: JsonObject | null;
  readonly priority: number;
  readonly status: NotificationStatus;
  readonly statusDetail: string | null;
  readonly attempts: number;
  /**
   * The delivery id (one publish of the queue message) that holds the SENDING claim; null when
   * none does, or when the claiming message carried none (published before delivery ids).
   */
  readonly claimedBy: string | null;
  /** Which worker sends under the SENDING claim, and until when without a word from it. */
  readonly claimLease: ClaimLease | null;
  /**
   * FAILED by the sweeper while SENDING (no report within its bound): the provider may have
   * delivered it, so a late DELIVERED report is still recorded.
   */
  readonly outcomeUnknown: boolean;
  /** Fingerprint of the request body, to tell a retry from a reused request id. */
  readonly requestHash: string;
  /** The sendAt the sender asked for, if any. */
  readonly sendAt: Date | null;
  /** While SCHEDULED and not yet handed to the outbox: when it is due. */
  readonly dueAt: Date | null;
  /** The correlation id of the accepting request, carried into the queue message. */
  readonly correlationId: string | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/**
 * Who sends under a SENDING claim, and until when without a word from it: a worker given a copy
 * someone else still sends waits (decision 0030).
 */
export interface ClaimLease {
  /** The worker process (an id it picks at start). */
  readonly holder: string;
  readonly expiresAt: Date;
}

/** One entry of a notification's timeline. */
export interface NotificationEvent {
  readonly status: NotificationStatus;
  readonly detail: string | null;
  readonly at: Date;
}

/**
 * One applied status change, as published on the status channel (docs/architecture.md, The status
 * event): the contract's event with what notifications always sets, its notification as the
 * change left it.
 */
export type StatusEvent = Readonly<Required<StatusEventMessage>> & {
  readonly status: NotificationStatus;
  readonly detail: string | null;
};
