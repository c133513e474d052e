import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import type { Readable } from 'node:stream';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';
import type { DeliveryLedger } from './delivery-ledger';
import { waitFor } from './wait-for';

export interface ReceivedMail {
  readonly from: string;
  readonly to: readonly string[];
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  readonly messageId: string;
  /** Every header as received, by lower-case name (folded lines joined); a repeated one keeps the first. */
  readonly headers: Readonly<Record<string, string>>;
}

export interface SmtpSink {
  readonly port: number;
  readonly url: string;
  /** GET returns the received messages as JSON, for tests in other processes than the sink. */
  readonly inspectUrl: string;
  readonly messages: readonly ReceivedMail[];
  /** Answers every later message with this SMTP code (e.g. 550, 451), or accepts again with undefined. */
  rejectWith(code: number | undefined): void;
  /** Holds the answer to every later message until released, as a slow server would. */
  hold(): void;
  /** Answers up to `count` held messages; without a count, answers them all and stops holding. */
  release(count?: number): void;
  /** How many messages are waiting for their answer, from clients still connected. */
  heldCount(): number;
  waitForMessages(count: number, timeoutMs?: number): Promise<readonly ReceivedMail[]>;
  close(): Promise<void>;
}

/**
 * A real SMTP server on loopback that records what it accepts. Given a ledger, it only notes
 * each mail's notification id (from its Message-ID) there: cheap enough for load runs.
 */
export async function startSmtpSink(ledger?: DeliveryLedger): Promise<SmtpSink> {
  const messages: ReceivedMail[] = [];
  let rejectCode: number | undefined;
  let holding = false;
  const held: { sessionId: string; answer: () => void }[] = [];
  // A client that disconnects before its answer has not had the message accepted: real servers
  // abort that transaction, so the sink does not count it either.
  const closedSessions = new Set<string>();
  const answerLater = (sessionId: string) =>
    holding ? new Promise<void>((answer) => held.push({ sessionId, answer })) : undefined;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onClose(session) {
      closedSessions.add(session.id);
    },
    onData(stream, session, callback) {
      const received = ledger ? recordInLedger(stream, ledger) : recordMail(stream, session, messages);
      received
        .then(async (record) => {
          await answerLater(session.id);
          if (closedSessions.has(session.id)) {
            callback(new Error('the client went away before the answer'));
            return;
          }
          if (rejectCode !== undefined) {
            callback(Object.assign(new Error(`rejected by test sink`), { responseCode: rejectCode }));
            return;
          }
          record();
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  // A client whose connection resets mid-transaction (a worker killed, a proxy cut) is normal in
  // the tests that use this sink; unheard, smtp-server's 'error' event would crash the runner.
  server.on('error', () => undefined);
  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.server.address();
      resolve(typeof address === 'object' && address ? address.port : 0);
    });
  });
  const inspector = await startInspector(() => messages);
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    inspectUrl: `http://127.0.0.1:${(inspector.address() as AddressInfo).port}/messages`,
    messages,
    rejectWith: (code) => (rejectCode = code),
    hold: () => {
      holding = true;
    },
    release: (count) => {
      if (count === undefined) holding = false;
      for (const { answer } of held.splice(0, count ?? held.length)) answer();
    },
    heldCount: () => held.filter(({ sessionId }) => !closedSessions.has(sessionId)).length,
    waitForMessages: (count, timeoutMs = 15_000) =>
      waitFor(() => messages.length >= count && messages, {
        timeoutMs,
        description: `${count} message(s) at the SMTP sink`,
      }),
    close: async () => {
      await new Promise<void>((resolve) => inspector.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

type Recorder = () => void;

async function recordMail(
  stream: Readable,
  session: SMTPServerSession,
  messages: ReceivedMail[],
): Promise<Recorder> {
  const mail = await simpleParser(stream);
  return () =>
    messages.push({
      from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
      to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
      subject: mail.subject ?? '',
      text: mail.text ?? '',
      html: typeof mail.html === 'string' ? mail.html : '',
      messageId: mail.messageId ?? '',
      headers: rawHeaders(mail.headerLines),
    });
}

function rawHeaders(lines: readonly { key: string; line: string }[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const { key, line } of lines) {
    headers[key] ??= line
      .slice(line.indexOf(':') + 1)
      .replace(/\r?\n[ \t]+/g, ' ')
      .trim();
  }
  return headers;
}

/** Herald's Message-ID is `<notification id@domain>`. */
const NOTIFICATION_MESSAGE_ID = /^Message-ID:\s*<([^@>]+)@/im;

async function recordInLedger(stream: Readable, ledger: DeliveryLedger): Promise<Recorder> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  const message = Buffer.concat(chunks).toString('latin1');
  const headers = message.slice(0, message.indexOf('\r\n\r\n'));
  const notificationId = NOTIFICATION_MESSAGE_ID.exec(headers)?.[1] ?? '';
  return () => ledger.see(notificationId);
}

/** Reads what a sink in another process received, through its inspectUrl. */
export async function fetchSinkMessages(inspectUrl: string): Promise<readonly ReceivedMail[]> {
  const response = await fetch(inspectUrl);
  return (await response.json()) as ReceivedMail[];
}

function startInspector(messages: () => readonly ReceivedMail[]): Promise<Server> {
  const inspector = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(messages()));
  });
  return new Promise((resolve, reject) => {
    inspector.once('error', reject);
    inspector.listen(0, '127.0.0.1', () => resolve(inspector));
  });
}
