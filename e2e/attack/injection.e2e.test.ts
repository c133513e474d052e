import { randomUUID } from 'node:crypto';
import { fetchSinkMessages, waitFor, type ReceivedMail } from '@herald/testkit';
import {
  admin,
  createEmailTemplate,
  createUserWithToken,
  dataFrom,
  errorCodes,
  expectGraphQLAnswer,
  graphql,
  request,
  SEND_NOTIFICATION,
  state,
  type TestUser,
} from './attack-kit';
import { createTally } from './attack-report';

const tally = createTally('injection', state.logDir);
afterAll(() => tally.save());

/** SQL metacharacters: quotes, comments, statement ends, LIKE wildcards, backslashes. */
const SQL = [
  "O'Brien",
  "'; DROP TABLE users; --",
  '" OR ""="',
  "1' OR '1'='1' /*",
  '%_\\%',
  '$1; SELECT pg_sleep(5)',
  "Robert'); DELETE FROM notifications WHERE ('1'='1",
] as const;

async function mailTo(email: string, description: string): Promise<ReceivedMail> {
  return waitFor(
    async () => (await fetchSinkMessages(state.smtpInspectUrl)).find((mail) => mail.to.includes(email)),
    { timeoutMs: 30_000, description },
  );
}

describe('SQL metacharacters in every string field are stored and returned verbatim', () => {
  it.each(SQL)('user name, API key name, categories: %s', async (value) => {
    await tally.attempt(`SQL in user fields: ${value}`, async () => {
      const email = `sql.${randomUUID().slice(0, 8)}@example.com`;
      const created = dataFrom<{ createUser: { id: string; name: string } }>(
        await graphql(
          `
            mutation ($input: CreateUserInput!) {
              createUser(input: $input) {
                id
                name
              }
            }
          `,
          {
            input: {
              name: value,
              email,
              password: `${value} long enough`,
              preferences: { optedOutCategories: [value] },
            },
          },
        ),
      );
      expect(created.createUser.name).toBe(value);
      const read = dataFrom<{ user: { name: string; preferences: { optedOutCategories: string[] } } }>(
        await graphql('query ($id: ID!) { user(id: $id) { name preferences { optedOutCategories } } }', {
          id: created.createUser.id,
        }),
      );
      expect(read.user).toEqual({ name: value, preferences: { optedOutCategories: [value] } });
      // The password with quotes works for login, and a quote-laden guess does not.
      const login = await graphql(
        'mutation ($email: String!, $password: String!) { login(email: $email, password: $password) { token } }',
        { email, password: `${value} long enough` },
      );
      expect(errorCodes(login)).toEqual([]);
      const guess = await graphql(
        'mutation ($email: String!, $password: String!) { login(email: $email, password: $password) { token } }',
        { email, password: "' OR '1'='1" },
      );
      expect(errorCodes(guess)).toEqual(['UNAUTHENTICATED']);
    });
  });

  it.each(SQL)(
    'template subject and body, notification ids, category, variables and metadata: %s',
    async (value) => {
      await tally.attempt(`SQL in template and notification fields: ${value}`, async () => {
        const user = await createUserWithToken('sql');
        const code = await createEmailTemplate({ subject: `${value} {{name}}`, body: `${value} {{name}}` });
        const version = dataFrom<{ template: { activeVersion: { subject: string; body: string } } }>(
          await graphql('query ($code: ID!) { template(code: $code) { activeVersion { subject body } } }', {
            code,
          }),
        );
        expect(version.template.activeVersion).toEqual({
          subject: `${value} {{name}}`,
          body: `${value} {{name}}`,
        });
        const requestId = `${value}-${randomUUID()}`;
        const input = {
          channel: 'EMAIL',
          userId: user.id,
          templateCode: code,
          variables: { name: value, [value]: value },
          requestId,
          category: value.slice(0, 100),
          metadata: { [value]: value },
          sendAt: new Date(Date.now() + 3_600_000).toISOString(),
        };
        const id = dataFrom<{ sendNotification: { notification: { id: string } } }>(
          await graphql(SEND_NOTIFICATION, { input }),
        ).sendNotification.notification.id;
        const read = dataFrom<{ notification: Record<string, unknown> }>(
          await graphql(
            'query ($id: ID!) { notification(id: $id) { requestId category variables metadata } }',
            { id },
          ),
        );
        expect(read.notification).toEqual({
          requestId,
          category: input.category,
          variables: input.variables,
          metadata: input.metadata,
        });
        // The same request id finds the same notification: the value is a key, not SQL.
        const again = dataFrom<{ sendNotification: { notification: { id: string } } }>(
          await graphql(SEND_NOTIFICATION, { input }),
        );
        expect(again.sendNotification.notification.id).toBe(id);
      });
    },
  );

  it.each(SQL)('filters and lookups treat %s as a value', async (value) => {
    await tally.attempt(`SQL in filters and lookups: ${value}`, async () => {
      for (const answer of [
        await graphql('query ($id: ID!) { notification(id: $id) { id } user(id: $id) { id } }', {
          id: value,
        }),
        await graphql('query ($id: ID) { notifications(filter: { userId: $id }) { items { id } } }', {
          id: value,
        }),
        await graphql('query ($code: ID!) { template(code: $code) { code } }', { code: value }),
        await request('GET', `/api/v1/notifications?user_id=${encodeURIComponent(value)}`, {
          headers: admin,
        }),
        await request('POST', '/api/v1/auth/login', {
          json: { email: value, password: value },
          headers: admin,
        }),
      ]) {
        expect(answer.status).toBeLessThan(500);
        expect(answer.text).not.toMatch(/syntax error|relation "|QueryFailedError|invalid input syntax/i);
      }
    });
  });

  it('refuses a NUL byte, which PostgreSQL cannot store, as bad input rather than a fault', async () => {
    const user = await createUserWithToken('nul');
    const code = await createEmailTemplate({ subject: 'Hi {{name}}', body: 'Hello {{name}}' });
    const cases: [string, string, Record<string, unknown>][] = [
      [
        'user name',
        `mutation ($input: CreateUserInput!) { createUser(input: $input) { id } }`,
        {
          input: {
            name: 'a\u0000b',
            email: `nul.${randomUUID().slice(0, 8)}@example.com`,
            password: 'long enough pw',
          },
        },
      ],
      [
        'template body',
        `mutation ($input: CreateTemplateInput!) { createTemplate(input: $input) { code } }`,
        {
          input: {
            code: `nul-${randomUUID().slice(0, 8)}`,
            channel: 'EMAIL',
            subject: 's',
            body: 'a\u0000b',
          },
        },
      ],
      [
        'request id',
        SEND_NOTIFICATION,
        {
          input: {
            channel: 'EMAIL',
            userId: user.id,
            templateCode: code,
            variables: { name: 'x' },
            requestId: 'a\u0000b',
          },
        },
      ],
      [
        'variables',
        SEND_NOTIFICATION,
        {
          input: {
            channel: 'EMAIL',
            userId: user.id,
            templateCode: code,
            variables: { name: 'a\u0000b' },
            requestId: randomUUID(),
          },
        },
      ],
      ['template code', 'query ($code: ID!) { template(code: $code) { code } }', { code: 'a\u0000b' }],
      ['login email', 'mutation { login(email: "a\\u0000b@example.com", password: "x") { token } }', {}],
    ];
    for (const [field, query, variables] of cases) {
      await tally.attempt(`NUL byte in the ${field}`, async () => {
        const answer = await graphql(query, variables);
        expectGraphQLAnswer(answer);
      });
    }
  });
});

describe('Handlebars templates cannot reach prototypes or the process', () => {
  const hostile = [
    '{{constructor.constructor "return process"}}',
    '{{constructor}}',
    '{{__proto__}}',
    '{{this.__proto__.constructor.name}}',
    '{{lookup this "constructor"}}',
    '{{lookup (lookup this "constructor") "constructor"}}',
    '{{#with "s" as |string|}}{{#with string.constructor as |c|}}{{c.name}}{{/with}}{{/with}}',
    '{{#each __proto__}}{{@key}}{{/each}}',
    '{{#with __proto__ as |p|}}{{p.toString}}{{/with}}',
    '{{name.constructor.name}}',
    '{{valueOf}}',
    '{{> evilPartial}}',
  ];

  it.each(hostile)('%s is refused or renders nothing of the runtime', async (source) => {
    await tally.attempt(`template ${source}`, async () => {
      const code = `proto-${randomUUID().slice(0, 8)}`;
      const created = await graphql(
        `
          mutation ($input: CreateTemplateInput!) {
            createTemplate(input: $input) {
              code
            }
          }
        `,
        { input: { code, channel: 'EMAIL', subject: 'Hi', body: `x ${source} y` } },
      );
      expectGraphQLAnswer(created);
      if (errorCodes(created).length > 0) {
        expect(errorCodes(created)).toEqual(['BAD_USER_INPUT']);
        return;
      }
      const rendered = await graphql(
        'query ($code: ID!, $variables: JSON) { renderTemplate(code: $code, variables: $variables) { body } }',
        { code, variables: { name: 'Ada', constructor: 'data', __proto__: { polluted: 'yes' } } },
      );
      expectGraphQLAnswer(rendered);
      expect(rendered.text).not.toMatch(/function|native code|\[object|Object|String|process|polluted|yes/);
    });
  });

  it('leaves the prototype of later renders unpolluted', async () => {
    await tally.attempt('prototype pollution through variables', async () => {
      const code = await createEmailTemplate({
        subject: 'Hi {{name}}',
        body: '{{#if isAdmin}}ADMIN{{/if}}{{name}}',
      });
      const render = (variables: unknown) =>
        graphql(
          'query ($code: ID!, $variables: JSON) { renderTemplate(code: $code, variables: $variables) { body } }',
          {
            code,
            variables,
          },
        );
      // JSON.parse keeps "__proto__" as an own key, exactly as the server receives it.
      expectGraphQLAnswer(
        await render(
          JSON.parse(
            '{"name":"a","__proto__":{"isAdmin":true},"constructor":{"prototype":{"isAdmin":true}}}',
          ),
        ),
      );
      const after = await render({ name: 'b' });
      expectGraphQLAnswer(after);
      expect(after.text).not.toContain('ADMIN');
    });
  });
});

describe('mail carries hostile text as text', () => {
  let user: TestUser;

  beforeAll(async () => {
    user = await createUserWithToken('mail');
  });

  it('keeps CR LF in a subject out of the headers', async () => {
    await tally.attempt('CRLF header injection in the subject', async () => {
      const code = await createEmailTemplate({ subject: 'Hello {{name}}', body: 'Body {{name}}' });
      const name = 'Ada\r\nBcc: attacker@example.com\r\nX-Injected: yes';
      dataFrom(
        await graphql(SEND_NOTIFICATION, {
          input: {
            channel: 'EMAIL',
            userId: user.id,
            templateCode: code,
            variables: { name },
            requestId: randomUUID(),
          },
        }),
      );
      const mail = await mailTo(user.email, 'the mail with the CRLF subject');
      // Injected, the subject would end at "Ada" and the rest would be headers.
      expect(mail.subject).toContain('X-Injected');
      expect(mail.subject).toContain('attacker@example.com');
      expect(mail.to).toEqual([user.email]);
      const all = await fetchSinkMessages(state.smtpInspectUrl);
      expect(all.some((received) => received.to.includes('attacker@example.com'))).toBe(false);
    });
  });

  it('refuses CR LF in a template subject and in an email address', async () => {
    await tally.attempt('CRLF in a stored subject', async () => {
      const answer = await graphql(
        `
          mutation ($input: CreateTemplateInput!) {
            createTemplate(input: $input) {
              code
            }
          }
        `,
        {
          input: {
            code: `crlf-${randomUUID().slice(0, 8)}`,
            channel: 'EMAIL',
            subject: 'Hi\r\nBcc: a@example.com',
            body: 'b',
          },
        },
      );
      expectGraphQLAnswer(answer);
      if (errorCodes(answer).length === 0) {
        // Stored: then it must be sent folded into the subject, as the case above checks at send.
        return;
      }
      expect(errorCodes(answer)).toEqual(['BAD_USER_INPUT']);
    });
    await tally.attempt('CRLF in an email address', async () => {
      const answer = await graphql(
        `
          mutation ($input: CreateUserInput!) {
            createUser(input: $input) {
              id
            }
          }
        `,
        {
          input: {
            name: 'Eve',
            email: 'eve@example.com\r\nBcc: attacker@example.com',
            password: 'long enough pw',
          },
        },
      );
      expect(errorCodes(answer)).toEqual(['BAD_USER_INPUT']);
    });
  });

  it('escapes HTML and script from variables in the HTML part', async () => {
    await tally.attempt('script in variables', async () => {
      const mailbox = await createUserWithToken('html');
      const code = await createEmailTemplate({
        subject: 'Hi {{name}}',
        body: 'Hi {{name}}',
        bodyHtml: '<p>Hi {{name}}</p><a href="https://example.com/{{name}}">link</a>',
      });
      const name = `<script>alert(1)</script><img src=x onerror="alert(2)">"'&`;
      dataFrom(
        await graphql(SEND_NOTIFICATION, {
          input: {
            channel: 'EMAIL',
            userId: mailbox.id,
            templateCode: code,
            variables: { name },
            requestId: randomUUID(),
          },
        }),
      );
      const mail = await mailTo(mailbox.email, 'the mail with script in its variables');
      expect(mail.html).not.toContain('<script>');
      expect(mail.html).not.toContain('<img');
      expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(mail.html).not.toMatch(/href="[^"]*"[^>]*onerror/);
    });
  });
});
