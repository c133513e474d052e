import { z } from 'zod';
import { InternalError } from '@herald/errors';
import type { GrpcVerifiedIdentity, PromiseClient, UserServiceDefinition } from '@herald/proto';
import type { VerifyCredential } from './authenticate';

const verifiedIdentitySchema = z.object({
  kind: z.enum(['user', 'service']),
  id: z.string().min(1),
  // An API key carries no role of its own (proto: empty string).
  role: z
    .enum(['user', 'admin', ''])
    .transform((role) => (role === '' ? undefined : role))
    .optional(),
  scopes: z.array(z.string()).default([]),
  expires_at: z.string().default(''),
});

/** VerifyCredential over users' gRPC; UNAUTHENTICATED and UNAVAILABLE come back as HeraldErrors. */
export function verifyThroughUsers(
  users: Pick<PromiseClient<UserServiceDefinition>, 'VerifyCredential'>,
): VerifyCredential {
  return async (credential) => {
    const answer: GrpcVerifiedIdentity = await users.VerifyCredential({ credential });
    const parsed = verifiedIdentitySchema.safeParse(answer);
    if (!parsed.success) {
      throw new InternalError('users answered VerifyCredential with a malformed identity', {
        issues: parsed.error.issues.map((issue) => issue.path.join('.')),
      });
    }
    const { kind, id, role, scopes, expires_at: expiresAt } = parsed.data;
    const expiry = expiresAt ? new Date(expiresAt) : undefined;
    return {
      identity: role ? { kind, id, role, scopes } : { kind, id, scopes },
      expiresAt: expiry && !Number.isNaN(expiry.getTime()) ? expiry : undefined,
    };
  };
}
