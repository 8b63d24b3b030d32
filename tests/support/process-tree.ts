/**
 * Linux process facts for lifetime tests, from /proc: a process's
 * descendants, whether one is alive, and the TCP ports a set of processes
 * listen on.
 *
 * @module
 */
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

/** The parent pid of each live process. */
function parents(): Map<number, number> {
  const found = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      found.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // Gone meanwhile.
    }
  }
  return found;
}

/** Every live descendant of `pid` (children, their children...). */
export function descendantsOf(pid: number): number[] {
  const byParent = new Map<number, number[]>();
  for (const [child, parent] of parents()) byParent.set(parent, [...(byParent.get(parent) ?? []), child]);
  const out: number[] = [];
  const queue = [pid];
  while (queue.length) for (const child of byParent.get(queue.shift()!) ?? []) (out.push(child), queue.push(child));
  return out;
}

/** Whether `pid` is a live process (a zombie counts as gone). */
export function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

/** The command line of `pid`, words joined by spaces; '' when it is gone. */
export function commandOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
  } catch {
    return '';
  }
}

/** TCP ports the given processes listen on (IPv4 and IPv6). */
export function listeningPortsOf(pids: readonly number[]): number[] {
  return localPortsOf(pids, '0A');
}

/** Local TCP ports of the given processes' established connections (a server's port once a client is connected). */
export function connectedPortsOf(pids: readonly number[]): number[] {
  return localPortsOf(pids, '01');
}

function localPortsOf(pids: readonly number[], state: string): number[] {
  const inodes = new Set<string>();
  for (const pid of pids) {
    let fds: string[] = [];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        const match = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
        if (match) inodes.add(match[1]!);
      } catch {
        // Closed meanwhile.
      }
    }
  }
  const ports = new Set<number>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text = '';
    try {
      text = readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      // local_address is field 1 (hex ip:port), st is field 3 (0A: LISTEN, 01: ESTABLISHED), inode is field 9.
      if (fields.length > 9 && fields[3] === state && inodes.has(fields[9]!)) ports.add(parseInt(fields[1]!.split(':')[1]!, 16));
    }
  }
  return [...ports].sort((a, b) => a - b);
}

/** Polls `check` every 200 ms until it is true or `timeoutMs` passes; resolves with its last answer. */
export async function eventually(check: () => boolean, timeoutMs: number): Promise<boolean> {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await new Promise((r) => setTimeout(r, 200))) {
    if (check()) return true;
  }
  return check();
}
