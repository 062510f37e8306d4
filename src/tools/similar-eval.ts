import { readFileSync, writeFileSync } from 'node:fs';
import { readArticles } from '../articles/read.ts';
import { safeArticleId } from '../archive-index/index.ts';
import { createEngineClient } from '../engine/client.ts';
import { indexedCorpus } from './keyword-eval.ts';
import { parseTsv } from './keyword-set.ts';
import { drawSample } from './seeded-random.ts';

export interface SimilarEvalOptions {
  engine: { url: string; masterKey: string };
  corpus: string;
  /** How many articles to draw from the corpus, and the seed of the draw. */
  sample: number;
  seed: number;
  /** A judgments file (article, rank, similar, label, reason) to score the run against. */
  judgments?: string;
  /** Where to write the run as a judgments template, labels left blank. */
  out?: string;
}

export const SIMILAR_LABELS = ['story', 'subject', 'unrelated'] as const;
export type SimilarLabel = (typeof SIMILAR_LABELS)[number];

export interface SimilarPair {
  article: string;
  rank: number;
  similar: string;
}

/** The article ids of a corpus file, in file order. */
async function corpusIds(corpus: string): Promise<string[]> {
  const ids: string[] = [];
  for await (const result of readArticles([corpus])) if ('article' in result) ids.push(safeArticleId(result.article.id));
  return ids;
}

const lead = (text: string, length = 160): string => text.replace(/\s+/gu, ' ').slice(0, length);

/** Shares of each label over the judged pairs of a run, and how many pairs of the run have no judgment. */
export function similarShares(pairs: readonly SimilarPair[], judged: readonly Record<string, string>[]) {
  const labels = new Map(judged.map((row) => [`${row.article} ${row.similar}`, row.label ?? '']));
  const counts: Record<SimilarLabel, number> = { story: 0, subject: 0, unrelated: 0 };
  let unjudged = 0;
  const articlesWithRelated = new Set<string>();
  for (const pair of pairs) {
    const label = labels.get(`${pair.article} ${pair.similar}`);
    if (label === undefined || !(SIMILAR_LABELS as readonly string[]).includes(label)) {
      unjudged++;
      continue;
    }
    counts[label as SimilarLabel]++;
    if (label !== 'unrelated') articlesWithRelated.add(pair.article);
  }
  const judgedCount = pairs.length - unjudged;
  const share = (count: number) => (judgedCount === 0 ? 0 : Math.round((count / judgedCount) * 1000) / 1000);
  return {
    pairs: pairs.length,
    unjudged,
    story: share(counts.story),
    subject: share(counts.subject),
    unrelated: share(counts.unrelated),
    articlesWithARelatedOne: articlesWithRelated.size,
  };
}

/** Draws articles from the corpus, lists the similar articles the site would show for each, and scores them against judgments when given. */
export async function evaluateSimilar(options: SimilarEvalOptions): Promise<Record<string, unknown>> {
  const client = createEngineClient(options.engine.url, options.engine.masterKey, 120_000);
  const service = await indexedCorpus(client, options.engine, options.corpus);
  const drawn = drawSample(await corpusIds(options.corpus), options.sample, options.seed);
  const pairs: SimilarPair[] = [];
  const template = ['article\trank\tsimilar\tlabel\treason'];
  const times: number[] = [];
  for (const [i, articleId] of drawn.entries()) {
    const sections = await service.article(articleId);
    if (!sections) continue;
    const started = performance.now();
    const similar = await service.similar(sections);
    times.push(performance.now() - started);
    const first = sections[0];
    console.log(
      `\n#${i + 1} ${articleId} · ${first?.date ?? ''} · ${first?.source ?? ''}\n   ${first?.title ?? ''}\n   ${lead(sections.map((section) => section.text).join(' '))}\n   terms: ${similar.terms.join(' ')}`,
    );
    for (const [rank, article] of similar.articles.entries()) {
      pairs.push({ article: articleId, rank: rank + 1, similar: article.articleId });
      template.push(`${articleId}\t${rank + 1}\t${article.articleId}\t\t`);
      console.log(`   ${rank + 1}. ${article.articleId} · ${article.date ?? ''} · ${article.source ?? ''} · ${article.title}`);
    }
  }
  if (options.out) writeFileSync(options.out, `${template.join('\n')}\n`);
  times.sort((a, b) => a - b);
  const median = Math.round((times[Math.floor(times.length / 2)] ?? 0) * 10) / 10;
  const scored = options.judgments ? similarShares(pairs, parseTsv(readFileSync(options.judgments, 'utf8'))) : {};
  return { articles: drawn.length, seed: options.seed, shown: pairs.length, p50_ms: median, ...scored };
}
