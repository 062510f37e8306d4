import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A keyword relevance set (queries.tsv, qrels.tsv) and its article-level scoring, exactly as the
 * set's score.py does it: hits deduplicated by article in rank order, cut at 10, graded gains
 * 2^rel − 1, the ideal ranking built from every judged article of the query, unjudged as rel 0.
 */

export const KEYWORD_GROUPS = ['entity', 'topic', 'variant', 'multi'] as const;

export interface KeywordQuery {
  qid: string;
  group: string;
  query: string;
  /** The query a variant spells differently, or '' for a canonical query. */
  canonicalQid: string;
  need: string;
}

export interface KeywordSet {
  /** In file order. */
  queries: KeywordQuery[];
  /** qid → articleId → grade (0, 1 or 2). */
  qrels: Map<string, Map<string, number>>;
  /** Judgment rows read, to quote next to any figure. */
  qrelsRows: number;
}

/** A run: each qid's ranked article ids, best first (duplicates allowed, removed when scored). */
export type KeywordRun = Record<string, readonly string[]>;

export interface QueryScore {
  ndcg: number;
  p10: number;
  rr: number;
  /** Distinct articles in the top 10 (fewer when the run had fewer). */
  n: number;
  unjudged: string[];
}

export interface GroupScore {
  group: string;
  queries: number;
  ndcg: number;
  p10: number;
  mrr: number;
  unjudged: number;
  /** Queries with at least one unjudged article in their top 10. */
  unjudgedQueries: number;
}

export interface KeywordScores {
  /** 'all' first, then each group that has queries. */
  groups: GroupScore[];
  perQuery: Map<string, QueryScore>;
  /** qids of the set the run does not hold (scored 0). */
  missing: string[];
  /** qids of the run the set does not hold (ignored). */
  extra: string[];
}

const CUTOFF = 10;

/** Rows of a tab-separated file keyed by its header; blank lines and lines starting with `#` are skipped. */
export function parseTsv(text: string): Record<string, string>[] {
  const rows: Record<string, string>[] = [];
  let header: string[] | null = null;
  for (const raw of text.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line === '' || line.startsWith('#')) continue;
    const cells = line.split('\t');
    if (header === null) {
      header = cells;
      continue;
    }
    const row: Record<string, string> = {};
    // Like Python's zip: a short row lacks the last columns, extra cells are dropped.
    for (let i = 0; i < Math.min(header.length, cells.length); i++) row[header[i]!] = cells[i]!;
    rows.push(row);
  }
  return rows;
}

export function readKeywordSet(folder: string): KeywordSet {
  const queries = parseTsv(readFileSync(join(folder, 'queries.tsv'), 'utf8')).map((row) => ({
    qid: row.qid ?? '',
    group: row.group ?? '',
    query: row.query ?? '',
    canonicalQid: row.canonical_qid ?? '',
    need: row.need ?? '',
  }));
  const qrelRows = parseTsv(readFileSync(join(folder, 'qrels.tsv'), 'utf8'));
  const qrels = new Map<string, Map<string, number>>();
  for (const row of qrelRows) {
    const qid = row.qid ?? '';
    let judged = qrels.get(qid);
    if (judged === undefined) qrels.set(qid, (judged = new Map()));
    // A later row for the same pair wins, as in score.py's dict.
    judged.set(row.articleId ?? '', Number.parseInt(row.rel ?? '0', 10));
  }
  // A qid listed twice keeps its first position and its last row, as score.py's OrderedDict does.
  const byQid = new Map<string, KeywordQuery>();
  for (const query of queries) byQid.set(query.qid, query);
  return { queries: [...byQid.values()], qrels, qrelsRows: qrelRows.length };
}

/** Article ids in rank order, each kept at its first occurrence. */
export function dedupeArticles(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}

const gain = (rel: number): number => 2 ** rel - 1;
const discountedSum = (rels: readonly number[]): number => rels.reduce((sum, rel, i) => sum + gain(rel) / Math.log2(i + 2), 0);

