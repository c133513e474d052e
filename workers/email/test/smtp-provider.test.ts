import { connect } from 'node:net';
import { DeliveryUnavailableError } from '@herald/worker-runtime';
import { freePort, startSmtpSink, type SmtpSink } from '@herald/testkit';
import { createSmtpProvider } from '../src/providers/smtp.provider';
import type { EmailMessage } from '../src/providers/email-provider';

jest.mock('node:net', () => {
  const actual = jest.requireActual<typeof import('node:net')>('node:net');
  return { ...actual, connect: jest.fn(actual.connect) };
});

const FROM = 'Herald <no-reply@herald.local>';

function mail(index: number): EmailMessage {
  return {
    notificationId: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
    to: 'ada@example.com',
    returnPath: `bounces+${index}@bounces.herald.local`,
    feedbackToken: `token-${index}`,
    subject: `Welcome, Ada ${index}`,
    text: 'Hello Ada',
    html: '<p>Hello Ada</p>',
  };
}

describe('createSmtpProvider', () => {
  let sink: SmtpSink;

  beforeEach(async () => {
    sink = await startSmtpSink();
  });

  afterEach(async () => {
    jest.mocked(connect).mockClear();
    await sink.close();
  });

  it('sends each mail over its pooled connection, with the notification id as Message-ID', async () => {
    const provider = createSmtpProvider(sink.url, FROM, 2);
    try {
      const sent = await Promise.all([0, 1, 2].map((index) => provider.send(mail(index))));
      expect(sent.map((info) => info.messageId)).toEqual(
        [0, 1, 2].map((index) => `<${mail(index).notificationId}@herald.local>`),
      );
      const received = await sink.waitForMessages(3);
      // Bounces go to the envelope sender, the From header stays the sender's.
      expect(received.map((message) => message.from).sort()).toEqual(
        [0, 1, 2].map((index) => `bounces+${index}@bounces.herald.local`),
      );
      expect(received.map((message) => message.headers.from)).toEqual([FROM, FROM, FROM]);
      expect(received.map((message) => message.subject).sort()).toEqual([
        'Welcome, Ada 0',
        'Welcome, Ada 1',
        'Welcome, Ada 2',
      ]);
    } finally {
      await provider.close();
    }
  });

  it('opens its connections with Nagle off, so no mail waits for a delayed ACK', async () => {
    // With Nagle's algorithm on (nodemailer's default), every mail on a connection waited at
    // least 40 ms for the server's delayed ACK: 44 to 50 ms a mail against this sink, 7 to 17 off.
    const provider = createSmtpProvider(sink.url, FROM, 1);
    try {
      await provider.send(mail(0));
      await provider.send(mail(1));
      expect(connect).toHaveBeenCalledTimes(1);
      expect(connect).toHaveBeenCalledWith(expect.objectContaining({ port: sink.port, noDelay: true }));
      await sink.waitForMessages(2);
    } finally {
      await provider.close();
    }
  });

  it('fails transiently when the server cannot be reached, so the send is retried', async () => {
    const provider = createSmtpProvider(`smtp://127.0.0.1:${await freePort()}`, FROM, 1);
    try {
      const failure = provider.send(mail(0));
      await expect(failure).rejects.toBeInstanceOf(DeliveryUnavailableError);
      await expect(failure).rejects.toMatchObject({
        retryable: true,
        message: expect.stringContaining('ECONNREFUSED'),
      });
    } finally {
      await provider.close();
    }
  });
});
