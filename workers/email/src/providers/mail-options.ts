import type Mail from 'nodemailer/lib/mailer';
import type { EmailMessage } from './email-provider';

/**
 * The nodemailer message every provider sends. The Message-ID derives from the notification
 * id, so a mail sent again after a lost acknowledgement is recognisably the same mail.
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
    headers: {
      'X-Herald-Notification-Id': message.notificationId,
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
