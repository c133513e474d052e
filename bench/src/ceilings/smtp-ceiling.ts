import { connect } from 'node:net';
import { performance } from 'node:perf_hooks';
import { createTransport } from 'nodemailer';
import { createDeliveryLedger, startSmtpSink } from '@herald/testkit';
import { round } from '../stats';
import type { Ceiling } from './ceiling';

/** The email worker's default SMTP_MAX_CONNECTIONS, and as many sends in flight as it keeps. */
const CONNECTIONS = 20;
const IN_FLIGHT = 100;

/**
 * Raw nodemailer, pooled, to the bench's own SMTP sink in the same process: a mail of Herald's
 * shape (text and HTML parts, Message-ID, List-Unsubscribe) over kept-alive connections with
 * Nagle off, as the worker sends. Client and sink share one core here; in the scenarios the sink
 * shares the bench's process and the client is the email worker.
 */
export async function measureSmtpCeiling(mails: number): Promise<Ceiling> {
  const ledger = createDeliveryLedger();
  const sink = await startSmtpSink(ledger);
  const transport = createTransport({
    host: '127.0.0.1',
    port: sink.port,
    pool: true,
    maxConnections: CONNECTIONS,
    maxMessages: Infinity,
    getSocket: (_options, callback) => {
      const socket = connect({ host: '127.0.0.1', port: sink.port, noDelay: true });
      socket.once('error', (error) => callback(error, undefined));
      socket.once('connect', () => callback(null, { connection: socket }));
    },
  });
  const html = '<p>Hello Ada, your order <b>12345</b> has shipped and arrives on Friday.</p>'.repeat(4);
  try {
    const start = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: IN_FLIGHT }, async () => {
        while (next < mails) {
          const id = `ceiling-${next}`;
          next += 1;
          ledger.accept(id);
          await transport.sendMail({
            from: 'Herald <herald@bench.local>',
            to: `user-${next}@bench.local`,
            subject: 'Your order has shipped',
            text: 'Hello Ada, your order 12345 has shipped and arrives on Friday.',
            html,
            messageId: `<${id}@bench.local>`,
            headers: { 'X-Herald-Notification-Id': id, 'List-Unsubscribe': '<https://bench.local/u>' },
          });
        }
      }),
    );
    const seconds = (performance.now() - start) / 1000;
    const { delivered } = ledger.report();
    return {
      name: 'smtp',
      title: 'SMTP: nodemailer, pooled, to the bench sink, one process',
      perSecond: round(delivered / seconds) ?? 0,
      unit: 'mails/s',
      detail: { mails, delivered, connections: CONNECTIONS, seconds: round(seconds, 2) },
    };
  } finally {
    transport.close();
    await sink.close();
  }
}
