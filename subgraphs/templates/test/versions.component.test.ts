import type { Identity } from '@herald/identity';
import { createTestEnvironment, postToSubgraph, waitFor, type SubgraphResponse } from '@herald/testkit';
import { INTERNAL_TOKEN, startTemplates, type RunningTemplates } from './start-templates';

const ADMIN: Identity = { kind: 'admin', id: 'admin', scopes: [] };
const WRITER: Identity = { kind: 'service', id: 'key-writer', scopes: ['templates:write'] };
const SENDER: Identity = { kind: 'service', id: 'key-sender', scopes: ['notifications:send'] };
const ADMIN_USER: Identity = { kind: 'user', id: 'user-admin', role: 'admin', scopes: [] };
const environment = createTestEnvironment();

type Replica = RunningTemplates;

interface Rendered {
  readonly version: number;
  readonly locale: string;
  readonly subject: string | null;
  readonly title: string | null;
  readonly body: string;
  readonly bodyHtml: string | null;
}

const replicas: Replica[] = [];

async function startReplica(redisUrl = environment.redisUrl): Promise<Replica> {
  const replica = await startTemplates(environment, 'templates_versions', {
    REDIS_URL: redisUrl,
    // An hour: within a test only the pub/sub message can make a replica see a publish.
    ACTIVE_VERSION_CACHE_SECONDS: '3600',
  });
  replicas.push(replica);
  return replica;
}

async function graphql<T>(
  replica: Replica,
  query: string,
  variables: Record<string, unknown> = {},
  identity: Identity | null = ADMIN,
): Promise<SubgraphResponse<T>> {
  return postToSubgraph<T>(
    { port: replica.ports.http, internalToken: INTERNAL_TOKEN, identity },
    query,
    variables,
  );
}

const CREATE = `mutation ($input: CreateTemplateInput!) { createTemplate(input: $input) { code } }`;
const ADD = `mutation ($code: ID!, $input: TemplateVersionInput!) {
  addTemplateVersion(code: $code, input: $input) { number locale subject title body bodyHtml variables published }
}`;
const PUBLISH = `mutation ($code: ID!, $number: Int!) {
  publishTemplateVersion(code: $code, number: $number) { number locale published }
}`;
const RENDER = `query ($code: ID!, $locale: String, $variables: JSON, $version: Int) {
  renderTemplate(code: $code, locale: $locale, variables: $variables, version: $version) {
    version locale subject title body bodyHtml
  }
}`;
const VERSIONS = `query ($code: ID!) { template(code: $code) { versions { number locale body published } } }`;

let a: Replica;
let b: Replica;

async function expectData<T>(response: Promise<SubgraphResponse<T>>): Promise<T> {
  const { data, errors } = await response;
  expect(errors).toBeUndefined();
  return data as T;
}

async function create(input: Record<string, unknown>, replica = a): Promise<void> {
  await expectData(graphql(replica, CREATE, { input }));
}

async function addVersion(code: string, input: Record<string, unknown>, replica = a) {
  return (
    await expectData(graphql<{ addTemplateVersion: Record<string, unknown> }>(replica, ADD, { code, input }))
  ).addTemplateVersion;
}

async function publish(code: string, number: number, replica = a): Promise<void> {
  await expectData(graphql(replica, PUBLISH, { code, number }));
}

async function render(
  code: string,
  variables: Record<string, unknown>,
  options: { locale?: string; version?: number; replica?: Replica } = {},
): Promise<Rendered> {
  const { replica = a, ...rest } = options;
  return (
    await expectData(graphql<{ renderTemplate: Rendered }>(replica, RENDER, { code, variables, ...rest }))
  ).renderTemplate;
}

function errorOf(response: SubgraphResponse<unknown>): Record<string, unknown> | undefined {
  return response.errors?.[0]?.extensions;
}

beforeAll(async () => {
  // One after the other: both run the same migrations on the same database.
  a = await startReplica();
  b = await startReplica();
});

