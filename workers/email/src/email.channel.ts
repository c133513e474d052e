import { DeliveryError, type DeliveryChannel } from '@herald/delivery';
import type { EmailProvider } from './providers/email-provider';

/** Email: the user's address, the rendered subject, text body and HTML body when the version has one. */
export function createEmailChannel(provider: EmailProvider): DeliveryChannel {
  return {
    name: 'email',
    send: async (recipient, rendered, context) => {
      if (!recipient.email) throw new DeliveryError('the user has no email address', true);
      const sent = await provider.send({
        notificationId: context.notificationId,
        to: recipient.email,
        subject: rendered.subject ?? '',
        text: rendered.body,
        html: rendered.bodyHtml,
      });
      return { kind: 'delivered', providerMessageId: sent.messageId };
    },
    close: () => provider.close(),
  };
}
