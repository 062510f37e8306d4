import { analyze } from '../arabic/index.ts';
import { readArticles } from '../articles/read.ts';
import { createEngineClient } from '../engine/client.ts';
import { checkHighlights } from './highlight-pairs.ts';
import { indexedCorpus } from './keyword-eval.ts';
import { seededRandom } from './seeded-random.ts';

export interface HighlightEvalOptions {
  engine: { url: string; masterKey: string };
  corpus: string;
  /** How many queries to draw from the corpus. */
  queries: number;
}

/**
 * Queries drawn from the corpus itself, as a journalist would type them: a word, two neighbouring
 * words, or two neighbouring words quoted; each from a different article.
 */
async function drawQueries(corpus: string, count: number): Promise<string[]> {
  const next = seededRandom(20261129);
  const queries: string[] = [];
  for await (const result of readArticles([corpus])) {
    if (queries.length >= count) break;
    if (!('article' in result) || next() > 0.2) continue;
    const words = analyze(result.article.sections.flatMap((section) => section.paragraphs).join(' ')).filter((term) => !term.stop && /\p{Script=Arabic}/u.test(term.surface));
    const at = Math.floor(next() * Math.max(0, words.length - 1));
    const [first, second] = [words[at]?.surface, words[at + 1]?.surface];
    if (!first) continue;
    const kind = queries.length % 3;
    queries.push(kind === 0 || !second ? first : kind === 1 ? `${first} ${second}` : `"${first} ${second}"`);
  }
  return queries;
}

/** Checks every marked text the site would show for queries drawn from the corpus; returns the figures line. */
export async function evaluateHighlights(options: HighlightEvalOptions): Promise<Record<string, unknown>> {
  const client = createEngineClient(options.engine.url, options.engine.masterKey, 120_000);
  const service = await indexedCorpus(client, options.engine, options.corpus);
  const queries = await drawQueries(options.corpus, options.queries);
  console.error(`checking the marks of ${queries.length} queries…`);
  const figures = await checkHighlights(service, queries);
  for (const violation of figures.violations.slice(0, 20)) console.error(`${violation.problem}: ${violation.where}: ${violation.detail}`);
  return { queries: figures.queries, pairs: figures.pairs, texts: figures.texts, violations: figures.violations.length };
}
