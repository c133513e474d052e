import { createTransport } from 'nodemailer';
import { Registry } from 'prom-client';
import { createLogger } from '@herald/logging';
import { createBounceListener } from '../src/bounces/bounce-listener';
import { createBounceListenerMetrics } from '../src/bounces/bounce-listener-metrics';
import type { ReceivedFeedbackMail } from '../src/bounces/receive-feedback';
import { createReturnPathSigner } from '../src/domain/return-path';

const signer = createReturnPathSigner('a-secret-of-the-test', 'bounces.herald.test');
const FIRST = '7b0d5c3e-2f4a-4b7e-9c1d-0a1b2c3d4e5f';
const SECOND = '1c9f6b52-8d0e-4a7f-b3c2-5e6d7f8a9b0c';

describe('the bounce listener', () => {
  const received: ReceivedFeedbackMail[] = [];
  const listener = createBounceListener({
    port: 0,
    bounceDomain: 'bounces.herald.test',
    maxBytes: 100_000,
    signer,
    receive: async (mail) => {
      received.push(mail);
      return { accepted: true, message: 'taken', kind: 'none', recorded: false };
    },
    metrics: createBounceListenerMetrics(new Registry()),
    log: createLogger({ service: 'email-worker-test', level: 'silent' }),
  });
  let port: number;

  beforeAll(async () => {
    port = (await listener.start()).bounceSmtp!;
  });

  afterAll(() => listener.stop());

  it('names each transaction on a connection by its own VERP recipient, one per message', async () => {
    const server = createTransport({
      host: '127.0.0.1',
      port,
      ignoreTLS: true,
      pool: true,
      maxConnections: 1,
    });
    try {
      const raw = 'Subject: report\r\n\r\nbody\r\n';
      const first = await server.sendMail({
        envelope: { from: '', to: [signer.returnPathFor(FIRST), signer.returnPathFor(SECOND)] },
        raw,
      });
      await server.sendMail({ envelope: { from: '', to: signer.returnPathFor(SECOND) }, raw });

      expect(first.rejected).toEqual([signer.returnPathFor(SECOND)]);
      expect(received.map((mail) => mail.recipientNotificationId)).toEqual([FIRST, SECOND]);
    } finally {
      server.close();
    }
  });
});
