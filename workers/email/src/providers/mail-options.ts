import type Mail from 'nodemailer/lib/mailer';
import type { EmailMessage } from './email-provider';

/**
 * The nodemailer message every provider sends. The Message-ID derives from the notification
 * id, so a mail sent again after a lost acknowledgement is recognisably the same mail. The
 * signed X-Herald-Feedback-Id comes back inside a complaint's copy of the mail, where the
 * envelope sender may not.
 */
export function toMailOptions(message: EmailMessage, from: string): Mail.Options {
  return {
    from,
    to: message.to,
    subject: message.subject,
    text: message.text,
    html: message.html,
    replyTo: message.replyTo,
    messageId: `<${message.notificationId}@${domainOf(from)}>`,
    // The From header stays MAIL_FROM; bounces go to the envelope sender (decision 0028).
    envelope: { from: message.returnPath, to: message.to },
    headers: {
      'X-Herald-Notification-Id': message.notificationId,
      'X-Herald-Feedback-Id': message.feedbackToken,
      ...listUnsubscribeHeaders(message.listUnsubscribe ?? []),
    },
  };
}

function domainOf(from: string): string {
  return /@([^\s@>]+)>?\s*$/.exec(from)?.[1] ?? 'herald.local';
}

/** One List-Unsubscribe header listing every target (RFC 2369), one-click for https (RFC 8058). */
function listUnsubscribeHeaders(targets: readonly string[]): Record<string, string> {
  if (targets.length === 0) return {};
  return {
    'List-Unsubscribe': targets.map((target) => `<${target}>`).join(', '),
    ...(targets.some((target) => target.startsWith('https:'))
      ? { 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' }
      : {}),
  };
}
