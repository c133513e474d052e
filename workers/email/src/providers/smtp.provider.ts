import { createTransport } from 'nodemailer';
import { parseConnectionUrl } from 'nodemailer/lib/shared';
import type { EmailProvider } from './email-provider';
import { toMailOptions } from './mail-options';
import { toDeliveryError } from './smtp-errors';

/** Sends through one SMTP server over pooled, kept-alive connections, at most maxConnections at once. */
export function createSmtpProvider(url: string, from: string, maxConnections: number): EmailProvider {
  const transport = createTransport({
    ...parseConnectionUrl(url),
    pool: true,
    maxConnections,
    // nodemailer waits minutes by default; a stuck server must not hold a message that long.
    connectionTimeout: 10_000,
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
