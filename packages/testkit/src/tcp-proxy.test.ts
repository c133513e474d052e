import net from 'node:net';
import { startTcpProxy, type TcpProxy } from './tcp-proxy';
import { waitFor } from './wait-for';

/** An echo server that prefixes each answer with its name, so a test sees who answered. */
async function startEcho(
  name: string,
): Promise<{ port: number; answered: () => string; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  let answered = '';
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('data', (chunk) => {
      const answer = `${name}:${chunk.toString()}`;
      socket.write(answer, () => (answered += answer));
    });
    socket.on('error', () => socket.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    answered: () => answered,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A client that keeps everything it received. */
async function connect(port: number): Promise<{ socket: net.Socket; received: () => string }> {
  const socket = net.connect(port, '127.0.0.1');
  let received = '';
  socket.on('data', (chunk) => (received += chunk.toString()));
  socket.on('error', () => undefined);
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  return { socket, received: () => received };
}

async function ask(port: number, text: string): Promise<string> {
  const client = await connect(port);
  client.socket.write(text);
  await waitFor(() => client.received().length > 0, { timeoutMs: 5_000, description: 'an answer' });
  client.socket.destroy();
  return client.received();
}

describe('startTcpProxy', () => {
  const closing: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    for (const server of closing.splice(0)) await server.close();
  });

  it('spreads new connections over its targets and skips one that refuses them', async () => {
    const [a, b] = [await startEcho('a'), await startEcho('b')];
    const proxy = await startTcpProxy([
      { host: '127.0.0.1', port: a.port },
      { host: '127.0.0.1', port: b.port },
    ]);
    closing.push(proxy, a, b);
    expect([await ask(proxy.port, 'x'), await ask(proxy.port, 'y')].sort()).toEqual(['a:x', 'b:y']);

    await b.close();
    expect([await ask(proxy.port, 'x'), await ask(proxy.port, 'y')]).toEqual(['a:x', 'a:y']);
  });

  it('holds the answers while the client still sends, and lets them through on restore', async () => {
    const echo = await startEcho('a');
    const proxy: TcpProxy = await startTcpProxy({ host: '127.0.0.1', port: echo.port });
    closing.push(proxy, echo);
    const client = await connect(proxy.port);
    client.socket.write('one');
    await waitFor(() => client.received() === 'a:one', { timeoutMs: 5_000, description: 'an answer' });

    proxy.hold();
    client.socket.write('two');
    await waitFor(() => proxy.sentWhileHeld() === 3 && echo.answered() === 'a:onea:two', {
      timeoutMs: 5_000,
      description: 'the echo server to answer through the hold',
    });
    // A negative: give the answer, already written to the proxy, time to slip through.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(client.received()).toBe('a:one');

    proxy.restore();
    await waitFor(() => client.received() === 'a:onea:two', {
      timeoutMs: 5_000,
      description: 'the held answer',
    });
    client.socket.destroy();
  });
});
