import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { createConnection, type Socket } from 'node:net';
import { extname, join } from 'node:path';
import type { EngineHandle } from './embedded.ts';
import { capLog, ensureEngineHome, readOrCreateMasterKey } from './engine-home.ts';
import { EngineStartError } from './errors.ts';
import { lockSocketPath } from './host-lock.ts';
import { supervisorLockName, type SupervisorMessage } from './supervisor.ts';

/** Told, one line each, what happens to the shared engine after it first answered (it died, it is back). */
export type EngineEvents = (line: string) => void;

// Beside this file: supervisor-process.ts under tsx, supervisor-process.js in the compiled output.
const SUPERVISOR = new URL(`./supervisor-process${extname(import.meta.url)}`, import.meta.url).pathname;
/** A first start of the engine on a large data folder takes a while. */
const READY_TIMEOUT_MS = 90_000;
const MAX_SUPERVISOR_LOG_BYTES = 1024 * 1024;

interface Lease {
  socket: Socket;
  ready: Extract<SupervisorMessage, { type: 'ready' }>;
  /** True when this process started the supervisor. */
  started: boolean;
}

/**
 * The embedded engine of `home`, shared by every process of the app: a lease on the engine run by
 * the folder's supervisor, which is started (detached, in a session of its own) when none runs. The
 * engine lives while any process holds a lease: the command that started it may end first.
 */
export async function acquireEmbeddedEngine(requestedHome: string, onEvent: EngineEvents = () => {}): Promise<EngineHandle> {
  const home = ensureEngineHome(requestedHome);
  // A damaged key file is reported before anything is started.
  const masterKey = readOrCreateMasterKey(home);
  let lease = await takeLease(home);
  let stopping = false;
  const follow = (current: Lease) => {
    readMessages(current.socket, (message) => onEvent(eventLine(message)));
    current.socket.once('close', () => {
      if (stopping) return;
      onEvent('engine: its supervisor went away; starting a new one');
      void takeLease(home).then(
        (next) => {
          lease = next;
          onEvent(eventLine(next.ready));
          follow(next);
        },
        (error: unknown) => onEvent(`engine: could not be started again: ${(error as Error).message}`),
      );
    });
  };
  follow(lease);
  return {
    url: lease.ready.url,
    masterKey,
    owned: lease.started,
    pid: lease.ready.pid,
    stop: () => {
      stopping = true;
      return new Promise<void>((resolve) => {
        if (lease.socket.destroyed) resolve();
        lease.socket.once('close', () => resolve());
        lease.socket.end();
      });
    },
  };
}

const eventLine = (message: SupervisorMessage): string =>
  message.type === 'ready'
    ? `engine: Meilisearch serves ${message.url} (pid ${message.pid})`
    : message.type === 'down'
      ? `engine: ${message.reason}; it is restarted`
      : `engine: could not be started: ${message.reason}`;

/** Connects to the folder's supervisor (starting one when none listens) and waits until its engine answers. */
async function takeLease(home: string): Promise<Lease> {
  const path = lockSocketPath(supervisorLockName(home));
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let started = false;
  for (;;) {
    const socket = await connect(path);
    if (socket !== null) return { socket, ready: await firstAnswer(socket, home, deadline), started };
    if (!started) startSupervisor(home);
    started = true;
    if (Date.now() > deadline) throw new EngineStartError(`The engine supervisor of ${home} did not start (see ${join(home, 'supervisor.log')}).`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function connect(path: string): Promise<Socket | null> {
  return new Promise((resolve) => {
    const socket = createConnection(path, () => {
      socket.off('error', refused);
      resolve(socket);
    });
    const refused = () => resolve(null);
    socket.once('error', refused);
  });
}

function startSupervisor(home: string): void {
  const logFile = join(home, 'supervisor.log');
  capLog(logFile, MAX_SUPERVISOR_LOG_BYTES);
  const out = openSync(logFile, 'a', 0o600);
  // Same node and loader as this command; a session of its own, so no signal meant for this command reaches it.
  const child = spawn(process.execPath, [...process.execArgv, SUPERVISOR, home], { detached: true, stdio: ['ignore', out, out] });
  closeSync(out);
  child.unref();
}

function firstAnswer(socket: Socket, home: string, deadline: number): Promise<Lease['ready']> {
  const seeLogs = `(see ${join(home, 'engine.log')} and ${join(home, 'supervisor.log')})`;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(`no answer from the engine of ${home} within ${READY_TIMEOUT_MS / 1000} s ${seeLogs}`), Math.max(0, deadline - Date.now()));
    const fail = (reason: string) => {
      clearTimeout(timer);
      socket.destroy();
      reject(new EngineStartError(reason));
    };
    socket.once('close', () => fail(`the engine supervisor closed the connection ${seeLogs}`));
    readMessages(socket, (message) => {
      if (message.type === 'down') return;
      clearTimeout(timer);
      socket.removeAllListeners('close');
      socket.removeAllListeners('data');
      if (message.type === 'ready') resolve(message);
      else fail(`the embedded engine did not start: ${message.reason}`);
    });
  });
}

/** Calls `onMessage` with each line the supervisor sends. */
function readMessages(socket: Socket, onMessage: (message: SupervisorMessage) => void): void {
  let buffered = '';
  socket.on('error', () => undefined);
  socket.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    for (let end = buffered.indexOf('\n'); end >= 0; end = buffered.indexOf('\n')) {
      const line = buffered.slice(0, end);
      buffered = buffered.slice(end + 1);
      onMessage(JSON.parse(line) as SupervisorMessage);
    }
  });
}
