import type { DeliveryPreferences } from '../domain/delivery-preferences';
import type { Channel } from '../domain/notification';

/** What sending needs to know about the recipient (from the users service). */
export interface Recipient {
  readonly id: string;
  readonly locale: string | null;
  readonly preferences: DeliveryPreferences;
}

export interface UserDirectory {
  /** Undefined when there is no such user. */
  findUser(id: string): Promise<Recipient | undefined>;
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

export interface Clock {
  now(): Date;
}
