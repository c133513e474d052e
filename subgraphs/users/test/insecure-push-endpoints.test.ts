import { randomBytes } from 'node:crypto';
import { signUp, startUsers, type RunningUsers } from './users-client';

let users: RunningUsers;

beforeAll(async () => {
  users = await startUsers({ ALLOW_INSECURE_PUSH_ENDPOINTS: 'true' });
});

afterAll(async () => {
  await users?.stop();
});

describe('ALLOW_INSECURE_PUSH_ENDPOINTS=true (tests only)', () => {
  it('accepts a local http Web Push endpoint, so tests can run a push service on loopback', async () => {
    const user = await signUp(users);
    const result = await users.graphql(
      `mutation($input: DeviceInput!) { registerDevice(input: $input) { kind valid } }`,
      {
        input: {
          kind: 'WEB_PUSH',
          endpoint: 'http://127.0.0.1:9999/push/1',
          p256dh: Buffer.concat([Buffer.from([4]), randomBytes(64)]).toString('base64url'),
          auth: randomBytes(16).toString('base64url'),
        },
      },
      { identity: user.identity },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.registerDevice).toEqual({ kind: 'WEB_PUSH', valid: true });
    const [grpcUser] = (await users.grpcClient().GetUsers({ ids: [user.id] })).users;
    expect(grpcUser?.devices).toEqual([
      expect.objectContaining({ endpoint: 'http://127.0.0.1:9999/push/1' }),
    ]);
  });
});
