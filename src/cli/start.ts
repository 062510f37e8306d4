import { spawn } from 'node:child_process';
import { extname } from 'node:path';
import { readConfig, type Config } from '../config.ts';
import { createEngineClient } from '../engine/client.ts';
import { connectEngine } from '../engine/connect.ts';
import { isHealthy, type EngineHandle } from '../engine/embedded.ts';
import { isEngineUnreachable } from '../engine/errors.ts';
import { ensureReadKey } from '../engine/read-key.ts';
import { loadGazetteer, type Gazetteer } from '../entities/index.ts';
import { serveApp, whenEngineAnswers } from '../web/server.ts';
import { createSite, createStandbySite } from '../web/site.ts';
import { INDEX_BUSY_EXIT, INDEXER_NODE_FLAGS } from './index-command.ts';
import { runCli } from './run.ts';

/** How often start-up checks for an engine that did not answer. */
const ENGINE_POLL_MS = 2000;

type Site = Awaited<ReturnType<typeof createSite>>;

class StartAborted extends Error {
  constructor(readonly code: number) {
    super(`the index command exited with ${code}`);
  }
}

/** Indexes data/ and builds the site; null when the engine cannot be reached. */
function siteStarter(config: Config, engine: EngineHandle, gazetteer: Gazetteer): () => Promise<Site | null> {
  const adminClient = createEngineClient(engine.url, engine.masterKey, 60_000);
  return async () => {
    // The archive shipped in data/ is brought up to date at every start; unchanged articles cost nothing.
    // The index command does it in a process of its own, so what it reads never stays in the server's memory.
    const indexed = await runIndexCommand(config.dataDir);
    if (indexed === INDEX_BUSY_EXIT) console.log(`${config.dataDir} was not brought up to date (see above); the site serves what the index holds.`);
    else if (indexed >= 2) throw new StartAborted(indexed);
    else if (indexed !== 0) console.log(`Indexing ${config.dataDir} ended with problems (see above); the site serves what the index holds.`);
    try {
      const apiKey = config.meiliSearchKey ?? (await ensureReadKey(adminClient, config.index));
      return await createSite({ engineUrl: engine.url, apiKey, index: config.index, gazetteer });
    } catch (error) {
      if (isEngineUnreachable(error)) return null;
      throw error;
    }
  };
}

await runCli(async () => {
  let stopping = false;
  const config = readConfig();
  const engine = await connectEngine(config);
  console.log(engine.owned ? `Started Meilisearch at ${engine.url} (data in ${config.engineHome}/)` : `Using Meilisearch at ${engine.url}`);
  const gazetteer = loadGazetteer();
  const bringUp = siteStarter(config, engine, gazetteer);

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
  const server = serveApp({
    port: config.port,
    host: config.host,
    app: () => (site ?? (standby ??= createStandbySite({ engineUrl: engine.url, gazetteer }))).app,
    onListening: (url) => console.log(`Archive search ready: ${url}`),
  });
  if (!site) {
    console.log(`Meilisearch at ${engine.url} does not answer: pages say so (503) until it does.`);
    whenEngineAnswers({
      healthy: () => isHealthy(engine.url, 2000),
      bringUp: async () => {
        site = await bringUp().catch((error: unknown) => {
          console.error(`Could not bring the site up yet: ${(error as Error).message}`);
          return null;
        });
        if (site) console.log(`Meilisearch at ${engine.url} answers: searching is available.`);
        return site !== null;
      },
      stopped: () => stopping,
      intervalMs: ENGINE_POLL_MS,
    });
  }

  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: finishing requests and stopping`);
    site?.stop();
    await server.stop();
    await engine.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  return 0;
});

/**
 * `npm run index -- PATH` in a child process (same loader, same environment, so the same engine); its
 * exit code. It does not wait for another index run (a rebuild may take long): the site starts anyway.
 */
function runIndexCommand(path: string): Promise<number> {
  // Beside this file: index-archive.ts under tsx, index-archive.js in the compiled output.
  const command = new URL(`./index-archive${extname(import.meta.url)}`, import.meta.url).pathname;
  const child = spawn(process.execPath, [...INDEXER_NODE_FLAGS, ...process.execArgv, command, '--no-wait', path], { stdio: 'inherit' });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => resolve(code ?? 130));
  });
}
