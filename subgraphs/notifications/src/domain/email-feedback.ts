import type { ReportedChange } from '@herald/contracts';

/** users.proto RecordEmailFeedbackRequest.kind: what a mailbox provider said about a delivered mail. */
export type EmailFeedbackKind = 'HARD_BOUNCE' | 'SOFT_BOUNCE' | 'COMPLAINT';

/** The feedback a report carries, or undefined for a delivery status (decision 0028). */
export function feedbackKindOf(report: ReportedChange): EmailFeedbackKind | undefined {
  switch (report) {
    case 'BOUNCED':
      return 'HARD_BOUNCE';
    case 'SOFT_BOUNCED':
      return 'SOFT_BOUNCE';
    case 'COMPLAINED':
      return 'COMPLAINT';
    default:
      return undefined;
  }
}

/** What the users service hears of a bounce or a complaint, to decide whether to suppress the address. */
export interface EmailFeedback {
  readonly kind: EmailFeedbackKind;
  readonly userId: string;
  readonly notificationId: string;
  /** The report's status code (RFC 3464 Status, e.g. 5.1.1); empty when the report gave none. */
  readonly statusCode: string;
  readonly diagnostic: string;
  /** The notification's category; empty when it has none. */
  readonly category: string;
}
