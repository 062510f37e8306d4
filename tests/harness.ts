// Test harness for sockets and processes: the site on a real socket, requests sent byte for byte,
// and the product's commands (`npm start`, the index command) as child processes.
import { spawn, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';
import type { SecureHeadersVariables } from 'hono/secure-headers';
import { freePort } from '../src/engine/embedded.ts';
import { projectPath } from '../src/project-root.ts';

/** The app on a real loopback socket (Node's own limits on URL and header size apply, as in production). */
export async function listen(app: Hono<{ Variables: SecureHeadersVariables }>): Promise<{ origin: string; close(): Promise<void> }> {
  const port = await freePort();
  const server = serve({ fetch: app.fetch, port, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => (server.listening ? resolve() : server.once('listening', () => resolve())));
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        if ('closeAllConnections' in server) server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface RawAnswer {
  status: number;
  /** Header lines as sent, names and values. */
  headers: string;
  body: string;
}

/** One request on its own connection with node:http, which sends whatever the test asks (huge headers, any method). */
export function rawRequest(origin: string, path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, origin), { method: options.method ?? 'GET', headers: options.headers, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.rawHeaders.join('\n'), body }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

export interface CliRun {
  child: ChildProcess;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  /** Resolves with the exit code once the process has exited. */
  exited: Promise<number | null>;
}

export interface ServerProcess extends CliRun {
  origin: string;
  /** Stops it by its own pid (SIGTERM, then SIGKILL) and waits for it. */
  stop(): Promise<void>;
}

/** Runs a CLI entry point (`src/cli/*.ts`) in a child under tsx, as npm would, and collects its output. */
export const runCli = (script: string, env: Record<string, string>, args: readonly string[] = []): CliRun => runNode(['--import', 'tsx', `src/cli/${script}`, ...args], env);

/** Node with these arguments in a child at the project root; its output collected. */
function runNode(nodeArgs: readonly string[], env: Record<string, string>): CliRun {
  const child = spawn(process.execPath, nodeArgs, {
    cwd: projectPath('.'),
    // Only what the test gives: no MEILI_* of the developer's shell may leak in.
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

/** `npm start` against an external engine, once it says it is ready: from the sources, or a compiled `start.js` given by its path. */
export async function startArchiveServer(env: Record<string, string>, compiled?: string): Promise<ServerProcess> {
  const port = await freePort();
  const serverEnv = { HOST: '127.0.0.1', PORT: String(port), ...env };
  const run = compiled ? runNode([compiled], serverEnv) : runCli('start.ts', serverEnv);
  const ready = await new Promise<boolean>((resolve) => {
    const check = () => run.output().includes('Archive search ready') && resolve(true);
    run.child.stdout?.on('data', check);
    void run.exited.then(() => resolve(false));
    // A server that neither gets ready nor exits is stopped below, not left behind.
    setTimeout(() => resolve(false), 90_000).unref();
  });
  const stop = async () => {
    if (run.child.exitCode !== null || run.child.signalCode !== null || run.child.pid === undefined) return;
    run.child.kill('SIGTERM');
    const timer = setTimeout(() => run.child.kill('SIGKILL'), 8000);
    await run.exited;
    clearTimeout(timer);
  };
  if (!ready) {
    await stop();
    throw new Error(`the server did not start:\n${run.output()}`);
  }
  return { child: run.child, origin: `http://127.0.0.1:${port}`, output: run.output, exited: run.exited, stop };
}
