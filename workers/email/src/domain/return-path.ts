import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * VERP (decision 0028): every mail's envelope sender names its notification, signed, so a
 * bounce sent back to it says which notification bounced and a forged one cannot name another:
 * `bounces+<notification id>.<signature>@<BOUNCE_DOMAIN>`. The local part is 61 characters,
 * within RFC 5321's 64, lower-case hex only (some relays lower-case local parts).
 */
export const VERP_LOCAL_PREFIX = 'bounces+';

/** 64 bits of HMAC-SHA256: a forger has one guess per mail sent to the listener. */
const SIGNATURE_HEX = 16;
/** Keeps the signature of a return path apart from any other use of the same secret. */
const PURPOSE = 'herald-verp-v1:';
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

/** `<notification id>.<signature>`, anywhere in a text: a return path, a header, a quoted original. */
const FEEDBACK_TOKEN = new RegExp(`(${UUID})\\.([0-9a-f]{${SIGNATURE_HEX}})(?![0-9a-f])`, 'gi');

/** Signs and reads the tokens that tie a returned mail to its notification. */
export interface ReturnPathSigner {
  /** The signed token of a notification: `<id>.<signature>`. */
  tokenFor(notificationId: string): string;
  /** The envelope sender (MAIL FROM) of a notification's mail. */
  returnPathFor(notificationId: string): string;
  /** Reads one address (a RCPT TO): whether it is a return path, and if so whether its signature holds. */
  readAddress(address: string): ReturnPathReading;
  /** The notification of the first correctly signed token found in `text`, if any. */
  findSigned(text: string): string | undefined;
}

export type ReturnPathReading =
  | { readonly kind: 'signed'; readonly notificationId: string }
  | { readonly kind: 'forged' }
  /** Another address (a feedback-loop mailbox): the report itself must name the notification. */
  | { readonly kind: 'other' };

export function createReturnPathSigner(secret: string, bounceDomain: string): ReturnPathSigner {
  const signatureOf = (notificationId: string) =>
    createHmac('sha256', secret)
      .update(PURPOSE + notificationId.toLowerCase())
      .digest('hex')
      .slice(0, SIGNATURE_HEX);
  const verified = (notificationId: string, signature: string): string | undefined => {
    const expected = Buffer.from(signatureOf(notificationId));
    const given = Buffer.from(signature.toLowerCase());
    return given.length === expected.length && timingSafeEqual(given, expected)
      ? notificationId.toLowerCase()
      : undefined;
  };
  const domain = bounceDomain.toLowerCase();
  return {
    tokenFor: (notificationId) => `${notificationId.toLowerCase()}.${signatureOf(notificationId)}`,
    returnPathFor: (notificationId) =>
      `${VERP_LOCAL_PREFIX}${notificationId.toLowerCase()}.${signatureOf(notificationId)}@${domain}`,
    readAddress(address) {
      const at = address.lastIndexOf('@');
      const local = address.slice(0, at).toLowerCase();
      if (at < 0 || !local.startsWith(VERP_LOCAL_PREFIX)) return { kind: 'other' };
      const token = new RegExp(`^(${UUID})\\.([0-9a-f]+)$`).exec(local.slice(VERP_LOCAL_PREFIX.length));
      const notificationId = token ? verified(token[1]!, token[2]!) : undefined;
      return notificationId ? { kind: 'signed', notificationId } : { kind: 'forged' };
    },
    findSigned(text) {
      for (const match of text.matchAll(FEEDBACK_TOKEN)) {
        const notificationId = verified(match[1]!, match[2]!);
        if (notificationId) return notificationId;
      }
      return undefined;
    },
  };
}
