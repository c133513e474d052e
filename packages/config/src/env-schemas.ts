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

/**
 * A comma-separated list of URLs with one of the given protocols (the nodes of a cluster);
 * spaces around the commas are allowed. A bad entry is named by its position, not its value,
 * which may hold a password.
 */
export function envUrlList(protocols: readonly string[]) {
  const url = envUrl(protocols);
  return z
    .string()
    .transform((value) => value.split(',').map((entry) => entry.trim()))
    .superRefine((urls, context) => {
      urls.forEach((entry, index) => {
        const checked = url.safeParse(entry);
        if (!checked.success) {
          context.addIssue({
            code: 'custom',
            message: `entry ${index + 1} of ${urls.length} ${checked.error.issues[0]?.message ?? 'is not a URL'}`,
          });
        }
      });
    })
    .transform((urls): readonly string[] => urls);
}

/**
 * A gRPC peer (docs/architecture.md, Service discovery): `host:port`, `[ipv6]:port`, or
 * `dns:///host:port`, which resolves every address of the name so replicas share the load.
 */
export function envGrpcAddress(defaultAddress: string) {
  return z
    .string()
    .regex(
      /^(dns:\/\/\/)?(\[[0-9a-fA-F:]+\]|[^\s:/]+):\d{1,5}$/,
      'must be host:port, [ipv6]:port or dns:///host:port',
    )
    .default(defaultAddress);
}

export interface HostPort {
  readonly host: string;
  readonly port: number;
}

/** A comma-separated list of `host:port` (or `[ipv6]:port`), e.g. the sentinels of REDIS_SENTINELS. */
export function envHostPortList() {
  return z.string().transform((value, context): HostPort[] => {
    const entries = value
      .split(',')
      .map((part) => part.trim())
      .filter((part) => part.length > 0);
    if (entries.length === 0)
      context.addIssue({ code: 'custom', message: 'must list at least one host:port' });
    return entries.flatMap((entry, index) => {
      const match = /^(?:\[([0-9a-fA-F:]+)\]|([^\s:/[\]]+)):(\d{1,5})$/.exec(entry);
      const port = Number(match?.[3]);
      if (!match || port < 1 || port > 65535) {
        context.addIssue({ code: 'custom', message: `entry ${index + 1} must be host:port or [ipv6]:port` });
        return [];
      }
      return [{ host: (match[1] ?? match[2]) as string, port }];
    });
  });
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
