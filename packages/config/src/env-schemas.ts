import { z } from 'zod';

/** A URL with one of the given protocols, e.g. envUrl(['postgres:', 'postgresql:']). */
export function envUrl(protocols: readonly string[]) {
  return z.string().refine(
    (value) => {
      try {
        return protocols.includes(new URL(value).protocol);
      } catch {
        return false;
      }
    },
    { message: `must be a URL with protocol ${protocols.map((p) => p.replace(/:$/, '')).join(' or ')}` },
  );
}

export function envPort(defaultPort: number) {
  return z.coerce.number().int().min(0).max(65535).default(defaultPort);
}

export function envBoolean(defaultValue: boolean) {
  return z
    .enum(['true', 'false', '1', '0', 'yes', 'no'])
    .default(defaultValue ? 'true' : 'false')
    .transform((value) => value === 'true' || value === '1' || value === 'yes');
}
