import { SignJWT } from 'jose';
import { signAccessToken, verifyAccessToken } from './access-token';

const SECRET = 'unit-test-secret-that-is-long-enough!!';
const KEY = { secret: SECRET, ttlSeconds: 3600 };
const NOW = new Date('2025-06-01T12:00:00Z');
const USER = '00000000-0000-4000-8000-000000000001';

function base64url(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

describe('access tokens', () => {
  it('round-trips the user id and the expiry', async () => {
    const issued = await signAccessToken(USER, KEY, NOW);
    expect(issued.expiresAt).toEqual(new Date('2025-06-01T13:00:00Z'));
    await expect(verifyAccessToken(issued.token, SECRET, NOW)).resolves.toEqual({
      userId: USER,
      expiresAt: issued.expiresAt,
    });
  });

  it('refuses a token once it has expired', async () => {
    const { token } = await signAccessToken(USER, KEY, NOW);
    await expect(verifyAccessToken(token, SECRET, new Date('2025-06-01T13:00:01Z'))).resolves.toBeUndefined();
  });

  it('refuses a token signed with another key', async () => {
    const { token } = await signAccessToken(
      USER,
      { ...KEY, secret: 'another-secret-that-is-long-enough!!' },
      NOW,
    );
    await expect(verifyAccessToken(token, SECRET, NOW)).resolves.toBeUndefined();
  });

  it('refuses a token with alg none', async () => {
    const { token } = await signAccessToken(USER, KEY, NOW);
    const [, payload] = token.split('.');
    const unsigned = `${base64url({ alg: 'none', typ: 'JWT' })}.${payload}.`;
    await expect(verifyAccessToken(unsigned, SECRET, NOW)).resolves.toBeUndefined();
  });

  it('refuses a token signed with the right secret but another algorithm', async () => {
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS512' })
      .setSubject(USER)
      .setIssuer('herald-users')
      .setAudience('herald')
      .setIssuedAt(Math.floor(NOW.getTime() / 1000))
      .setExpirationTime(Math.floor(NOW.getTime() / 1000) + 60)
      .sign(new TextEncoder().encode(SECRET));
    await expect(verifyAccessToken(token, SECRET, NOW)).resolves.toBeUndefined();
  });

  it('refuses a token whose payload was edited', async () => {
    const { token } = await signAccessToken(USER, KEY, NOW);
    const [header, , signature] = token.split('.');
    const forged = `${header}.${base64url({ sub: 'someone-else', iss: 'herald-users', aud: 'herald', exp: 9e9 })}.${signature}`;
    await expect(verifyAccessToken(forged, SECRET, NOW)).resolves.toBeUndefined();
  });

  it('refuses garbage', async () => {
    for (const token of ['', 'not.a.jwt', 'hk_abc_def']) {
      await expect(verifyAccessToken(token, SECRET, NOW)).resolves.toBeUndefined();
    }
  });
});
