import nodemailer from 'nodemailer';
import { createDeliveryLedger } from './delivery-ledger';
import { startFakeFcm } from './push-peers';
import { startSmtpSink } from './smtp-sink';

describe('createDeliveryLedger', () => {
  it('counts what was lost, sent twice, or never accepted, with accept-to-delivery times', () => {
    let now = 0;
    const ledger = createDeliveryLedger(() => now);
    ledger.accept('a');
    ledger.accept('b');
    ledger.accept('c');
    now = 40;
    ledger.see('a');
    now = 90;
    ledger.see('a');
    ledger.see('b');
    ledger.see('stray');
    expect(ledger.missing()).toEqual(['c']);
    expect(ledger.report()).toEqual({
      accepted: 3,
      delivered: 2,
      duplicates: 1,
      unexpected: 1,
      latenciesMs: [40, 90],
    });
  });

  it('reports one phase of a run on its own', () => {
    let now = 0;
    const ledger = createDeliveryLedger(() => now);
    ledger.accept('before');
    ledger.accept('during');
    now = 25;
    ledger.see('during');
    ledger.see('during');
    expect(ledger.report(new Set(['during']))).toEqual({
      accepted: 1,
      delivered: 1,
      duplicates: 1,
      unexpected: 0,
      latenciesMs: [25],
    });
  });

  it('waits for every accepted notification, bar the ones it is told to skip', async () => {
    const ledger = createDeliveryLedger();
    ledger.accept('a');
    ledger.accept('skipped');
    setImmediate(() => ledger.see('a'));
    await expect(
      ledger.waitForDeliveries({ timeoutMs: 2_000, except: new Set(['skipped']) }),
    ).resolves.toBeUndefined();
    await expect(ledger.waitForDeliveries({ timeoutMs: 200 })).rejects.toThrow(/every accepted notification/);
  });
});

describe('sinks that record into a ledger', () => {
  it('note the notification id of each mail accepted over SMTP, from its Message-ID', async () => {
    const ledger = createDeliveryLedger();
    const sink = await startSmtpSink(ledger);
    const transport = nodemailer.createTransport({ url: sink.url, ignoreTLS: true });
    try {
      ledger.accept('n-1');
      const mail = { from: 'a@herald.test', to: 'b@herald.test', subject: 'Hi', text: 'Hello' };
      await transport.sendMail({ ...mail, messageId: '<n-1@herald.test>' });
      await transport.sendMail({ ...mail, messageId: '<n-1@herald.test>' });
      expect(ledger.report()).toMatchObject({ accepted: 1, delivered: 1, duplicates: 1 });
      expect(sink.messages).toHaveLength(0);
    } finally {
      transport.close();
      await sink.close();
    }
  });

  it('note the notification id of each FCM message sent', async () => {
    const ledger = createDeliveryLedger();
    const fcm = await startFakeFcm('herald-test', ledger);
    try {
      ledger.accept('n-2');
      const response = await fetch(`http://127.0.0.1:${fcm.port}/v1/projects/herald-test/messages:send`, {
        method: 'POST',
        body: JSON.stringify({ message: { token: 't', data: { notification_id: 'n-2' } } }),
      });
      expect(response.status).toBe(200);
      expect(ledger.report()).toMatchObject({ accepted: 1, delivered: 1, duplicates: 0 });
      expect(fcm.requests).toHaveLength(0);
    } finally {
      await fcm.close();
    }
  });

  it('do not count an FCM message answered with an error as delivered', async () => {
    const ledger = createDeliveryLedger();
    const fcm = await startFakeFcm('herald-test', ledger);
    try {
      ledger.accept('n-3');
      fcm.answerWith(() => ({ status: 503, body: { error: { status: 'UNAVAILABLE' } } }));
      const send = () =>
        fetch(`http://127.0.0.1:${fcm.port}/v1/projects/herald-test/messages:send`, {
          method: 'POST',
          body: JSON.stringify({ message: { token: 't', data: { notification_id: 'n-3' } } }),
        });
      expect((await send()).status).toBe(503);
      fcm.answerWith(undefined);
      expect((await send()).status).toBe(200);
      expect(ledger.report()).toMatchObject({ accepted: 1, delivered: 1, duplicates: 0 });
    } finally {
      await fcm.close();
    }
  });
});
