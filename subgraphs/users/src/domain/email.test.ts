import { normalizeEmail } from './email';

describe('normalizeEmail', () => {
  it('trims and lowercases so one mailbox is one account', () => {
    expect(normalizeEmail('  Ada.Lovelace@Example.COM \n')).toBe('ada.lovelace@example.com');
  });

  it('leaves an already normal address unchanged', () => {
    expect(normalizeEmail('grace@example.org')).toBe('grace@example.org');
  });

  it('gives composed and decomposed characters one spelling', () => {
    expect(normalizeEmail('Jose\u0301@example.com')).toBe(normalizeEmail('jos\u00e9@example.com'));
  });
});
