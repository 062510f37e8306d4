import { writeFileSync } from 'node:fs';
import { createProgress } from '../cli/progress.ts';
import { createEngineClient, settle, type EngineClient } from '../engine/client.ts';
import { loadEngineSettings } from '../engine/settings.ts';
import { loadGazetteer } from '../entities/index.ts';
import { analysisVersion } from '../indexer/analysis-version.ts';
import { indexArticles } from '../indexer/indexer.ts';
import { createSearchService } from '../search/service.ts';
import { formatScores, readKeywordSet, scoreRun, type KeywordRun, type KeywordScores, type KeywordSet } from './keyword-set.ts';
import { pushDocuments } from '../engine/index-store.ts';
import { type PlainSection, plainSections } from './plain-sections.ts';

export interface KeywordEvalOptions {
  engine: { url: string; masterKey: string };
  /** The keyword set's folder (queries.tsv, qrels.tsv). */
  keywords: string;
  /** The news archive the set was judged on (NDJSON, maybe gzipped). */
  corpus: string;
  system: 'product' | 'raw';
  /** Where to write the run as JSON (qid → article ids), for the set's own score.py. */
  runFile?: string;
  /** Print every query's figures and its unjudged articles. */
  perQuery?: boolean;
}

const INDEX = 'keywords';
/** Sections asked of a system per query: with sections as units the first 10 hits hold ~7 articles, so 50 fill the top 10 articles. */
const HITS_PER_QUERY = 50;

/** Runs a keyword set against the product (or Meilisearch alone) over a corpus and scores it at article level; returns the figures line. */
export async function evaluateKeywords(options: KeywordEvalOptions): Promise<Record<string, unknown>> {
  const set = readKeywordSet(options.keywords);
  const client = createEngineClient(options.engine.url, options.engine.masterKey, 120_000);
  const search = options.system === 'raw' ? await rawSearcher(client, options.corpus) : await productSearcher(client, options);
  const run: KeywordRun = {};
  for (const [i, query] of set.queries.entries()) {
    if (i % 20 === 0) console.error(`searched ${i}/${set.queries.length}`);
    run[query.qid] = await search(query.query);
  }
  // Timed on a second pass: the first warmed the engine's and our caches, as a live site's are.
  const times: number[] = [];
  for (const query of set.queries) {
    const started = performance.now();
    await search(query.query);
    times.push(performance.now() - started);
  }
  if (options.runFile) writeFileSync(options.runFile, JSON.stringify(run, null, 1));
  const scores = scoreRun(set, run);
  console.error(formatScores(scores));
  if (options.perQuery) printPerQuery(set, scores);
  return figures(options.system, set, scores, times);
}

async function productSearcher(client: EngineClient, options: KeywordEvalOptions): Promise<(q: string) => Promise<string[]>> {
  const service = await indexedCorpus(client, options.engine, options.corpus);
  return async (q) => (await service.search({ q, regions: [], actors: [], page: 1, limit: HITS_PER_QUERY })).hits.map((hit) => hit.articleId);
}

/** The corpus indexed through the product's own indexing (incremental when the engine kept an earlier run), and the search service over it. */
export async function indexedCorpus(client: EngineClient, engine: { url: string; masterKey: string }, corpus: string) {
  const gazetteer = loadGazetteer();
  const progress = createProgress('indexing');
  const summary = await indexArticles({
    client,
    index: INDEX,
    paths: [corpus],
    gazetteer,
    settings: loadEngineSettings(),
    analysisVersion: analysisVersion(),
    onProgress: (p) => progress.update(p.articles, null, `${p.sections} sections`),
  });
  progress.done();
  console.error(`indexed ${summary.articles} articles (${summary.sections} sections) in ${summary.seconds.toFixed(1)} s`);
  const service = await createSearchService({ engineUrl: engine.url, apiKey: engine.masterKey, index: INDEX, gazetteer });
  service.stop();
  return service;
}

/** The baseline: one document per section (title and text as written), Meilisearch's default settings. */
async function rawSearcher(client: EngineClient, corpus: string): Promise<(q: string) => Promise<string[]>> {
  const index = client.index<PlainSection>(`${INDEX}-raw`);
  await pushDocuments(client, index.uid, plainSections(corpus), 5000);
  await settle(index.updateSettings({ searchableAttributes: ['title', 'text'] }));
  return async (q) => (await index.search(q, { limit: HITS_PER_QUERY, attributesToRetrieve: ['articleId'] })).hits.map((hit) => hit.articleId);
}

function printPerQuery(set: KeywordSet, scores: KeywordScores): void {
  for (const query of set.queries) {
    const score = scores.perQuery.get(query.qid);
    if (!score) continue;
    console.error(`${query.qid}\t${query.group}\t${score.ndcg.toFixed(3)}\t${score.p10.toFixed(1)}\t${query.query}${score.unjudged.length > 0 ? `\tunjudged: ${score.unjudged.join(' ')}` : ''}`);
  }
}

const round = (value: number) => Math.round(value * 1000) / 1000;
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0);
};

function figures(system: string, set: KeywordSet, scores: KeywordScores, times: number[]): Record<string, unknown> {
  const groups = Object.fromEntries(scores.groups.map((g) => [g.group, { queries: g.queries, 'ndcg@10': round(g.ndcg), 'p@10': round(g.p10), 'mrr@10': round(g.mrr), unjudged: g.unjudged }]));
  const all = scores.groups[0];
  return {
    engine: system,
    qrels_rows: set.qrelsRows,
    queries: set.queries.length,
    'ndcg@10': round(all?.ndcg ?? 0),
    'p@10': round(all?.p10 ?? 0),
    'mrr@10': round(all?.mrr ?? 0),
    unjudged: all?.unjudged ?? 0,
    unjudged_queries: all?.unjudgedQueries ?? 0,
    groups,
    p50_ms: percentile(times, 50),
    p95_ms: percentile(times, 95),
  };
}
