import { z } from 'zod';

export const INTERNAL_TOKEN_HEADER = 'x-internal-token';
/**
 * The caller's identity as the gateway forwards it: an HTTP header on subgraph calls and the
 * same key in gRPC metadata on NotificationService calls, encoded by encodeIdentity.
 */
export const IDENTITY_HEADER = 'x-herald-identity';
export const CORRELATION_HEADER = 'x-correlation-id';

/** Who is calling, as established by the gateway and forwarded to the subgraphs. */
export const identitySchema = z.object({
  kind: z.enum(['admin', 'user', 'service']),
  id: z.string(),
  role: z.enum(['user', 'admin']).optional(),
  scopes: z.array(z.string()).default([]),
});

export type Identity = z.output<typeof identitySchema>;

export function encodeIdentity(identity: Identity): string {
  return Buffer.from(JSON.stringify(identity)).toString('base64url');
}

export function decodeIdentity(header: string | undefined): Identity | undefined {
  if (!header) return undefined;
  try {
    const parsed = identitySchema.safeParse(JSON.parse(Buffer.from(header, 'base64url').toString('utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
