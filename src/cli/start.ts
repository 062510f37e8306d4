import { spawn, type ChildProcess } from 'node:child_process';
import { extname } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { readConfig, type Config } from '../config.ts';
import { createEngineClient } from '../engine/client.ts';
import { connectEngine, describeEngines, engineAnswers } from '../engine/connect.ts';
import { isPortFree, type EngineHandle } from '../engine/embedded.ts';
import { isEngineUnreachable } from '../engine/errors.ts';
import { diskProblem, failedTaskProblem, watchFaults } from '../engine/fault-watch.ts';
import { prepareNetwork } from '../engine/network-setup.ts';
import { ensureReadKey } from '../engine/read-key.ts';
import { loadGazetteer, type Gazetteer } from '../entities/index.ts';
import { serveApp, whenEngineAnswers } from '../web/server.ts';
import { createSite, createStandbySite } from '../web/site.ts';
import { INDEX_BUSY_EXIT, INDEXER_NODE_FLAGS } from './index-command.ts';
import { runCli } from './run.ts';

/** How often start-up checks for an engine that did not answer. */
const ENGINE_POLL_MS = 2000;
/** How often the server looks for a full disk or a failed engine task (reported by /healthz within this). */
const FAULT_CHECK_MS = 10_000;

type Site = Awaited<ReturnType<typeof createSite>>;

/** What a stop has to end, filled in as start-up goes on. */
interface Running {
  engine: EngineHandle;
  indexing: ChildProcess | null;
  site: Site | null;
  server: ReturnType<typeof serveApp> | null;
  stopping: boolean;
}

class StartAborted extends Error {
  constructor(readonly code: number) {
    super(`the index command exited with ${code}`);
  }
}

/** Indexes data/ and builds the site; null when the engine cannot be reached. */
function siteStarter(config: Config, running: Running, gazetteer: Gazetteer): () => Promise<Site | null> {
  const { engine } = running;
  const adminClient = createEngineClient(engine.url, engine.masterKey, 60_000);
  // The site's key cannot read tasks: the server watches the engine (each node) with the master key and tells /healthz.
  const watched = config.network ?? [{ name: null, url: engine.url, masterKey: engine.masterKey }];
  const taskChecks = watched.map(({ name, url, masterKey }) => {
    const watchClient = createEngineClient(url, masterKey);
    return async () => {
      const problem = await failedTaskProblem(watchClient, config.index);
      return problem === null || name === null ? problem : `node ${name}: ${problem}`;
    };
  });
  const embeddedDisk = config.meiliUrl === null && config.network === null ? [() => diskProblem(config.engineHome)] : [];
  const faults = watchFaults([...embeddedDisk, ...taskChecks], FAULT_CHECK_MS, (problem) => console.error(`engine: ${problem}`));
  return async () => {
    // The archive shipped in data/ is brought up to date at every start; unchanged articles cost nothing.
    // The index command does it in a process of its own, so what it reads never stays in the server's memory.
    const indexed = await runIndexCommand(config.dataDir, running);
    if (indexed === INDEX_BUSY_EXIT) console.log(`${config.dataDir} was not brought up to date (see above); the site serves what the index holds.`);
    else if (indexed >= 2) throw new StartAborted(indexed);
    else if (indexed !== 0) console.log(`Indexing ${config.dataDir} ended with problems (see above); the site serves what the index holds.`);
    try {
      const shards = config.network ? await prepareNetwork(config.network, config.index) : undefined;
      const apiKey = shards ? '' : (config.meiliSearchKey ?? (await ensureReadKey(adminClient, config.index)));
      return await createSite({ engineUrl: engine.url, apiKey, shards, index: config.index, gazetteer, engineFault: faults.current, publicUrl: config.publicUrl });
    } catch (error) {
      if (isEngineUnreachable(error)) return null;
      throw error;
    }
  };
}

/**
 * Stops in order: the indexing child, then the server once its answers in flight are done, then
 * the lease on the engine (the embedded engine stops once no other command uses it).
 */
function stopper(running: Running): (why: string, code: number) => Promise<void> {
  return async (why, code) => {
    if (running.stopping) return;
    running.stopping = true;
    console.log(`${why}: finishing requests and stopping`);
    running.indexing?.kill('SIGTERM');
    running.site?.stop();
    await running.server?.stop();
    await running.engine.stop();
    process.exit(code);
  };
}

