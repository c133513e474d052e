import { connect } from 'node:net';
import { createTransport } from 'nodemailer';

/** The email worker's default SMTP_MAX_CONNECTIONS. */
const CONNECTIONS = 20;

export interface FloorMail {
  readonly notificationId: string;
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

export interface Mailer {
  send(mail: FloorMail): Promise<void>;
  close(): Promise<void>;
}

/**
 * Pooled nodemailer to the bench's SMTP sink, with Nagle off as the email worker's SMTP
 * provider opens its sockets, and the worker's Message-ID (`<notification id@domain>`), which
 * is how the sink credits a delivery to its notification.
 */
export function createMailer(port: number): Mailer {
  const transport = createTransport({
    host: '127.0.0.1',
    port,
    pool: true,
    maxConnections: CONNECTIONS,
    getSocket: (_options, callback) => {
      const socket = connect({ host: '127.0.0.1', port, noDelay: true });
      socket.once('error', (error) => callback(error, undefined));
      socket.once('connect', () => {
        socket.removeAllListeners('error');
        callback(null, { connection: socket });
      });
    },
  });
  return {
    send: async (mail) => {
      await transport.sendMail({
        from: 'Herald <herald@bench.local>',
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId: `<${mail.notificationId}@bench.local>`,
        headers: { 'X-Herald-Notification-Id': mail.notificationId },
      });
    },
    close: async () => transport.close(),
  };
}
