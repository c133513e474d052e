import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/** Whom a one-click unsubscribe link opts out, and of what: a category, or all email (null). */
export interface UnsubscribeSubject {
  readonly userId: string;
  readonly category: string | null;
}

/**
 * The token in `/unsubscribe/<token>` (RFC 8058): the email worker mints it, the gateway reads it.
 * AES-256-GCM, so it names the user and the category without revealing either and cannot be
 * altered; base64url, so it sits in a URL path as it is.
 */
export interface UnsubscribeTokenCodec {
  mint(subject: UnsubscribeSubject): string;
  /** Undefined for anything this codec did not mint: tampered, truncated, another secret. */
  read(token: string): UnsubscribeSubject | undefined;
}

const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const USER_ID_BYTES = 16;
const LENGTH_BYTES = 2;
/** Plaintexts are padded to a multiple of this, so a token's length hardly hints at the category. */
const PAD_TO = 16;
/** Well past the longest category notifications accepts (100 characters of UTF-8). */
const MAX_TOKEN_LENGTH = 1024;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const BASE64URL = /^[A-Za-z0-9_-]+$/;
/** Binds the ciphertext to its purpose and format version. */
const ASSOCIATED_DATA = Buffer.from(`herald unsubscribe token v${VERSION}`);

export function createUnsubscribeTokenCodec(secret: string): UnsubscribeTokenCodec {
  // A key of its own, derived from the setting, so the secret is never used raw.
  const key = Buffer.from(hkdfSync('sha256', secret, 'herald', 'unsubscribe-token aes-256-gcm', 32));
  return {
    mint({ userId, category }) {
      if (!UUID.test(userId)) throw new Error('an unsubscribe token names a user by UUID');
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(ASSOCIATED_DATA);
      const sealed = Buffer.concat([cipher.update(encodeSubject(userId, category)), cipher.final()]);
      return Buffer.concat([Buffer.of(VERSION), iv, sealed, cipher.getAuthTag()]).toString('base64url');
    },
    read(token) {
      if (token.length > MAX_TOKEN_LENGTH || !BASE64URL.test(token)) return undefined;
      const bytes = Buffer.from(token, 'base64url');
      if (bytes.length < 1 + IV_BYTES + PAD_TO + TAG_BYTES || bytes[0] !== VERSION) return undefined;
      const iv = bytes.subarray(1, 1 + IV_BYTES);
      const sealed = bytes.subarray(1 + IV_BYTES, bytes.length - TAG_BYTES);
      const decipher = createDecipheriv('aes-256-gcm', key, iv);
      decipher.setAAD(ASSOCIATED_DATA);
      decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
      try {
        return decodeSubject(Buffer.concat([decipher.update(sealed), decipher.final()]));
      } catch {
        return undefined;
      }
    },
  };
}

/** user id (16 bytes) | category length (2 bytes; 0 is none) | category (UTF-8) | zero padding. */
function encodeSubject(userId: string, category: string | null): Buffer {
  const name = Buffer.from(category ?? '', 'utf8');
  const length = Buffer.alloc(LENGTH_BYTES);
  length.writeUInt16BE(name.length);
  const body = Buffer.concat([Buffer.from(userId.replaceAll('-', ''), 'hex'), length, name]);
  return Buffer.concat([body, Buffer.alloc((PAD_TO - (body.length % PAD_TO)) % PAD_TO)]);
}

function decodeSubject(plain: Buffer): UnsubscribeSubject | undefined {
  const length = plain.readUInt16BE(USER_ID_BYTES);
  const end = USER_ID_BYTES + LENGTH_BYTES + length;
  if (end > plain.length) return undefined;
  const hex = plain.subarray(0, USER_ID_BYTES).toString('hex');
  return {
    userId: `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`,
    category: length === 0 ? null : plain.subarray(USER_ID_BYTES + LENGTH_BYTES, end).toString('utf8'),
  };
}
