import { simpleParser } from 'mailparser';
import type { ReceivedReport } from '../domain/feedback-report';

/** The parts of a report the field logic reads; every other attachment (the returned original) is left out. */
const REPORT_PARTS = new Set(['message/delivery-status', 'message/feedback-report']);

/**
 * MIME through mailparser, with message/delivery-status kept as a part of its own rather than
 * folded into the text. Throws on a mail mailparser cannot read.
 */
export async function parseReceivedMail(raw: Buffer): Promise<ReceivedReport> {
  const mail = await simpleParser(raw, { keepDeliveryStatus: true, skipHtmlToText: false });
  const contentType = mail.headers.get('content-type');
  const { value, params } =
    typeof contentType === 'object' && contentType !== null && 'value' in contentType
      ? (contentType as { value: string; params?: Record<string, string> })
      : { value: 'text/plain', params: undefined };
  return {
    contentType: value.toLowerCase(),
    reportType: params?.['report-type']?.toLowerCase(),
    text: mail.text ?? '',
    parts: mail.attachments
      .filter((attachment) => REPORT_PARTS.has(attachment.contentType.toLowerCase()))
      .map((attachment) => ({
        contentType: attachment.contentType.toLowerCase(),
        content: attachment.content.toString('utf8'),
      })),
  };
}