afterAll(async () => {
  for (const replica of replicas) await replica.app.stop();
  await environment.cleanup();
});

describe('template versions', () => {
  it('adds immutable numbered versions, publishes one per locale and rolls back', async () => {
    await create({ code: 'promo', channel: 'EMAIL', subject: 'Hi {{name}}', body: 'One {{name}}' });
    const second = await addVersion('promo', { subject: 'Hey {{name}}', body: 'Two {{name}} {{code}}' });
    expect(second).toMatchObject({ number: 2, locale: 'en', variables: ['name', 'code'], published: false });

    // An unpublished version changes nothing, though it can be previewed by number.
    expect(await render('promo', { name: 'Ada' })).toMatchObject({ version: 1, body: 'One Ada' });
    expect(await render('promo', { name: 'Ada', code: 'X' }, { version: 2 })).toMatchObject({
      version: 2,
      subject: 'Hey Ada',
      body: 'Two Ada X',
    });

    await publish('promo', 2);
    expect(await render('promo', { name: 'Ada', code: 'X' })).toMatchObject({ version: 2, locale: 'en' });

    await publish('promo', 1);
    expect(await render('promo', { name: 'Ada' })).toMatchObject({ version: 1, body: 'One Ada' });

    const third = await addVersion('promo', { subject: 'Yo', body: 'Three', publish: true });
    expect(third).toMatchObject({ number: 3, published: true });
    expect(await render('promo', {})).toMatchObject({ version: 3, body: 'Three' });

    const { template } = await expectData(
      graphql<{ template: { versions: unknown[] } }>(a, VERSIONS, { code: 'promo' }),
    );
    expect(template.versions).toEqual([
      { number: 1, locale: 'en', body: 'One {{name}}', published: false },
      { number: 2, locale: 'en', body: 'Two {{name}} {{code}}', published: false },
      { number: 3, locale: 'en', body: 'Three', published: true },
    ]);
  });

  it('refuses an unknown template or version as NOT_FOUND', async () => {
    expect(errorOf(await graphql(a, PUBLISH, { code: 'promo', number: 9 }))).toMatchObject({
      code: 'NOT_FOUND',
      version: 9,
    });
    expect(errorOf(await graphql(a, ADD, { code: 'nope', input: { subject: 's', body: 'b' } }))?.code).toBe(
      'NOT_FOUND',
    );
  });

  it('holds a version to the rules of the template channel', async () => {
    const response = await graphql(a, ADD, { code: 'promo', input: { title: 'x', body: 'y' } });
    const issues = errorOf(response)?.issues as { field: string }[];
    expect(errorOf(response)?.code).toBe('BAD_USER_INPUT');
    expect(issues.map((issue) => issue.field).sort()).toEqual(['subject', 'title']);
  });

  it('derives the text body of an email from its HTML when the body is empty', async () => {
    const version = await addVersion('promo', {
      locale: 'fr',
      subject: 'Bonjour',
      body: '',
      bodyHtml: '<h1>Bonjour {{name}}</h1>\n<p>Merci &amp; <b>à bientôt</b></p>',
      publish: true,
    });
    expect(version).toMatchObject({ body: 'Bonjour {{name}}\nMerci & à bientôt', variables: ['name'] });
    expect(await render('promo', { name: '<Zoé>' }, { locale: 'fr' })).toMatchObject({
      locale: 'fr',
      body: 'Bonjour <Zoé>\nMerci & à bientôt',
      bodyHtml: '<h1>Bonjour &lt;Zoé&gt;</h1>\n<p>Merci &amp; <b>à bientôt</b></p>',
    });
  });
});