export function scoreQuery(ranked: readonly string[], judged: ReadonlyMap<string, number>): QueryScore {
  const top = dedupeArticles(ranked).slice(0, CUTOFF);
  const rels = top.map((id) => judged.get(id) ?? 0);
  const ideal = [...judged.values()].sort((a, b) => b - a).slice(0, CUTOFF);
  const idcg = discountedSum(ideal);
  const first = rels.findIndex((rel) => rel >= 1);
  return {
    ndcg: idcg > 0 ? discountedSum(rels) / idcg : 0,
    p10: rels.filter((rel) => rel >= 1).length / CUTOFF,
    rr: first >= 0 ? 1 / (first + 1) : 0,
    n: top.length,
    unjudged: top.filter((id) => !judged.has(id)),
  };
}

export function scoreRun(set: KeywordSet, run: KeywordRun): KeywordScores {
  const perQuery = new Map<string, QueryScore>();
  for (const { qid } of set.queries) perQuery.set(qid, scoreQuery(run[qid] ?? [], set.qrels.get(qid) ?? new Map()));
  const aggregate = (group: string, qids: string[]): GroupScore => {
    const scores = qids.map((qid) => perQuery.get(qid)!);
    const mean = (pick: (score: QueryScore) => number) => scores.reduce((sum, score) => sum + pick(score), 0) / scores.length;
    return {
      group,
      queries: scores.length,
      ndcg: mean((score) => score.ndcg),
      p10: mean((score) => score.p10),
      mrr: mean((score) => score.rr),
      unjudged: scores.reduce((sum, score) => sum + score.unjudged.length, 0),
      unjudgedQueries: scores.filter((score) => score.unjudged.length > 0).length,
    };
  };
  const groups: GroupScore[] = [];
  for (const group of ['all', ...KEYWORD_GROUPS]) {
    const qids = set.queries.filter((query) => group === 'all' || query.group === group).map((query) => query.qid);
    if (qids.length > 0) groups.push(aggregate(group, qids));
  }
  const known = new Set(set.queries.map((query) => query.qid));
  return {
    groups,
    perQuery,
    missing: set.queries.filter((query) => !(query.qid in run)).map((query) => query.qid),
    extra: Object.keys(run).filter((qid) => !known.has(qid)),
  };
}

/**
 * Three decimals as Python's format() writes them: exact ties round half to even (0.0625 → 0.062),
 * where toFixed() rounds them up. A double is a tie at three decimals only when it is an odd number
 * of sixteenths, and multiplying by 16 is exact.
 */
export function fixed3(value: number): string {
  const sixteenths = value * 16;
  if (Number.isInteger(sixteenths) && Math.abs(sixteenths % 2) === 1) {
    const up = value.toFixed(3);
    const last = Number(up.at(-1));
    return last % 2 === 0 ? up : (value - 0.0005).toFixed(3);
  }
  return value.toFixed(3);
}
const fixed = fixed3;

/** The table score.py prints, for a terminal. */
export function formatScores(scores: KeywordScores): string {
  const lines = [`${'group'.padEnd(8)} ${'n'.padStart(3)}  ${'nDCG@10'.padStart(7)}  ${'P@10'.padStart(6)}  ${'MRR@10'.padStart(6)}  ${'unjudged@10'.padStart(11)}`];
  for (const g of scores.groups) {
    lines.push(`${g.group.padEnd(8)} ${String(g.queries).padStart(3)}  ${fixed(g.ndcg).padStart(7)}  ${fixed(g.p10).padStart(6)}  ${fixed(g.mrr).padStart(6)}  ${String(g.unjudged).padStart(11)}`);
  }
  const all = scores.groups[0];
  if (all) lines.push(`unjudged articles in top 10 (counted as rel 0): ${all.unjudged} in ${all.unjudgedQueries} of ${all.queries} queries`);
  if (scores.missing.length > 0) lines.push(`queries absent from the run (scored 0): ${scores.missing.length}: ${scores.missing.join(' ')}`);
  if (scores.extra.length > 0) lines.push(`qids in the run but not in the query set (ignored): ${scores.extra.length}`);
  return lines.join('\n');
}
