import type { BoundPorts, ServiceApp } from '@herald/lifecycle';
import type { Identity } from '@herald/identity';
import { createTestEnvironment, postToSubgraph, type SubgraphResponse } from '@herald/testkit';
import { INTERNAL_TOKEN, startTemplates } from './start-templates';

const WRITER: Identity = { kind: 'service', id: 'key-writer', scopes: ['templates:write'] };
const SENDER: Identity = { kind: 'service', id: 'key-sender', scopes: ['notifications:send'] };
const environment = createTestEnvironment();

const PREVIEW = `query ($channel: Channel!, $draft: TemplateDraftInput!, $variables: JSON, $locale: String) {
  previewTemplate(channel: $channel, draft: $draft, variables: $variables, locale: $locale) {
    code version channel locale subject title body bodyHtml imageUrl link variables
  }
}`;
const TEMPLATES = `query { templates { items { code } } }`;

interface Preview {
  readonly code: string | null;
  readonly version: number | null;
  readonly subject: string | null;
  readonly body: string;
  readonly bodyHtml: string | null;
  readonly variables: string[];
}

let app: ServiceApp | undefined;
let ports: BoundPorts;

function preview(
  variables: Record<string, unknown>,
  identity: Identity = WRITER,
): Promise<SubgraphResponse<{ previewTemplate: Preview }>> {
  return postToSubgraph({ port: ports.http, internalToken: INTERNAL_TOKEN, identity }, PREVIEW, variables);
}

function refusalOf(response: SubgraphResponse<unknown>) {
  expect(response.data).toBeNull();
  const extensions = response.errors?.[0]?.extensions ?? {};
  return { code: extensions.code, issues: extensions.issues as { field: string; message: string }[] };
}

beforeAll(async () => {
  ({ app, ports } = await startTemplates(environment, 'templates_preview'));
});

afterAll(async () => {
  await app?.stop();
  await environment.cleanup();
});

describe('previewTemplate', () => {
  it('renders unsaved content as a send would, and stores nothing', async () => {
    const response = await preview({
      channel: 'EMAIL',
      draft: {
        subject: 'Order {{order.id}}\nshipped',
        body: '',
        bodyHtml: '<p>Hi {{name}}, total {{formatNumber total}}</p>',
      },
      variables: { name: 'Ada <3', order: { id: 'A-7' }, total: 1234.5 },
      locale: 'de',
    });
    expect(response.errors).toBeUndefined();
    expect(response.data?.previewTemplate).toEqual({
      code: null,
      version: null,
      channel: 'EMAIL',
      locale: 'de',
      subject: 'Order A-7 shipped',
      title: null,
      // The text body is derived from the HTML, as a saved version's would be.
      body: 'Hi Ada <3, total 1.234,5',
      bodyHtml: '<p>Hi Ada &lt;3, total 1.234,5</p>',
      imageUrl: null,
      link: null,
      variables: ['order.id', 'name', 'total'],
    });
    const listed = await postToSubgraph<{ templates: { items: unknown[] } }>(
      { port: ports.http, internalToken: INTERNAL_TOKEN, identity: WRITER },
      TEMPLATES,
    );
    expect(listed.data?.templates.items).toEqual([]);
  });

  it('names each field that needs a missing variable', async () => {
    const refusal = refusalOf(
      await preview({
        channel: 'EMAIL',
        draft: { subject: 'Hi {{name}}', body: 'Your code is {{code}}', bodyHtml: '<p>{{code}}</p>' },
        variables: { name: 'Ada' },
      }),
    );
    expect(refusal.code).toBe('UNPROCESSABLE');
    expect(refusal.issues).toEqual([
      { field: 'body', message: 'needs the variables code' },
      { field: 'bodyHtml', message: 'needs the variables code' },
    ]);
  });

  it('refuses an image on a private host and a link that is not https at their fields', async () => {
    const refusal = refusalOf(
      await preview({
        channel: 'PUSH',
        draft: {
          title: 'T',
          body: 'B',
          imageUrl: 'https://169.254.169.254/latest/meta-data',
          link: 'javascript:alert(1)',
        },
      }),
    );
    expect(refusal.code).toBe('BAD_USER_INPUT');
    expect(refusal.issues.map((issue) => issue.field).sort()).toEqual(['imageUrl', 'link']);
  });

  it('refuses a source that does not compile, with the field, line and column', async () => {
    const refusal = refusalOf(
      await preview({
        channel: 'EMAIL',
        draft: { subject: 'Fine', body: 'ok', bodyHtml: '<p>\n{{#if vip}}VIP{{/each}}</p>' },
      }),
    );
    expect(refusal.code).toBe('BAD_USER_INPUT');
    expect(refusal.issues).toEqual([expect.objectContaining({ field: 'bodyHtml', line: 2 })]);
  });

  it("applies the channel's rules and size limits", async () => {
    const refusal = refusalOf(
      await preview({
        channel: 'PUSH',
        draft: { subject: 'Not for push', body: 'x'.repeat(50_001) },
      }),
    );
    expect(refusal.code).toBe('BAD_USER_INPUT');
    expect(refusal.issues.map((issue) => issue.field)).toEqual(['body']);

    const rules = refusalOf(
      await preview({ channel: 'PUSH', draft: { subject: 'Not for push', body: 'B' } }),
    );
    expect(rules.issues.map((issue) => issue.field).sort()).toEqual(['subject', 'title']);
  });

  it('is refused to a credential without templates:write', async () => {
    const response = await preview({ channel: 'PUSH', draft: { title: 'T', body: 'B' } }, SENDER);
    expect(response.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
