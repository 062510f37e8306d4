import type { ReadResult } from '../articles/article.ts';
import { readNdjsonLines } from '../articles/ndjson-lines.ts';
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

/** Objects of an NDJSON(.gz) file, one per non-blank line, streamed, each with its line number. */
export async function* readNdjsonRecords<T>(file: string): AsyncGenerator<{ record: T; line: number }> {
  for await (const { text, number } of readNdjsonLines(file)) {
    let record: T;
    try {
      record = JSON.parse(text) as T;
    } catch (error) {
      throw new Error(`${file}:${number}: ${(error as Error).message}`);
    }
    yield { record, line: number };
  }
}

/** Each passage as an article of one section, so it goes through the product's own indexing. */
export async function* passagesAsArticles(file: string): AsyncGenerator<ReadResult> {
  for await (const { record: passage, line } of readNdjsonRecords<Passage>(file)) {
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
  for await (const { record: news, line } of readNdjsonRecords<{ id: string; title?: string; body: string }>(file)) {
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
