import { randomBytes } from 'node:crypto';
import { chmodSync, copyFileSync, existsSync, linkSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { EngineStartError } from './errors.ts';

/** Meilisearch refuses master keys shorter than this in production. */
const MIN_MASTER_KEY_BYTES = 16;

/** The folder of an embedded engine (data, key, logs, state), created if needed and made owner-only whatever its mode was. */
export function ensureEngineHome(home: string): string {
  const path = resolve(home);
  mkdirSync(path, { recursive: true, mode: 0o700 });
  // A folder made beforehand with 755 would leave the documents and the log readable by others.
  chmodSync(path, 0o700);
  return path;
}

export const dataPath = (home: string): string => join(resolve(home), 'data.ms');

/**
 * The master key of an embedded engine: generated once, readable by the owner only. It is written
 * whole or not at all (a temporary file linked into place), so an empty or short key file is
 * damage, reported as such, not a half-written key.
 */
export function readOrCreateMasterKey(home: string): string {
  const keyFile = join(home, 'master-key');
  if (!existsSync(keyFile)) {
    const draft = `${keyFile}.${process.pid}.tmp`;
    writeFileSync(draft, `${randomBytes(24).toString('base64url')}\n`, { mode: 0o600 });
    try {
      linkSync(draft, keyFile);
    } catch (error) {
      // Another process made it first: theirs is the key.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      rmSync(draft, { force: true });
    }
  }
  const key = readFileSync(keyFile, 'utf8').trim();
  if (Buffer.byteLength(key) < MIN_MASTER_KEY_BYTES) {
    throw new EngineStartError(
      `${keyFile} is ${key === '' ? 'empty' : `too short (${Buffer.byteLength(key)} bytes)`}: restore the key, or delete the file to have a new one made (the site's read key is then made again).`,
    );
  }
  return key;
}

/** Where the embedded engine listens, written by the process that supervises it (for people, and to find an orphan). */
export interface EngineState {
  pid: number;
  url: string;
}

const stateFile = (home: string): string => join(resolve(home), 'engine.json');

export function writeEngineState(home: string, state: EngineState): void {
  writeFileSync(stateFile(home), JSON.stringify(state), { mode: 0o600 });
}

export function removeEngineState(home: string): void {
  rmSync(stateFile(home), { force: true });
}

/** The recorded state, or why there is none usable (an empty or corrupt file says so, never throws). */
export function readEngineState(home: string): EngineState | { problem: string } | null {
  const file = stateFile(home);
  if (!existsSync(file)) return null;
  const text = readFileSync(file, 'utf8');
  if (text.trim() === '') return { problem: `${file} is empty` };
  try {
    const state = JSON.parse(text) as Partial<EngineState>;
    if (Number.isInteger(state.pid) && typeof state.url === 'string') return { pid: Number(state.pid), url: state.url };
  } catch {
    // Reported below like any other unusable content.
  }
  return { problem: `${file} does not hold {"pid","url"}` };
}

/** The command line of a process, or null when it is gone (or not ours to read). */
function commandLine(pid: number): string[] | null {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  } catch {
    return null;
  }
}

const argumentAfter = (args: readonly string[], flag: string): string | undefined => args[args.indexOf(flag) + 1];

/** True when `pid` is a Meilisearch serving the data folder of `home`, at `url` when given: a pid alone may have been reused by anything. */
export function isEngineOf(pid: number, home: string, url?: string): boolean {
  const args = commandLine(pid);
  if (args === null || !/meilisearch$/u.test(args[0] ?? '')) return false;
  if (argumentAfter(args, '--db-path') !== dataPath(home)) return false;
  return url === undefined || `http://${argumentAfter(args, '--http-addr') ?? ''}` === url;
}

/** Every live Meilisearch process on the data folder of `home` (one left behind by a supervisor that was killed). */
export function enginesOn(home: string): number[] {
  let pids: number[] = [];
  try {
    pids = readdirSync('/proc')
      .filter((entry) => /^\d+$/u.test(entry))
      .map(Number);
  } catch {
    return [];
  }
  return pids.filter((pid) => pid !== process.pid && isEngineOf(pid, home));
}

/**
 * Keeps a log file under `maxBytes`: the writer holds it open in append mode, so it is copied to
 * `.1` and truncated in place (its next line goes to the new end).
 */
export function capLog(file: string, maxBytes: number): void {
  try {
    if (statSync(file).size <= maxBytes) return;
    copyFileSync(file, `${file}.1`);
    chmodSync(`${file}.1`, 0o600);
    truncateSync(file, 0);
  } catch {
    // A log that cannot be looked at now is looked at again next time.
  }
}