/**
 * The server's old generation grows to at most 1.5 times what a full collection left live. V8's own
 * factor grows up to 4 when collections look slow (as on cores shared with the engine), and the heap
 * then kept the garbage of engine answers long after the load. V8 reads the flag at each collection,
 * so setting it here takes effect (docs/decisions.md#server-heap-growth).
 */
setFlagsFromString('--heap-growing-percent=50');

await runCli(async () => {
  const config = readConfig();
  // Checked before anything starts, so a taken port leaves nothing running.
  if (!(await isPortFree(config.port, config.host))) {
    console.error(`error: port ${config.port} on ${config.host} is in use: stop what listens there, or set PORT to another port.`);
    return 2;
  }
  const engine = await connectEngine(config, (line) => console.log(line));
  console.log(engine.owned ? `Started Meilisearch at ${engine.url} (data in ${config.engineHome}/)` : `Using ${describeEngines(config, engine)}`);
  const running: Running = { engine, indexing: null, site: null, server: null, stopping: false };
  const stop = stopper(running);
  process.on('SIGINT', () => void stop('SIGINT', 0));
  process.on('SIGTERM', () => void stop('SIGTERM', 0));
  const gazetteer = loadGazetteer();
  const bringUp = siteStarter(config, running, gazetteer);
  try {
    running.site = (await engineAnswers(config, engine, 3000)) ? await bringUp() : null;
  } catch (error) {
    // A configuration error, or the index command was interrupted: nothing to serve from this start.
    await engine.stop();
    if (error instanceof StartAborted) return error.code;
    throw error;
  }
  if (running.stopping) return 0;
  serve(config, running, gazetteer, stop);
  if (!running.site) awaitEngine(config, running, bringUp);
  return 0;
});

/** The site, or while the engine has not answered since the start, the standby app that says so. */
function serve(config: Config, running: Running, gazetteer: Gazetteer, stop: (why: string, code: number) => Promise<void>): void {
  // The standby app is built only when the engine did not answer: most starts never need it.
  let standby: ReturnType<typeof createStandbySite> | undefined;
  running.server = serveApp({
    port: config.port,
    host: config.host,
    app: () => (running.site ?? (standby ??= createStandbySite({ engineUrl: running.engine.url, gazetteer, publicUrl: config.publicUrl }))).app,
    onListening: (url) => console.log(`Archive search ready: ${url}`),
    onError: (error) => {
      console.error(`error: cannot serve on ${config.host}:${config.port}: ${error.message}`);
      void stop('not serving', 2);
    },
  });
}

function awaitEngine(config: Config, running: Running, bringUp: () => Promise<Site | null>): void {
  const { engine } = running;
  const engines = describeEngines(config, engine);
  // A network is set up on all its nodes: the site waits until every one answers (later, one away gives partial results).
  console.log(config.network ? `Not every node of ${engines} answers: pages say so (503) until they do.` : `${engines} does not answer: pages say so (503) until it does.`);
  whenEngineAnswers({
    healthy: () => engineAnswers(config, engine, 2000),
    bringUp: async () => {
      running.site = await bringUp().catch((error: unknown) => {
        console.error(`Could not bring the site up yet: ${(error as Error).message}`);
        return null;
      });
      if (running.site) console.log(`${engines} answers: searching is available.`);
      return running.site !== null;
    },
    stopped: () => running.stopping,
    intervalMs: ENGINE_POLL_MS,
  });
}

/**
 * `npm run index -- PATH` in a child process (same loader, same environment, so the same engine); its
 * exit code. It does not wait for another index run (a rebuild may take long): the site starts anyway.
 */
function runIndexCommand(path: string, running: Running): Promise<number> {
  // Beside this file: index-archive.ts under tsx, index-archive.js in the compiled output.
  const command = new URL(`./index-archive${extname(import.meta.url)}`, import.meta.url).pathname;
  const child = spawn(process.execPath, [...INDEXER_NODE_FLAGS, ...process.execArgv, command, '--no-wait', path], { stdio: 'inherit' });
  running.indexing = child;
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => {
      running.indexing = null;
      resolve(code ?? 130);
    });
  });
}
