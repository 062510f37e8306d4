// A proxy in front of the real engine that holds, or answers for the engine, the requests a test
// picks, so that a test can act while a command waits at a chosen point or meets a chosen fault.
// Everything else passes through to Meilisearch.
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface GatedRequest {
  method: string;
  path: string;
  /** The request's body as text. */
  body: string;
}

/** What the proxy does with a request: pass it on, hold it until the gate opens, pass it on late, or answer for the engine. */
export type GateAction = 'pass' | 'hold' | { delayMs: number } | { status: number; body: string };

export interface GateProxy {
  url: string;
  /** Requests matching this are held (the first one resolves `held`) until `open()`. */
  hold(matches: (request: GatedRequest) => boolean): Promise<GatedRequest>;
  /** Decides for each request from now on. */
  steer(decide: (request: GatedRequest) => GateAction): void;
  /** Lets the held requests through, and every later one. */
  open(): void;
  /** The most requests that were being delayed at one time. */
  readonly mostDelayedAtOnce: number;
  close(): Promise<void>;
}

export async function startGateProxy(target: string): Promise<GateProxy> {
  let decide: (request: GatedRequest) => GateAction = () => 'pass';
  let onHeld: (request: GatedRequest) => void = () => {};
  let waiting: (() => void)[] = [];
  let delayed = 0;
  let mostDelayedAtOnce = 0;
  const forward = (req: IncomingMessage, res: ServerResponse, body: Buffer) => {
    const outgoing = request(new URL(req.url ?? '/', target), { method: req.method, headers: { ...req.headers, host: new URL(target).host, connection: 'close' } }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    outgoing.on('error', () => res.destroy());
    outgoing.end(body);
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const seen = { method: req.method ?? 'GET', path: new URL(req.url ?? '/', target).pathname, body: body.toString() };
      const action = decide(seen);
      if (action === 'pass') return forward(req, res, body);
      if (action !== 'hold' && 'delayMs' in action) {
        mostDelayedAtOnce = Math.max(mostDelayedAtOnce, ++delayed);
        setTimeout(() => forward(req, res, body), action.delayMs);
        res.once('close', () => delayed--);
        return;
      }
      if (action !== 'hold') return res.writeHead(action.status, { 'content-type': 'application/json' }).end(action.body);
      waiting.push(() => forward(req, res, body));
      onHeld(seen);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hold(predicate) {
      decide = (request) => (predicate(request) ? 'hold' : 'pass');
      return new Promise((resolve) => (onHeld = resolve));
    },
    steer(next) {
      decide = next;
    },
    open() {
      decide = () => 'pass';
      const released = waiting;
      waiting = [];
      for (const release of released) release();
    },
    get mostDelayedAtOnce() {
      return mostDelayedAtOnce;
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
