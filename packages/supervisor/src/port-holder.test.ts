import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findPortHolder } from './port-holder';

const HEADER =
  '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n';

/** A /proc with one process holding the given sockets, and these rows in net/tcp and net/tcp6. */
function fakeProc(
  rows: { tcp?: string[]; tcp6?: string[] },
  process: { pid: number; cmdline: string; sockets: string[] },
) {
  const proc = mkdtempSync(join(tmpdir(), 'fake-proc-'));
  mkdirSync(join(proc, 'net'));
  writeFileSync(join(proc, 'net', 'tcp'), HEADER + (rows.tcp ?? []).join('\n'));
  writeFileSync(join(proc, 'net', 'tcp6'), HEADER + (rows.tcp6 ?? []).join('\n'));
  mkdirSync(join(proc, `${process.pid}`, 'fd'), { recursive: true });
  writeFileSync(join(proc, `${process.pid}`, 'cmdline'), process.cmdline);
  process.sockets.forEach((inode, fd) =>
    symlinkSync(`socket:[${inode}]`, join(proc, `${process.pid}`, 'fd', `${fd}`)),
  );
  return proc;
}

/** A /proc/net/tcp row: local address, state, inode (port 8000 is 1F40). */
const row = (local: string, state: string, inode: string) =>
  `   0: ${local} 00000000:0000 ${state} 00000000:00000000 00:00000000 00000000  1000        0 ${inode} 1 0000000000000000 100 0 0 10 0`;

describe('findPortHolder', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('names the process listening on the port, its command on one line', async () => {
    const proc = fakeProc(
      { tcp: [row('0100007F:1F40', '0A', '4242')] },
      { pid: 321, cmdline: 'python3\0-c\0import socket\nsocket.socket()\0', sockets: ['99', '4242'] },
    );
    dirs.push(proc);
    expect(await findPortHolder(8000, proc)).toEqual({
      pid: 321,
      command: 'python3 -c import socket socket.socket()',
    });
  });

  it('finds an IPv6 listener, and ignores connections that merely use the port', async () => {
    const proc = fakeProc(
      {
        tcp: [row('0100007F:1F40', '01', '7')],
        tcp6: [row('00000000000000000000000000000000:1F40', '0A', '8')],
      },
      { pid: 55, cmdline: 'node\0server.js\0', sockets: ['7', '8'] },
    );
    dirs.push(proc);
    expect(await findPortHolder(8000, proc)).toEqual({ pid: 55, command: 'node server.js' });
  });

  it('finds nobody when no socket listens there or /proc is missing', async () => {
    const proc = fakeProc(
      { tcp: [row('0100007F:1F41', '0A', '9')] },
      { pid: 1, cmdline: 'x', sockets: ['9'] },
    );
    dirs.push(proc);
    expect(await findPortHolder(8000, proc)).toBeUndefined();
    expect(await findPortHolder(8000, join(proc, 'missing'))).toBeUndefined();
  });
});
