import escapeHtml from 'escape-html';
import { DeliveryRefusedError, type DeliveryChannel } from '@herald/worker-runtime';
import type { ReturnPathSigner } from './domain/return-path';
import type { EmailProvider } from './providers/email-provider';

export interface EmailChannelOptions {
  readonly replyTo?: string;
  /** Categories whose mail carries no List-Unsubscribe (security, receipts): the user cannot opt out. */
  readonly criticalCategories: ReadonlySet<string>;
  /** The one-click unsubscribe URL (RFC 8058) of this user and category (null: all email). */
  readonly unsubscribeUrl: (userId: string, category: string | null) => string;
  /** Signs each mail's envelope sender and feedback header with its notification (VERP). */
  readonly returnPaths: ReturnPathSigner;
}

/**
 * Email: the user's address, the rendered subject, and always both a text and an HTML part
 * (multipart/alternative); a version without HTML gets the text, escaped, as its HTML part.
 */
export function createEmailChannel(provider: EmailProvider, options: EmailChannelOptions): DeliveryChannel {
  return {
    name: 'email',
    send: async (recipient, rendered, context) => {
      if (!recipient.email) throw new DeliveryRefusedError('the user has no email address');
      const category = context.category ?? null;
      const sent = await provider.send({
        notificationId: context.notificationId,
        to: recipient.email,
        returnPath: options.returnPaths.returnPathFor(context.notificationId),
        feedbackToken: options.returnPaths.tokenFor(context.notificationId),
        subject: rendered.subject ?? '',
        text: rendered.body,
        html: rendered.bodyHtml || htmlFromText(rendered.body),
        replyTo: options.replyTo,
        listUnsubscribe:
          category !== null && options.criticalCategories.has(category)
            ? undefined
            : options.unsubscribeUrl(recipient.id, category),
      });
      return { kind: 'delivered', providerMessageId: sent.messageId };
    },
    close: () => provider.close(),
  };
}

/** Plain text as HTML: escaped, paragraphs at blank lines, line breaks kept. */
export function htmlFromText(text: string): string {
  const paragraphs = escapeHtml(text)
    .split(/\n{2,}/)
    .map((paragraph) => `<p>${paragraph.replace(/\n/g, '<br>')}</p>`);
  return paragraphs.join('\n');
}
