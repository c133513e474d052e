import { DeliveryError, type DeliveryChannel } from '@herald/delivery';
import type { EmailProvider } from './providers/email-provider';

export interface EmailChannelOptions {
  readonly replyTo?: string;
  /** Categories whose mail carries no List-Unsubscribe (security, receipts): the user cannot opt out. */
  readonly criticalCategories: ReadonlySet<string>;
  /** List-Unsubscribe targets; `{user_id}` and `{category}` are filled in, URL-encoded. */
  readonly listUnsubscribe: readonly string[];
}

/** Email: the user's address, the rendered subject, text body and HTML body when the version has one. */
export function createEmailChannel(provider: EmailProvider, options: EmailChannelOptions): DeliveryChannel {
  return {
    name: 'email',
    send: async (recipient, rendered, context) => {
      if (!recipient.email) throw new DeliveryError('the user has no email address', true);
      const category = context.category ?? '';
      const sent = await provider.send({
        notificationId: context.notificationId,
        to: recipient.email,
        subject: rendered.subject ?? '',
        text: rendered.body,
        html: rendered.bodyHtml,
        replyTo: options.replyTo,
        listUnsubscribe: options.criticalCategories.has(category)
          ? undefined
          : options.listUnsubscribe.map((target) =>
              target
                .replaceAll('{user_id}', encodeURIComponent(recipient.id))
                .replaceAll('{category}', encodeURIComponent(category)),
            ),
      });
      return { kind: 'delivered', providerMessageId: sent.messageId };
    },
    close: () => provider.close(),
  };
}
