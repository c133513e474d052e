import { Metadata, credentials, status, type ServiceError } from '@grpc/grpc-js';
import { UnreachableDependencyError } from '@herald/config';
import { NotFoundError, UnprocessableError } from '@herald/errors';
import { createLogger } from '@herald/logging';
import type { BoundPorts, ServiceApp } from '@herald/lifecycle';
import {
  METADATA,
  createGrpcClient,
  loadHeraldProto,
  type PromiseClient,
  type TemplateServiceDefinition,
} from '@herald/proto';
import type { Identity } from '@herald/identity';
import { createTestEnvironment, postToSubgraph } from '@herald/testkit';
import { createApp } from '../src/app';
import { loadTemplatesConfig } from '../src/config';
import { INTERNAL_TOKEN, startTemplates } from './start-templates';

const ADMIN: Identity = { kind: 'admin', id: 'admin', scopes: [] };
const { TemplateService } = loadHeraldProto().herald.v1;
const log = createLogger({ service: 'templates-test', level: 'silent' });
const environment = createTestEnvironment();

let app: ServiceApp | undefined;
let ports: BoundPorts;
let client: PromiseClient<TemplateServiceDefinition>;

async function graphql<T>(
  query: string,
  variables: Record<string, unknown> = {},
  identity: Identity | null = ADMIN,
) {
  return postToSubgraph<T>({ port: ports.http, internalToken: INTERNAL_TOKEN, identity }, query, variables);
}

const CREATE = `mutation Create($input: CreateTemplateInput!) {
  createTemplate(input: $input) {
    code channel defaultLocale createdAt
    versions { number locale subject body bodyHtml variables published }
    activeVersion { number }
  }
}`;

async function createTemplate(input: Record<string, unknown>) {
  const response = await graphql<{ createTemplate: { code: string } }>(CREATE, { input });
  expect(response.errors).toBeUndefined();
  return response.data!.createTemplate;
}

function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (error: unknown) => error,
  );
}

beforeAll(async () => {
  ({ app, ports } = await startTemplates(environment, 'templates'));
  client = createGrpcClient(TemplateService, `127.0.0.1:${ports.grpc}`, {
    internalToken: INTERNAL_TOKEN,
    deadlineMs: 5000,
  });
});

afterAll(async () => {
  client?.close();
  await app?.stop();
  await environment.cleanup();
});

