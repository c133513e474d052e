import type { ReconnectPolicy } from '../client-options.ts';

/**
 * How long to wait before reconnection `attempt` (0 first): doubling up to the ceiling, with
 * half of it random so that clients cut off together do not all come back at once.
 */
export function reconnectDelay(attempt: number, policy: ReconnectPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** attempt);
  return ceiling / 2 + (random() * ceiling) / 2;
}
