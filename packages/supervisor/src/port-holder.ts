import { readFile, readdir, readlink } from 'node:fs/promises';

export interface PortHolder {
  readonly pid: number;
  readonly command: string;
}

/** The state column of /proc/net/tcp for a listening socket. */
const LISTEN = '0A';
const SOCKET_LINK = /^socket:\[(\d+)\]$/;
const MAX_COMMAND_LENGTH = 120;

/**
 * The process listening on a TCP port, read from /proc (Linux): the socket's inode from
 * /proc/net/tcp and tcp6, then the process with a descriptor on that inode. Undefined where
 * there is no /proc, or when the holder belongs to another user (its descriptors are unreadable).
 */
export async function findPortHolder(port: number, proc = '/proc'): Promise<PortHolder | undefined> {
  const inodes = await listeningInodes(port, proc);
  if (inodes.size === 0) return undefined;
  for (const pid of await readdir(proc).catch(() => [])) {
    if (!/^\d+$/.test(pid)) continue;
    for (const fd of await readdir(`${proc}/${pid}/fd`).catch(() => [])) {
      const link = await readlink(`${proc}/${pid}/fd/${fd}`).catch(() => '');
      const inode = SOCKET_LINK.exec(link)?.[1];
      if (inode && inodes.has(inode)) return { pid: Number(pid), command: await commandOf(proc, pid) };
    }
  }
  return undefined;
}

async function listeningInodes(port: number, proc: string): Promise<Set<string>> {
  const inodes = new Set<string>();
  for (const table of ['tcp', 'tcp6']) {
    const text = await readFile(`${proc}/net/${table}`, 'utf8').catch(() => '');
    // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode …
    for (const line of text.split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      const localPort = fields[1]?.split(':')[1];
      if (fields[3] === LISTEN && localPort && parseInt(localPort, 16) === port && fields[9]) {
        inodes.add(fields[9]);
      }
    }
  }
  return inodes;
}

async function commandOf(proc: string, pid: string): Promise<string> {
  const cmdline = await readFile(`${proc}/${pid}/cmdline`, 'utf8').catch(() => '');
  // One line, whatever the arguments hold (a `-c` script spans several).
  const command = cmdline.split('\0').join(' ').replace(/\s+/g, ' ').trim();
  return command.length > MAX_COMMAND_LENGTH ? `${command.slice(0, MAX_COMMAND_LENGTH)}…` : command;
}
