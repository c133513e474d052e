import net from 'node:net';

export interface ProxyTarget {
  readonly host: string;
  readonly port: number;
}

/**
 * A loopback TCP proxy a test can cut (drop every connection, refuse new ones), hold (let the
 * clients' bytes through, keep the answers back) and restore. Given several targets it balances
 * like an L4 load balancer: each new connection goes to the next target in turn, and to the one
 * after when that refuses.
 */
export interface TcpProxy {
  readonly port: number;
  cut(): void;
  /** Keeps every later answer from the targets back until restore(); clients still send. */
  hold(): void;
  /** Bytes the clients sent on towards the targets since the last hold() began. */
  sentWhileHeld(): number;
  /** Ends a cut or a hold: new connections are let through and held answers flow on. */
  restore(): void;
  close(): Promise<void>;
}

export async function startTcpProxy(target: ProxyTarget | readonly ProxyTarget[]): Promise<TcpProxy> {
  const targets = Array.isArray(target) ? target : [target as ProxyTarget];
  const sockets = new Set<net.Socket>();
  const answers = new Set<{ upstream: net.Socket; client: net.Socket }>();
  let open = true;
  let holding = false;
  let sentWhileHeld = 0;
  let next = 0;
  const track = (socket: net.Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  };
  const forwardAnswers = (pair: { upstream: net.Socket; client: net.Socket }) => {
    pair.upstream.pipe(pair.client);
    pair.upstream.resume();
  };
  const holdAnswers = ({ upstream, client }: { upstream: net.Socket; client: net.Socket }) => {
    upstream.unpipe(client);
    upstream.pause();
  };
  /** Connects to the first target, from `first` on, that accepts; undefined when none does. */
  const connectUpstream = async (first: number): Promise<net.Socket | undefined> => {
    for (let tried = 0; tried < targets.length; tried += 1) {
      const { host, port } = targets[(first + tried) % targets.length]!;
      const upstream = net.connect(port, host);
      const connected = await new Promise<boolean>((resolve) => {
        upstream.once('connect', () => resolve(true));
        upstream.once('error', () => resolve(false));
      });
      if (connected) return upstream;
      upstream.destroy();
    }
    return undefined;
  };
  const server = net.createServer((client) => {
    track(client);
    if (!open) {
      client.destroy();
      return;
    }
    // Bytes the client sends before the upstream is chosen wait in its buffer.
    client.pause();
    const first = next;
    next = (next + 1) % targets.length;
    void connectUpstream(first).then((upstream) => {
      if (!upstream || client.destroyed || !open) {
        upstream?.destroy();
        client.destroy();
        return;
      }
      track(upstream);
      const pair = { upstream, client };
      answers.add(pair);
      client.on('data', (chunk: Buffer) => {
        if (holding) sentWhileHeld += chunk.length;
      });
      client.pipe(upstream);
      if (holding) holdAnswers(pair);
      else forwardAnswers(pair);
      client.on('close', () => {
        answers.delete(pair);
        upstream.destroy();
      });
      upstream.on('close', () => client.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as net.AddressInfo;
  const dropAll = () => {
    for (const socket of sockets) socket.destroy();
  };
  return {
    port: address.port,
    cut() {
      open = false;
      dropAll();
    },
    hold() {
      holding = true;
      sentWhileHeld = 0;
      for (const pair of answers) holdAnswers(pair);
    },
    sentWhileHeld: () => sentWhileHeld,
    restore() {
      open = true;
      if (!holding) return;
      holding = false;
      for (const pair of answers) forwardAnswers(pair);
    },
    close: () =>
      new Promise<void>((resolve) => {
        dropAll();
        server.close(() => resolve());
      }),
  };
}
