import { DeliveryError, type Recipient } from '@herald/delivery';
import { createEmailChannel } from './email.channel';
import type { EmailMessage, EmailProvider } from './providers/email-provider';

const rendered = {
  templateCode: 'welcome',
  version: 1,
  locale: 'en',
  subject: 'Welcome',
  body: 'Hello',
  bodyHtml: '<p>Hello</p>',
};
const context = { notificationId: 'n-1', priority: 5, attempt: 1 };
const ada: Recipient = { id: 'u-1', email: 'ada@example.com', name: 'Ada', locale: 'en', devices: [] };

function recordingProvider() {
  const sent: EmailMessage[] = [];
  const provider: EmailProvider = {
    send: async (message) => {
      sent.push(message);
      return { messageId: '<n-1@herald.local>' };
    },
    close: async () => undefined,
  };
  return { provider, sent };
}

describe('createEmailChannel', () => {
  it("mails the rendered subject, text and HTML to the user's address", async () => {
    const { provider, sent } = recordingProvider();

    const result = await createEmailChannel(provider).send(ada, rendered, context);

    expect(result).toEqual({ kind: 'delivered', providerMessageId: '<n-1@herald.local>' });
    expect(sent).toEqual([
      {
        notificationId: 'n-1',
        to: 'ada@example.com',
        subject: 'Welcome',
        text: 'Hello',
        html: '<p>Hello</p>',
      },
    ]);
  });

  it('fails permanently for a user without an email address', async () => {
    const { provider, sent } = recordingProvider();

    const failure = createEmailChannel(provider).send({ ...ada, email: '' }, rendered, context);

    await expect(failure).rejects.toBeInstanceOf(DeliveryError);
    await expect(failure).rejects.toMatchObject({ permanent: true });
    expect(sent).toHaveLength(0);
  });
});
