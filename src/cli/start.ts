import { spawn } from 'node:child_process';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { serve } from '@hono/node-server';
import { readConfig } from '../config.ts';
import { createEngineClient, ENGINE_TIMEOUT_MS } from '../engine/client.ts';
import { connectEngine } from '../engine/connect.ts';
import { isEngineUnreachable } from '../engine/errors.ts';
import { isHealthy } from '../engine/embedded.ts';
import { ensureReadKey } from '../engine/read-key.ts';
import { loadGazetteer } from '../entities/index.ts';
import { createSite, createStandbySite } from '../web/site.ts';
import { INDEXER_NODE_FLAGS } from './index-command.ts';
import { runCli } from './run.ts';

/** How often start-up checks for an engine that did not answer. */
const ENGINE_POLL_MS = 2000;

type Site = Awaited<ReturnType<typeof createSite>>;

class StartAborted extends Error {
  constructor(readonly code: number) {
    super(`the index command exited with ${code}`);
  }
}

await runCli(async () => {
  let stopping = false;
  const config = readConfig();
  const engine = await connectEngine(config);
  console.log(engine.owned ? `Started Meilisearch at ${engine.url} (data in ${config.engineHome}/)` : `Using Meilisearch at ${engine.url}`);
  const adminClient = createEngineClient(engine.url, engine.masterKey, 60_000);
  const gazetteer = loadGazetteer();

  /** Indexes data/ and builds the site; null when the engine cannot be reached. */
  const bringUp = async (): Promise<Site | null> => {
    // The archive shipped in data/ is brought up to date at every start; unchanged articles cost nothing.
    // The index command does it in a process of its own, so what it reads never stays in the server's memory.
    const indexed = await runIndexCommand(config.dataDir);
    if (indexed >= 2) throw new StartAborted(indexed);
    if (indexed !== 0) console.log(`Indexing ${config.dataDir} ended with problems (see above); the site serves what the index holds.`);
    try {
      const apiKey = config.meiliSearchKey ?? (await ensureReadKey(adminClient, config.index));
      return await createSite({ engineUrl: engine.url, apiKey, index: config.index, gazetteer });
    } catch (error) {
      if (isEngineUnreachable(error)) return null;
      throw error;
    }
  };

  let site: Site | null;
  try {
    site = (await isHealthy(engine.url, 3000)) ? await bringUp() : null;
  } catch (error) {
    // A configuration error, or the index command was interrupted: nothing to serve from this start.
    await engine.stop();
    if (error instanceof StartAborted) return error.code;
    throw error;
  }
  // The standby app is built only when the engine did not answer: most starts never need it.
  let standby: ReturnType<typeof createStandbySite> | undefined;
  const current = () => site ?? (standby ??= createStandbySite({ engineUrl: engine.url, gazetteer }));
  const server = serve({ fetch: (request, env) => current().app.fetch(request, env), port: config.port, hostname: config.host }, (info) => {
    console.log(`Archive search ready: http://${info.address === '::1' ? 'localhost' : info.address}:${info.port}/`);
  });
  // Until the engine answers, pages say 503; then the site comes up by itself.
  const waitForEngine = async (): Promise<void> => {
    if (site || stopping) return;
    if (await isHealthy(engine.url, 2000)) {
      site = await bringUp().catch((error: unknown) => {
        console.error(`Could not bring the site up yet: ${(error as Error).message}`);
        return null;
      });
      if (site) console.log(`Meilisearch at ${engine.url} answers: searching is available.`);
    }
    if (!site && !stopping) setTimeout(() => void waitForEngine(), ENGINE_POLL_MS).unref();
  };
  if (!site) {
    console.log(`Meilisearch at ${engine.url} does not answer: pages say so (503) until it does.`);
    setTimeout(() => void waitForEngine(), ENGINE_POLL_MS).unref();
  }

  // serve() without a createServer option makes a node:http server.
  const httpServer = server as Server;
  const inFlight = new Set<ServerResponse>();
  httpServer.on('request', (_request: IncomingMessage, response: ServerResponse) => {
    inFlight.add(response);
    response.once('close', () => inFlight.delete(response));
  });

  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: finishing requests and stopping`);
    site?.stop();
    // close() stops accepting and drops idle keep-alive connections; answers still in flight close
    // theirs when done, so a browser's kept-alive socket does not hold the exit back.
    for (const response of inFlight) if (!response.headersSent) response.setHeader('Connection', 'close');
    httpServer.close(() => {
      void engine.stop().then(() => process.exit(0));
    });
    // A request waiting on the engine gets its answer (at most the engine timeout); then nothing holds the exit.
    setTimeout(() => void engine.stop().then(() => process.exit(0)), ENGINE_TIMEOUT_MS + 2000).unref();
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  return 0;
});

/** `npm run index -- PATH` in a child process (same loader, same environment, so the same engine); its exit code. */
function runIndexCommand(path: string): Promise<number> {
  const command = new URL('./index-archive.ts', import.meta.url).pathname;
  const child = spawn(process.execPath, [...INDEXER_NODE_FLAGS, ...process.execArgv, command, path], { stdio: 'inherit' });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => resolve(code ?? 130));
  });
}
