import { createHash } from 'node:crypto';
import { chmodSync, rmSync } from 'node:fs';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Who holds a lock: told to whoever finds it taken. */
export interface LockHolder {
  pid: number;
  /** The holder's command line. */
  what: string;
  /** When it took the lock (ISO time). */
  since: string;
}

export interface HostLock {
  release(): Promise<void>;
}

/**
 * The lock is a listening local socket: binding one is atomic, and the kernel lets it go when its
 * process dies however it dies, so a lock is never left stale. On Linux the socket is abstract
 * (no file at all); elsewhere a socket file whose listener is gone is removed and bound again.
 */
export const lockSocketPath = (name: string): string => {
  const digest = createHash('sha1').update(name).digest('hex').slice(0, 24);
  return process.platform === 'linux' ? `\0archive-search-${digest}` : join(tmpdir(), `archive-search-${digest}.sock`);
};

const listen = (server: Server, path: string): Promise<void> =>
  new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(path, () => {
      server.off('error', reject);
      resolve();
    });
  });

/** The holder of a taken lock as it describes itself; null when nobody answers (a socket file left behind). */
function askHolder(path: string): Promise<LockHolder | null> {
  return new Promise((resolve) => {
    let answer = '';
    let connected = false;
    const socket = createConnection(path, () => (connected = true));
    socket.setTimeout(2000, () => socket.destroy());
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      try {
        resolve(JSON.parse(answer) as LockHolder);
      } catch {
        resolve(connected ? { pid: 0, what: 'a process that does not say who it is', since: '' } : null);
      }
    });
  });
}

/**
 * Takes the lock `name` for this process, or says who holds it. Whoever connects to a held lock is
 * told who holds it, unless `onConnection` speaks to them instead.
 */
export async function tryHostLock(name: string, onConnection?: (socket: Socket) => void): Promise<HostLock | LockHolder> {
  const path = lockSocketPath(name);
  const holder: LockHolder = { pid: process.pid, what: process.argv.slice(1).join(' '), since: new Date().toISOString() };
  for (let attempt = 0; ; attempt++) {
    const server = createServer(onConnection ?? ((socket) => socket.end(JSON.stringify(holder))));
    try {
      await listen(server, path);
      // The lock lives as long as the process, and never keeps it alive.
      server.unref();
      if (!path.startsWith('\0')) chmodSync(path, 0o600);
      return { release: () => new Promise<void>((resolve) => server.close(() => resolve())) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
      const other = await askHolder(path);
      if (other !== null) return other;
      if (path.startsWith('\0') || attempt > 0) return { pid: 0, what: 'a process that does not answer', since: '' };
      rmSync(path, { force: true });
    }
  }
}

export const isLockHolder = (lock: HostLock | LockHolder): lock is LockHolder => 'pid' in lock;

/** Takes the lock `name`, waiting while another process holds it (`onWait` is told once who). */
export async function waitForHostLock(name: string, onWait: (holder: LockHolder) => void, pollMs = 500): Promise<HostLock> {
  let told = false;
  for (;;) {
    const lock = await tryHostLock(name);
    if (!isLockHolder(lock)) return lock;
    if (!told) onWait(lock);
    told = true;
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}
