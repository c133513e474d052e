import { createDecipheriv, createECDH, hkdfSync, randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DeliveryLedger } from './delivery-ledger';

export interface RecordedRequest {
  readonly path: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: Buffer;
}

export interface HttpPeer {
  readonly port: number;
  readonly requests: RecordedRequest[];
  /** Answers each later request with this status and JSON body; undefined restores the default. */
  answerWith(answer: ((request: RecordedRequest) => { status: number; body: unknown }) | undefined): void;
  /** Holds the answer to every later request until released, as a slow provider would. */
  hold(): void;
  /**
   * Answers every held request and stops holding. A request whose client went away meanwhile is
   * not answered nor recorded: its sender never learnt the outcome (as the SMTP sink does).
   */
  release(): void;
  /** How many requests wait for their answer, from clients still connected. */
  heldCount(): number;
  close(): Promise<void>;
}

function recordingHandler(
  record: (request: RecordedRequest, status: number) => void,
  defaultAnswer: (request: RecordedRequest) => { status: number; body: unknown },
) {
  let answer = defaultAnswer;
  let holding = false;
  const held: { gone: () => boolean; respond: () => void }[] = [];
  const handler = (req: IncomingMessage, res: import('node:http').ServerResponse) => {
    const chunks: Buffer[] = [];
    // 'close' before the answer: the client went away (a worker killed mid-send).
    let answered = false;
    let gone = false;
    res.on('close', () => (gone = !answered));
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request = { path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) };
      const respond = () => {
        if (gone) return;
        answered = true;
        const { status, body } = answer(request);
        record(request, status);
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (holding) held.push({ gone: () => gone, respond });
      else respond();
    });
  };
  return {
    handler,
    set: (next: ((request: RecordedRequest) => { status: number; body: unknown }) | undefined) =>
      (answer = next ?? defaultAnswer),
    hold: () => void (holding = true),
    release: () => {
      holding = false;
      for (const { respond } of held.splice(0)) respond();
    },
    heldCount: () => held.filter(({ gone }) => !gone()).length,
  };
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

/**
 * A plain-HTTP FCM HTTP v1 peer: answers messages:send like Google, with a made-up message name.
 * Given a ledger, it records the notification id of each message it accepted (2xx) there instead
 * of keeping requests, so a long load run holds no bodies and a refused send is not a delivery.
 */
export async function startFakeFcm(projectId: string, ledger?: DeliveryLedger): Promise<HttpPeer> {
  const requests: RecordedRequest[] = [];
  let sent = 0;
  const record = ledger
    ? (request: RecordedRequest, status: number) => {
        if (status < 300) ledger.see(fcmNotificationId(request));
      }
    : (request: RecordedRequest) => requests.push(request);
  const { handler, set, ...holding } = recordingHandler(record, () => ({
    status: 200,
    body: { name: `projects/${projectId}/messages/${++sent}` },
  }));
  const server = createHttpServer(handler);
  const port = await listen(server);
  return { port, requests, answerWith: set, ...holding, close: () => closeServer(server) };
}

export interface PushEndpoint extends HttpPeer {
  /** PEM of the self-signed certificate, for WEB_PUSH_CA_FILE. */
  readonly caFile: string;
  readonly url: string;
}

function fcmNotificationId(request: RecordedRequest): string {
  const sent = JSON.parse(request.body.toString()) as { message?: { data?: { notification_id?: string } } };
  return sent.message?.data?.notification_id ?? '';
}

/** A real HTTPS push service on loopback (self-signed), answering 201 Created like one. */
export async function startPushEndpoint(): Promise<PushEndpoint> {
  const dir = mkdtempSync(join(tmpdir(), 'herald-webpush-'));
  const keyFile = join(dir, 'key.pem');
  const caFile = join(dir, 'cert.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      keyFile,
      '-out',
      caFile,
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
    ],
    { stdio: 'ignore' },
  );
  const requests: RecordedRequest[] = [];
  const { handler, set, ...holding } = recordingHandler(
    (request) => requests.push(request),
    () => ({ status: 201, body: {} }),
  );
  const server = createHttpsServer({ key: readFileSync(keyFile), cert: readFileSync(caFile) }, handler);
  const port = await listen(server);
  return {
    port,
    caFile,
    url: `https://127.0.0.1:${port}`,
    requests,
    answerWith: set,
    ...holding,
    close: async () => {
      await closeServer(server);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A browser's push subscription keys: what it would hand to registerDevice. */
export function createSubscriptionKeys() {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  const auth = randomBytes(16);
  return {
    p256dh: ecdh.getPublicKey().toString('base64url'),
    auth: auth.toString('base64url'),
    /** RFC 8291 aes128gcm decryption, as the browser does it. */
    decrypt: (body: Buffer): string => {
      const salt = body.subarray(0, 16);
      const idLength = body.readUInt8(20);
      const senderKey = body.subarray(21, 21 + idLength);
      const ciphertext = body.subarray(21 + idLength);
      const shared = ecdh.computeSecret(senderKey);
      const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), ecdh.getPublicKey(), senderKey]);
      const ikm = Buffer.from(hkdfSync('sha256', shared, auth, keyInfo, 32));
      const cek = Buffer.from(
        hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: aes128gcm\0'), 16),
      );
      const nonce = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: nonce\0'), 12));
      const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
      decipher.setAuthTag(ciphertext.subarray(ciphertext.length - 16));
      const padded = Buffer.concat([
        decipher.update(ciphertext.subarray(0, ciphertext.length - 16)),
        decipher.final(),
      ]);
      // The last record ends with the 0x02 delimiter, then zero padding.
      return padded.subarray(0, padded.lastIndexOf(2)).toString('utf8');
    },
  };
}
