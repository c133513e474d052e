import { SignJWT, jwtVerify } from 'jose';

/** The one algorithm tokens are signed and accepted with; pinned so `alg: none` or a swapped algorithm fails. */
const ALGORITHM = 'HS256';
const ISSUER = 'herald-users';
const AUDIENCE = 'herald';

export interface AccessTokenKey {
  readonly secret: string;
  readonly ttlSeconds: number;
}

export interface IssuedToken {
  readonly token: string;
  readonly expiresAt: Date;
}

export interface VerifiedToken {
  readonly userId: string;
  readonly expiresAt: Date;
}

export async function signAccessToken(userId: string, key: AccessTokenKey, now: Date): Promise<IssuedToken> {
  const issuedAt = Math.floor(now.getTime() / 1000);
  const expiresAt = issuedAt + key.ttlSeconds;
  const token = await new SignJWT({})
    .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
    .setSubject(userId)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt(issuedAt)
    .setExpirationTime(expiresAt)
    .sign(encodeSecret(key.secret));
  return { token, expiresAt: new Date(expiresAt * 1000) };
}

/** The user a token names, or undefined when it is malformed, forged, expired or not ours. */
export async function verifyAccessToken(
  token: string,
  secret: string,
  now: Date,
): Promise<VerifiedToken | undefined> {
  try {
    const { payload } = await jwtVerify(token, encodeSecret(secret), {
      algorithms: [ALGORITHM],
      issuer: ISSUER,
      audience: AUDIENCE,
      currentDate: now,
      requiredClaims: ['sub', 'exp'],
    });
    if (typeof payload.sub !== 'string' || typeof payload.exp !== 'number') return undefined;
    return { userId: payload.sub, expiresAt: new Date(payload.exp * 1000) };
  } catch {
    return undefined;
  }
}

function encodeSecret(secret: string): Uint8Array {
  return new TextEncoder().encode(secret);
}
