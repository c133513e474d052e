import { createTransport } from 'nodemailer';
import { writeOutboxFile } from '@herald/worker-runtime';
import type { EmailProvider } from './email-provider';
import { toMailOptions } from './mail-options';

/** The dev default: each mail becomes `<notification id>.eml` in `dir`, openable by any mail client. */
export function createFileOutboxProvider(dir: string, from: string): EmailProvider {
  const transport = createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  return {
    send: async (message) => {
      const info = await transport.sendMail(toMailOptions(message, from));
      if (!Buffer.isBuffer(info.message))
        throw new Error('nodemailer returned a stream despite buffer: true');
      await writeOutboxFile(dir, `${message.notificationId}.eml`, info.message);
      return { messageId: info.messageId };
    },
    close: async () => undefined,
  };
}
