// Test harness for faults and processes: a proxy in front of the real engine that the test steers
// (delays, dropped connections, 503s), the site on a real socket, and `npm start` as a child process.
// Nothing here mocks the engine: every answer that is not a fault comes from Meilisearch itself.
import { spawn, type ChildProcess } from 'node:child_process';
import { Agent, createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';
import type { SecureHeadersVariables } from 'hono/secure-headers';
import { freePort } from '../src/engine/embedded.ts';

export type Fault =
  | { kind: 'pass' }
  /** Holds every request this long before passing it on. */
  | { kind: 'delay'; ms: number }
  /** Accepts the connection and the request, then destroys the socket without an answer. */
  | { kind: 'drop' }
  /** Answers 503 itself, as a load balancer in front of a missing engine would. */
  | { kind: 'unavailable' }
  /** Answers 200 with a body that is not JSON. */
  | { kind: 'garbage' }
  /** Passes the request on, sends the engine's headers and half its answer, then destroys the socket. */
  | { kind: 'cut' };

export interface FaultProxy {
  url: string;
  fault: Fault;
  /** Every request that reached the proxy, with the key it carried. */
  seen: { method: string; path: string; authorization: string | undefined }[];
  close(): Promise<void>;
}

export async function startFaultProxy(target: string): Promise<FaultProxy> {
  const upstream = new URL(target);
  // Fresh connections upstream each time: the proxy must never be the one keeping a dead socket.
  const agent = new Agent({ keepAlive: false });
  const timers = new Set<NodeJS.Timeout>();
  const server: Server = createServer((req, res) => {
    proxy.seen.push({ method: req.method ?? 'GET', path: req.url ?? '/', authorization: req.headers.authorization });
    const fault = proxy.fault;
    if (fault.kind === 'drop') {
      req.socket.destroy();
      return;
    }
    if (fault.kind === 'unavailable') {
      res.writeHead(503, { 'content-type': 'application/json' }).end('{"message":"engine unavailable"}');
      return;
    }
    if (fault.kind === 'garbage') {
      res.writeHead(200, { 'content-type': 'text/html' }).end('<html>not the engine</html>');
      return;
    }
    const forward = () => {
      if (res.destroyed) return;
      const outgoing = request(
        new URL(req.url ?? '/', upstream),
        { method: req.method, headers: { ...req.headers, host: upstream.host, connection: 'close' }, agent },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          if (fault.kind !== 'cut') {
            answer.pipe(res);
            return;
          }
          const chunks: Buffer[] = [];
          answer.on('data', (chunk: Buffer) => chunks.push(chunk));
          answer.on('end', () => {
            const body = Buffer.concat(chunks);
            res.write(body.subarray(0, Math.floor(body.length / 2)), () => res.destroy());
          });
        },
      );
      outgoing.on('error', () => res.destroy());
      req.pipe(outgoing);
    };
    if (fault.kind === 'delay') {
      const timer = setTimeout(() => {
        timers.delete(timer);
        forward();
      }, fault.ms);
      timers.add(timer);
      res.on('close', () => {
        clearTimeout(timer);
        timers.delete(timer);
      });
    } else forward();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const proxy: FaultProxy = {
    url: `http://127.0.0.1:${port}`,
    fault: { kind: 'pass' },
    seen: [],
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      agent.destroy();
    },
  };
  return proxy;
}

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

const ROOT = new URL('../', import.meta.url).pathname;

export interface ServerProcess {
  child: ChildProcess;
  origin: string;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  /** Resolves with the exit code once the process has exited. */
  exited: Promise<number | null>;
  /** Stops it by its own pid (SIGTERM, then SIGKILL) and waits for it. */
  stop(): Promise<void>;
}

/** Runs a CLI entry point (`src/cli/*.ts`) in a child, as npm would, and collects its output. */
export function runCli(script: string, env: Record<string, string>): { child: ChildProcess; output(): string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', `src/cli/${script}`], {
    cwd: ROOT,
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

/** `npm start` against an external engine, once it says it is ready. */
export async function startArchiveServer(env: Record<string, string>): Promise<ServerProcess> {
  const port = await freePort();
  const run = runCli('start.ts', { HOST: '127.0.0.1', PORT: String(port), ...env });
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