describe('templates service', () => {
  it('creates a template through GraphQL and renders it over gRPC with the variables filled in', async () => {
    const created = await graphql<{ createTemplate: unknown }>(CREATE, {
      input: {
        code: 'welcome',
        channel: 'EMAIL',
        subject: 'Welcome, {{name}}',
        body: 'Hi {{name}}, your plan is {{plan.name}}.',
        bodyHtml: '<p>Hi {{name}}</p>',
      },
    });
    expect(created.errors).toBeUndefined();
    expect(created.data?.createTemplate).toMatchObject({
      code: 'welcome',
      channel: 'EMAIL',
      defaultLocale: 'en',
      versions: [{ number: 1, locale: 'en', variables: ['name', 'plan.name'], published: true }],
      activeVersion: { number: 1 },
    });

    const rendered = await client.RenderTemplate({
      code: 'welcome',
      variables_json: JSON.stringify({ name: 'Ada <3', plan: { name: 'Pro' } }),
    });
    expect(rendered).toEqual({
      code: 'welcome',
      channel: 'EMAIL',
      version: 1,
      locale: 'en',
      subject: 'Welcome, Ada <3',
      title: '',
      body: 'Hi Ada <3, your plan is Pro.',
      body_html: '<p>Hi Ada &lt;3</p>',
      image_url: '',
      link: '',
    });
  });

  it('lists every missing variable instead of rendering them empty', async () => {
    const error = await failure(client.RenderTemplate({ code: 'welcome', variables_json: '{"plan": {}}' }));
    expect(error).toBeInstanceOf(UnprocessableError);
    expect((error as UnprocessableError).details).toEqual({
      missing: ['name', 'plan.name'],
      issues: [
        { field: 'subject', message: 'needs the variables name' },
        { field: 'body', message: 'needs the variables name, plan.name' },
        { field: 'bodyHtml', message: 'needs the variables name' },
      ],
    });
  });

  it('sends missing variables as FAILED_PRECONDITION on the wire', async () => {
    const raw = new TemplateService(`127.0.0.1:${ports.grpc}`, credentials.createInsecure());
    const metadata = new Metadata();
    metadata.set(METADATA.internalToken, INTERNAL_TOKEN);
    const error = await new Promise<ServiceError | null>((resolve) =>
      raw.RenderTemplate({ code: 'welcome', variables_json: '{}' }, metadata, (caught) => resolve(caught)),
    );
    raw.close();
    expect(error?.code).toBe(status.FAILED_PRECONDITION);
    expect(error?.metadata.get(METADATA.errorCode)).toEqual(['UNPROCESSABLE']);
  });

  it('answers GetTemplate with the published version and the variables it needs', async () => {
    expect(await client.GetTemplate({ code: 'welcome' })).toEqual({
      code: 'welcome',
      channel: 'EMAIL',
      version: 1,
      locale: 'en',
      variables: ['name', 'plan.name'],
    });
  });

  it('answers GetTemplate for an unknown code with NOT_FOUND', async () => {
    const error = await failure(client.GetTemplate({ code: 'no-such-template' }));
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as NotFoundError).details).toEqual({ code: 'no-such-template' });
  });

  it('refuses variables_json that is not a JSON object', async () => {
    for (const variables_json of ['{"name":', '["Ada"]']) {
      const error = await failure(client.RenderTemplate({ code: 'welcome', variables_json }));
      // errorFromCode rebuilds BAD_USER_INPUT as a plain HeraldError, so check the code, not the class.
      expect(error).toMatchObject({
        code: 'BAD_USER_INPUT',
        details: { issues: [{ field: 'variables_json' }] },
      });
    }
  });

  it('renders a pinned version and refuses an unknown one', async () => {
    const rendered = await client.RenderTemplate({
      code: 'welcome',
      version: 1,
      variables_json: JSON.stringify({ name: 'Bo', plan: { name: 'Free' } }),
    });
    expect(rendered.version).toBe(1);
    const error = await failure(client.RenderTemplate({ code: 'welcome', version: 7, variables_json: '{}' }));
    expect(error).toBeInstanceOf(NotFoundError);
  });

  it('falls back from the exact locale to its language, then to the default locale', async () => {
    await createTemplate({
      code: 'order.shipped',
      channel: 'PUSH',
      locale: 'pt',
      title: 'Pedido {{id}}',
      body: 'A caminho',
    });
    expect(await client.GetTemplate({ code: 'order.shipped', locale: 'pt-BR' })).toMatchObject({
      version: 1,
      locale: 'pt',
    });
    expect(await client.GetTemplate({ code: 'order.shipped', locale: 'de' })).toMatchObject({
      version: 1,
      locale: 'pt',
    });
    const rendered = await client.RenderTemplate({
      code: 'order.shipped',
      locale: 'pt-BR',
      variables_json: '{"id": 42}',
    });
    expect(rendered).toMatchObject({ locale: 'pt', title: 'Pedido 42', body: 'A caminho' });
  });

  it('renders through GraphQL too', async () => {
    const response = await graphql<{ renderTemplate: unknown }>(
      `
        query Render($variables: JSON) {
          renderTemplate(code: "welcome", locale: "en-GB", variables: $variables) {
            code
            version
            locale
            subject
            body
            bodyHtml
            title
          }
        }
      `,
      { variables: { name: 'Cy', plan: { name: 'Team' } } },
    );
    expect(response.data?.renderTemplate).toEqual({
      code: 'welcome',
      version: 1,
      locale: 'en',
      subject: 'Welcome, Cy',
      body: 'Hi Cy, your plan is Team.',
      bodyHtml: '<p>Hi Cy</p>',
      title: null,
    });
  });

  it('refuses createTemplate without an identity', async () => {
    const response = await graphql(
      CREATE,
      { input: { code: 'anon', channel: 'PUSH', title: 'x', body: 'y' } },
      null,
    );
    expect(response.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a code that no template can have (a NUL byte) as bad input, before the database', async () => {
    const lookup = await graphql(
      `
        query ($code: ID!) {
          template(code: $code) {
            code
          }
        }
      `,
      { code: 'a\u0000b' },
    );
    expect(lookup.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const render = await graphql(
      `
        query ($code: ID!) {
          renderTemplate(code: $code) {
            body
          }
        }
      `,
      {
        code: '\u0000',
      },
    );
    expect(render.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('refuses a code that is taken as CONFLICT', async () => {
    const response = await graphql(CREATE, {
      input: { code: 'welcome', channel: 'EMAIL', subject: 'x', body: 'y' },
    });
    expect(response.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });

  it('refuses a source that does not parse, naming the field, line and column', async () => {
    const response = await graphql(CREATE, {
      input: { code: 'broken', channel: 'EMAIL', subject: 'Hi', body: 'Hello\n{{#if vip}}VIP{{/each}}' },
    });
    expect(response.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      issues: [{ field: 'body', line: 2, column: 4 }],
    });
    expect(
      (await graphql<{ template: unknown }>('{ template(code: "broken") { code } }')).data?.template,
    ).toBeNull();
  });

  it('lists every invalid field of a template at once', async () => {
    const response = await graphql(CREATE, {
      input: { code: 'X!', channel: 'PUSH', body: 'y', imageUrl: 'http://img.test/a.png', bodyHtml: '<p>' },
    });
    const issues = response.errors?.[0]?.extensions?.issues as { field: string }[];
    expect(issues.map((issue) => issue.field).sort()).toEqual(['bodyHtml', 'code', 'imageUrl', 'title']);
  });

  it('pages through templates, filtered by channel', async () => {
    await createTemplate({ code: 'digest', channel: 'EMAIL', subject: 'Digest', body: 'Weekly' });
    const response = await graphql<{ templates: { items: { code: string }[]; meta: unknown } }>(
      '{ templates(channel: EMAIL, page: 1, limit: 1) { items { code } meta { total limit page totalPages hasNext hasPrevious } } }',
    );
    expect(response.data?.templates).toEqual({
      items: [{ code: 'digest' }],
      meta: { total: 2, limit: 1, page: 1, totalPages: 2, hasNext: true, hasPrevious: false },
    });
  });

  it('resolves a template referenced by another subgraph', async () => {
    const response = await graphql<{ _entities: unknown[] }>(`
      query {
        _entities(
          representations: [
            { __typename: "Template", code: "welcome" }
            { __typename: "Template", code: "gone" }
          ]
        ) {
          ... on Template {
            code
            channel
            activeVersion(locale: "en") {
              number
            }
          }
        }
      }
    `);
    expect(response.data?._entities).toEqual([
      { code: 'welcome', channel: 'EMAIL', activeVersion: { number: 1 } },
      null,
    ]);
  });

  it('reports the database in /ready', async () => {
    const response = await fetch(`http://127.0.0.1:${ports.http}/ready`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ready', checks: { database: 'ok' } });
  });

  it('names DATABASE_URL when the database cannot be reached at start', async () => {
    const config = loadTemplatesConfig({
      DATABASE_URL: 'postgres://postgres@127.0.0.1:1/herald_templates',
      PORT: '0',
      GRPC_PORT: '0',
    });
    const error = await failure(createApp(config, log));
    expect(error).toBeInstanceOf(UnreachableDependencyError);
    expect((error as Error).message).toMatch(/^cannot start: DATABASE_URL is unreachable/);
  });
});

describe('GetTemplateVersion', () => {
  const ADD_VERSION = `mutation Add($code: ID!, $input: TemplateVersionInput!) {
    addTemplateVersion(code: $code, input: $input) { number }
  }`;
  const addVersion = async (code: string, input: Record<string, unknown>) => {
    const response = await graphql<{ addTemplateVersion: { number: number } }>(ADD_VERSION, { code, input });
    expect(response.errors).toBeUndefined();
    return response.data!.addTemplateVersion.number;
  };

  beforeAll(async () => {
    await createTemplate({
      code: 'receipt',
      channel: 'EMAIL',
      subject: 'Receipt {{id}}',
      // An empty body asks for the text derived from the HTML.
      body: '',
      bodyHtml: '<p>Paid {{formatNumber amount style="currency" currency="EUR"}}</p>',
    });
    // A draft of a new wording, and a published French version.
    await addVersion('receipt', { subject: 'Your receipt {{id}}', body: 'Paid {{amount}}' });
    await addVersion('receipt', { locale: 'fr', subject: 'Reçu {{id}}', body: 'Payé', publish: true });
  });

  it('answers with the sources of the published version, the text body derived from the HTML', async () => {
    expect(await client.GetTemplateVersion({ code: 'receipt' })).toEqual({
      code: 'receipt',
      channel: 'EMAIL',
      number: 1,
      locale: 'en',
      subject: 'Receipt {{id}}',
      title: '',
      body: 'Paid {{formatNumber amount style="currency" currency="EUR"}}',
      body_html: '<p>Paid {{formatNumber amount style="currency" currency="EUR"}}</p>',
      image_url: '',
      link: '',
      variables: ['id', 'amount'],
    });
  });

  it('answers with the version asked for, even unpublished', async () => {
    expect(await client.GetTemplateVersion({ code: 'receipt', version: 2 })).toMatchObject({
      number: 2,
      locale: 'en',
      subject: 'Your receipt {{id}}',
      body: 'Paid {{amount}}',
      body_html: '',
    });
  });

  it('resolves the locale exact, then by language, then to the default', async () => {
    expect(await client.GetTemplateVersion({ code: 'receipt', locale: 'fr' })).toMatchObject({
      number: 3,
      locale: 'fr',
    });
    expect(await client.GetTemplateVersion({ code: 'receipt', locale: 'fr-CA' })).toMatchObject({
      number: 3,
      locale: 'fr',
    });
    expect(await client.GetTemplateVersion({ code: 'receipt', locale: 'de-AT' })).toMatchObject({
      number: 1,
      locale: 'en',
    });
  });

  it('answers the version a publish made current at once', async () => {
    const publish = await graphql(
      'mutation { publishTemplateVersion(code: "receipt", number: 2) { number published } }',
    );
    expect(publish.errors).toBeUndefined();

    expect(await client.GetTemplateVersion({ code: 'receipt', locale: 'en' })).toMatchObject({ number: 2 });
  });

  it('answers NOT_FOUND for an unknown code or version', async () => {
    const unknownCode = await failure(client.GetTemplateVersion({ code: 'no-such-template' }));
    expect(unknownCode).toBeInstanceOf(NotFoundError);
    expect((unknownCode as NotFoundError).details).toEqual({ code: 'no-such-template' });

    const unknownVersion = await failure(client.GetTemplateVersion({ code: 'receipt', version: 9 }));
    expect(unknownVersion).toBeInstanceOf(NotFoundError);
    expect((unknownVersion as NotFoundError).details).toEqual({ code: 'receipt', version: 9 });
  });

  it('refuses a locale that is not a language tag', async () => {
    const error = await failure(client.GetTemplateVersion({ code: 'receipt', locale: 'not a locale!' }));
    expect(error).toMatchObject({ code: 'BAD_USER_INPUT', details: { issues: [{ field: 'locale' }] } });
  });
});
