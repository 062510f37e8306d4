import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { serve } from '@hono/node-server';
import { ENGINE_TIMEOUT_MS } from '../engine/client.ts';

interface Fetcher {
  fetch: (request: Request, env: unknown) => Response | Promise<Response>;
}

export interface ServeOptions {
  port: number;
  host: string;
  /** The app answering now (the standby app until the engine answers, then the site). */
  app: () => Fetcher;
  onListening: (url: string) => void;
  /** The server could not listen (the port was taken after all, an address that is not ours). */
  onError: (error: Error) => void;
}

/**
 * Bounds on slow or idle clients: a request's headers must arrive within 10 s and the whole request
 * within 15 s (checked every second, not Node's 30 s), an idle kept-alive connection is closed after
 * 5 s, a socket silent for 30 s is dropped, and past 1,000 connections new ones are refused; Node's
 * defaults held a client trickling its headers for a minute and more (docs/decisions.md#slow-client-limits).
 */
const SLOW_CLIENT_LIMITS = { headersTimeout: 10_000, requestTimeout: 15_000, keepAliveTimeout: 5_000, connectionsCheckingInterval: 1_000 };
const SOCKET_IDLE_MS = 30_000;
const MAX_CONNECTIONS = 1000;

/** Serves the app, tracking answers in flight so that a stop can drain them. */
export function serveApp({ port, host, app, onListening, onError }: ServeOptions) {
  const server = serve({ fetch: (request, env) => app().fetch(request, env), port, hostname: host, serverOptions: SLOW_CLIENT_LIMITS }, (info) => {
    onListening(`http://${info.address === '::1' ? 'localhost' : info.address}:${info.port}/`);
  }) as Server; // serve() without a createServer option makes a node:http server.
  server.maxConnections = MAX_CONNECTIONS;
  server.setTimeout(SOCKET_IDLE_MS);
  server.once('error', onError);
  const connections = trackConnections(server);
  return {
    server,
    /**
     * Stops accepting and resolves once the answers in flight are done: answers in flight close
     * their connection, and a connection without a request (kept alive, or just accepted) has a
     * moment for the request that may be on its way, then is closed (Node's close() reset those at
     * once, a request already sent among them). A request waiting on the engine gets its answer
     * within the engine timeout; past that nothing holds the stop.
     */
    stop: () =>
      new Promise<void>((resolve) => {
        connections.drain();
        server.close(() => resolve());
        setTimeout(resolve, ENGINE_TIMEOUT_MS + 2000).unref();
      }),
  };
}

/** How long a connection without a request at the stop may take to send one. */
const LAST_REQUEST_GRACE_MS = 1000;

/** The server's connections by state, so that a stop ends each as it should. */
function trackConnections(server: Server): { drain(): void } {
  const fresh = new Set<Socket>();
  const idle = new Set<Socket>();
  const answering = new Map<Socket, ServerResponse>();
  let draining = false;
  server.on('connection', (socket: Socket) => {
    fresh.add(socket);
    socket.once('close', () => {
      fresh.delete(socket);
      idle.delete(socket);
      answering.delete(socket);
    });
  });
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    const { socket } = request;
    fresh.delete(socket);
    idle.delete(socket);
    answering.set(socket, response);
    if (draining) response.setHeader('Connection', 'close');
    response.once('finish', () => {
      answering.delete(socket);
      if (!socket.destroyed && !draining) idle.add(socket);
    });
  });
  return {
    drain() {
      draining = true;
      for (const response of answering.values()) if (!response.headersSent) response.setHeader('Connection', 'close');
      // Node's close() would drop at once the connections whose request is still on its way.
      server.closeIdleConnections = () => {};
      setTimeout(() => {
        for (const socket of [...fresh, ...idle]) socket.destroy();
      }, LAST_REQUEST_GRACE_MS).unref();
    },
  };
}

/** Calls `bringUp` once the engine answers, polling every `intervalMs` until it succeeds or `stopped()` says to give up. */
export function whenEngineAnswers(options: { healthy: () => Promise<boolean>; bringUp: () => Promise<boolean>; stopped: () => boolean; intervalMs: number }): void {
  const poll = async (): Promise<void> => {
    if (options.stopped()) return;
    if ((await options.healthy()) && (await options.bringUp())) return;
    if (!options.stopped()) setTimeout(() => void poll(), options.intervalMs).unref();
  };
  setTimeout(() => void poll(), options.intervalMs).unref();
}
