// The product's commands as child processes, as an operator runs them: `npm run index -- ARGS` and
// `npm start`, each with only the environment the test gives, stopped by their own pid.
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = new URL('../', import.meta.url).pathname;

export interface Command {
  child: ChildProcess;
  /** Everything written to stdout and stderr so far. */
  output(): string;
  /** The exit code, or the signal's name when a signal ended it. */
  exited: Promise<number | string>;
  /** Resolves once the output holds `text` (rejects when the process exits first or after `timeoutMs`). */
  waitFor(text: string | RegExp, timeoutMs?: number): Promise<void>;
  /** Sends `signal` to this process only, and waits for it to exit (SIGKILL after `graceMs`). */
  stop(signal?: NodeJS.Signals, graceMs?: number): Promise<number | string>;
}

/** Runs `src/cli/<script>` with `args`, the way the npm scripts do (the tsx loader in the same node). */
export function command(script: string, args: string[], env: Record<string, string>): Command {
  return watch(spawn(process.execPath, ['--import', 'tsx', `src/cli/${script}`, ...args], { cwd: ROOT, env: only(env), stdio: ['ignore', 'pipe', 'pipe'] }));
}

/**
 * `npm start` itself (npm, its shell, the server), in a process group of its own as in a terminal,
 * so that a test can press Ctrl-C (SIGINT to the group) or signal npm's own pid.
 */
export function npmStart(env: Record<string, string>): Command {
  return watch(spawn('npm', ['start', '--silent'], { cwd: ROOT, env: only(env), stdio: ['ignore', 'pipe', 'pipe'], detached: true }));
}

/** Only what the test gives: no MEILI_* of the developer's shell may leak in. */
const only = (env: Record<string, string>) => ({ PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env });

function watch(child: ChildProcess): Command {
  let output = '';
  const listeners = new Set<() => void>();
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    for (const listener of listeners) listener();
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));
  const waitFor = (text: string | RegExp, timeoutMs = 60_000) =>
    new Promise<void>((resolve, reject) => {
      const matches = () => (typeof text === 'string' ? output.includes(text) : text.test(output));
      const timer = setTimeout(() => done(new Error(`no "${String(text)}" within ${timeoutMs} ms:\n${output}`)), timeoutMs);
      const check = () => matches() && done();
      const done = (error?: Error) => {
        clearTimeout(timer);
        listeners.delete(check);
        if (error) reject(error);
        else resolve();
      };
      listeners.add(check);
      void exited.then((code) => setTimeout(() => (matches() ? done() : done(new Error(`exited (${code}) before "${String(text)}":\n${output}`))), 50));
      check();
    });
  const stop = async (signal: NodeJS.Signals = 'SIGTERM', graceMs = 15_000) => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    }
    return exited;
  };
  return { child, output: () => output, exited, waitFor, stop };
}

/** `npm run index -- ARGS` to its end: exit code and output. */
export async function indexCommand(args: string[], env: Record<string, string>): Promise<{ code: number | string; output: string }> {
  const run = command('index-archive.ts', args, env);
  const code = await run.exited;
  return { code, output: run.output() };
}

/** Live Meilisearch processes serving the data folder of `home` (read from /proc, as an operator would with ps). */
export function enginePids(home: string): number[] {
  const dataFolder = join(home, 'data.ms');
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/u.test(entry))
    .map(Number)
    .filter((pid) => {
      try {
        const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
        return /meilisearch$/u.test(args[0] ?? '') && args[args.indexOf('--db-path') + 1] === dataFolder;
      } catch {
        return false;
      }
    });
}

/**
 * Live processes whose command line or environment mentions `text` (a temporary folder of the test:
 * an engine's --db-path, a server's MEILI_HOME), the test runner aside.
 */
export function processesMentioning(text: string): number[] {
  const mentions = (pid: number, file: string) => readFileSync(`/proc/${pid}/${file}`, 'utf8').includes(text);
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/u.test(entry))
    .map(Number)
    .filter((pid) => {
      try {
        return pid !== process.pid && (mentions(pid, 'cmdline') || mentions(pid, 'environ'));
      } catch {
        return false;
      }
    });
}

/** Polls `check` until it holds, or fails with `what` after `timeoutMs`. */
export async function eventually(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Stops the commands a test started, then whatever they left running under `root` (a supervisor, an engine), each by its own pid. */
export async function stopEverything(started: Command[], root: string): Promise<void> {
  for (const process of started.splice(0)) await process.stop('SIGTERM');
  await eventually('the engines of the test stop', () => processesMentioning(root).length === 0, 15_000).catch(() => {
    for (const pid of processesMentioning(root)) process.kill(pid, 'SIGKILL');
  });
}
