import { randomBytes, randomUUID } from 'node:crypto';
import {
  createUserWithToken,
  errorCodes,
  expectGraphQLAnswer,
  graphql,
  state,
  type TestUser,
} from './attack-kit';
import { createTally } from './attack-report';

const tally = createTally('ssrf', state.logDir);
afterAll(() => tally.save());

/** Loopback, private, link-local, metadata and local names, in the spellings that slip past naive checks. */
const INSIDE = [
  'https://127.0.0.1/push',
  'https://127.1/push',
  'https://2130706433/push',
  'https://0x7f000001/push',
  'https://0x7f.0.0.1/push',
  'https://0177.0.0.1/push',
  'https://0.0.0.0/push',
  'https://10.0.0.5/push',
  'https://172.16.0.1/push',
  'https://192.168.1.1/push',
  'https://100.64.0.1/push',
  'https://169.254.169.254/latest/meta-data/',
  'https://[::1]/push',
  'https://[::]/push',
  'https://[::ffff:127.0.0.1]/push',
  'https://[::ffff:7f00:1]/push',
  'https://[fe80::1]/push',
  'https://[fc00::1]/push',
  'https://[fd12:3456::1]/push',
  'https://localhost/push',
  'https://LOCALHOST./push',
  'https://push.localhost/push',
  'https://metadata.google.internal/computeMetadata/v1/',
  'https://printer.local/push',
  'https://intranet/push',
  'https://127.0.0.1:8443/push',
  'http://push.example.com/push',
  'https://user:password@push.example.com/push',
  'file:///etc/passwd',
  'gopher://127.0.0.1:6379/_INFO',
];

const keys = () => ({
  p256dh: Buffer.concat([Buffer.from([4]), randomBytes(64)]).toString('base64url'),
  auth: randomBytes(16).toString('base64url'),
});

describe('Web Push endpoints inside the network are refused at registration', () => {
  let user: TestUser;

  beforeAll(async () => {
    user = await createUserWithToken('ssrf');
  });

  const register = (endpoint: string) =>
    graphql(
      'mutation ($input: DeviceInput!) { registerDevice(input: $input) { id } }',
      { input: { kind: 'WEB_PUSH', endpoint, ...keys() } },
      user.bearer,
    );

  it.each(INSIDE)('refuses %s', async (endpoint) => {
    await tally.attempt(`register Web Push endpoint ${endpoint}`, async () => {
      const answer = await register(endpoint);
      expectGraphQLAnswer(answer);
      expect(errorCodes(answer)).toEqual(['BAD_USER_INPUT']);
      expect(answer.text).toContain('endpoint');
    });
  });

  it('accepts a public https endpoint (the control)', async () => {
    await tally.attempt('register a public Web Push endpoint', async () => {
      const answer = await register(`https://updates.push.services.mozilla.com/wpush/v2/${randomUUID()}`);
      expect(errorCodes(answer)).toEqual([]);
    });
  });
});

describe('image URLs inside the network are refused when the template is stored', () => {
  it.each(INSIDE.filter((url) => url.startsWith('https://')))('refuses %s', async (imageUrl) => {
    await tally.attempt(`template image URL ${imageUrl}`, async () => {
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
            code: `img-${randomUUID().slice(0, 8)}`,
            channel: 'PUSH',
            title: 'T',
            body: 'B',
            imageUrl,
          },
        },
      );
      expectGraphQLAnswer(answer);
      expect(errorCodes(answer)).toEqual(['BAD_USER_INPUT']);
      expect(answer.text).toContain('imageUrl');
    });
  });
});
