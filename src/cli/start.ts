import { spawn } from 'node:child_process';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { serve } from '@hono/node-server';
import { readConfig } from '../config.ts';
import { createEngineClient, ENGINE_TIMEOUT_MS } from '../engine/client.ts';
import { connectEngine } from '../engine/connect.ts';
import { ensureReadKey } from '../engine/read-key.ts';
import { loadGazetteer } from '../entities/index.ts';
import { createSite } from '../web/site.ts';
import { runCli } from './run.ts';

await runCli(async () => {
  const config = readConfig();
  const engine = await connectEngine(config);
  console.log(engine.owned ? `Started Meilisearch at ${engine.url} (data in ${config.engineHome}/)` : `Using Meilisearch at ${engine.url}`);
  const adminClient = createEngineClient(engine.url, engine.masterKey, 60_000);
  const gazetteer = loadGazetteer();

  // The archive shipped in data/ is brought up to date at every start; unchanged articles cost nothing.
  // The index command does it in a process of its own, so what it reads never stays in the server's memory.
  const indexed = await runIndexCommand(config.dataDir);
  if (indexed >= 2) {
    // A configuration error, or the command was interrupted: nothing to serve from this start.
    await engine.stop();
    return indexed;
  }
  if (indexed !== 0) console.log(`Indexing ${config.dataDir} ended with problems (see above); the site serves what the index holds.`);

  const apiKey = config.meiliSearchKey ?? (await ensureReadKey(adminClient, config.index));
  const site = await createSite({ engineUrl: engine.url, apiKey, index: config.index, gazetteer });
  const server = serve({ fetch: site.app.fetch, port: config.port, hostname: config.host }, (info) => {
    console.log(`Archive search ready: http://${info.address === '::1' ? 'localhost' : info.address}:${info.port}/`);
  });

  // serve() without a createServer option makes a node:http server.
  const httpServer = server as Server;
  const inFlight = new Set<ServerResponse>();
  httpServer.on('request', (_request: IncomingMessage, response: ServerResponse) => {
    inFlight.add(response);
    response.once('close', () => inFlight.delete(response));
  });

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: finishing requests and stopping`);
    site.stop();
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
  const command = new URL('./index.ts', import.meta.url).pathname;
  const child = spawn(process.execPath, [...process.execArgv, command, path], { stdio: 'inherit' });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => resolve(code ?? 130));
  });
}
