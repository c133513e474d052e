import { UnavailableError, UnprocessableError } from '@herald/errors';
import { createTemplateCompiler, type TemplateSources } from '@herald/rendering';
import type { TemplateVersionRequest, TemplateVersionSource } from './delivery-peers';
import { classifyFailure } from './failure-policy';
import { createTemplateRenderer } from './template-renderer';

const welcome: TemplateVersionSource = {
  templateCode: 'welcome',
  number: 1,
  locale: 'en',
  subject: 'Welcome, {{name}}',
  title: null,
  body: 'Hello {{name}}, your trial ends {{formatDate ends}}.',
  bodyHtml: '<p>Hello <b>{{name}}</b></p>',
  link: 'https://example.com/start',
};

/** A templates service holding one published version per code, counting lookups and compiles. */
function setUp(options: { ttlMs?: number } = {}) {
  const published = new Map<string, TemplateVersionSource>([['welcome', welcome]]);
  const lookups: TemplateVersionRequest[] = [];
  const compiled: TemplateSources[] = [];
  const state = { failure: undefined as Error | undefined };
  const compiler = createTemplateCompiler();
  const renderer = createTemplateRenderer({
    versions: {
      getVersion: async (request) => {
        lookups.push(request);
        // Answers what was published when asked, whatever changes while the answer travels.
        const version = published.get(request.code)!;
        await Promise.resolve();
        if (state.failure) throw state.failure;
        return version;
      },
    },
    compiler: {
      compile: (sources) => {
        compiled.push(sources);
        return compiler.compile(sources);
      },
    },
    capacity: 10,
    ttlMs: options.ttlMs ?? 60_000,
  });
  return { renderer, published, lookups, compiled, state };
}

const request = (variables: Record<string, unknown>, overrides: Partial<TemplateVersionRequest> = {}) => ({
  code: 'welcome',
  locale: 'en',
  version: 0,
  variables,
  ...overrides,
});

describe('template renderer', () => {
  it("renders the version's sources with the message's variables, and carries its links", async () => {
    const { renderer } = setUp();

    const rendered = await renderer.render(request({ name: 'Ada & co', ends: '2030-03-04' }));

    expect(rendered).toEqual({
      templateCode: 'welcome',
      version: 1,
      locale: 'en',
      subject: 'Welcome, Ada & co',
      title: undefined,
      body: 'Hello Ada & co, your trial ends Mar 4, 2030.',
      bodyHtml: '<p>Hello <b>Ada &amp; co</b></p>',
      imageUrl: undefined,
      link: 'https://example.com/start',
    });
  });

  it("formats dates in the reader's region when the version is in their language", async () => {
    const { renderer } = setUp();

    const rendered = await renderer.render(request({ name: 'Ada', ends: '2030-03-04' }, { locale: 'en-gb' }));

    expect(rendered.body).toBe('Hello Ada, your trial ends 4 Mar 2030.');
  });

  it('fetches and compiles a version once for many messages, also when they arrive together', async () => {
    const { renderer, lookups, compiled } = setUp();

    const names = Array.from({ length: 20 }, (_, index) => `user ${index}`);
    const rendered = await Promise.all(names.map((name) => renderer.render(request({ name, ends: 0 }))));
    await renderer.render(request({ name: 'late', ends: 0 }));

    expect(rendered.map((content) => content.subject)).toEqual(names.map((name) => `Welcome, ${name}`));
    expect(lookups).toHaveLength(1);
    expect(compiled).toHaveLength(1);
  });

  it('keeps a compiled version per requested locale and version', async () => {
    const { renderer, lookups } = setUp();

    await renderer.render(request({ name: 'a', ends: 0 }));
    await renderer.render(request({ name: 'b', ends: 0 }, { version: 1 }));
    await renderer.render(request({ name: 'c', ends: 0 }, { locale: 'fr' }));

    expect(lookups.map(({ locale, version }) => `${locale}/${version}`)).toEqual(['en/0', 'en/1', 'fr/0']);
  });

  it('renders the newly published version once its code is forgotten', async () => {
    const { renderer, published, lookups } = setUp();
    await renderer.render(request({ name: 'Ada', ends: 0 }));
    published.set('welcome', { ...welcome, number: 2, subject: 'Hi again, {{name}}' });

    const before = await renderer.render(request({ name: 'Ada', ends: 0 }));
    renderer.forget('welcome');
    const after = await renderer.render(request({ name: 'Ada', ends: 0 }));

    expect(before).toMatchObject({ version: 1, subject: 'Welcome, Ada' });
    expect(after).toMatchObject({ version: 2, subject: 'Hi again, Ada' });
    expect(lookups).toHaveLength(2);
  });

  it('does not keep a version whose fetch was under way when its code was forgotten', async () => {
    const { renderer, published } = setUp();
    const underWay = renderer.render(request({ name: 'Ada', ends: 0 }));
    renderer.forget('welcome');
    published.set('welcome', { ...welcome, number: 2 });
    await expect(underWay).resolves.toMatchObject({ version: 1 });

    await expect(renderer.render(request({ name: 'Ada', ends: 0 }))).resolves.toMatchObject({ version: 2 });
  });

  it('fetches again after the time to live', async () => {
    const { renderer, lookups } = setUp({ ttlMs: 0 });

    await renderer.render(request({ name: 'a', ends: 0 }));
    await renderer.render(request({ name: 'b', ends: 0 }));

    expect(lookups).toHaveLength(2);
  });

  it('refuses a message without a variable the version needs, as a permanent failure', async () => {
    const { renderer } = setUp();

    const error: unknown = await renderer.render(request({ ends: 0 })).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(UnprocessableError);
    expect((error as UnprocessableError).message).toBe('missing template variables: name');
    expect(classifyFailure(error)).toMatchObject({ permanent: true });
  });

  it('remembers no failed fetch', async () => {
    const { renderer, state, lookups } = setUp();
    state.failure = new UnavailableError('GetTemplateVersion failed: UNAVAILABLE');
    await expect(renderer.render(request({ name: 'Ada', ends: 0 }))).rejects.toBe(state.failure);

    state.failure = undefined;

    await expect(renderer.render(request({ name: 'Ada', ends: 0 }))).resolves.toMatchObject({ version: 1 });
    expect(lookups).toHaveLength(2);
  });
});
