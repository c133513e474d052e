import type { Recipient, RenderedContent } from './delivery-channel';

/** The statuses a worker reports (ARCHITECTURE.md §5). */
export type ReportedStatus = 'SENDING' | 'RETRYING' | 'DELIVERED' | 'FAILED' | 'SKIPPED';

export interface StatusChange {
  readonly notificationId: string;
  readonly status: ReportedStatus;
  readonly detail: string;
  readonly attempt: number;
  readonly at: Date;
  /** The copy of the queue message reported on (its delivery_id), when it has one. */
  readonly deliveryId?: string;
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
}

export interface StatusReporter {
  report(change: StatusChange): Promise<StatusReceipt>;
}

export interface UserDirectory {
  getUser(id: string): Promise<Recipient>;
}

export interface RenderRequest {
  readonly code: string;
  /** Empty: the template's default locale. */
  readonly locale: string;
  /** 0: the published version. */
  readonly version: number;
  readonly variables: Readonly<Record<string, unknown>>;
}

export interface TemplateRenderer {
  render(request: RenderRequest): Promise<RenderedContent>;
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
