import { createServer } from 'node:net';
import { findPortHolder, type PortHolder } from './port-holder';
import type { ServiceSpec } from './service-spec';

/** A port a service needs that something else holds. */
export interface TakenPort {
  readonly service: string;
  readonly port: number;
  readonly variable: string;
  /** Why the port could not be bound (EADDRINUSE, EACCES …). */
  readonly code: string;
  readonly holder?: PortHolder;
}

/** The first port of these services that cannot be bound now, with its holder when it can be found. */
export async function findTakenPort(services: readonly ServiceSpec[]): Promise<TakenPort | undefined> {
  for (const service of services) {
    for (const { port, variable } of service.ports) {
      const code = await bindError(port);
      if (code === undefined) continue;
      const holder = await findPortHolder(port);
      return { service: service.name, port, variable, code, ...(holder ? { holder } : {}) };
    }
  }
  return undefined;
}

/** One line that says which port, who holds it, and what to do. */
export function describeTakenPort({ service, port, variable, code, holder }: TakenPort): string {
  const by = holder ? `pid ${holder.pid} (${holder.command})` : 'another process';
  const what = code === 'EADDRINUSE' ? `is already in use by ${by}` : `cannot be bound (${code})`;
  return `port ${port} (${service}, ${variable}) ${what}: stop that process or set ${variable} to a free port`;
}

/** Binds the port as the services do (every interface), and lets it go at once. */
function bindError(port: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
    server.listen({ port, host: '0.0.0.0', exclusive: true }, () => server.close(() => resolve(undefined)));
  });
}
