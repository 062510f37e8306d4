// Nothing lost, nothing leaked: the index command killed at chosen points, rebuilds that fail, and an
// engine behind a network that refuses, drops and stalls. The engine is always the real one; the
// proxy in front of it only holds, drops or answers for requests the test picks.
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RecordAny } from 'meilisearch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReadResult } from '../../src/articles/article.ts';
import { createRetryingEngineClient, isIndexNotFound, settle, settlePending } from '../../src/engine/client.ts';
import { describeEngineError } from '../../src/engine/errors.ts';
import { freePort } from '../../src/engine/embedded.ts';
import type { Retry } from '../../src/engine/retry.ts';
import { loadEngineSettings } from '../../src/engine/settings.ts';
import { loadGazetteer } from '../../src/entities/index.ts';
import { analysisVersion } from '../../src/indexer/analysis-version.ts';
import { indexArticles } from '../../src/indexer/indexer.ts';
import { startFaultProxy, type Fault, type FaultProxy, type ProxiedRequest } from '../fault-proxy.ts';
import { runCli } from '../harness.ts';
import { fixture, testEngine } from '../helpers.ts';

const { url, key, client, index: live } = testEngine('indexer-faults');
const gazetteer = loadGazetteer();
const settings = loadEngineSettings();
const BATCH = '20';
let folder: string;
let proxy: FaultProxy;
const children = new Set<ChildProcess>();

// ---- a corpus of generated articles, two versions of it ------------------------------------------

const WORDS = [...new Set(readFileSync(fixture('articles/news.ndjson'), 'utf8').match(/\p{Script=Arabic}+/gu) ?? [])];

/** A paragraph of about 130 words: one section each (sections hold about 120 words). */
function paragraph(seed: number): string {
  let state = seed + 1;
  const words: string[] = [];
  for (let i = 0; i < 130; i++) {
    state = (state * 48_271) % 2_147_483_647;
    words.push(WORDS[state % WORDS.length] ?? 'كلمة');
  }
  return `${words.join(' ')}.`;
}

const line = (id: string, seeds: number[]): string => JSON.stringify({ id, title: `مقال ${id}`, date: '2025-03-01', source: 'اختبار', url: null, body: seeds.map(paragraph).join('\n\n') });

const range = (from: number, to: number): number[] => Array.from({ length: to - from }, (_, i) => from + i);

/**
 * Version 1: 61 articles in a.ndjson (`shrink` has three sections) and 20 in b.ndjson, 163 sections.
 * Version 2: `shrink` down to one section and a0–a9 rewritten, a50–a59 gone from a.ndjson, b.ndjson
 * deleted, c.ndjson new: 121 sections.
 */
function writeCorpus(version: 1 | 2): void {
  const a = version === 1 ? range(0, 60) : range(0, 50);
  const changed = (i: number) => (version === 2 && i < 10 ? 1000 : 0);
  const shrink = line('shrink', version === 1 ? [900, 901, 902] : [903]);
  writeFileSync(join(folder, 'a.ndjson'), [shrink, ...a.map((i) => line(`a${i}`, [i * 2 + changed(i), i * 2 + 1 + changed(i)]))].join('\n'));
  rmSync(join(folder, 'b.ndjson'), { force: true });
  rmSync(join(folder, 'c.ndjson'), { force: true });
  if (version === 1)
    writeFileSync(
      join(folder, 'b.ndjson'),
      range(0, 20)
        .map((i) => line(`b${i}`, [500 + i * 2, 501 + i * 2]))
        .join('\n'),
    );
  else
    writeFileSync(
      join(folder, 'c.ndjson'),
      range(0, 10)
        .map((i) => line(`c${i}`, [700 + i * 2, 701 + i * 2]))
        .join('\n'),
    );
}
const SECTIONS = { 1: 163, 2: 121 };

// ---- which requests the proxy in front of the engine picks ---------------------------------------

