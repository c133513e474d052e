import fc from 'fast-check';
import {
  createEmailTemplate,
  createUserWithToken,
  expectAllServicesAlive,
  expectGraphQLAnswer,
  fuzz,
  graphql,
  state,
} from './attack-kit';
import { createTally } from './attack-report';
import { anyJson, anyString, anyValue, headerValue, looseRecord, mostly } from './fuzz-arbitraries';

const tally = createTally('fuzz-graphql', state.logDir);
afterAll(() => tally.save());

/** Runs one operation with generated variables as the admin, and checks the answer's shape. */
async function fuzzCase(
  query: string,
  variables: unknown,
  headers: Record<string, string> = {},
): Promise<void> {
  await tally.attempt(`${query.slice(0, 80)} ${JSON.stringify(variables)?.slice(0, 200)}`, async () => {
    const answer = await graphql(query, variables as Record<string, unknown>, {
      authorization: `Bearer ${state.adminApiKey}`,
      ...headers,
    });
    expectGraphQLAnswer(answer);
  });
}

const SEND = `mutation ($input: SendNotificationInput!) { sendNotification(input: $input) { duplicate notification { id status } } }`;
const SEND_MANY = `mutation ($inputs: [SendNotificationInput!]!) { sendNotifications(inputs: $inputs) { duplicate notification { id } } }`;
const CREATE_USER = `mutation ($input: CreateUserInput!) { createUser(input: $input) { id email name locale } }`;
const CREATE_TEMPLATE = `mutation ($input: CreateTemplateInput!) { createTemplate(input: $input) { code activeVersion { number variables } } }`;
const ADD_VERSION = `mutation ($code: ID!, $input: TemplateVersionInput!) { addTemplateVersion(code: $code, input: $input) { number } }`;
const RENDER = `query ($code: ID!, $locale: String, $variables: JSON, $version: Int) {
  renderTemplate(code: $code, locale: $locale, variables: $variables, version: $version) { subject body } }`;
const REGISTER_DEVICE = `mutation ($input: DeviceInput!, $userId: ID) { registerDevice(input: $input, userId: $userId) { id kind valid } }`;
const PREFERENCES = `mutation ($input: PreferencesInput!, $userId: ID) { updatePreferences(input: $input, userId: $userId) { email push optedOutCategories } }`;
const LIST = `query ($filter: NotificationFilter, $page: Int, $limit: Int) {
  notifications(filter: $filter, page: $page, limit: $limit) { items { id } meta { total } } }`;
const LOOKUPS = `query ($id: ID!, $code: ID!) { notification(id: $id) { id } user(id: $id) { id } template(code: $code) { code } }`;

