import { createHash } from 'node:crypto';

/** The parts of a send request that make it "the same request" when its request id repeats. */
export interface FingerprintedRequest {
  readonly channel: string;
  readonly userId: string;
  readonly templateCode: string;
  readonly variables: Record<string, unknown>;
  readonly priority: number;
  readonly locale?: string | null;
  readonly category?: string | null;
  readonly metadata?: Record<string, unknown> | null;
  readonly sendAt?: Date | null;
}

/**
 * A stable hash of the request: object keys are sorted at every depth, and an absent
 * optional field hashes like null, so a client's retry matches however it orders its JSON.
 */
export function fingerprintRequest(request: FingerprintedRequest): string {
  const canonical = canonicalJson({
    channel: request.channel,
    userId: request.userId,
    templateCode: request.templateCode,
    variables: request.variables,
    priority: request.priority,
    locale: request.locale ?? null,
    category: request.category ?? null,
    metadata: request.metadata ?? null,
    sendAt: request.sendAt?.toISOString() ?? null,
  });
  return createHash('sha256').update(canonical).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item ?? null)).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}
