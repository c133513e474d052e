/** One mail to one recipient, already rendered. */
export interface EmailMessage {
  readonly notificationId: string;
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html?: string;
  readonly replyTo?: string;
  /** The envelope sender (MAIL FROM): the notification's signed VERP address, where bounces go. */
  readonly returnPath: string;
  /** The notification's signed token, in a header a complaint's returned copy carries back. */
  readonly feedbackToken: string;
  /** The one-click unsubscribe URL (RFC 8058); none for critical mail. */
  readonly listUnsubscribe?: string;
}

export interface SentEmail {
  /** The Message-ID header the mail went out with. */
  readonly messageId: string;
}

/** SMTP, the dev outbox, and later others. Throws a DeliveryRefusedError or DeliveryUnavailableError when the send fails. */
export interface EmailProvider {
  send(message: EmailMessage): Promise<SentEmail>;
  close(): Promise<void>;
}
