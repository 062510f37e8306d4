import type { ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { analyze } from '../arabic/index.ts';
import { INDEXER_NODE_FLAGS } from '../cli/index-command.ts';
import { runCli } from '../cli/run.ts';
import type { EngineRequest } from '../engine/archive-reader.ts';
import { freePort } from '../engine/embedded.ts';
import { pushDocuments } from '../engine/index-store.ts';
import { loadGazetteer } from '../entities/index.ts';
import { createSearchService } from '../search/service.ts';
import { BENCH_INDEX, startBenchArchive, type BenchArchive } from './bench-archive.ts';
import { chartCost } from './bench-chart.ts';
import { deskCosts } from './bench-desk.ts';
import { apiPath, FRAGMENT_HEADERS, fragmentPath, load, replayed, type LoadFigures, type TracedQuery } from './bench-loads.ts';
import { BENCH_QUERIES, queryString } from './bench-queries.ts';
import { printReport } from './bench-report.ts';
import { plainSections } from './plain-sections.ts';
import { buildProduct, collect, rssMb, runCompiled, startServer, stopChild } from './processes.ts';
import { readNdjsonRecords } from './qa-set.ts';

const USAGE = `usage: npm run bench -- --corpus NEWS.ndjson[.gz] [--repeat N] [--shards N] [--seconds S] [--no-plain] [--home DIR] [--profile DIR]
  --repeat N   the corpus N times over, each copy with fresh ids
  --shards N   N local engines joined as a sharded archive (MEILI_NETWORK) instead of one engine; no plain push
  --no-plain   leave out the plain push of the same sections (Meilisearch alone)
  --home DIR   keep the engines' data in DIR (a second run indexes incrementally: its indexing figures are not a build's)
  --profile DIR  write the server's CPU profile (node --cpu-prof) into DIR`;
const CONCURRENCY = [1, 16, 64];

interface BenchOptions {
  corpus: string;
  repeat: number;
  seconds: number;
  shards: number;
  plain: boolean;
  home: string | null;
  profile: string | null;
}

function readOptions(): BenchOptions | null {
  const { values } = parseArgs({
    options: {
      corpus: { type: 'string' },
      repeat: { type: 'string', default: '1' },
      seconds: { type: 'string', default: '8' },
      shards: { type: 'string', default: '0' },
      'no-plain': { type: 'boolean', default: false },
      home: { type: 'string' },
      profile: { type: 'string' },
    },
  });
  const repeat = Number(values.repeat);
  const seconds = Number(values.seconds);
  const shards = Number(values.shards);
  if (!values.corpus || !Number.isInteger(repeat) || repeat < 1 || !(seconds > 0) || !Number.isInteger(shards) || shards < 0 || shards > 16) return null;
  return {
    corpus: values.corpus,
    repeat,
    seconds,
    shards,
    plain: !values['no-plain'] && shards === 0,
    home: values.home ? resolve(values.home) : null,
    profile: values.profile ? resolve(values.profile) : null,
  };
}

/** The corpus `times` times over, each copy with fresh ids: a larger archive of the same kind. */
async function repeatedCorpus(corpus: string, times: number, folder: string): Promise<string> {
  if (times === 1) return corpus;
  const file = join(folder, `corpus-x${times}.ndjson`);
  const out = createWriteStream(file);
  for (let copy = 1; copy <= times; copy++) {
    for await (const { record: article } of readNdjsonRecords<{ id: string }>(corpus)) {
      if (!out.write(`${JSON.stringify({ ...article, id: `${article.id}-r${copy}` })}\n`)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
    }
  }
  await new Promise<void>((resolve) => out.end(() => resolve()));
  return file;
}

/** The highest values `sample` gives while `work` runs, sampled every second. */
async function peakDuring<T>(sample: () => { total: number; anon: number }, work: Promise<T>): Promise<{ result: T; peak: { total: number; anon: number } }> {
  const peak = sample();
  const timer = setInterval(() => {
    const now = sample();
    peak.total = Math.max(peak.total, now.total);
    peak.anon = Math.max(peak.anon, now.anon);
  }, 1000);
  try {
    return { result: await work, peak };
  } finally {
    clearInterval(timer);
  }
}

/** The product's index command, compiled as production runs it, on the corpus. */
async function indexCorpus(archive: BenchArchive, corpus: string) {
  console.error(`indexing ${corpus} with the product pipeline…`);
  const started = performance.now();
  const { result: indexed, peak } = await peakDuring(() => archive.rss(), collect(runCompiled('src/cli/index-archive.ts', [corpus], archive.env, INDEXER_NODE_FLAGS)));
  const seconds = (performance.now() - started) / 1000;
  if (indexed.code !== 0) throw new Error(`the indexer exited with ${indexed.code}: ${indexed.stdout}`);
  const sections = Number(/\((\d+) sections\)/u.exec(indexed.stdout)?.[1] ?? 0);
  const peakRss = Number(/peak RSS (\d+) MB/u.exec(indexed.stdout)?.[1] ?? 0);
  return { sections, seconds, peakRss, enginePeakRss: peak };
}

async function timeAnalysis(corpus: string): Promise<{ mbPerSecond: number; terms: number }> {
  console.error('timing the analysis alone…');
  const texts: string[] = [];
  let bytes = 0;
  for await (const { record: article } of readNdjsonRecords<{ body: string }>(corpus)) {
    texts.push(article.body);
    bytes += Buffer.byteLength(article.body);
    if (bytes > 20e6) break;
  }
  // One pass over the first 2 MB first: what is timed is the steady state of a long indexing run, not V8 warming up.
  let warmed = 0;
  for (const text of texts) {
    if (warmed > 2e6) break;
    analyze(text);
    warmed += Buffer.byteLength(text);
  }
  const started = performance.now();
  let terms = 0;
  for (const text of texts) terms += analyze(text).length;
  return { mbPerSecond: Math.round((bytes / 1e6 / ((performance.now() - started) / 1000)) * 10) / 10, terms };
}

/**
 * The engine requests the product makes for each query, captured from the product's own search code;
 * and what each query's feed and whole export cost the engine beside its results page.
 */
async function traceQueries(archive: BenchArchive) {
  const traced: TracedQuery[] = [];
  let current: EngineRequest[] = [];
  const service = await createSearchService({ ...archive.service, index: BENCH_INDEX, gazetteer: loadGazetteer(), trace: (request) => current.push(request) });
  service.stop();
  for (const query of BENCH_QUERIES) {
    current = [];
    const params = new URLSearchParams(queryString(query.params));
    // As /api/search asks (it has no as-you-type mode): these are the requests replayed against its figures.
    await service.search({ q: params.get('q') ?? '', regions: params.getAll('region'), actors: params.getAll('actor'), page: 1, limit: 10 });
    traced.push({ query, requests: current });
  }
  const desk = await deskCosts(service, BENCH_QUERIES, async (run) => {
    current = [];
    await run();
    return current.length;
  });
  return { traced, desk };
}

await runCli(async () => {
  const options = readOptions();
  if (!options) {
    console.error(USAGE);
    return 2;
  }
  const home = options.home ?? mkdtempSync(join(tmpdir(), 'archive-bench-'));
  mkdirSync(home, { recursive: true });
  await buildProduct();
  const archive = await startBenchArchive(home, options.shards);
  let server: ChildProcess | null = null;
  try {
    const corpus = await repeatedCorpus(options.corpus, options.repeat, home);
    const indexing = await indexCorpus(archive, corpus);
    const diskBytes = archive.diskBytes();
    let plainSeconds: number | null = null;
    if (options.plain) {
      console.error('pushing the same sections as plain text with default settings…');
      const started = performance.now();
      await pushDocuments(archive.firstClient, 'plain', plainSections(corpus), 2000, 30 * 60_000);
      plainSeconds = (performance.now() - started) / 1000;
    }
    const analysis = await timeAnalysis(options.corpus);

    console.error('starting the server (compiled, as npm start runs it)…');
    const port = await freePort();
    const nodeFlags = options.profile ? ['--cpu-prof', '--cpu-prof-dir', options.profile] : [];
    server = await startServer({ ...archive.env, PORT: String(port), DATA_DIR: mkdtempSync(join(home, 'data-')) }, { compiled: true, nodeFlags });
    const origin = `http://127.0.0.1:${port}`;
    const { traced, desk } = await traceQueries(archive);
    // The coverage chart rides on each query's main search: no search of its own, and what its counts add to the engine's time.
    console.error('timing the coverage chart on the engine…');
    const chart = await chartCost(
      archive.firstClient,
      traced.map(({ requests }) => requests),
    );
    // A few seconds of every query first: the figures are the warm server's, not its JIT's first minutes.
    await replayed(origin, traced, archive.targetOf, 4, Math.min(options.seconds, 4), ['api', 'fragment']);
    const searches = await measureSearches(origin, archive, traced, options, server.pid ?? 0);
    const figures = {
      machine: `${process.platform} ${process.arch}, ${cpus().length} cores, node ${process.version}`,
      corpus: options.corpus,
      repeat: options.repeat,
      shards: options.shards,
      server: 'dist (compiled JavaScript, as npm start)',
      indexing,
      plainSeconds,
      diskBytes,
      analysis,
      traced,
      desk,
      chart,
      ...searches,
    };
    printReport(figures);
    return 0;
  } finally {
    await stopChild(server);
    await archive.stop();
    if (!options.home) rmSync(home, { recursive: true, force: true });
  }
});

/** The load runs: autocannon over the whole mix at 1, 16 and 64 clients, then the replayed chains per kind. */
async function measureSearches(origin: string, archive: BenchArchive, traced: readonly TracedQuery[], options: BenchOptions, serverPid: number) {
  const { seconds } = options;
  const apiRequests = BENCH_QUERIES.map((query) => ({ path: apiPath(query) }));
  const fragmentRequests = BENCH_QUERIES.map((query) => ({ path: fragmentPath(query), headers: FRAGMENT_HEADERS }));
  const engineRequests = traced.flatMap(({ requests }) =>
    requests.map((request) => ({
      path: `/${request.path}`,
      method: 'POST' as const,
      body: JSON.stringify(request.body),
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${archive.targetOf(request).key}` },
    })),
  );
  const engineUrl = archive.targetOf({ path: '', body: {}, searches: 0 }).url;
  const search: Record<string, Record<string, LoadFigures>> = {};
  for (const connections of CONCURRENCY) {
    console.error(`load at ${connections} clients…`);
    search[`c${connections}`] = {
      api: await load(origin, apiRequests, connections, seconds),
      fragment: await load(origin, fragmentRequests, connections, seconds),
      // A sharded archive's requests go to several nodes: only the replayed chains (below) send each where it went.
      ...(options.shards === 0 ? { engine: await load(engineUrl, engineRequests, connections, seconds) } : {}),
    };
  }
  // Taken after 64 clients, as before the replays were added.
  const serverRss = serverPid ? rssMb(serverPid) : 0;
  const engineRss = archive.rss();
  console.error('replaying each search’s engine requests, per kind, at 1 and 16 clients…');
  const replayedC1 = await replayed(origin, traced, archive.targetOf, 1, seconds, ['api', 'engine']);
  const replayedC16 = {
    ...(await replayed(origin, traced, archive.targetOf, 16, seconds, ['api', 'fragment'])),
    ...(await replayed(origin, traced, archive.targetOf, 16, seconds, ['engine'])),
  };
  return { search, replayed: { c1: replayedC1, c16: replayedC16 }, requestsPerSearch: engineRequests.length / BENCH_QUERIES.length, serverRss, engineRss };
}
