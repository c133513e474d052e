import { createServer } from 'node:http';
import { fixedRoutes, timeHttpRequests, type MetricsRegistry } from '@herald/observability';
import { HEALTH_PATHS, type HealthHandler } from './health-handler';
import { closeServer, listen } from './listen';

export interface HealthServer {
  readonly port: number;
  close(): Promise<void>;
}

/** A standalone /health, /ready, /metrics server, for processes with no HTTP API (workers). */
export async function startHealthServer(
  handler: HealthHandler,
  port: number,
  registry: MetricsRegistry,
): Promise<HealthServer> {
  const time = timeHttpRequests(registry, fixedRoutes(HEALTH_PATHS));
  const server = createServer((req, res) => {
    time(req, res);
    handler(req, res)
      .then((handled) => {
        if (!handled) {
          res.writeHead(404, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ error: 'not found' }));
        }
      })
      .catch(() => {
        res.writeHead(500);
        res.end();
      });
  });
  const boundPort = await listen(server, port);
  return { port: boundPort, close: () => closeServer(server) };
}
