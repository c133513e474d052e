import type { AddressInfo } from 'node:net';
import type { Readable } from 'node:stream';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';
import type { Logger } from '@herald/logging';
import type { WorkerIntake } from '@herald/worker-runtime';
import type { ReturnPathSigner } from '../domain/return-path';
import type { BounceListenerMetrics } from './bounce-listener-metrics';
import type { ReceiveFeedback, RefusalReason } from './receive-feedback';

export interface BounceListenerOptions {
  readonly port: number;
  /** Mail for other domains is refused: the listener relays nothing. */
  readonly bounceDomain: string;
  /** The largest mail taken, in bytes; advertised as SIZE and refused past it (552). */
  readonly maxBytes: number;
  readonly signer: ReturnPathSigner;
  readonly receive: ReceiveFeedback;
  readonly metrics: BounceListenerMetrics;
  readonly log: Logger;
}

/** Connections served at once; smtp-server answers more with 421, and their servers try again later. */
const MAX_CLIENTS = 50;

/**
 * The inbound SMTP server of bounces and complaints (decision 0028). A recipient must be at the
 * bounce domain; a VERP recipient must carry a valid signature (else 550 at RCPT, before any
 * data), and a transaction takes one, as each names one notification. Every refusal is an SMTP
 * error with an enhanced status code, a log line and a count by reason; the server keeps serving.
 */
export function createBounceListener(options: BounceListenerOptions): WorkerIntake {
  const { signer, metrics, log } = options;
  const refuse = (
    reason: RefusalReason,
    code: number,
    message: string,
    session: SMTPServerSession,
    notificationId?: string,
  ) => {
    metrics.refused(reason);
    log.warn(
      {
        reason,
        code,
        remote: session.remoteAddress,
        ...(notificationId ? { notification_id: notificationId } : {}),
      },
      `bounce listener refused a mail: ${message}`,
    );
    return Object.assign(new Error(message), { responseCode: code });
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: options.maxBytes,
    maxClients: MAX_CLIENTS,
    logger: false,
    onRcptTo(address, session, callback) {
      const domain = address.address.slice(address.address.lastIndexOf('@') + 1).toLowerCase();
      if (domain !== options.bounceDomain) {
        callback(refuse('foreign-recipient', 550, '5.7.1 relaying denied: not a bounce address', session));
        return;
      }
      const reading = signer.readAddress(address.address);
      if (reading.kind === 'forged') {
        callback(refuse('forged-signature', 550, '5.7.1 no such bounce address', session));
        return;
      }
      if (reading.kind === 'signed' && signedRecipientOf(session) !== undefined) {
        callback(refuse('too-many-recipients', 452, '4.5.3 one bounce address per message', session));
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      readLimited(stream, options.maxBytes)
        .then(async (raw) => {
          if (!raw) {
            callback(
              refuse('too-large', 552, `5.3.4 message larger than ${options.maxBytes} bytes`, session),
            );
            return;
          }
          const answer = await options.receive({ recipientNotificationId: signedRecipientOf(session), raw });
          if (!answer.accepted) {
            callback(refuse(answer.reason, answer.code, answer.message, session, answer.notificationId));
            return;
          }
          metrics.received(answer.kind);
          log.info(
            {
              kind: answer.kind,
              recorded: answer.recorded,
              ...(answer.notificationId ? { notification_id: answer.notificationId } : {}),
            },
            `bounce listener: ${answer.message}`,
          );
          callback(null, `2.6.0 ${answer.message}`);
        })
        .catch((error: unknown) => {
          log.error({ err: error }, 'bounce listener failed on a mail');
          callback(
            refuse('unavailable', 451, '4.3.0 the report could not be read now: try again later', session),
          );
        });
    },
  });
  /** The notification of the transaction's accepted VERP recipient (the envelope is reset at each MAIL FROM). */
  const signedRecipientOf = (session: SMTPServerSession): string | undefined => {
    for (const recipient of session.envelope.rcptTo) {
      const reading = signer.readAddress(recipient.address);
      if (reading.kind === 'signed') return reading.notificationId;
    }
    return undefined;
  };
  // A client resetting its connection mid-transaction is normal for a server on the internet.
  server.on('error', (error) => log.warn({ err: error }, 'bounce listener connection error'));

  return {
    start: () =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(options.port, () => {
          server.off('error', reject);
          resolve({ bounceSmtp: (server.server.address() as AddressInfo).port });
        });
      }),
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The whole message, or undefined past `maxBytes` (the rest is read and dropped, so the session can answer). */
async function readLimited(
  stream: Readable & { sizeExceeded?: boolean },
  maxBytes: number,
): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= maxBytes) chunks.push(chunk);
  }
  return size > maxBytes || stream.sizeExceeded ? undefined : Buffer.concat(chunks);
}
