import { NotFoundError } from '@herald/errors';
import { createTemplateEngine } from '@herald/rendering';
import type { Template, TemplateVersion } from '../domain/template';
import type { TemplateRepository } from './ports';
import { makeGetTemplate } from './get-template.use-case';
import { makeRenderTemplate } from './render-template.use-case';

const template: Template = { code: 'receipt', channel: 'EMAIL', defaultLocale: 'en', createdAt: new Date(0) };

function version(number: number, locale: string, body: string, published = true): TemplateVersion {
  return {
    templateCode: 'receipt',
    number,
    locale,
    subject: 'Receipt',
    title: null,
    body,
    bodyHtml: null,
    imageUrl: null,
    link: 'https://shop.test/orders',
    variables: ['total'],
    published,
    createdAt: new Date(0),
  };
}

const versions = [
  version(1, 'en', 'Total: {{formatNumber total}}'),
  version(2, 'de', 'Summe: {{formatNumber total}}'),
  version(3, 'de', 'Entwurf {{formatNumber total}}', false),
];

const templates: Pick<TemplateRepository, 'findByCode' | 'listPublishedVersions' | 'findVersion'> = {
  findByCode: async (code) => (code === template.code ? template : undefined),
  listPublishedVersions: async () => versions.filter((candidate) => candidate.published),
  findVersion: async (_code, number) => versions.find((candidate) => candidate.number === number),
};

const render = makeRenderTemplate({
  getTemplate: makeGetTemplate({ templates }),
  engine: createTemplateEngine({ cacheSize: 10 }),
});

describe('renderTemplate', () => {
  it('renders the published version for the locale and formats for the reader', async () => {
    const message = await render({ code: 'receipt', locale: 'de-CH', variables: { total: 1234.5 } });
    const swiss = new Intl.NumberFormat('de-CH').format(1234.5);
    expect(swiss).not.toBe(new Intl.NumberFormat('de').format(1234.5));
    expect(message).toMatchObject({
      version: 2,
      locale: 'de',
      body: `Summe: ${swiss}`,
      link: 'https://shop.test/orders',
    });
  });

  it('falls back to the default locale and formats in its language', async () => {
    const message = await render({ code: 'receipt', locale: 'fr-FR', variables: { total: 1234.5 } });
    expect(message).toMatchObject({ version: 1, locale: 'en', body: 'Total: 1,234.5' });
  });

  it('renders a pinned version even when it is not published', async () => {
    const message = await render({ code: 'receipt', version: 3, variables: { total: 1 } });
    expect(message).toMatchObject({ version: 3, locale: 'de', body: 'Entwurf 1' });
  });

  it('refuses an unknown template or version as not found', async () => {
    await expect(render({ code: 'nope', variables: {} })).rejects.toBeInstanceOf(NotFoundError);
    await expect(render({ code: 'receipt', version: 9, variables: {} })).rejects.toThrow(
      'template receipt has no version 9',
    );
  });
});
