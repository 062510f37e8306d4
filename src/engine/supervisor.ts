import type { Socket } from 'node:net';
import { isPortFree, startEngine, stopProcess, type StartedEngine } from './embedded.ts';
import { dataPath, enginesOn, ensureEngineHome, isEngineOf, readEngineState, removeEngineState, writeEngineState } from './engine-home.ts';
import { isLockHolder, tryHostLock } from './host-lock.ts';

/** What the supervisor tells the processes that hold a lease on its engine, one JSON object a line. */
export type SupervisorMessage = { type: 'ready'; url: string; pid: number } | { type: 'down'; reason: string } | { type: 'failed'; reason: string };

/** The lock the supervisor of `home` holds; its socket is where the processes using the engine take their lease. */
export const supervisorLockName = (home: string): string => `engine-supervisor ${dataPath(home)}`;

/** After the last lease ends, the engine runs this much longer (the next command of a script finds it up). */
const IDLE_STOP_MS = 2000;
/** Restarts of an engine that died wait longer each time, up to this. */
const MAX_RESTART_DELAY_MS = 30_000;
/** An engine up this long has its restart delay start afresh. */
const STABLE_MS = 60_000;

const log = (line: string) => console.log(`${new Date().toISOString()} ${line}`);
const reasonOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** The state of one supervisor: who holds a lease, the engine, what newcomers are told first. */
interface Supervision {
  home: string;
  leases: Set<Socket>;
  /** The last "ready" or "failed" told, for whoever connects next. */
  current: SupervisorMessage | null;
  engine: StartedEngine | null;
  /** A start in progress: a stop waits for it, so no engine is left behind. */
  starting: Promise<unknown> | null;
  stopping: boolean;
  idleTimer?: NodeJS.Timeout;
}

const tell = (socket: Socket, message: SupervisorMessage) => socket.write(`${JSON.stringify(message)}\n`);

function broadcast(state: Supervision, message: SupervisorMessage): void {
  if (message.type !== 'down') state.current = message;
  for (const socket of state.leases) tell(socket, message);
}

async function stopAll(state: Supervision, why: string): Promise<void> {
  if (state.stopping) return;
  state.stopping = true;
  log(`stopping the engine: ${why}`);
  await state.starting?.catch(() => undefined);
  await state.engine?.stop();
  removeEngineState(state.home);
  process.exit(0);
}

/** A new lease: told how the engine is; when the last lease ends, the engine stops a little later. */
function onLease(state: Supervision, socket: Socket): void {
  state.leases.add(socket);
  clearTimeout(state.idleTimer);
  socket.on('error', () => undefined);
  socket.on('close', () => {
    state.leases.delete(socket);
    if (state.leases.size === 0) state.idleTimer = setTimeout(() => void stopAll(state, 'no process uses it any more'), IDLE_STOP_MS);
  });
  if (state.current) tell(socket, state.current);
}

/**
 * Runs the embedded engine of `home` for as long as some process holds a lease on it (an open
 * connection to the supervisor's socket, which the kernel closes when that process dies), restarts
 * it when it dies, and stops it once the last lease has ended. One supervisor per data folder: a
 * second one finds the socket taken and leaves. The lease sockets and the timers keep this process
 * alive; the lock's listening socket does not.
 */
export async function superviseEngine(requestedHome: string): Promise<void> {
  const state: Supervision = { home: ensureEngineHome(requestedHome), leases: new Set(), current: null, engine: null, starting: null, stopping: false };
  const lock = await tryHostLock(supervisorLockName(state.home), (socket) => onLease(state, socket));
  if (isLockHolder(lock)) return;
  process.on('SIGTERM', () => void stopAll(state, 'SIGTERM'));
  process.on('SIGINT', () => void stopAll(state, 'SIGINT'));
  // Nobody may have connected yet when the first start fails: a supervisor without leases still ends.
  state.idleTimer = setTimeout(() => state.leases.size === 0 && void stopAll(state, 'no process took a lease'), 60_000);
  await keepEngineUp(state, await stopOrphans(state.home));
}

/** Starts the engine, and again each time it dies, waiting longer after each quick failure. */
async function keepEngineUp(state: Supervision, preferredPort: number | undefined): Promise<void> {
  let port = preferredPort;
  for (let failures = 0; !state.stopping; ) {
    const started = Date.now();
    const starting = startEngine({ home: state.home, port });
    state.starting = starting;
    const engine = await starting.catch((error: unknown) => {
      log(`the engine did not start: ${reasonOf(error)}`);
      broadcast(state, { type: 'failed', reason: reasonOf(error) });
      return null;
    });
    state.starting = null;
    if (engine !== null) {
      state.engine = engine;
      // A restart listens where the processes holding a lease already send their requests.
      port = Number(new URL(engine.url).port);
      writeEngineState(state.home, { pid: engine.pid, url: engine.url });
      log(`Meilisearch pid ${engine.pid} serves ${engine.url}`);
      broadcast(state, { type: 'ready', url: engine.url, pid: engine.pid });
      const how = await engine.exited;
      if (state.stopping) return;
      log(`Meilisearch pid ${engine.pid} ${how}; restarting it`);
      broadcast(state, { type: 'down', reason: `Meilisearch pid ${engine.pid} ${how}` });
      await engine.stop();
    }
    failures = engine !== null && Date.now() - started > STABLE_MS ? 1 : failures + 1;
    await restartDelay(failures);
  }
}

const restartDelay = (failures: number) => new Promise((resolve) => setTimeout(resolve, Math.min(MAX_RESTART_DELAY_MS, 500 * 2 ** (failures - 1))));

/**
 * An engine still serving this folder belongs to a supervisor that was killed: it is stopped, so
 * that a new one never runs beside it. `engine.json` names it only as a hint: a pid is trusted once
 * its command line says it is Meilisearch on this folder at that URL. Returns that engine's port,
 * where the processes that used it will look for the new one.
 */
async function stopOrphans(home: string): Promise<number | undefined> {
  const state = readEngineState(home);
  let port: number | undefined;
  if (state !== null && 'problem' in state) log(`${state.problem}: ignored`);
  else if (state !== null && !isEngineOf(state.pid, home, state.url)) log(`engine.json names pid ${state.pid}, which is not this folder's engine at ${state.url}: ignored`);
  else if (state !== null) port = Number(/:(\d+)$/u.exec(state.url)?.[1]);
  for (const pid of enginesOn(home)) {
    log(`stopping Meilisearch pid ${pid}, left serving ${dataPath(home)} by a supervisor that is gone`);
    await stopProcess(pid);
  }
  return port !== undefined && Number.isInteger(port) && (await isPortFree(port)) ? port : undefined;
}