describe('locale fallback', () => {
  beforeAll(async () => {
    await create({ code: 'greet', channel: 'PUSH', locale: 'en', title: 'Hello', body: 'en {{name}}' });
    await addVersion('greet', { locale: 'pt', title: 'Olá', body: 'pt {{name}}', publish: true });
    await addVersion('greet', { locale: 'pt-br', title: 'Oi', body: 'pt-BR {{name}}', publish: true });
  });

  it('uses the exact locale first', async () => {
    expect(await render('greet', { name: 'Ana' }, { locale: 'pt-BR' })).toMatchObject({
      version: 3,
      locale: 'pt-BR',
      title: 'Oi',
      body: 'pt-BR Ana',
    });
  });

  it('then the language', async () => {
    expect(await render('greet', { name: 'Ana' }, { locale: 'pt-PT' })).toMatchObject({
      version: 2,
      locale: 'pt',
      body: 'pt Ana',
    });
  });

  it('then the default locale of the template', async () => {
    expect(await render('greet', { name: 'Ana' }, { locale: 'de-AT' })).toMatchObject({
      version: 1,
      locale: 'en',
      body: 'en Ana',
    });
  });
});

describe('safe rendering', () => {
  it('lists every variable missing from the subject and the body', async () => {
    await create({
      code: 'strict',
      channel: 'EMAIL',
      subject: 'Order {{order.id}} for {{name}}',
      body: 'Total {{total}}, ship to {{address.city}}',
    });
    const response = await graphql(a, RENDER, { code: 'strict', variables: { name: 'Ada' } });
    expect(errorOf(response)).toEqual({
      code: 'UNPROCESSABLE',
      missing: ['order.id', 'total', 'address.city'],
      issues: [
        { field: 'subject', message: 'needs the variables order.id' },
        { field: 'body', message: 'needs the variables total, address.city' },
      ],
    });
    expect(response.data).toBeNull();
  });

  it('refuses a version that does not compile with the line and column of the error', async () => {
    const response = await graphql(a, ADD, {
      code: 'strict',
      input: { subject: 'Hi {{name', body: 'Line one\n  {{#if vip}}VIP{{/each}}' },
    });
    expect(errorOf(response)).toMatchObject({
      code: 'BAD_USER_INPUT',
      issues: [
        { field: 'subject', line: 1 },
        { field: 'body', line: 2, column: 6 },
      ],
    });
    const { template } = await expectData(
      graphql<{ template: { versions: unknown[] } }>(a, VERSIONS, { code: 'strict' }),
    );
    expect(template.versions).toHaveLength(1);
  });

  it('escapes a script in the HTML body', async () => {
    await create({
      code: 'comment',
      channel: 'EMAIL',
      subject: 'New comment',
      body: '{{comment}}',
      bodyHtml: '<p>{{comment}}</p>',
    });
    const rendered = await render('comment', { comment: '<script>alert("x")</script>' });
    expect(rendered.bodyHtml).toBe('<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</p>');
    expect(rendered.bodyHtml).not.toContain('<script>');
  });

  it('renders nothing harmful for a prototype access attempt', async () => {
    await create({
      code: 'proto',
      channel: 'PUSH',
      title: 'T',
      body: 'a{{constructor.constructor}}b',
    });
    // Inherited properties are never read: the path counts as missing, not as code.
    const response = await graphql(a, RENDER, { code: 'proto', variables: { name: 'x' } });
    expect(errorOf(response)).toMatchObject({ code: 'UNPROCESSABLE', missing: ['constructor.constructor'] });

    // A value supplied under that name is plain data, rendered as text.
    const rendered = await render('proto', { constructor: { constructor: 'alert(1)' } });
    expect(rendered.body).toBe('aalert(1)b');
  });

  it('refuses push image and link URLs that are not https', async () => {
    const created = await graphql(a, CREATE, {
      input: { code: 'insecure', channel: 'PUSH', title: 'T', body: 'B', imageUrl: 'http://cdn.test/a.png' },
    });
    expect(errorOf(created)).toMatchObject({ code: 'BAD_USER_INPUT', issues: [{ field: 'imageUrl' }] });

    const added = await graphql(a, ADD, {
      code: 'greet',
      input: { title: 'T', body: 'B', imageUrl: 'ftp://cdn.test/a.png', link: 'javascript:alert(1)' },
    });
    const issues = errorOf(added)?.issues as { field: string }[];
    expect(issues.map((issue) => issue.field).sort()).toEqual(['input.imageUrl', 'input.link']);

    const secure = await addVersion('greet', {
      title: 'T',
      body: 'B',
      imageUrl: 'https://cdn.test/a.png',
      link: 'https://app.test/orders',
    });
    expect(secure).toMatchObject({ published: false });
  });
});

