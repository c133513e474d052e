import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Idle keep-alive connections stay open longer than any client keeps them (undici: 4 s, load
 * balancers: 60 s), so the client always closes first. With Node's default of 5 s, a client
 * reusing a connection just as the server drops it gets "other side closed".
 */
const KEEP_ALIVE_TIMEOUT_MS = 65_000;

/** Listens on host:port (0 picks a free port) and resolves with the bound port. */
export function listen(server: Server, port: number, host = '0.0.0.0'): Promise<number> {
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  // Must exceed keepAliveTimeout, or Node may time out a request arriving on a reused socket.
  server.headersTimeout = KEEP_ALIVE_TIMEOUT_MS + 1_000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeIdleConnections();
  });
}
