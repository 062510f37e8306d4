import { serve } from '@hono/node-server';
import { readConfig } from '../config.ts';
import { createEngineClient } from '../engine/client.ts';
import { connectEngine } from '../engine/connect.ts';
import { ensureReadKey } from '../engine/read-key.ts';
import { loadEngineSettings } from '../engine/settings.ts';
import { loadGazetteer } from '../entities/index.ts';
import { analysisVersion } from '../indexer/analysis-version.ts';
import { indexArticles } from '../indexer/indexer.ts';
import { createSite } from '../web/site.ts';
import { printSummary } from './summary.ts';
import { runCli } from './run.ts';

await runCli(async () => {
  const config = readConfig();
  const engine = await connectEngine(config);
  console.log(engine.owned ? `Started Meilisearch at ${engine.url} (data in ${config.engineHome}/)` : `Using Meilisearch at ${engine.url}`);
  const adminClient = createEngineClient(engine.url, engine.masterKey, 60_000);
  const gazetteer = loadGazetteer();

  // The archive shipped in data/ is brought up to date at every start; unchanged articles cost nothing.
  const summary = await indexArticles({
    client: adminClient,
    index: config.index,
    paths: [config.dataDir],
    gazetteer,
    settings: loadEngineSettings(),
    analysisVersion: analysisVersion(),
  });
  printSummary(summary);

  const apiKey = config.meiliSearchKey ?? (await ensureReadKey(adminClient, config.index));
  const site = await createSite({ engineUrl: engine.url, apiKey, index: config.index, gazetteer });
  const server = serve({ fetch: site.app.fetch, port: config.port, hostname: config.host }, (info) => {
    console.log(`Archive search ready: http://${info.address === '::1' ? 'localhost' : info.address}:${info.port}/`);
  });

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: finishing requests and stopping`);
    site.stop();
    server.close(() => {
      void engine.stop().then(() => process.exit(0));
    });
    // Keep-alive connections must not hold the exit hostage.
    setTimeout(() => void engine.stop().then(() => process.exit(0)), 5000).unref();
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  return 0;
});
