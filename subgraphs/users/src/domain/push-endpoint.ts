import { publicHttpsUrlProblem } from '@herald/config';

/**
 * Why a Web Push endpoint is refused, or undefined when it is acceptable: a public https URL,
 * unless tests allow insecure endpoints (then any http or https URL).
 */
export function pushEndpointProblem(endpoint: string, allowInsecure: boolean): string | undefined {
  if (!allowInsecure) return publicHttpsUrlProblem(endpoint);
  if (!URL.canParse(endpoint)) return 'must be an absolute URL';
  const { protocol } = new URL(endpoint);
  return protocol === 'https:' || protocol === 'http:' ? undefined : 'must be https';
}
