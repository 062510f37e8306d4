import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { ReadResult } from '../articles/article.ts';
import { createProgress } from '../cli/progress.ts';
import { runCli } from '../cli/run.ts';
import { createEngineClient, type EngineClient, settle } from '../engine/client.ts';
import { startEngine } from '../engine/embedded.ts';
import { loadEngineSettings } from '../engine/settings.ts';
import { loadGazetteer } from '../entities/index.ts';
import { indexArticles } from '../indexer/indexer.ts';
import { createSearchService } from '../search/service.ts';
import { newsParagraphsAsArticles, passagesAsArticles, readNdjsonRecords, retrievalFigures, type Question, type RankedQuestion } from './qa-set.ts';

const USAGE = 'usage: npm run eval -- --passages FILE --queries FILE [--distractors NEWS.ndjson.gz] [--engine raw]';
const INDEX = 'eval';

async function* pool(passages: string, distractors: string | undefined): AsyncGenerator<ReadResult> {
  yield* passagesAsArticles(passages);
  if (distractors) yield* newsParagraphsAsArticles(distractors);
}

/** Ranks the questions with the product's own search path, the one /api/search uses. */
async function evaluateProduct(client: EngineClient, engineUrl: string, key: string, passages: string, distractors: string | undefined, questions: Question[]): Promise<RankedQuestion[]> {
  const gazetteer = loadGazetteer();
  const progress = createProgress('indexing');
  let count = 0;
  const summary = await indexArticles({
    client,
    index: INDEX,
    paths: [],
    articles: pool(passages, distractors),
    gazetteer,
    settings: loadEngineSettings(),
    analysisVersion: 'eval',
    onProgress: (p) => progress.update(p.articles, null, `${p.sections} passages`),
  });
  progress.done();
  console.error(`indexed ${summary.articles} passages in ${summary.seconds.toFixed(1)} s`);
  const service = await createSearchService({ engineUrl, apiKey: key, index: INDEX, gazetteer });
  service.stop();
  const { search } = service;
  const ranked: RankedQuestion[] = [];
  for (const question of questions) {
    const started = performance.now();
    const result = await search({ q: question.question, regions: [], actors: [], page: 1, limit: 10 });
    const ms = performance.now() - started;
    const rank = result.hits.findIndex((hit) => hit.articleId === question.passage_id) + 1;
    ranked.push({ rank: rank > 0 ? rank : null, ms });
    if (++count % 100 === 0) console.error(`searched ${count}/${questions.length}`);
  }
  return ranked;
}

/** The baseline: original text, Meilisearch's default settings, the question sent as it is. */
async function evaluateRaw(client: EngineClient, passages: string, distractors: string | undefined, questions: Question[]): Promise<RankedQuestion[]> {
  const index = client.index('raw');
  let batch: { id: string; text: string }[] = [];
  const tasks = [];
  for await (const result of pool(passages, distractors)) {
    if (!('article' in result)) continue;
    batch.push({ id: result.article.id, text: result.article.sections.flatMap((s) => s.paragraphs).join('\n') });
    if (batch.length === 5000) {
      tasks.push(index.addDocuments(batch, { primaryKey: 'id' }));
      batch = [];
    }
  }
  tasks.push(index.addDocuments(batch, { primaryKey: 'id' }));
  for (const task of tasks) await settle(task);
  const ranked: RankedQuestion[] = [];
  for (const question of questions) {
    const started = performance.now();
    const result = await index.search(question.question, { limit: 10, matchingStrategy: 'frequency', attributesToRetrieve: ['id'] });
    const ms = performance.now() - started;
    const rank = result.hits.findIndex((hit) => hit.id === question.passage_id) + 1;
    ranked.push({ rank: rank > 0 ? rank : null, ms });
  }
  return ranked;
}

await runCli(async () => {
  const { values } = parseArgs({
    options: { passages: { type: 'string' }, queries: { type: 'string' }, distractors: { type: 'string' }, engine: { type: 'string', default: 'product' } },
  });
  if (!values.passages || !values.queries || !['product', 'raw'].includes(values.engine)) {
    console.error(USAGE);
    return 2;
  }
  const questions: Question[] = [];
  for await (const { record } of readNdjsonRecords<Question>(values.queries)) questions.push(record);
  const home = mkdtempSync(join(tmpdir(), 'archive-eval-'));
  const engine = await startEngine({ home });
  try {
    const client = createEngineClient(engine.url, engine.masterKey, 120_000);
    const ranked =
      values.engine === 'raw'
        ? await evaluateRaw(client, values.passages, values.distractors, questions)
        : await evaluateProduct(client, engine.url, engine.masterKey, values.passages, values.distractors, questions);
    console.log(JSON.stringify({ engine: values.engine, ...retrievalFigures(ranked) }));
    return 0;
  } finally {
    await engine.stop();
    rmSync(home, { recursive: true, force: true });
  }
});
