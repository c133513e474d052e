import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

export interface ScryptParameters {
  /** CPU/memory cost, a power of two. */
  readonly N: number;
  /** Block size. */
  readonly r: number;
  /** Parallelism. */
  readonly p: number;
}

/** One of OWASP's recommended scrypt settings: 16 MiB of memory per hash. */
export const SCRYPT_PARAMETERS: ScryptParameters = Object.freeze({ N: 2 ** 14, r: 8, p: 5 });

const KEY_BYTES = 32;
const SALT_BYTES = 16;
/** Bounds for parameters read back from a stored hash, so a corrupt row cannot exhaust memory. */
const MAX_MEMORY_BYTES = 256 * 1024 * 1024;
const MAX_N = 2 ** 20;
const MAX_R = 32;
const MAX_P = 16;

/**
 * `scrypt$N$r$p$salt$key` (salt and key base64url): the parameters travel with the hash, so
 * they can be raised later without breaking existing passwords.
 */
export async function hashPassword(
  password: string,
  options: { readonly salt?: Buffer; readonly parameters?: ScryptParameters } = {},
): Promise<string> {
  const salt = options.salt ?? randomBytes(SALT_BYTES);
  const parameters = options.parameters ?? SCRYPT_PARAMETERS;
  const key = await deriveKey(password, salt, KEY_BYTES, parameters);
  return [
    'scrypt',
    parameters.N,
    parameters.r,
    parameters.p,
    salt.toString('base64url'),
    key.toString('base64url'),
  ].join('$');
}

/** True when the password matches the stored hash; false for a wrong password or a malformed hash. */
export async function verifyPassword(password: string, storedHash: string): Promise<boolean> {
  const parsed = parseHash(storedHash);
  if (!parsed) return false;
  const key = await deriveKey(password, parsed.salt, parsed.key.length, parsed.parameters);
  return timingSafeEqual(key, parsed.key);
}

interface ParsedHash {
  readonly parameters: ScryptParameters;
  readonly salt: Buffer;
  readonly key: Buffer;
}

function parseHash(storedHash: string): ParsedHash | undefined {
  const parts = storedHash.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return undefined;
  const [N, r, p] = parts.slice(1, 4).map((part) => (/^\d{1,8}$/.test(part) ? Number(part) : NaN));
  const salt = Buffer.from(parts[4] ?? '', 'base64url');
  const key = Buffer.from(parts[5] ?? '', 'base64url');
  if (N === undefined || r === undefined || p === undefined) return undefined;
  const sane =
    N >= 2 &&
    N <= MAX_N &&
    (N & (N - 1)) === 0 &&
    r >= 1 &&
    r <= MAX_R &&
    p >= 1 &&
    p <= MAX_P &&
    128 * N * r <= MAX_MEMORY_BYTES &&
    salt.length >= 8 &&
    key.length >= 16 &&
    key.length <= 128;
  return sane ? { parameters: { N, r, p }, salt, key } : undefined;
}

function deriveKey(
  password: string,
  salt: Buffer,
  length: number,
  { N, r, p }: ScryptParameters,
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // NFKC, as NIST SP 800-63B suggests, so the same password typed on another keyboard still matches.
    scrypt(password.normalize('NFKC'), salt, length, { N, r, p, maxmem: 2 * 128 * N * r }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}
