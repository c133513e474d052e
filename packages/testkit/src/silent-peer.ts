import { createServer, type AddressInfo, type Socket } from 'node:net';

/** A TCP server that accepts connections and never answers, as a hung process does. */
export interface SilentPeer {
  /** 127.0.0.1:port */
  readonly address: string;
  close(): Promise<void>;
}

export function startSilentPeer(): Promise<SilentPeer> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        address: `127.0.0.1:${port}`,
        close: () =>
          new Promise((closed) => {
            for (const socket of sockets) socket.destroy();
            server.close(() => closed());
          }),
      });
    });
  });
}
