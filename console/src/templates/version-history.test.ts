import type { TemplateVersion } from '@herald/client';
import { describe, expect, it } from 'vitest';
import { historyByLocale } from './version-history.ts';

const version = (number: number, locale: string, published = false): TemplateVersion => ({
  number,
  locale,
  subject: null,
  title: null,
  body: `v${number}`,
  bodyHtml: null,
  imageUrl: null,
  link: null,
  variables: [],
  published,
  createdAt: '2026-03-01T10:00:00.000Z',
});

describe('historyByLocale', () => {
  it('groups versions by locale, newest first, the default locale first, with the active one', () => {
    const history = historyByLocale(
      [
        version(1, 'en'),
        version(2, 'pt-BR', true),
        version(3, 'en', true),
        version(4, 'de'),
        version(5, 'en'),
      ],
      'en',
    );
    expect(
      history.map(({ locale, versions, active }) => [locale, versions.map((v) => v.number), active?.number]),
    ).toEqual([
      ['en', [5, 3, 1], 3],
      ['de', [4], undefined],
      ['pt-BR', [2], 2],
    ]);
  });
});