/** The n-th request (1-based, counted from now) that `matches`. */
function nth(n: number, matches: (request: ProxiedRequest) => boolean): (request: ProxiedRequest) => boolean {
  let count = 0;
  return (request) => matches(request) && ++count === n;
}
const is = (method: string, path: string) => (request: ProxiedRequest) => request.method === method && request.path === path;
const PASS: Fault = { kind: 'pass' };
const REFUSE_503: Fault = { kind: 'refuse', status: 503 };

// ---- the index command as a child process ----------------------------------------------------------

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  output: string;
}

interface RunOptions {
  /** The first request it matches never reaches the engine, and the child is SIGKILLed `graceMs` later. */
  killAt?: (request: ProxiedRequest) => boolean;
  graceMs?: number;
  faults?: (request: ProxiedRequest) => Fault;
  index?: string;
  /** The engine's own URL, to bypass the proxy. */
  engine?: string;
}

/** `npm run index` in a child process, through the proxy, killed or faulted as the options say. */
async function runIndexer(args: string[], options: RunOptions = {}): Promise<Run> {
  const { child, output } = runCli('index-archive.ts', { MEILI_URL: options.engine ?? proxy.url, MEILI_MASTER_KEY: key, MEILI_INDEX: options.index ?? live }, args);
  children.add(child);
  let tripped = false;
  const { killAt, graceMs = 0, faults } = options;
  proxy.fault = (request) => {
    if (killAt !== undefined && !tripped && killAt(request)) {
      tripped = true;
      setTimeout(() => child.kill('SIGKILL'), graceMs);
      return { kind: 'hold' };
    }
    return faults?.(request) ?? PASS;
  };
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.once('exit', (c, s) => resolve([c, s])));
  children.delete(child);
  proxy.fault = PASS;
  if (killAt !== undefined && signal !== 'SIGKILL') throw new Error(`the run ended before its kill point:\n${output()}`);
  return { code, signal, output: output() };
}

// ---- what an index holds ----------------------------------------------------------------------------

const byId = (a: RecordAny, b: RecordAny): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

async function documentsOf(uid: string): Promise<RecordAny[]> {
  try {
    return (await client.index(uid).getDocuments({ limit: 10_000 })).results.sort(byId);
  } catch (error) {
    if (isIndexNotFound(error)) return [];
    throw error;
  }
}

/** All sections and all term statistics, once the engine has done what was queued (also by a killed run). */
async function contents(uid: string) {
  await settlePending(client, [uid, `${uid}-stats`, `${uid}-next`, `${uid}-next-stats`]);
  const [sections, stats] = await Promise.all([documentsOf(uid), documentsOf(`${uid}-stats`)]);
  return { ids: sections.map((document) => String(document.id)), sections, stats };
}

async function expectSameContents(uid: string, clean: string): Promise<void> {
  // Other work on the analysis while this file runs would change every fingerprint: say so, not a diff of 160 documents.
  expect(analysisVersion(), 'src/arabic, src/entities or index-config changed while the test ran').toBe(versionAtStart);
  const [actual, expected] = await Promise.all([contents(uid), contents(clean)]);
  expect(actual.ids).toEqual(expected.ids);
  expect(actual.sections).toEqual(expected.sections);
  expect(actual.stats).toEqual(expected.stats);
}

async function indexUids(): Promise<string[]> {
  return (await client.getIndexes({ limit: 1000 })).results.map((i) => i.uid);
}

/** A clean build of the folder as it is now, in-process, into an index of its own. */
async function cleanBuild(uid: string): Promise<void> {
  const summary = await indexArticles({ client, index: uid, paths: [folder], gazetteer, settings, analysisVersion: analysisVersion() });
  expect(summary).toMatchObject({ problems: [], failures: [], changed: summary.articles });
}

const versionAtStart = analysisVersion();
const clean1 = `${live}-clean1`;
const clean2 = `${live}-clean2`;
const documentsOfLive = is('POST', `/indexes/${live}/documents`);

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'indexer-faults-'));
  proxy = await startFaultProxy(url);
  writeCorpus(1);
  await cleanBuild(clean1);
  writeCorpus(2);
  await cleanBuild(clean2);
  expect((await contents(clean1)).ids).toHaveLength(SECTIONS[1]);
  expect((await contents(clean2)).ids).toHaveLength(SECTIONS[2]);
});
afterAll(async () => {
  // Also when a test failed half way: no child outlives the file.
  for (const child of children) child.kill('SIGKILL');
  await proxy?.close();
  rmSync(folder, { recursive: true, force: true });
});

