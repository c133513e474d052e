import { isUnsettled } from '@herald/contracts';
import { NotFoundError } from '@herald/errors';
import type { FeedbackReporter } from '@herald/worker-runtime';
import { readFeedbackReport, type FeedbackKind, type MalformedReason } from '../domain/feedback-report';
import type { ReturnPathSigner } from '../domain/return-path';
import { parseReceivedMail } from './received-mail';

/** Why the listener refused a mail or a recipient: a metric label each. */
export type RefusalReason =
  | MalformedReason
  | 'unparseable'
  | 'unsigned'
  | 'forged-signature'
  | 'foreign-recipient'
  | 'too-many-recipients'
  | 'too-large'
  | 'unknown-notification'
  | 'not-yet-delivered'
  | 'unavailable';

/** The SMTP answer to one mail, and what to count and log of it. */
export type FeedbackAnswer =
  | {
      readonly accepted: true;
      readonly message: string;
      /** What the mail was, when it was a bounce or complaint; "none" for a success DSN or a not-spam report. */
      readonly kind: FeedbackKind | 'none';
      readonly notificationId?: string;
      /** Whether it changed the notification or recorded an event. */
      readonly recorded: boolean;
    }
  | {
      readonly accepted: false;
      /** 5xx: the sender stops; 4xx: the sender tries again later. */
      readonly code: number;
      readonly message: string;
      readonly reason: RefusalReason;
      readonly notificationId?: string;
    };

const STATUS_OF_KIND = {
  HARD_BOUNCE: 'BOUNCED',
  SOFT_BOUNCE: 'SOFT_BOUNCED',
  COMPLAINT: 'COMPLAINED',
} as const;
const LABEL_OF_KIND = {
  HARD_BOUNCE: 'hard bounce',
  SOFT_BOUNCE: 'soft bounce',
  COMPLAINT: 'complaint',
} as const;

export interface ReceivedFeedbackMail {
  /** The notification of the signed VERP recipient (RCPT TO), when the mail came to one. */
  readonly recipientNotificationId: string | undefined;
  readonly raw: Buffer;
}

export type ReceiveFeedback = (mail: ReceivedFeedbackMail) => Promise<FeedbackAnswer>;

/**
 * One mail to the bounce listener: read the report, find its notification (the VERP recipient,
 * else a signed token in the report: ARF's Original-Mail-From, the returned original's
 * Return-Path or X-Herald-Feedback-Id), and report it on the status path.
 */
export function makeReceiveFeedback(deps: {
  signer: ReturnPathSigner;
  feedback: FeedbackReporter;
  now: () => Date;
}): ReceiveFeedback {
  return async ({ recipientNotificationId, raw }) => {
    const mail = await parseReceivedMail(raw).catch(() => undefined);
    if (!mail) return refuse(550, '5.6.0 the message could not be parsed', 'unparseable');
    const report = readFeedbackReport(mail);
    if (report.outcome === 'malformed') return refuse(550, `5.6.0 ${report.why}`, report.reason);
    const notificationId =
      recipientNotificationId ??
      deps.signer.findSigned(
        [raw.toString('latin1'), mail.text, ...mail.parts.map((part) => part.content)].join('\n'),
      );
    if (report.outcome === 'no-feedback')
      return {
        accepted: true,
        message: `${report.why}: nothing to record`,
        kind: 'none',
        recorded: false,
        ...(notificationId ? { notificationId } : {}),
      };
    if (!notificationId)
      return refuse(550, '5.7.1 the report names no notification with a valid signature', 'unsigned');
    const { kind, statusCode, diagnostic } = report;
    try {
      const receipt = await deps.feedback.report({
        notificationId,
        status: STATUS_OF_KIND[kind],
        statusCode,
        detail: `${LABEL_OF_KIND[kind]}${statusCode ? ` ${statusCode}` : ''}: ${diagnostic}`,
        at: deps.now(),
      });
      // Unsettled, the bounce may be early: the DELIVERED report is on its way (a 4xx has it retried).
      if (!receipt.applied && isUnsettled(receipt.status)) {
        return refuse(
          451,
          `4.3.0 notification is ${receipt.status}, not delivered yet: try again later`,
          'not-yet-delivered',
          notificationId,
        );
      }
      return {
        accepted: true,
        message: receipt.applied
          ? `${LABEL_OF_KIND[kind]} recorded`
          : `notification is ${receipt.status}: nothing to change`,
        kind,
        notificationId,
        recorded: receipt.applied,
      };
    } catch (error) {
      if (error instanceof NotFoundError)
        return refuse(550, '5.1.1 no such notification', 'unknown-notification', notificationId);
      return refuse(
        451,
        '4.3.0 the report could not be recorded now: try again later',
        'unavailable',
        notificationId,
      );
    }
  };
}

function refuse(
  code: number,
  message: string,
  reason: RefusalReason,
  notificationId?: string,
): FeedbackAnswer {
  return { accepted: false, code, message, reason, ...(notificationId ? { notificationId } : {}) };
}
