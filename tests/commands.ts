// The product's commands as child processes, as an operator runs them: `npm run index -- ARGS` and
// `npm start`, each with only the environment the test gives, stopped by their own pid.
import { spawn, type ChildProcess } from 'node:child_process';

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
  const child = spawn(process.execPath, ['--import', 'tsx', `src/cli/${script}`, ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
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