describe('the index command killed at any point', () => {
  it('a first build killed between batches, then after its last batch but before the term statistics, is a clean build after one more run', async () => {
    writeCorpus(1);
    await runIndexer(['--batch-size', BATCH, folder], { killAt: nth(4, documentsOfLive) });
    const partial = await contents(live);
    expect(partial.ids.length).toBeGreaterThan(0);
    expect(partial.ids.length).toBeLessThan(SECTIONS[1]);

    // Every section gets in; the statistics never do.
    await runIndexer(['--batch-size', BATCH, folder], { killAt: is('POST', `/indexes/${live}-stats/documents`) });
    expect((await contents(live)).ids).toHaveLength(SECTIONS[1]);

    const last = await runIndexer(['--batch-size', BATCH, folder]);
    expect(last.code).toBe(0);
    // Nothing was left to send, and still the statistics were counted again.
    expect(last.output).toMatch(/Indexed 81 articles \(163 sections\): 0 new or changed, 81 unchanged, 0 deleted; 0 sections sent; 0 skipped, 0 failed;/u);
    await expectSameContents(live, clean1);
  });

  it('an update killed between sending a changed article and deleting its surplus sections is a clean build after one more run, deleted articles and files gone', async () => {
    writeCorpus(2);
    // The sections sent just before the deletion reach the engine; the deletion never does.
    await runIndexer(['--batch-size', BATCH, folder], { killAt: is('POST', `/indexes/${live}/documents/delete-batch`), graceMs: 300 });
    // The state the cut-off leaves: `shrink` has its new first section and still its old second and third.
    const shrink = (await contents(live)).sections.filter((document) => document.articleId === 'shrink');
    expect(shrink.map((document) => document.id)).toEqual(['shrink__1', 'shrink__2', 'shrink__3']);
    expect(new Set(shrink.map((document) => document.hash)).size).toBe(2);

    const last = await runIndexer(['--batch-size', BATCH, folder]);
    expect(last.code).toBe(0);
    await expectSameContents(live, clean2);
    expect((await contents(live)).ids.filter((id) => /^(shrink__[23]|b\d+__\d|a5\d__\d)$/u.test(id))).toEqual([]);
  });

  it('a rebuild killed while filling the fresh index leaves the old index serving, and the next plain run drops what it left', async () => {
    await runIndexer(['--rebuild', '--batch-size', BATCH, folder], { killAt: nth(3, is('POST', `/indexes/${live}-next/documents`)) });
    await expectSameContents(live, clean2);
    expect(await indexUids()).toContain(`${live}-next`);

    const next = await runIndexer(['--batch-size', BATCH, folder]);
    expect(next.output).toMatch(/: 0 new or changed, 61 unchanged, 0 deleted;/u);
    expect(await indexUids()).not.toContain(`${live}-next`);
    expect(await indexUids()).not.toContain(`${live}-next-stats`);
    await expectSameContents(live, clean2);
  });

  it('a rebuild killed just before the swap leaves the old index serving; the next rebuild starts afresh, never shows searchers an empty or partial index, and is a clean build', async () => {
    writeCorpus(1);
    await runIndexer(['--rebuild', '--batch-size', BATCH, folder], { killAt: is('POST', '/swap-indexes') });
    await expectSameContents(live, clean2);
    // Complete, with its statistics, and still never swapped in.
    expect((await contents(`${live}-next`)).ids).toHaveLength(SECTIONS[1]);

    const counts: number[] = [];
    let running = true;
    const watching = (async () => {
      while (running) {
        counts.push((await client.index(live).getStats()).numberOfDocuments);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    const rebuild = await runIndexer(['--rebuild', '--batch-size', BATCH, folder]);
    running = false;
    await watching;
    expect(rebuild.code).toBe(0);
    expect(counts.length).toBeGreaterThan(10);
    // The old count until the swap, the new one after it, nothing in between.
    const switched = counts.indexOf(SECTIONS[1]);
    expect(switched).toBeGreaterThan(0);
    expect(counts.slice(0, switched).every((count) => count === SECTIONS[2])).toBe(true);
    expect(counts.slice(switched).every((count) => count === SECTIONS[1])).toBe(true);
    await expectSameContents(live, clean1);
    expect((await indexUids()).filter((uid) => uid.startsWith(`${live}-next`))).toEqual([]);
  });
});

describe('engine failures', () => {
  it('a rebuild the engine rejects leaves the old index and its statistics serving, and says why', async () => {
    const before = await contents(live);
    async function* articles(): AsyncIterable<ReadResult> {
      const origin = { file: join(folder, 'x.ndjson'), line: 1 };
      yield { article: { id: 'fine', title: 'مقال سليم', date: null, source: null, url: null, sections: [{ n: 1, heading: null, paragraphs: [paragraph(1)] }], origin } };
      // A reader bug that gives a section a fractional number: its document id is one the engine refuses.
      yield { article: { id: 'broken', title: 'مقال معطوب', date: null, source: null, url: null, sections: [{ n: 1.5, heading: null, paragraphs: [paragraph(2)] }], origin } };
    }
    const summary = await indexArticles({ client, index: live, paths: [], articles: articles(), rebuild: true, gazetteer, settings, analysisVersion: analysisVersion() });
    expect(summary.failures).toEqual([expect.stringMatching(/2 sections: Meilisearch task \d+ \(documentAdditionOrUpdate\) failed: Document identifier `"broken__1\.5"` is invalid/u)]);
    expect(await contents(live)).toEqual(before);
    expect((await indexUids()).filter((uid) => uid.startsWith(`${live}-next`))).toEqual([]);
  });

  it("a task the engine rejects is printed with the engine's reason, and the exit code is 1", async () => {
    const other = `${live}-keyed`;
    await settle(client.createIndex(other, { primaryKey: 'articleId' }));
    const run = await runIndexer([fixture('articles')], { index: other, engine: url });
    expect(run.code).toBe(1);
    expect(run.output).toMatch(/failed: \d+ sections: Meilisearch task \d+ \(documentAdditionOrUpdate\) failed: Index already has a primary key: `articleId`\./u);
    expect(run.output).toMatch(/Indexed 6 articles \(\d+ sections\): .* 0 skipped, 1 failed;/u);
  });

  it('throttled, unavailable and dropped requests are retried and reported, and the index is a clean build', async () => {
    const retried = `${live}-retried`;
    const faults: [(request: ProxiedRequest) => boolean, Fault][] = [
      [nth(1, is('GET', '/tasks')), REFUSE_503],
      [nth(1, is('POST', '/indexes')), { kind: 'refuse', status: 429 }],
      [nth(1, is('POST', `/indexes/${retried}/documents`)), { kind: 'lose-answer' }],
      [nth(2, (request) => request.method === 'GET' && request.path.startsWith('/tasks/')), { kind: 'drop' }],
      [nth(1, is('PATCH', `/indexes/${retried}-stats/settings`)), REFUSE_503],
    ];
    const { code, output } = await runIndexer([folder], { index: retried, faults: (request) => faults.find(([matches]) => matches(request))?.[1] ?? PASS });
    expect(code, output).toBe(0);
    const retries = output.split('\n').filter((l) => l.startsWith('engine: '));
    // Concurrent requests: the order of the lines is not fixed.
    expect(retries).toHaveLength(faults.length);
    expect(retries).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^engine: GET \/tasks answered 503; try 2 of 5 in \d+ ms$/u),
        expect.stringMatching(/^engine: POST \/indexes answered 429; try 2 of 5 in \d+ ms$/u),
        expect.stringMatching(/^engine: POST \/indexes\/[\w-]+\/documents ECONNRESET; try 2 of 5 in \d+ ms$/u),
        expect.stringMatching(/^engine: GET \/tasks\/\d+ ECONNRESET; try 2 of 5 in \d+ ms$/u),
        expect.stringMatching(/^engine: PATCH \/indexes\/[\w-]+-stats\/settings answered 503; try 2 of 5 in \d+ ms$/u),
      ]),
    );
    expect(output).toMatch(/Indexed 81 articles \(163 sections\): 81 new or changed, .* 0 skipped, 0 failed, 5 retried;/u);
    await expectSameContents(retried, clean1);
  });

  it('gives up after a bounded number of tries, never repeats a request the engine may have done when doing it twice differs, and retries stalls and refused connections', async () => {
    const retries: Retry[] = [];
    const onRetry = (retry: Retry) => retries.push(retry);
    const viaProxy = createRetryingEngineClient(proxy.url, key, { attempts: 4, baseDelayMs: 20, attemptTimeoutMs: 300, onRetry });

    proxy.seen = [];
    proxy.fault = REFUSE_503;
    expect(await viaProxy.getIndex(live).then(() => 'answered', describeEngineError)).toMatch(/has failed: the engine is busy$/u);
    expect(proxy.seen).toHaveLength(4);
    expect(retries.map((retry) => [retry.attempt, retry.reason])).toEqual([
      [1, 'answered 503'],
      [2, 'answered 503'],
      [3, 'answered 503'],
    ]);
    // Exponential with jitter: each wait between half and all of base × 2^(try − 1).
    retries.forEach((retry) => {
      expect(retry.delayMs).toBeGreaterThanOrEqual(10 * 2 ** (retry.attempt - 1));
      expect(retry.delayMs).toBeLessThanOrEqual(20 * 2 ** (retry.attempt - 1));
    });

    // Creating an index (like swapping two) is not repeated when the answer is lost after the engine did it.
    proxy.seen = [];
    retries.length = 0;
    proxy.fault = { kind: 'lose-answer' };
    await expect(viaProxy.createIndex(`${live}-once`)).rejects.toThrow();
    expect(proxy.seen).toMatchObject([{ method: 'POST', path: '/indexes' }]);
    expect(retries).toEqual([]);

    proxy.seen = [];
    const stall = nth(1, () => true);
    proxy.fault = (request) => (stall(request) ? { kind: 'hold' } : PASS);
    await expect(viaProxy.getVersion()).resolves.toMatchObject({ pkgVersion: expect.stringMatching(/^1\.21\./u) });
    expect(retries.map((retry) => retry.reason)).toEqual(['no answer in time']);
    proxy.fault = PASS;

    // Nothing listens on the port yet; the engine "comes back" there a moment later.
    const port = await freePort();
    retries.length = 0;
    const late = createRetryingEngineClient(`http://127.0.0.1:${port}`, key, { attempts: 6, baseDelayMs: 50, onRetry });
    const answer = late.getVersion();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const back = await startFaultProxy(url, port);
    try {
      await expect(answer).resolves.toMatchObject({ pkgVersion: expect.stringMatching(/^1\.21\./u) });
    } finally {
      await back.close();
    }
    expect(retries.length).toBeGreaterThan(0);
    expect(retries.every((retry) => retry.reason === 'ECONNREFUSED')).toBe(true);
  });

  it('exits 1 with the reason when the engine stays unavailable past the retries', async () => {
    const run = await runIndexer([fixture('articles')], { index: `${live}-away`, faults: () => REFUSE_503 });
    expect(run.code).toBe(1);
    const retries = run.output.split('\n').filter((l) => l.startsWith('engine: '));
    // Four waits per request, then it gives up: there is no sixth try.
    expect(retries.filter((l) => / answered 503; try 5 of 5 in \d+ ms$/u.test(l)).length).toBeGreaterThan(0);
    expect(retries.every((l) => / answered 503; try [2-5] of 5 in \d+ ms$/u.test(l))).toBe(true);
    expect(run.output).toMatch(/^failed: Request to http:\/\/127\.0\.0\.1:\d+\/tasks\S* has failed: the engine is busy \(after \d+ retried requests\)$/mu);
  });
});
