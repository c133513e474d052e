import { hashPassword, verifyPassword, SCRYPT_PARAMETERS } from './password';

// Cheap parameters keep the suite fast; one test uses the production setting.
const FAST = { N: 1024, r: 8, p: 1 };

describe('password hashing', () => {
  it('stores the algorithm and its parameters in the hash', async () => {
    const hash = await hashPassword('correct horse battery staple');
    const [algorithm, N, r, p, salt, key] = hash.split('$');
    expect([algorithm, Number(N), Number(r), Number(p)]).toEqual([
      'scrypt',
      SCRYPT_PARAMETERS.N,
      SCRYPT_PARAMETERS.r,
      SCRYPT_PARAMETERS.p,
    ]);
    expect(Buffer.from(salt ?? '', 'base64url')).toHaveLength(16);
    expect(Buffer.from(key ?? '', 'base64url')).toHaveLength(32);
    await expect(verifyPassword('correct horse battery staple', hash)).resolves.toBe(true);
  });

  it('accepts the right password and refuses a wrong one', async () => {
    const hash = await hashPassword('s3cret-passw0rd', { parameters: FAST });
    await expect(verifyPassword('s3cret-passw0rd', hash)).resolves.toBe(true);
    await expect(verifyPassword('s3cret-passw0rd ', hash)).resolves.toBe(false);
    await expect(verifyPassword('', hash)).resolves.toBe(false);
  });

  it('salts every hash, so equal passwords give different hashes', async () => {
    const first = await hashPassword('same password', { parameters: FAST });
    const second = await hashPassword('same password', { parameters: FAST });
    expect(first).not.toBe(second);
  });

  it('is deterministic for a given salt', async () => {
    const salt = Buffer.alloc(16, 7);
    const first = await hashPassword('same password', { salt, parameters: FAST });
    await expect(hashPassword('same password', { salt, parameters: FAST })).resolves.toBe(first);
  });

  it('verifies with the parameters stored in the hash, not the current defaults', async () => {
    const hash = await hashPassword('old account', { parameters: { N: 2048, r: 4, p: 2 } });
    expect(hash.startsWith('scrypt$2048$4$2$')).toBe(true);
    await expect(verifyPassword('old account', hash)).resolves.toBe(true);
  });

  it('matches the same password written with composed or decomposed characters', async () => {
    const hash = await hashPassword('caf\u00e9 au lait', { parameters: FAST });
    await expect(verifyPassword('cafe\u0301 au lait', hash)).resolves.toBe(true);
  });

  it('refuses malformed, tampered or dangerous hashes instead of throwing', async () => {
    const hash = await hashPassword('password123', { parameters: FAST });
    const parts = hash.split('$');
    const tamperedKey = Buffer.from(parts[5] ?? '', 'base64url');
    tamperedKey[0] = (tamperedKey[0] ?? 0) ^ 1;
    const candidates = [
      '',
      'not-a-hash',
      hash.replace(/^scrypt/, 'bcrypt'),
      [...parts.slice(0, 5), tamperedKey.toString('base64url')].join('$'),
      ['scrypt', '1000', ...parts.slice(2)].join('$'),
      ['scrypt', String(2 ** 24), ...parts.slice(2)].join('$'),
      ['scrypt', '1024', '8', '0', ...parts.slice(4)].join('$'),
      [...parts.slice(0, 5), ''].join('$'),
    ];
    for (const candidate of candidates) {
      await expect(verifyPassword('password123', candidate)).resolves.toBe(false);
    }
  });
});
