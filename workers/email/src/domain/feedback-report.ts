/**
 * The report-field logic of the bounce listener (decision 0028); MIME is mailparser's. A mail is
 * read as one of: an RFC 3464 delivery status notification (multipart/report;
 * report-type=delivery-status), an RFC 5965 abuse report (report-type=feedback-report), or a
 * plain-text bounce of the kind Exim, Exchange and older Postfix send, read best effort.
 */

/** A received mail as the MIME parser gives it. */
export interface ReceivedReport {
  /** The top-level Content-Type, lower case, e.g. multipart/report. */
  readonly contentType: string;
  /** Its report-type parameter, lower case, when it has one. */
  readonly reportType: string | undefined;
  /** The human-readable text of the mail. */
  readonly text: string;
  /** The machine-readable parts: message/delivery-status, message/feedback-report. */
  readonly parts: readonly { readonly contentType: string; readonly content: string }[];
}

export type FeedbackKind = 'HARD_BOUNCE' | 'SOFT_BOUNCE' | 'COMPLAINT';

export type ReadReport =
  | {
      readonly outcome: 'feedback';
      readonly kind: FeedbackKind;
      /** RFC 3464 Status (e.g. 5.1.1); empty for a complaint. */
      readonly statusCode: string;
      /** The remote server's words, or the complaint's type and reporter, for people to read. */
      readonly diagnostic: string;
      /** ARF Original-Mail-From: the envelope sender of the mail complained about. */
      readonly originalMailFrom?: string;
    }
  /** A well-formed report that is no bounce and no complaint: a success DSN, a not-spam report. */
  | { readonly outcome: 'no-feedback'; readonly why: string }
  | { readonly outcome: 'malformed'; readonly reason: MalformedReason; readonly why: string };

/** A metric label each: why a report could not be read. */
export type MalformedReason =
  | 'no-delivery-status'
  | 'no-recipient-fields'
  | 'bad-action'
  | 'bad-status'
  | 'no-feedback-report'
  | 'no-feedback-type'
  | 'unsupported-report-type'
  | 'not-a-report';

const STATUS_CODE = /^([245])\.\d{1,3}\.\d{1,3}$/;
const DIAGNOSTIC_LENGTH = 500;

export function readFeedbackReport(mail: ReceivedReport): ReadReport {
  if (mail.contentType === 'multipart/report') {
    if (mail.reportType === 'delivery-status') return readDeliveryStatus(mail);
    if (mail.reportType === 'feedback-report') return readAbuseReport(mail);
    return malformed(
      'unsupported-report-type',
      `report-type ${mail.reportType ?? '(none)'} is not read here`,
    );
  }
  return readPlainTextBounce(mail.text);
}

/**
 * RFC 3464: a per-message block, then one block per recipient with Action and Status. With VERP
 * a mail has one recipient; should a report list several, the gravest decides: a permanent
 * failure (5.x.x) is a hard bounce; a transient one (4.x.x) or Action: delayed is a soft one.
 */
function readDeliveryStatus(mail: ReceivedReport): ReadReport {
  const part = mail.parts.find((candidate) => candidate.contentType === 'message/delivery-status');
  if (!part) return malformed('no-delivery-status', 'no message/delivery-status part');
  // The per-message block (Reporting-MTA …) has neither field.
  const recipients = fieldBlocks(part.content).filter(
    (block) => block.has('final-recipient') || block.has('action'),
  );
  if (recipients.length === 0) return malformed('no-recipient-fields', 'no per-recipient fields');
  let gravest: Extract<ReadReport, { outcome: 'feedback' }> | undefined;
  for (const fields of recipients) {
    const action = fields.get('action')?.toLowerCase();
    const status = (fields.get('status') ?? '').split(/\s/)[0] ?? '';
    if (!action || !['failed', 'delayed', 'delivered', 'relayed', 'expanded'].includes(action))
      return malformed('bad-action', `Action ${action ?? '(none)'} is not an RFC 3464 action`);
    if (action !== 'failed' && action !== 'delayed') continue;
    const statusClass = STATUS_CODE.exec(status)?.[1];
    if (!statusClass || statusClass === '2')
      return malformed('bad-status', `Status "${status}" does not say why the mail failed`);
    const kind = statusClass === '5' && action === 'failed' ? 'HARD_BOUNCE' : 'SOFT_BOUNCE';
    if (gravest?.kind === 'HARD_BOUNCE') continue;
    gravest = {
      outcome: 'feedback',
      kind,
      statusCode: status,
      diagnostic: clip(fields.get('diagnostic-code') ?? `${action}, status ${status}`),
    };
  }
  return gravest ?? { outcome: 'no-feedback', why: 'a delivery status notification of success' };
}

