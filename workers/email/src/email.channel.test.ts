import { DeliveryRefusedError, type Recipient } from '@herald/worker-runtime';
import { createReturnPathSigner } from './domain/return-path';
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
const options = {
  criticalCategories: new Set(['security']),
  unsubscribeUrl: (userId: string, category: string | null) =>
    `https://herald.example/unsubscribe/${userId}.${category ?? 'all'}`,
  returnPaths: createReturnPathSigner('a-secret-of-the-test', 'bounces.herald.example'),
};
const ada: Recipient = {
  id: 'u-1',
  email: 'ada@example.com',
  name: 'Ada',
  locale: 'en',
  devices: [],
  preferences: { email: true, push: true, optedOutCategories: [] },
  emailSuppressed: false,
};

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

    const result = await createEmailChannel(provider, options).send(ada, rendered, context);

    expect(result).toEqual({ kind: 'delivered', providerMessageId: '<n-1@herald.local>' });
    expect(sent).toEqual([
      {
        notificationId: 'n-1',
        to: 'ada@example.com',
        returnPath: options.returnPaths.returnPathFor('n-1'),
        feedbackToken: options.returnPaths.tokenFor('n-1'),
        subject: 'Welcome',
        text: 'Hello',
        html: '<p>Hello</p>',
        listUnsubscribe: 'https://herald.example/unsubscribe/u-1.all',
      },
    ]);
  });

  it('sends an HTML part even when the version has only text, escaped and with its line breaks', async () => {
    const { provider, sent } = recordingProvider();

    await createEmailChannel(provider, options).send(
      ada,
      { ...rendered, body: 'Hi <Ada> & co,\nline two\n\nBye', bodyHtml: '' },
      context,
    );

    expect(sent[0]?.html).toBe('<p>Hi &lt;Ada&gt; &amp; co,<br>line two</p>\n<p>Bye</p>');
  });

  it('fails permanently for a user without an email address', async () => {
    const { provider, sent } = recordingProvider();

    const failure = createEmailChannel(provider, options).send({ ...ada, email: '' }, rendered, context);

    await expect(failure).rejects.toBeInstanceOf(DeliveryRefusedError);
    await expect(failure).rejects.toMatchObject({ retryable: false });
    expect(sent).toHaveLength(0);
  });

  it('adds Reply-To, and List-Unsubscribe for every category but the critical ones', async () => {
    const { provider, sent } = recordingProvider();
    const channel = createEmailChannel(provider, { ...options, replyTo: 'support@herald.example' });

    await channel.send(ada, rendered, { ...context, category: 'news & offers' });
    await channel.send(ada, rendered, { ...context, category: 'security' });

    expect(sent[0]).toMatchObject({
      replyTo: 'support@herald.example',
      listUnsubscribe: 'https://herald.example/unsubscribe/u-1.news & offers',
    });
    expect(sent[1]?.listUnsubscribe).toBeUndefined();
  });
});
