import { connect } from 'node:net';
import { createTransport } from 'nodemailer';
import type SMTPPool from 'nodemailer/lib/smtp-pool';
import { parseConnectionUrl } from 'nodemailer/lib/shared';
import type { EmailProvider } from './email-provider';
import { toMailOptions } from './mail-options';
import { toDeliveryError } from './smtp-errors';

/** nodemailer waits minutes by default; a stuck server must not hold a message that long. */
const CONNECTION_TIMEOUT_MS = 10_000;

/** Sends through one SMTP server over pooled, kept-alive connections, at most maxConnections at once. */
export function createSmtpProvider(url: string, from: string, maxConnections: number): EmailProvider {
  const transport = createTransport({
    ...parseConnectionUrl(url),
    pool: true,
    maxConnections,
    getSocket: openSocket,
    connectionTimeout: CONNECTION_TIMEOUT_MS,
    greetingTimeout: 10_000,
    socketTimeout: 60_000,
  });
  return {
    send: async (message) => {
      try {
        const info = await transport.sendMail(toMailOptions(message, from));
        return { messageId: info.messageId };
      } catch (error) {
        throw toDeliveryError(error);
      }
    },
    close: async () => transport.close(),
  };
}

/**
 * Opens each pooled connection with Nagle's algorithm off, which nodemailer leaves on: a mail
 * goes out as several small writes, and with Nagle on each mail waited at least 40 ms for the
 * server's delayed ACK (44 to 56 ms a mail on one connection to a loopback server, 7 to 17 ms
 * with it off), so SMTP_MAX_CONNECTIONS connections sent at most 25 mails/s each. nodemailer
 * still speaks SMTP, and upgrades to TLS, over this socket.
 */
function openSocket(
  options: SMTPPool.Options,
  callback: (error: Error | null, socketOptions?: { connection: NodeJS.Socket }) => void,
): void {
  const socket = connect({
    host: options.host ?? 'localhost',
    port: options.port ?? (options.secure ? 465 : 587),
    noDelay: true,
    timeout: CONNECTION_TIMEOUT_MS,
  });
  const fail = (error: Error) => {
    socket.destroy();
    callback(error);
  };
  socket.once('error', fail);
  socket.once('timeout', () => fail(Object.assign(new Error('Connection timeout'), { code: 'ETIMEDOUT' })));
  socket.once('connect', () => {
    // From here the socket is nodemailer's, with its own error handling and timeouts.
    socket.removeAllListeners('error').removeAllListeners('timeout').setTimeout(0);
    callback(null, { connection: socket });
  });
}