describe('cache across replicas', () => {
  it('renders a version published on one replica on the other', async () => {
    await create({ code: 'flash', channel: 'PUSH', title: 'Sale', body: 'Sale one' });
    // Replica b resolves and caches version 1 before anything changes.
    expect(await render('flash', {}, { replica: b })).toMatchObject({ version: 1, body: 'Sale one' });
    await addVersion('flash', { title: 'Sale', body: 'Sale two' });
    expect(await render('flash', {}, { replica: b })).toMatchObject({ version: 1 });

    await publish('flash', 2);
    await waitFor(async () => (await render('flash', {}, { replica: b })).version === 2, {
      description: 'replica b to render version 2',
    });

    await publish('flash', 1);
    const rolledBack = await waitFor(
      async () => {
        const rendered = await render('flash', {}, { replica: b });
        return rendered.version === 1 && rendered;
      },
      { description: 'replica b to render version 1 again' },
    );
    expect(rolledBack.body).toBe('Sale one');
  });
});

describe('without Redis', () => {
  it('starts, publishes and serves its own publishes at once', async () => {
    const isolated = await startReplica('redis://127.0.0.1:1');
    await create({ code: 'offline', channel: 'PUSH', title: 'T', body: 'one' }, isolated);
    expect(await render('offline', {}, { replica: isolated })).toMatchObject({ version: 1 });
    await addVersion('offline', { title: 'T', body: 'two' }, isolated);
    await publish('offline', 2, isolated);
    expect(await render('offline', {}, { replica: isolated })).toMatchObject({ version: 2, body: 'two' });
  });
});

describe('permissions', () => {
  const input = { code: 'perm', channel: 'PUSH', title: 'T', body: 'B' };

  it('refuses anonymous reads and writes', async () => {
    expect(errorOf(await graphql(a, CREATE, { input }, null))?.code).toBe('UNAUTHENTICATED');
    expect(errorOf(await graphql(a, '{ template(code: "promo") { code } }', {}, null))?.code).toBe(
      'UNAUTHENTICATED',
    );
    expect(errorOf(await graphql(a, '{ templates { meta { total } } }', {}, null))?.code).toBe(
      'UNAUTHENTICATED',
    );
    expect(errorOf(await graphql(a, RENDER, { code: 'promo' }, null))?.code).toBe('UNAUTHENTICATED');
  });

  it('refuses writes to a key without templates:write but lets it read', async () => {
    expect(errorOf(await graphql(a, CREATE, { input }, SENDER))).toMatchObject({
      code: 'FORBIDDEN',
      scope: 'templates:write',
    });
    const add = await graphql(a, ADD, { code: 'promo', input: { subject: 's', body: 'b' } }, SENDER);
    expect(errorOf(add)?.code).toBe('FORBIDDEN');
    expect(errorOf(await graphql(a, PUBLISH, { code: 'promo', number: 1 }, SENDER))?.code).toBe('FORBIDDEN');
    const read = await graphql<{ template: { code: string } }>(
      a,
      '{ template(code: "promo") { code } }',
      {},
      SENDER,
    );
    expect(read.data?.template).toEqual({ code: 'promo' });
  });

  it('lets a key with templates:write and admins write', async () => {
    await expectData(graphql(a, CREATE, { input }, WRITER));
    const added = await graphql<{ addTemplateVersion: { number: number } }>(
      a,
      ADD,
      { code: 'perm', input: { title: 'T2', body: 'B2' } },
      ADMIN_USER,
    );
    expect(added.data?.addTemplateVersion.number).toBe(2);
    await expectData(graphql(a, PUBLISH, { code: 'perm', number: 2 }, ADMIN));
  });
});
