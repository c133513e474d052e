import { canonicalizeLocale, formattingLocale, localeCandidates, selectPublishedVersion } from './locale';

const versions = [
  { number: 1, locale: 'en', published: true },
  { number: 2, locale: 'pt', published: true },
  { number: 3, locale: 'pt-BR', published: false },
  { number: 4, locale: 'pt', published: true },
  { number: 5, locale: 'fr-CA', published: true },
];

describe('locale fallback', () => {
  it('tries the exact tag, then its language, then the default locale', () => {
    expect(localeCandidates('pt-BR', 'en')).toEqual(['pt-br', 'pt', 'en']);
    expect(localeCandidates(undefined, 'en')).toEqual(['en']);
  });

  it('picks the newest published version of the first locale that has one', () => {
    expect(selectPublishedVersion(versions, 'pt-BR', 'en')?.number).toBe(4);
    expect(selectPublishedVersion(versions, 'FR-ca', 'en')?.number).toBe(5);
    expect(selectPublishedVersion(versions, 'fr', 'en')?.number).toBe(1);
    expect(selectPublishedVersion(versions, undefined, 'en')?.number).toBe(1);
  });

  it('finds nothing when not even the default locale has a published version', () => {
    expect(selectPublishedVersion(versions, 'de', 'de')).toBeUndefined();
  });

  it('formats for the reader when the text is in their language, else for the text', () => {
    expect(formattingLocale('en-GB', 'en')).toBe('en-GB');
    expect(formattingLocale('de-AT', 'en')).toBe('en');
    expect(formattingLocale(undefined, 'pt')).toBe('pt');
  });

  it('canonicalizes tags and rejects what is not one', () => {
    expect(canonicalizeLocale('pt-br')).toBe('pt-BR');
    expect(canonicalizeLocale('not a locale')).toBeUndefined();
  });
});
