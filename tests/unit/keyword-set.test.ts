import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixed3, formatScores, readKeywordSet, scoreQuery, scoreRun, type KeywordSet } from '../../src/tools/keyword-set.ts';

// A keyword set in the shape of the dev set: header, comment lines, a variant, and a grade corrected
// by a later row. The expected figures are what the set's score.py prints for the same files.
const QUERIES = [
  'qid\tgroup\tquery\tcanonical_qid\tneed',
  '# replaced during drafting',
  'Q1\tentity\tكوبا\t\tCuba',
  'Q2\ttopic\tالسياحة\t\ttourism',
  'Q3\tmulti\tسد النهضة\t\tthe dam',
  'Q4\tvariant\tالسياحه\tQ2\t= Q2',
].join('\n');
const QRELS = ['qid\tarticleId\trel', 'Q1\ta\t2', 'Q1\tb\t1', 'Q1\tc\t0', 'Q1\td\t1', '# corrected: Q1 d 1 -> 2', 'Q1\td\t2', 'Q2\tx\t1', 'Q3\tm\t2', 'Q4\tx\t1', ''].join('\n');
const RUN = { Q1: ['b', 'b', 'a', 'z', 'c'], Q2: ['y', 'x'], Q4: ['x', 'x', 'x'], Q9: ['a'] };

let folder: string;
let set: KeywordSet;
beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), 'keyword-set-'));
  writeFileSync(join(folder, 'queries.tsv'), QUERIES);
  writeFileSync(join(folder, 'qrels.tsv'), QRELS);
  set = readKeywordSet(folder);
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('readKeywordSet', () => {
  it('skips the header and comment lines, keeps file order and the last grade of a pair', () => {
    expect(set.queries.map((query) => [query.qid, query.group, query.canonicalQid])).toEqual([
      ['Q1', 'entity', ''],
      ['Q2', 'topic', ''],
      ['Q3', 'multi', ''],
      ['Q4', 'variant', 'Q2'],
    ]);
    expect(set.queries[2]?.query).toBe('سد النهضة');
    expect(set.qrelsRows).toBe(8);
    expect(Object.fromEntries(set.qrels.get('Q1') ?? [])).toEqual({ a: 2, b: 1, c: 0, d: 2 });
  });
});

describe('scoreQuery', () => {
  it('dedupes by article in rank order, judges the ideal ranking on all judged articles, counts unjudged as 0', () => {
    const score = scoreQuery(RUN.Q1, set.qrels.get('Q1')!);
    // Top: b(1) a(2) z(unjudged) c(0); ideal: 2 2 1 0.
    const dcg = 1 + 3 / Math.log2(3);
    const idcg = 3 + 3 / Math.log2(3) + 1 / 2;
    expect(score.ndcg).toBeCloseTo(dcg / idcg, 12);
    expect(score).toMatchObject({ p10: 0.2, rr: 1, n: 4, unjudged: ['z'] });
  });

  it('cuts at ten distinct articles and does not pad a short list', () => {
    const judged = new Map([...'abcdefghijkl'].map((id) => [id, 1]));
    const score = scoreQuery([...'lkjihgfedcbal'], judged);
    expect(score.n).toBe(10);
    expect(score.p10).toBe(1);
    expect(scoreQuery(['a'], judged).p10).toBe(0.1);
    expect(scoreQuery([], new Map())).toEqual({ ndcg: 0, p10: 0, rr: 0, n: 0, unjudged: [] });
  });
});

describe('scoreRun', () => {
  it('averages per group and over all queries, a missing query scoring 0', () => {
    const scores = scoreRun(set, RUN);
    const rounded = scores.groups.map((g) => [g.group, g.queries, +g.ndcg.toFixed(3), +g.p10.toFixed(3), +g.mrr.toFixed(3), g.unjudged, g.unjudgedQueries]);
    expect(rounded).toEqual([
      ['all', 4, 0.542, 0.1, 0.625, 2, 2],
      ['entity', 1, 0.536, 0.2, 1, 1, 1],
      ['topic', 1, 0.631, 0.1, 0.5, 1, 1],
      ['variant', 1, 1, 0.1, 1, 0, 0],
      ['multi', 1, 0, 0, 0, 0, 0],
    ]);
    expect(scores.missing).toEqual(['Q3']);
    expect(scores.extra).toEqual(['Q9']);
  });

  it('prints the table score.py prints', () => {
    expect(formatScores(scoreRun(set, RUN))).toBe(
      [
        'group      n  nDCG@10    P@10  MRR@10  unjudged@10',
        'all        4    0.542   0.100   0.625            2',
        'entity     1    0.536   0.200   1.000            1',
        'topic      1    0.631   0.100   0.500            1',
        'variant    1    1.000   0.100   1.000            0',
        'multi      1    0.000   0.000   0.000            0',
        'unjudged articles in top 10 (counted as rel 0): 2 in 2 of 4 queries',
        'queries absent from the run (scored 0): 1: Q3',
        'qids in the run but not in the query set (ignored): 1',
      ].join('\n'),
    );
  });
});

describe('fixed3', () => {
  it('writes three decimals as Python does, exact ties to even', () => {
    const values = [0.0625, 0.1875, 0.3125, 0.4375, 0.5625, 0.6875, 0.8125, 0.9375, 1.0625, 0.5, 0.0005, 0.1235, 0.8066666666666666];
    expect(values.map(fixed3)).toEqual(['0.062', '0.188', '0.312', '0.438', '0.562', '0.688', '0.812', '0.938', '1.062', '0.500', '0.001', '0.123', '0.807']);
  });
});