/**
 * RFC 5965: the message/feedback-report part's Feedback-Type says what kind of report it is
 * (abuse, fraud, virus, other are complaints; RFC 6650's not-spam withdraws one, which Herald
 * does not act on).
 */
function readAbuseReport(mail: ReceivedReport): ReadReport {
  const part = mail.parts.find((candidate) => candidate.contentType === 'message/feedback-report');
  if (!part) return malformed('no-feedback-report', 'no message/feedback-report part');
  const fields = fieldBlocks(part.content)[0] ?? new Map<string, string>();
  const feedbackType = fields.get('feedback-type')?.toLowerCase();
  if (!feedbackType) return malformed('no-feedback-type', 'the feedback report has no Feedback-Type');
  if (feedbackType === 'not-spam') return { outcome: 'no-feedback', why: 'a not-spam report' };
  const reporter = fields.get('user-agent');
  return {
    outcome: 'feedback',
    kind: 'COMPLAINT',
    statusCode: '',
    diagnostic: clip(`${feedbackType} report${reporter ? ` by ${reporter}` : ''}`),
    ...(fields.has('original-mail-from') ? { originalMailFrom: fields.get('original-mail-from') } : {}),
  };
}

/**
 * Without a report part: the first SMTP reply with an enhanced status code in the text, as in
 * Exim's "SMTP error from remote mail server after RCPT TO:<…>: 550 5.1.1 User unknown" or
 * Exchange's "Remote Server returned '550 5.1.1 RESOLVER.ADR.RecipNotFound; not found'".
 */
function readPlainTextBounce(text: string): ReadReport {
  const reply = /(?:^|[\s#'"(:])([45])\d\d[ -]#?([45])\.(\d{1,3}\.\d{1,3})\b([^\n]*)/m.exec(text);
  if (!reply || reply[1] !== reply[2])
    return malformed('not-a-report', 'neither a report nor a bounce with an SMTP status code');
  const statusCode = `${reply[2]}.${reply[3]}`;
  return {
    outcome: 'feedback',
    kind: reply[2] === '5' ? 'HARD_BOUNCE' : 'SOFT_BOUNCE',
    statusCode,
    diagnostic: clip(reply[0]),
  };
}

/** RFC 822-style field blocks separated by blank lines, folded lines joined; names in lower case. */
function fieldBlocks(content: string): Map<string, string>[] {
  return content
    .replace(/\r\n/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((block) => {
      const fields = new Map<string, string>();
      for (const line of block.replace(/\n[ \t]+/g, ' ').split('\n')) {
        const colon = line.indexOf(':');
        if (colon <= 0) continue;
        const name = line.slice(0, colon).trim().toLowerCase();
        if (!fields.has(name)) fields.set(name, line.slice(colon + 1).trim());
      }
      return fields;
    })
    .filter((fields) => fields.size > 0);
}

function clip(text: string): string {
  return text.replace(/\s+/g, ' ').trim().slice(0, DIAGNOSTIC_LENGTH);
}

function malformed(reason: MalformedReason, why: string): ReadReport {
  return { outcome: 'malformed', reason, why };
}
