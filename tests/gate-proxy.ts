// A proxy in front of the real engine that holds, or answers for the engine, the requests a test
// picks, so that a test can act while a command waits at a chosen point or meets a chosen fault.
// Everything else passes through to Meilisearch.
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface GatedRequest {
  method: string;
  path: string;
}

/** What the proxy does with a request: pass it on, hold it until the gate opens, or answer for the engine. */
export type GateAction = 'pass' | 'hold' | { status: number; body: string };

export interface GateProxy {
  url: string;
  /** Requests matching this are held (the first one resolves `held`) until `open()`. */
  hold(matches: (request: GatedRequest) => boolean): Promise<GatedRequest>;
  /** Decides for each request from now on. */
  steer(decide: (request: GatedRequest) => GateAction): void;
  /** Lets the held requests through, and every later one. */
  open(): void;
  close(): Promise<void>;
}

export async function startGateProxy(target: string): Promise<GateProxy> {
  let decide: (request: GatedRequest) => GateAction = () => 'pass';
  let onHeld: (request: GatedRequest) => void = () => {};
  let waiting: (() => void)[] = [];
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
      const seen = { method: req.method ?? 'GET', path: new URL(req.url ?? '/', target).pathname };
      const action = decide(seen);
      if (action === 'pass') return forward(req, res, Buffer.concat(chunks));
      if (action !== 'hold') return res.writeHead(action.status, { 'content-type': 'application/json' }).end(action.body);
      waiting.push(() => forward(req, res, Buffer.concat(chunks)));
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
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
