import { UnauthenticatedError, UnavailableError } from '@herald/errors';
import type { Logger } from '@herald/logging';
import { createGrpcServer, loadHeraldProto } from '@herald/proto';

export interface StubCredential {
  readonly kind: 'user' | 'service';
  readonly id: string;
  readonly role?: 'user' | 'admin';
  readonly scopes?: readonly string[];
}

/**
 * users' gRPC VerifyCredential over a fixed table (credential → identity), counting calls so
 * tests can see the gateway's cache, and UnsubscribeEmail (the one-click route) into a set.
 * Everything else users serves is out of the gateway's reach.
 */
export async function startStubUsersGrpc(
  resolve: (credential: string) => StubCredential | undefined,
  internalToken: string,
  log: Logger,
): Promise<{
  address: string;
  verifyCalls: string[];
  /** Users opted out through UnsubscribeEmail: `<user id> <category>`. */
  unsubscribed: Set<string>;
  close(): Promise<void>;
}> {
  const verifyCalls: string[] = [];
  const unsubscribed = new Set<string>();
  const server = createGrpcServer({ internalToken, log });
  const notServed = async (): Promise<never> => {
    throw new UnavailableError('not served by the stub');
  };
  server.addService(loadHeraldProto().herald.v1.UserService.service, {
    GetUser: notServed,
    GetUsers: notServed,
    InvalidatePushToken: notServed,
    RecordEmailFeedback: notServed,
    UnsubscribeEmail: async ({ user_id, category }) => {
      const key = `${user_id} ${category}`;
      const changed = !unsubscribed.has(key);
      unsubscribed.add(key);
      return { changed };
    },
    VerifyCredential: async ({ credential }) => {
      verifyCalls.push(credential);
      const identity = resolve(credential);
      if (!identity) throw new UnauthenticatedError('the credential is not valid');
      return {
        kind: identity.kind,
        id: identity.id,
        role: identity.role ?? '',
        scopes: [...(identity.scopes ?? [])],
        expires_at: identity.kind === 'user' ? new Date(Date.now() + 3_600_000).toISOString() : '',
      };
    },
  });
  const port = await server.listen(0, '127.0.0.1');
  return { address: `127.0.0.1:${port}`, verifyCalls, unsubscribed, close: () => server.close() };
}
