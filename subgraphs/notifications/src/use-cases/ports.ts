import type { DeliveryProfile } from '../domain/delivery-preferences';
import type { Channel, StatusEvent } from '../domain/notification';

/** What sending needs to know about the recipient (from the users service). */
export interface Recipient extends DeliveryProfile {
  readonly id: string;
  readonly locale: string | null;
}

export interface UserDirectory {
  /** Undefined when there is no such user. */
  findUser(id: string): Promise<Recipient | undefined>;
  /** The users that exist among `ids`, by id (batched lookups). */
  findUsers(ids: readonly string[]): Promise<ReadonlyMap<string, Recipient>>;
}

/** The published template version a notification would be rendered from. */
export interface TemplateSummary {
  readonly code: string;
  readonly channel: Channel;
  readonly version: number | null;
  readonly locale: string | null;
  readonly variables: readonly string[];
}

export interface TemplateCatalog {
  /** Undefined when there is no such template (or nothing published for it). */
  findTemplate(code: string, locale: string | null): Promise<TemplateSummary | undefined>;
}

/**
 * The idempotency fast path in front of the (sender, request_id) unique index. Best effort: a
 * miss or an unreachable index falls through to PostgreSQL.
 */
export interface RequestIndex {
  find(
    sender: string,
    requestId: string,
  ): Promise<{ notificationId: string; requestHash: string } | undefined>;
  remember(
    sender: string,
    requestId: string,
    entry: { notificationId: string; requestHash: string },
  ): Promise<void>;
}

export interface Clock {
  now(): Date;
}

/**
 * Fans applied status changes out to watchers (the gateway's subscriptions). Best effort: the
 * events are already recorded in PostgreSQL, so a failed publish is logged, never thrown.
 */
export interface StatusFeed {
  publish(events: readonly StatusEvent[]): Promise<void>;
}
