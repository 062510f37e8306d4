import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { ReadResult } from '../articles/article.ts';
import { createProgress } from '../cli/progress.ts';
import { runCli } from '../cli/run.ts';
import { createEngineClient, type EngineClient } from '../engine/client.ts';
import { startEngine } from '../engine/embedded.ts';
import { loadEngineSettings } from '../engine/settings.ts';
import { loadGazetteer } from '../entities/index.ts';
import { indexArticles } from '../indexer/indexer.ts';
import { createSearchService } from '../search/service.ts';
import { evaluateHighlights } from './highlight-eval.ts';
import { evaluateKeywords } from './keyword-eval.ts';
import { evaluateSimilar } from './similar-eval.ts';
import { evaluateNameVariants } from './name-variant-eval.ts';
import { newsParagraphsAsArticles, passagesAsArticles, readNdjsonRecords, retrievalFigures, type Question, type RankedQuestion } from './qa-set.ts';
import { pushDocuments } from '../engine/index-store.ts';

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

async function* rawPassages(passages: string, distractors: string | undefined): AsyncGenerator<{ id: string; text: string }> {
  for await (const result of pool(passages, distractors)) {
    if ('article' in result) yield { id: result.article.id, text: result.article.sections.flatMap((s) => s.paragraphs).join('\n') };
  }
}

/** The baseline: original text, Meilisearch's default settings, the question sent as it is. */
async function evaluateRaw(client: EngineClient, passages: string, distractors: string | undefined, questions: Question[]): Promise<RankedQuestion[]> {
  const index = client.index('raw');
  await pushDocuments(client, index.uid, rawPassages(passages, distractors), 5000);
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

const USAGE_HIGHLIGHTS = 'usage: npm run eval -- --highlights --corpus NEWS.ndjson.gz [--queries N] [--home DIR]';
const USAGE_SIMILAR = 'usage: npm run eval -- --similar --corpus NEWS.ndjson.gz [--sample N] [--seed N] [--judgments FILE] [--out FILE] [--home DIR]';
const USAGE_NAMES = 'usage: npm run eval -- --name-variants --corpus NEWS.ndjson.gz [--candidates] [--sample N] [--seed N] [--judgments FILE] [--out FILE]';
const USAGE_KEYWORDS = 'usage: npm run eval -- --keywords SET_FOLDER --corpus NEWS.ndjson.gz [--engine raw] [--run-file RUN.json] [--per-query] [--home DIR]';

await runCli(async () => {
  const { values } = parseArgs({
    options: {
      passages: { type: 'string' },
      queries: { type: 'string' },
      distractors: { type: 'string' },
      engine: { type: 'string', default: 'product' },
      keywords: { type: 'string' },
      corpus: { type: 'string' },
      'run-file': { type: 'string' },
      'per-query': { type: 'boolean', default: false },
      home: { type: 'string' },
      highlights: { type: 'boolean', default: false },
      similar: { type: 'boolean', default: false },
      'name-variants': { type: 'boolean', default: false },
      candidates: { type: 'boolean', default: false },
      sample: { type: 'string', default: '30' },
      seed: { type: 'string', default: '1' },
      judgments: { type: 'string' },
      out: { type: 'string' },
    },
  });
  const system = values.engine === 'raw' ? 'raw' : 'product';
  if (values.highlights) {
    const count = Number(values.queries ?? 600);
    if (!values.corpus || !Number.isInteger(count) || count < 1) {
      console.error(USAGE_HIGHLIGHTS);
      return 2;
    }
    const { corpus } = values;
    return await withEngine(values.home, async (engine) => {
      console.log(JSON.stringify(await evaluateHighlights({ engine, corpus, queries: count })));
    });
  }
  if (values['name-variants']) {
    const [sample, seed] = [Number(values.sample), Number(values.seed)];
    if (!values.corpus || !Number.isInteger(sample) || sample < 1 || !Number.isInteger(seed)) {
      console.error(USAGE_NAMES);
      return 2;
    }
    const { corpus, candidates, judgments, out } = values;
    console.log(JSON.stringify(await evaluateNameVariants({ corpus, sample, seed, candidates, judgments, out })));
    return 0;
  }
  if (values.similar) {
    const [sample, seed] = [Number(values.sample), Number(values.seed)];
    if (!values.corpus || !Number.isInteger(sample) || sample < 1 || !Number.isInteger(seed)) {
      console.error(USAGE_SIMILAR);
      return 2;
    }
    const { corpus, judgments, out } = values;
    return await withEngine(values.home, async (engine) => {
      console.log(JSON.stringify(await evaluateSimilar({ engine, corpus, sample, seed, judgments, out })));
    });
  }
  if (values.keywords !== undefined || values.corpus !== undefined) {
    if (!values.keywords || !values.corpus || !['product', 'raw'].includes(values.engine)) {
      console.error(USAGE_KEYWORDS);
      return 2;
    }
    const { keywords, corpus } = values;
    return await withEngine(values.home, async (engine) => {
      console.log(JSON.stringify(await evaluateKeywords({ engine, keywords, corpus, system, runFile: values['run-file'], perQuery: values['per-query'] })));
    });
  }
  if (!values.passages || !values.queries || !['product', 'raw'].includes(values.engine)) {
    console.error(`${USAGE}\n${USAGE_KEYWORDS}\n${USAGE_HIGHLIGHTS}\n${USAGE_SIMILAR}\n${USAGE_NAMES}`);
    return 2;
  }
  const { passages, queries, distractors } = values;
  const questions: Question[] = [];
  for await (const { record } of readNdjsonRecords<Question>(queries)) questions.push(record);
  return await withEngine(undefined, async (engine) => {
    const client = createEngineClient(engine.url, engine.masterKey, 120_000);
    const ranked = system === 'raw' ? await evaluateRaw(client, passages, distractors, questions) : await evaluateProduct(client, engine.url, engine.masterKey, passages, distractors, questions);
    console.log(JSON.stringify({ engine: system, ...retrievalFigures(ranked) }));
  });
});

/** Runs `work` on an engine of its own: in a throw-away folder, or in `home`, kept for the next run (whose indexing is then incremental). */
async function withEngine(home: string | undefined, work: (engine: { url: string; masterKey: string }) => Promise<void>): Promise<number> {
  const folder = home ?? mkdtempSync(join(tmpdir(), 'archive-eval-'));
  const engine = await startEngine({ home: folder });
  try {
    await work(engine);
    return 0;
  } finally {
    await engine.stop();
    if (home === undefined) rmSync(folder, { recursive: true, force: true });
  }
}
