import type { DeliveryStatus, FeedbackStatus, SOFT_BOUNCED } from '@herald/contracts';
import type { TemplateSources } from '@herald/rendering';
import type { Recipient, RenderedContent } from './delivery-channel';

/** The statuses a worker reports of its own handling of a message. */
export type ReportedStatus = DeliveryStatus;

export interface StatusChange {
  readonly notificationId: string;
  readonly status: ReportedStatus;
  readonly detail: string;
  readonly attempt: number;
  readonly at: Date;
  /** The copy of the queue message reported on (its delivery_id), when it has one. */
  readonly deliveryId?: string;
  /** A SENDING claim's lease: who sends under it, and for how long without a word (decision 0030). */
  readonly lease?: ClaimLeaseRequest;
}

export interface ClaimLeaseRequest {
  /** This handling of the message (unique per consumption, so a redelivery to this process waits too). */
  readonly holder: string;
  readonly ms: number;
}

export interface StatusReceipt {
  /** False when the notifications service kept its current status (a stale or repeated report). */
  readonly applied: boolean;
  /** The status after the report. */
  readonly status: string;
  /**
   * A SENDING claim refused because another copy of the message holds SENDING; absent from a
   * notifications service that predates delivery ids.
   */
  readonly claimedByAnotherDelivery?: boolean;
  /**
   * A SENDING claim refused because another worker still holds this copy's lease: how long until
   * it lapses. Absent or 0 otherwise.
   */
  readonly leaseRemainingMs?: number;
}

export interface StatusReporter {
  report(change: StatusChange): Promise<StatusReceipt>;
}

/** What a mailbox provider said about a delivered mail, reported unbatched (decision 0028). */
export interface FeedbackChange {
  readonly notificationId: string;
  /** BOUNCED (hard), COMPLAINED, or SOFT_BOUNCED: an event that leaves the status as it is. */
  readonly status: FeedbackStatus | typeof SOFT_BOUNCED;
  /** The report's status code (RFC 3464 Status); empty for a complaint. */
  readonly statusCode: string;
  readonly detail: string;
  readonly at: Date;
}

/** Reports a bounce or complaint and answers with the outcome; an unknown notification is a NotFoundError. */
export interface FeedbackReporter {
  report(change: FeedbackChange): Promise<StatusReceipt>;
}

export interface UserDirectory {
  getUser(id: string): Promise<Recipient>;
}

/** Which version of a template: templates resolves it as it does for RenderTemplate. */
export interface TemplateVersionRequest {
  readonly code: string;
  /** Empty: the template's default locale; otherwise exact, then language, then default. */
  readonly locale: string;
  /** 0: the published version for the resolved locale. */
  readonly version: number;
}

export interface RenderRequest extends TemplateVersionRequest {
  readonly variables: Readonly<Record<string, unknown>>;
}

export interface TemplateRenderer {
  render(request: RenderRequest): Promise<RenderedContent>;
}

/** A version's Handlebars sources with what the channels send beside them. */
export interface TemplateVersionSource extends TemplateSources {
  readonly templateCode: string;
  readonly number: number;
  readonly locale: string;
  readonly imageUrl?: string;
  readonly link?: string;
}

/** Where the versions to render come from (templates' GetTemplateVersion). */
export interface TemplateVersions {
  getVersion(request: TemplateVersionRequest): Promise<TemplateVersionSource>;
}

/** The services a worker calls while delivering. */
export interface DeliveryPeers {
  readonly statuses: StatusReporter;
  readonly users: UserDirectory;
  readonly templates: TemplateRenderer;
}

/** Where a push channel reports a token the provider says is dead (users' InvalidatePushToken). */
export interface PushTokenRegistry {
  invalidate(userId: string, token: string, reason: string): Promise<void>;
}
