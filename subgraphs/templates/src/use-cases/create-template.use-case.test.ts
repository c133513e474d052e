import { BadUserInputError, ConflictError } from '@herald/errors';
import { createTemplateEngine } from '@herald/rendering';
import type { NewTemplate, NewTemplateVersion, TemplateRepository } from './ports';
import { makeCreateTemplate } from './create-template.use-case';
import { createTemplateInputSchema } from './template-inputs';

function fakeTemplates(existing: string[] = []) {
  const created: { template: NewTemplate; version: NewTemplateVersion }[] = [];
  const templates: Pick<TemplateRepository, 'create'> = {
    async create(template, version) {
      if (existing.includes(template.code)) return { kind: 'duplicate' };
      created.push({ template, version });
      return {
        kind: 'created',
        template: { ...template, createdAt: new Date(0) },
        version: { ...version, templateCode: template.code, createdAt: new Date(0) },
      };
    },
  };
  return { templates, created };
}

const engine = createTemplateEngine({ cacheSize: 10 });
const input = createTemplateInputSchema.parse({
  code: 'welcome',
  channel: 'EMAIL',
  locale: 'pt-br',
  subject: 'Olá {{name}}',
  body: 'Bem-vindo, {{name}}! {{formatDate since}}',
});

describe('createTemplate', () => {
  it('stores version 1, published, with the variables its sources need', async () => {
    const { templates, created } = fakeTemplates();
    const template = await makeCreateTemplate({ templates, engine })(input);
    expect(template).toMatchObject({ code: 'welcome', channel: 'EMAIL', defaultLocale: 'pt-BR' });
    expect(created[0]?.version).toMatchObject({
      number: 1,
      locale: 'pt-BR',
      variables: ['name', 'since'],
      published: true,
    });
  });

  it('refuses a code that is taken', async () => {
    const { templates } = fakeTemplates(['welcome']);
    await expect(makeCreateTemplate({ templates, engine })(input)).rejects.toBeInstanceOf(ConflictError);
  });

  it('refuses a source that does not compile before storing anything', async () => {
    const { templates, created } = fakeTemplates();
    const broken = { ...input, body: 'Hi {{#each}}' };
    await expect(makeCreateTemplate({ templates, engine })(broken)).rejects.toBeInstanceOf(BadUserInputError);
    expect(created).toEqual([]);
  });

  it('derives the text body from the HTML when an email has none', async () => {
    const { templates, created } = fakeTemplates();
    const htmlOnly = createTemplateInputSchema.parse({
      code: 'html-only',
      channel: 'EMAIL',
      subject: 'Hi',
      bodyHtml: '<p>Hello <b>{{name}}</b></p><p>Bye</p>',
    });
    await makeCreateTemplate({ templates, engine })(htmlOnly);
    expect(created[0]?.version).toMatchObject({ body: 'Hello {{name}}\nBye', variables: ['name'] });
  });

  it('needs a text body for push and a body or HTML body for email', () => {
    const push = createTemplateInputSchema.safeParse({ code: 'p1', channel: 'PUSH', title: 'T' });
    const email = createTemplateInputSchema.safeParse({ code: 'e1', channel: 'EMAIL', subject: 'S' });
    expect(push.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['body']);
    expect(email.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['body']);
  });

  it.each([
    'https://127.0.0.1/a.png',
    'https://169.254.169.254/a.png',
    'https://[::1]/a.png',
    'https://localhost/a.png',
  ])('refuses the image URL %s, which is not on a public host', (imageUrl) => {
    const parsed = createTemplateInputSchema.safeParse({
      code: 'p2',
      channel: 'PUSH',
      title: 'T',
      body: 'B',
      imageUrl,
    });
    expect(parsed.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['imageUrl']);
  });
});
