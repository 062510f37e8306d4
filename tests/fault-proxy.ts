// A proxy in front of the real engine that a test steers, for all requests at once or request by
// request: it passes requests on, holds them, drops the connection or answers for the engine.
// Nothing here mocks the engine: every answer that is not a fault comes from Meilisearch itself.
import { Agent, createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Fault =
  | { kind: 'pass' }
  /** Holds the request this long, then passes it on. */
  | { kind: 'delay'; ms: number }
  /** Holds the request and never answers (until the proxy closes). */
  | { kind: 'hold' }
  /** Accepts the connection and the request, then destroys the socket without an answer. */
  | { kind: 'drop' }
  /** Answers for the engine, as a busy engine or a load balancer in front of a missing one would. */
  | { kind: 'refuse'; status: 429 | 503 }
  /** Answers 200 with a body that is not JSON. */
  | { kind: 'garbage' }
  /** Passes the request on, sends the engine's headers and half its answer, then destroys the socket. */
  | { kind: 'cut' }
  /** Passes the request on and drops the connection once the engine has answered: the engine did it, the client never hears so. */
  | { kind: 'lose-answer' };

export interface ProxiedRequest {
  method: string;
  /** Without the query string. */
  path: string;
  authorization: string | undefined;
}

export interface FaultProxy {
  url: string;
  /** One fault for every request, or one chosen for each request. */
  fault: Fault | ((request: ProxiedRequest) => Fault);
  /** Every request that reached the proxy. */
  seen: ProxiedRequest[];
  close(): Promise<void>;
}

export async function startFaultProxy(target: string, port = 0): Promise<FaultProxy> {
  const upstream = new URL(target);
  // Fresh connections upstream each time: the proxy must never be the one keeping a dead socket.
  const agent = new Agent({ keepAlive: false });
  const waiting = new Set<ServerResponse>();
  const timers = new Set<NodeJS.Timeout>();

  const forward = (req: IncomingMessage, res: ServerResponse, body: Buffer, kind: 'pass' | 'cut' | 'lose-answer') => {
    if (res.destroyed) return;
    const outgoing = request(new URL(req.url ?? '/', upstream), { method: req.method, headers: { ...req.headers, host: upstream.host, connection: 'close' }, agent }, (answer) => {
      if (kind === 'lose-answer') {
        answer.resume().on('end', () => req.socket.destroy());
        return;
      }
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      if (kind === 'pass') {
        answer.pipe(res);
        return;
      }
      const chunks: Buffer[] = [];
      answer.on('data', (chunk: Buffer) => chunks.push(chunk));
      answer.on('end', () => {
        const whole = Buffer.concat(chunks);
        res.write(whole.subarray(0, Math.floor(whole.length / 2)), () => res.destroy());
      });
    });
    outgoing.on('error', () => req.socket.destroy());
    outgoing.end(body);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    // The whole request first: what is passed on reaches the engine whole, also when the client dies.
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const seen = { method: req.method ?? 'GET', path: new URL(req.url ?? '/', upstream).pathname, authorization: req.headers.authorization };
    proxy.seen.push(seen);
    const fault = typeof proxy.fault === 'function' ? proxy.fault(seen) : proxy.fault;
    switch (fault.kind) {
      case 'hold':
        waiting.add(res);
        return;
      case 'drop':
        req.socket.destroy();
        return;
      case 'refuse':
        res.writeHead(fault.status, { 'content-type': 'application/json' }).end('{"message":"the engine is busy"}');
        return;
      case 'garbage':
        res.writeHead(200, { 'content-type': 'text/html' }).end('<html>not the engine</html>');
        return;
      case 'delay': {
        const timer = setTimeout(() => {
          timers.delete(timer);
          forward(req, res, Buffer.concat(chunks), 'pass');
        }, fault.ms);
        timers.add(timer);
        res.on('close', () => {
          clearTimeout(timer);
          timers.delete(timer);
        });
        return;
      }
      default:
        forward(req, res, Buffer.concat(chunks), fault.kind);
    }
  };
  // A request cut off by a killed client never reaches the engine.
  const server = createServer((req, res) => void handle(req, res).catch(() => req.socket.destroy()));
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const proxy: FaultProxy = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    fault: { kind: 'pass' },
    seen: [],
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      for (const res of waiting) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      agent.destroy();
    },
  };
  return proxy;
}
