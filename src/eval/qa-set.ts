import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import type { ReadResult } from '../articles/article.ts';
import { splitParagraphs } from '../articles/sections.ts';

export interface Passage {
  passage_id: string;
  title?: string;
  text: string;
}
export interface Question {
  qid: string;
  question: string;
  passage_id: string;
}

/** Objects of an NDJSON(.gz) file, one per non-empty line, streamed. */
export async function* readNdjsonObjects<T>(file: string): AsyncGenerator<T> {
  const raw = createReadStream(file);
  const input = file.endsWith('.gz') ? raw.pipe(createGunzip()) : raw;
  for await (const line of createInterface({ input, crlfDelay: Infinity })) {
    if (line.trim() !== '') yield JSON.parse(line) as T;
  }
}

/** Each passage as an article of one section, so it goes through the product's own indexing. */
export async function* passagesAsArticles(file: string): AsyncGenerator<ReadResult> {
  let line = 0;
  for await (const passage of readNdjsonObjects<Passage>(file)) {
    line++;
    yield {
      article: {
        id: passage.passage_id,
        title: passage.title ?? '',
        date: null,
        source: null,
        url: null,
        sections: [{ n: 1, heading: null, paragraphs: [passage.text] }],
        origin: { file, line },
      },
    };
  }
}

/** Every paragraph of every news article as a passage of its own: the distractors of the evaluation. */
export async function* newsParagraphsAsArticles(file: string): AsyncGenerator<ReadResult> {
  let line = 0;
  for await (const news of readNdjsonObjects<{ id: string; title?: string; body: string }>(file)) {
    line++;
    const paragraphs = splitParagraphs(news.body);
    for (const [i, paragraph] of paragraphs.entries()) {
      yield {
        article: {
          id: `${news.id}-p${i}`,
          title: news.title ?? '',
          date: null,
          source: null,
          url: null,
          sections: [{ n: 1, heading: null, paragraphs: [paragraph] }],
          origin: { file, line },
        },
      };
    }
  }
}

export interface RankedQuestion {
  /** 1-based rank of the right passage in the top 10, or null. */
  rank: number | null;
  ms: number;
}

const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
const round = (value: number): number => Math.round(value * 1000) / 1000;

export function retrievalFigures(ranked: RankedQuestion[]) {
  const within = (k: number) => ranked.filter((q) => q.rank !== null && q.rank <= k).length / Math.max(ranked.length, 1);
  const mrr = ranked.reduce((sum, q) => sum + (q.rank !== null && q.rank <= 10 ? 1 / q.rank : 0), 0) / Math.max(ranked.length, 1);
  const times = ranked.map((q) => q.ms).sort((a, b) => a - b);
  return {
    queries: ranked.length,
    'recall@1': round(within(1)),
    'recall@5': round(within(5)),
    'recall@10': round(within(10)),
    'mrr@10': round(mrr),
    p50_ms: round(percentile(times, 0.5)),
    p95_ms: round(percentile(times, 0.95)),
  };
}
