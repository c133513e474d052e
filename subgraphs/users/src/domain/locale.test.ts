import { canonicalLocale } from './locale';

describe('canonicalLocale', () => {
  it.each([
    ['en', 'en'],
    ['pt-BR', 'pt-BR'],
    ['pt-br', 'pt-BR'],
    ['zh-hant-tw', 'zh-Hant-TW'],
    ['es-419', 'es-419'],
  ])('accepts %s as %s', (tag, canonical) => {
    expect(canonicalLocale(tag)).toBe(canonical);
  });

  it.each(['', 'e', 'english', 'en_US', 'en-', 'en-US-x-private', '12', 'en US'])('refuses %p', (tag) => {
    expect(canonicalLocale(tag)).toBeUndefined();
  });
});
