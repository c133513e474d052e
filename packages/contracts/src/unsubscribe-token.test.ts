import { createUnsubscribeTokenCodec } from './unsubscribe-token';

const codec = createUnsubscribeTokenCodec('a-test-secret-of-at-least-thirty-two-characters');
const userId = '6f1c1d7e-3b1a-4a51-9a8e-2f0b8b7c5d01';

describe('unsubscribe tokens', () => {
  it('round-trips the user and the category, or no category', () => {
    expect(codec.read(codec.mint({ userId, category: 'weekly-digest' }))).toEqual({
      userId,
      category: 'weekly-digest',
    });
    expect(codec.read(codec.mint({ userId, category: 'Café ☕' }))).toEqual({ userId, category: 'Café ☕' });
    expect(codec.read(codec.mint({ userId, category: null }))).toEqual({ userId, category: null });
  });

  it('is URL-safe and compact, and reveals neither the user nor the category', () => {
    const token = codec.mint({ userId, category: 'weekly-digest' });
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(token.length).toBeLessThan(120);
    const bytes = Buffer.from(token, 'base64url');
    expect(bytes.includes(Buffer.from(userId.replaceAll('-', ''), 'hex'))).toBe(false);
    expect(token).not.toContain('digest');
    expect(bytes.toString('latin1')).not.toContain('digest');
    // A fresh IV each time: two links of the same subject do not match.
    expect(codec.mint({ userId, category: 'weekly-digest' })).not.toBe(token);
  });

  it('refuses a tampered, truncated or foreign token', () => {
    const token = codec.mint({ userId, category: 'marketing' });
    const bytes = Buffer.from(token, 'base64url');
    for (const index of [0, 5, 20, bytes.length - 1]) {
      const tampered = Buffer.from(bytes);
      tampered[index] = (tampered[index] ?? 0) ^ 0x01;
      expect(codec.read(tampered.toString('base64url'))).toBeUndefined();
    }
    expect(codec.read(token.slice(0, -4))).toBeUndefined();
    expect(codec.read(`${token}AAAA`)).toBeUndefined();
    expect(codec.read('not a token!')).toBeUndefined();
    expect(codec.read('')).toBeUndefined();
    expect(
      createUnsubscribeTokenCodec('another-secret-of-at-least-thirty-two-chars').read(token),
    ).toBeUndefined();
  });
});