describe('GraphQL inputs under generated variables: data or coded errors, never a 5xx or a hang', () => {
  let userId: string;
  let templateCode: string;

  beforeAll(async () => {
    userId = (await createUserWithToken('fuzz-graphql')).id;
    templateCode = await createEmailTemplate({
      subject: 'Fuzz {{name}}',
      body: 'Hello {{name}} {{#each items}}{{this}}{{/each}} {{formatDate when}}',
    });
  });

  afterAll(async () => {
    await tally.attempt('every service answers /health after the GraphQL fuzzing', expectAllServicesAlive);
  });

  const sendInput = () =>
    looseRecord({
      channel: mostly(fc.constantFrom('EMAIL', 'PUSH', 'SMS')),
      userId: mostly(fc.oneof(fc.uuid(), fc.constant(userId), anyString)),
      templateCode: mostly(fc.oneof(fc.constant(templateCode), anyString)),
      variables: mostly(fc.oneof(fc.constant({ name: 'Ada' }), anyJson)),
      requestId: mostly(fc.oneof(fc.uuid(), anyString)),
      priority: mostly(fc.integer({ min: -3, max: 13 })),
      locale: mostly(fc.oneof(fc.constantFrom('en', 'pt-BR', 'zz-ZZ-x-bad'), anyString)),
      category: mostly(anyString),
      sendAt: mostly(
        fc.oneof(
          fc.date().map((date) => (Number.isNaN(date.getTime()) ? 'not a date' : date.toISOString())),
          anyString,
        ),
      ),
      metadata: mostly(anyJson),
    });

  it('sendNotification', async () => {
    await fuzz(sendInput(), 500, (input) => fuzzCase(SEND, { input }));
  });

  it('sendNotifications, a few items at a time', async () => {
    await fuzz(fc.array(sendInput(), { maxLength: 5 }), 150, (inputs) => fuzzCase(SEND_MANY, { inputs }));
  });

  it('createUser', async () => {
    const input = looseRecord({
      name: mostly(anyString),
      email: mostly(fc.oneof(fc.emailAddress(), anyString)),
      password: mostly(anyString),
      locale: mostly(fc.oneof(fc.constantFrom('en', 'pt-BR'), anyString)),
      pushToken: mostly(anyString),
      role: mostly(fc.constantFrom('USER', 'ADMIN', 'ROOT')),
      preferences: mostly(
        looseRecord({
          email: mostly(fc.boolean()),
          push: mostly(fc.boolean()),
          optedOutCategories: mostly(fc.array(anyString, { maxLength: 4 })),
          quietHours: mostly(
            looseRecord({
              start: mostly(fc.constantFrom('22:00', '25:61', '')),
              end: mostly(fc.constantFrom('07:00', 'noon')),
              timezone: mostly(fc.constantFrom('Europe/Lisbon', 'Mars/Olympus', '')),
            }),
          ),
        }),
      ),
    });
    await fuzz(input, 100, (generated) => fuzzCase(CREATE_USER, { input: generated }));
  });

  const templateContent = {
    locale: mostly(fc.oneof(fc.constantFrom('en', 'de', 'pt-BR'), anyString)),
    subject: mostly(
      fc.oneof(anyString, fc.constantFrom('Hi {{name}}', '{{#if}}', '{{> partial}}', '{{{raw}}}')),
    ),
    title: mostly(anyString),
    body: mostly(
      fc.oneof(anyString, fc.constantFrom('{{name', '{{#each x}}{{/if}}', '{{lookup . "constructor"}}')),
    ),
    bodyHtml: mostly(anyString),
    imageUrl: mostly(fc.oneof(fc.webUrl(), anyString)),
    link: mostly(fc.oneof(fc.webUrl(), anyString)),
    publish: mostly(fc.boolean()),
  };

  it('createTemplate', async () => {
    const input = looseRecord({
      code: mostly(fc.oneof(fc.stringMatching(/^[a-z0-9][a-z0-9_.-]{1,20}$/), anyString)),
      channel: mostly(fc.constantFrom('EMAIL', 'PUSH')),
      ...templateContent,
    });
    await fuzz(input, 250, (generated) => fuzzCase(CREATE_TEMPLATE, { input: generated }));
  });

  it('addTemplateVersion', async () => {
    const variables = fc.record({
      code: mostly(fc.oneof(fc.constant(templateCode), anyString)),
      input: looseRecord(templateContent),
    });
    await fuzz(variables, 100, (generated) => fuzzCase(ADD_VERSION, generated));
  });

  it('renderTemplate with generated variables', async () => {
    const variables = looseRecord({
      code: mostly(fc.oneof(fc.constant(templateCode), anyString)),
      locale: mostly(fc.oneof(fc.constantFrom('en', 'fr'), anyString)),
      variables: mostly(
        fc.oneof(
          looseRecord({ name: anyJson, items: anyJson, when: mostly(fc.date().map(String)) }),
          anyJson,
        ),
      ),
      version: mostly(fc.integer({ min: -2, max: 5 })),
    });
    await fuzz(variables, 300, (generated) => fuzzCase(RENDER, generated));
  });

  it('registerDevice for a user', async () => {
    const variables = fc.record({
      userId: mostly(fc.oneof(fc.constant(userId), fc.uuid())),
      input: looseRecord({
        kind: mostly(fc.constantFrom('FCM', 'WEB_PUSH')),
        token: mostly(anyString),
        endpoint: mostly(fc.oneof(fc.webUrl(), anyString)),
        p256dh: mostly(fc.base64String()),
        auth: mostly(fc.base64String()),
      }),
    });
    await fuzz(variables, 150, (generated) => fuzzCase(REGISTER_DEVICE, generated));
  });

  it('updatePreferences for a user', async () => {
    const variables = fc.record({
      userId: mostly(fc.oneof(fc.constant(userId), fc.uuid())),
      input: looseRecord({
        email: mostly(fc.boolean()),
        push: mostly(fc.boolean()),
        optedOutCategories: mostly(fc.array(anyString, { maxLength: 5 })),
        quietHours: mostly(
          fc.option(
            looseRecord({ start: mostly(anyString), end: mostly(anyString), timezone: mostly(anyString) }),
          ),
        ),
      }),
    });
    await fuzz(variables, 150, (generated) => fuzzCase(PREFERENCES, generated));
  });

  it('notifications with generated filters and pages', async () => {
    const variables = looseRecord({
      filter: mostly(
        looseRecord({
          userId: mostly(fc.oneof(fc.uuid(), fc.constant(userId), anyString)),
          status: mostly(fc.constantFrom('DELIVERED', 'FAILED', 'BOGUS')),
          channel: mostly(fc.constantFrom('EMAIL', 'PUSH')),
          from: mostly(fc.oneof(fc.constant('2020-01-01T00:00:00Z'), anyString)),
          to: mostly(fc.oneof(fc.constant('2099-01-01T00:00:00Z'), anyString)),
        }),
      ),
      page: mostly(fc.integer({ min: -5, max: 1_000_000_000 })),
      limit: mostly(fc.integer({ min: -5, max: 1000 })),
    });
    await fuzz(variables, 200, (generated) => fuzzCase(LIST, generated));
  });

  it('lookups by generated ids and codes', async () => {
    await fuzz(
      fc.record({ id: mostly(fc.oneof(fc.uuid(), anyString)), code: mostly(anyString) }),
      200,
      (generated) => fuzzCase(LOOKUPS, generated),
    );
  });

  it('generated documents, operation names and correlation ids', async () => {
    const document = fc.oneof(
      anyString,
      fc.constantFrom(
        '{',
        '{ me { ',
        'query { __typename }',
        'mutation { }',
        'subscription { notificationStatusChanged { status } }',
      ),
      fc.string({ unit: 'grapheme-ascii', maxLength: 120 }).map((body) => `{ ${body} }`),
    );
    await fuzz(fc.tuple(document, anyValue, headerValue), 300, ([query, variables, correlation]) =>
      fuzzCase(query, typeof variables === 'object' ? variables : { v: variables }, {
        'x-correlation-id': correlation,
      }),
    );
  });
});
