import { apiKeyIdOf, apiKeySecretMatches, composeApiKeySecret, hashApiKeySecret } from './api-key';

const ID = '0f8e1c2a-3b4d-4e5f-8a9b-0c1d2e3f4a5b';

describe('API key secrets', () => {
  it('carry their key id and 256 random bits', () => {
    const secret = composeApiKeySecret(ID);
    expect(secret).toMatch(/^hk_0f8e1c2a3b4d4e5f8a9b0c1d2e3f4a5b_[A-Za-z0-9_-]{43}$/);
    expect(apiKeyIdOf(secret)).toBe(ID);
    expect(composeApiKeySecret(ID)).not.toBe(secret);
  });

  it('match only their own hash', () => {
    const secret = composeApiKeySecret(ID);
    const hash = hashApiKeySecret(secret);
    expect(hash).not.toContain(secret);
    expect(apiKeySecretMatches(secret, hash)).toBe(true);
    expect(apiKeySecretMatches(composeApiKeySecret(ID), hash)).toBe(false);
    expect(apiKeySecretMatches(secret, 'abcd')).toBe(false);
  });

  it('are not confused with other strings', () => {
    for (const candidate of [
      '',
      'hk_',
      'hk_not_a_real_key',
      `hk_${'0'.repeat(32)}_short`,
      'eyJhbGciOi.x.y',
    ]) {
      expect(apiKeyIdOf(candidate)).toBeUndefined();
    }
  });
});
