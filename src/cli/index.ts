import { parseArgs } from 'node:util';
import { inputBytes } from '../articles/read.ts';
import { readConfig } from '../config.ts';
import { createEngineClient } from '../engine/client.ts';
import { connectEngine } from '../engine/connect.ts';
import { loadEngineSettings } from '../engine/settings.ts';
import { loadGazetteer } from '../entities/index.ts';
import { analysisVersion } from '../indexer/analysis-version.ts';
import { indexArticles } from '../indexer/indexer.ts';
import { createProgress } from './progress.ts';
import { printSummary } from './summary.ts';
import { runCli } from './run.ts';

const USAGE = 'usage: npm run index -- [--rebuild] PATH...   (files or folders of .txt, .md, .ndjson, .ndjson.gz)';

await runCli(async () => {
  const { values, positionals } = parseArgs({ options: { rebuild: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h' } }, allowPositionals: true });
  if (values.help || positionals.length === 0) {
    console.error(USAGE);
    return values.help ? 0 : 2;
  }
  const config = readConfig();
  const engine = await connectEngine(config);
  try {
    const client = createEngineClient(engine.url, engine.masterKey, 60_000);
    const total = await inputBytes(positionals);
    const progress = createProgress('indexing', 'bytes');
    const summary = await indexArticles({
      client,
      index: config.index,
      paths: positionals,
      rebuild: values.rebuild,
      gazetteer: loadGazetteer(),
      settings: loadEngineSettings(),
      analysisVersion: analysisVersion(),
      onProgress: (p) => progress.update(p.bytesRead, total, `${p.articles} articles, ${p.sections} sections, ${p.problems} skipped`),
    });
    progress.done();
    printSummary(summary);
    return summary.problems.length > 0 || summary.failures.length > 0 ? 1 : 0;
  } finally {
    await engine.stop();
  }
});
