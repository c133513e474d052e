import { createHash, randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { Client } from 'pg';
import { UnauthenticatedError } from '@herald/errors';
import { JWT_SECRET, badFieldsOf, errorOf, signUp, startUsers, type RunningUsers } from './users-client';

const LOGIN = `
  mutation Login($email: String!, $password: String!) {
    login(email: $email, password: $password) { token expiresAt user { id email role } }
  }`;
const CREATE_KEY = `
  mutation CreateKey($name: String!, $scopes: [String!]!) {
    createApiKey(name: $name, scopes: $scopes) { id name scopes secret createdAt }
  }`;
const REVOKE_KEY = `mutation Revoke($id: ID!) { revokeApiKey(id: $id) }`;
const API_KEYS = `{ apiKeys { id name scopes lastUsedAt revokedAt } }`;

let users: RunningUsers;

beforeAll(async () => {
  users = await startUsers();
});

afterAll(async () => {
  await users?.stop();
});

interface AuthPayload {
  token: string;
  expiresAt: string;
  user: { id: string; email: string; role: string };
}

async function login(email: string, password: string) {
  return users.graphql(LOGIN, { email, password }, { identity: null });
}

function signToken(
  claims: { sub: string; exp: number },
  { alg = 'HS256', secret = JWT_SECRET }: { alg?: string; secret?: string } = {},
) {
  return new SignJWT({})
    .setProtectedHeader({ alg })
    .setSubject(claims.sub)
    .setIssuer('herald-users')
    .setAudience('herald')
    .setIssuedAt()
    .setExpirationTime(claims.exp)
    .sign(new TextEncoder().encode(secret));
}

const inAnHour = () => Math.floor(Date.now() / 1000) + 3600;

describe('login', () => {
  it('signs up, logs in with any casing of the email, and the token verifies as that user', async () => {
    const user = await signUp(users);
    const result = await login(user.email.toUpperCase(), user.password);
    expect(result.errors).toBeUndefined();
    const payload = result.data?.login as AuthPayload;
    expect(payload.user).toEqual({ id: user.id, email: user.email, role: 'USER' });
    const expiresIn = new Date(payload.expiresAt).getTime() - Date.now();
    expect(expiresIn).toBeGreaterThan(3500_000);
    expect(expiresIn).toBeLessThanOrEqual(3600_000);
    expect(JSON.parse(Buffer.from(payload.token.split('.')[0] ?? '', 'base64url').toString())).toMatchObject({
      alg: 'HS256',
    });

    await expect(users.grpcClient().VerifyCredential({ credential: payload.token })).resolves.toEqual({
      kind: 'user',
      id: user.id,
      role: 'user',
      scopes: [],
      expires_at: new Date(payload.expiresAt).toISOString(),
    });
  });

  it('answers a wrong password and an unknown email with one generic UNAUTHENTICATED error', async () => {
    const user = await signUp(users);
    const wrongPassword = await login(user.email, 'not the password');
    const unknownEmail = await login(`nobody.${randomUUID()}@example.com`, user.password);
    for (const result of [wrongPassword, unknownEmail]) {
      expect(errorOf(result)?.code).toBe('UNAUTHENTICATED');
      expect(result.data).toBeNull();
    }
    expect(wrongPassword.errors?.[0]?.message).toBe(unknownEmail.errors?.[0]?.message);
  });

  it('names an oversized field as BAD_USER_INPUT', async () => {
    const result = await login('a@example.com', 'x'.repeat(1025));
    expect(errorOf(result)?.code).toBe('BAD_USER_INPUT');
    expect(badFieldsOf(result)).toEqual(['password']);
  });
});

describe('VerifyCredential with tokens', () => {
  it('refuses an expired token', async () => {
    const user = await signUp(users);
    const token = await signToken({ sub: user.id, exp: Math.floor(Date.now() / 1000) - 5 });
    await expect(users.grpcClient().VerifyCredential({ credential: token })).rejects.toBeInstanceOf(
      UnauthenticatedError,
    );
  });

  it('refuses tokens with a tampered algorithm or signed with another key', async () => {
    const user = await signUp(users);
    const good = await signToken({ sub: user.id, exp: inAnHour() });
    const [, payload] = good.split('.');
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${payload}.`;
    const hs512 = await signToken({ sub: user.id, exp: inAnHour() }, { alg: 'HS512' });
    const otherKey = await signToken(
      { sub: user.id, exp: inAnHour() },
      { secret: 'another-secret-that-is-long-enough-too' },
    );
    const client = users.grpcClient();
    await expect(client.VerifyCredential({ credential: good })).resolves.toMatchObject({ id: user.id });
    for (const credential of [none, hs512, otherKey, 'not-a-token']) {
      await expect(client.VerifyCredential({ credential })).rejects.toBeInstanceOf(UnauthenticatedError);
    }
  });

  it('refuses a well-signed token for a user that does not exist', async () => {
    const token = await signToken({ sub: randomUUID(), exp: inAnHour() });
    await expect(users.grpcClient().VerifyCredential({ credential: token })).rejects.toBeInstanceOf(
      UnauthenticatedError,
    );
  });
});

describe('API keys', () => {
  it('returns the secret once, stores only its hash, and verifies as a service with its scopes', async () => {
    const created = await users.graphql(CREATE_KEY, {
      name: 'reporting',
      scopes: ['notifications:read', 'notifications:read', 'notifications:send'],
    });
    expect(created.errors).toBeUndefined();
    const key = created.data?.createApiKey as { id: string; secret: string; scopes: string[] };
    expect(key.secret).toMatch(/^hk_[0-9a-f]{32}_[A-Za-z0-9_-]{43}$/);
    expect(key.scopes).toEqual(['notifications:read', 'notifications:send']);

    const db = new Client({ connectionString: users.env.databaseUrl('users') });
    await db.connect();
    try {
      const { rows } = await db.query<{ secret_hash: string }>(
        'SELECT secret_hash FROM api_keys WHERE id = $1',
        [key.id],
      );
      expect(rows).toEqual([{ secret_hash: createHash('sha256').update(key.secret).digest('hex') }]);
    } finally {
      await db.end();
    }

    await expect(users.grpcClient().VerifyCredential({ credential: key.secret })).resolves.toEqual({
      kind: 'service',
      id: key.id,
      role: '',
      scopes: ['notifications:read', 'notifications:send'],
      expires_at: '',
    });
    const listed = await users.graphql(API_KEYS);
    const entry = (listed.data?.apiKeys as { id: string; lastUsedAt: string | null }[]).find(
      (k) => k.id === key.id,
    );
    expect(entry?.lastUsedAt).not.toBeNull();
    expect(JSON.stringify(listed.data)).not.toContain(key.secret);
  });

  it('refuses unknown scopes and an empty name as BAD_USER_INPUT naming the fields', async () => {
    const result = await users.graphql(CREATE_KEY, { name: ' ', scopes: ['notifications:read', 'root'] });
    expect(errorOf(result)?.code).toBe('BAD_USER_INPUT');
    expect(badFieldsOf(result)).toEqual(['name', 'scopes.1']);
  });

  it('lets only admins and users:admin create keys, and never beyond the creator’s scopes', async () => {
    const user = await signUp(users);
    const asUser = await users.graphql(
      CREATE_KEY,
      { name: 'mine', scopes: ['notifications:read'] },
      {
        identity: user.identity,
      },
    );
    expect(errorOf(asUser)?.code).toBe('FORBIDDEN');

    const keyAdmin = {
      kind: 'service' as const,
      id: randomUUID(),
      scopes: ['users:admin', 'notifications:read'],
    };
    const within = await users.graphql(
      CREATE_KEY,
      { name: 'reader', scopes: ['notifications:read'] },
      {
        identity: keyAdmin,
      },
    );
    expect(within.errors).toBeUndefined();
    const beyond = await users.graphql(
      CREATE_KEY,
      { name: 'writer', scopes: ['templates:write'] },
      {
        identity: keyAdmin,
      },
    );
    expect(errorOf(beyond)).toMatchObject({ code: 'FORBIDDEN', scopes: ['templates:write'] });

    const listing = await users.graphql(API_KEYS, {}, { identity: user.identity });
    expect(errorOf(listing)?.code).toBe('FORBIDDEN');
  });

  it('stops verifying a key as soon as it is revoked, even after it was cached', async () => {
    const created = await users.graphql(CREATE_KEY, { name: 'short-lived', scopes: ['templates:write'] });
    const key = created.data?.createApiKey as { id: string; secret: string };
    const client = users.grpcClient();
    await expect(client.VerifyCredential({ credential: key.secret })).resolves.toMatchObject({ id: key.id });
    // The second lookup is served from the credential cache.
    await expect(client.VerifyCredential({ credential: key.secret })).resolves.toMatchObject({ id: key.id });
    const metrics = await (await fetch(`http://127.0.0.1:${users.ports.http}/metrics`)).text();
    expect(metrics).toMatch(
      /herald_cache_requests_total\{[^}]*cache="credential"[^}]*result="hit"[^}]*\} [1-9]/,
    );

    const revoked = await users.graphql(REVOKE_KEY, { id: key.id });
    expect(revoked.data?.revokeApiKey).toBe(true);
    await expect(client.VerifyCredential({ credential: key.secret })).rejects.toBeInstanceOf(
      UnauthenticatedError,
    );
    const listed = await users.graphql(API_KEYS);
    expect(
      (listed.data?.apiKeys as { id: string; revokedAt: string | null }[]).find((k) => k.id === key.id),
    ).toMatchObject({ revokedAt: expect.any(String) });

    const unknown = await users.graphql(REVOKE_KEY, { id: randomUUID() });
    expect(errorOf(unknown)?.code).toBe('NOT_FOUND');
  });

  it('refuses a forged or unknown key', async () => {
    const client = users.grpcClient();
    const created = await users.graphql(CREATE_KEY, { name: 'real', scopes: ['notifications:send'] });
    const { secret } = created.data?.createApiKey as { secret: string };
    const forged = `${secret.slice(0, -4)}AAAA`;
    for (const credential of [forged, 'hk_not_a_real_key', `hk_${'0'.repeat(32)}_${'A'.repeat(43)}`]) {
      await expect(client.VerifyCredential({ credential })).rejects.toBeInstanceOf(UnauthenticatedError);
    }
    await expect(client.VerifyCredential({ credential: '' })).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
    });
  });
});
