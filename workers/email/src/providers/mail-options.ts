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
      ...listUnsubscribeHeaders(message.listUnsubscribe),
    },
  };
}

function domainOf(from: string): string {
  return /@([^\s@>]+)>?\s*$/.exec(from)?.[1] ?? 'herald.local';
}

/**
 * RFC 8058 one-click: mailbox providers POST `List-Unsubscribe=One-Click` to the URL. No mailto:
 * beside it, since nobody reads the sender's mailbox.
 */
function listUnsubscribeHeaders(url: string | undefined): Record<string, string> {
  if (url === undefined) return {};
  return { 'List-Unsubscribe': `<${url}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' };
}
