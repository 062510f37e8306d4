import type { ChildProcess } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { analyze } from '../arabic/index.ts';
import { INDEXER_NODE_FLAGS } from '../cli/index-command.ts';
import { runCli } from '../cli/run.ts';
import type { EngineRequest } from '../engine/archive-reader.ts';
import { createEngineClient } from '../engine/client.ts';
import { freePort, startEngine } from '../engine/embedded.ts';
import { loadGazetteer } from '../entities/index.ts';
import { createSearchService } from '../search/service.ts';
import { BENCH_QUERIES, queryString, type BenchQuery } from './bench-queries.ts';
import { deskCosts } from './bench-desk.ts';
import { collect, rssMb, runNode, startServer, stopChild } from './processes.ts';
import { readNdjsonRecords } from './qa-set.ts';
import { pushDocuments } from '../engine/index-store.ts';
import { plainSections } from './plain-sections.ts';

const USAGE = 'usage: npm run bench -- --corpus NEWS.ndjson[.gz] [--repeat N] [--seconds S]';
const INDEX = 'bench';
const CONCURRENCY = [1, 16, 64];

interface LoadFigures {
  p50: number;
  p95: number;
  p99: number;
  rps: number;
  requests: number;
  errors: number;
  non2xx: number;
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

async function load(origin: string, requests: object[], connections: number, seconds: number): Promise<LoadFigures> {
  const { code, stdout } = await collect(runNode('src/tools/load.ts', [JSON.stringify({ origin, requests, connections, seconds })], {}));
  if (code !== 0) throw new Error(`load generator exited with ${code}`);
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as LoadFigures;
}

const ratio = (a: number, b: number): number => Math.round((a / b) * 100) / 100;

await runCli(async () => {
  const { values } = parseArgs({ options: { corpus: { type: 'string' }, repeat: { type: 'string', default: '1' }, seconds: { type: 'string', default: '8' } } });
  const repeat = Number(values.repeat);
  const seconds = Number(values.seconds);
  if (!values.corpus || !Number.isInteger(repeat) || repeat < 1 || !(seconds > 0)) {
    console.error(USAGE);
    return 2;
  }
  const home = mkdtempSync(join(tmpdir(), 'archive-bench-'));
  const engine = await startEngine({ home });
  let server: ChildProcess | null = null;
  try {
    const client = createEngineClient(engine.url, engine.masterKey, 120_000);
    const engineEnv = { MEILI_URL: engine.url, MEILI_MASTER_KEY: engine.masterKey, MEILI_INDEX: INDEX };
    const corpus = await repeatedCorpus(values.corpus, repeat, home);

    console.error(`indexing ${corpus} with the product pipeline…`);
    let started = performance.now();
    const indexed = await collect(runNode('src/cli/index-archive.ts', [corpus], engineEnv, INDEXER_NODE_FLAGS));
    const productSeconds = (performance.now() - started) / 1000;
    if (indexed.code !== 0) throw new Error(`the indexer exited with ${indexed.code}: ${indexed.stdout}`);
    const sections = Number(/\((\d+) sections\)/u.exec(indexed.stdout)?.[1] ?? 0);
    const peakRss = Number(/peak RSS (\d+) MB/u.exec(indexed.stdout)?.[1] ?? 0);

    console.error('pushing the same sections as plain text with default settings…');
    started = performance.now();
    await pushDocuments(client, 'plain', plainSections(corpus), 2000, 30 * 60_000);
    const plainSeconds = (performance.now() - started) / 1000;

    console.error('timing the analysis alone…');
    const texts: string[] = [];
    let bytes = 0;
    for await (const { record: article } of readNdjsonRecords<{ body: string }>(values.corpus)) {
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
    started = performance.now();
    let terms = 0;
    for (const text of texts) terms += analyze(text).length;
    const analysisMbPerSecond = Math.round((bytes / 1e6 / ((performance.now() - started) / 1000)) * 10) / 10;

    console.error('starting the server…');
    const port = await freePort();
    server = await startServer({ ...engineEnv, PORT: String(port), DATA_DIR: mkdtempSync(join(home, 'data-')) });
    const origin = `http://127.0.0.1:${port}`;

    // The engine requests the product makes for each query, captured from the product's own search code.
    const traced: { query: BenchQuery; requests: EngineRequest[] }[] = [];
    let current: EngineRequest[] = [];
    const service = await createSearchService({ engineUrl: engine.url, apiKey: engine.masterKey, index: INDEX, gazetteer: loadGazetteer(), trace: (request) => current.push(request) });
    service.stop();
    const { search } = service;
    for (const query of BENCH_QUERIES) {
      current = [];
      const params = new URLSearchParams(queryString(query.params));
      // As /api/search asks (it has no as-you-type mode): these are the requests replayed against its figures.
      await search({ q: params.get('q') ?? '', regions: params.getAll('region'), actors: params.getAll('actor'), page: 1, limit: 10 });
      traced.push({ query, requests: current });
    }
    const desk = await deskCosts(service, BENCH_QUERIES, async (run) => {
      current = [];
      await run();
      return current.length;
    });
    // Fan-out: the searches one query costs the engine (a multi-search counts each search it holds).
    const fanOut: Record<string, number> = {};
    for (const { query, requests } of traced)
      fanOut[query.kind] = Math.max(
        fanOut[query.kind] ?? 0,
        requests.reduce((sum, request) => sum + request.searches, 0),
      );

    const apiRequests = BENCH_QUERIES.map((query) => ({ path: `/api/search?${queryString(query.params)}` }));
    const fragmentRequests = BENCH_QUERIES.map((query) => ({
      path: `/search?${queryString(query.params)}`,
      // The same searches as the API (a submitted search, not as-you-type): the two differ only by what we render.
      headers: { 'HX-Request': 'true' },
    }));
    const engineRequests = traced.flatMap(({ requests }) =>
      requests.map((request) => ({
        path: `/${request.path}`,
        method: 'POST' as const,
        body: JSON.stringify(request.body),
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${engine.masterKey}` },
      })),
    );
    const requestsPerSearch = engineRequests.length / BENCH_QUERIES.length;
    const searchFigures: Record<string, Record<string, LoadFigures>> = {};
    for (const connections of CONCURRENCY) {
      console.error(`load at ${connections} clients…`);
      searchFigures[`c${connections}`] = {
        api: await load(origin, apiRequests, connections, seconds),
        fragment: await load(origin, fragmentRequests, connections, seconds),
        engine: await load(engine.url, engineRequests, connections, seconds),
      };
    }
    const serverRss = server.pid ? rssMb(server.pid) : 0;
    const at = (c: number) => searchFigures[`c${c}`] ?? {};
    const figures = {
      machine: `${process.platform} ${process.arch}, ${(await import('node:os')).cpus().length} cores, node ${process.version}`,
      corpus: values.corpus,
      repeat,
      indexing: {
        sections,
        product_seconds: Math.round(productSeconds * 10) / 10,
        product_sections_per_second: Math.round(sections / productSeconds),
        product_peak_rss_mb: peakRss,
        plain_seconds: Math.round(plainSeconds * 10) / 10,
        wall_ratio: ratio(productSeconds, plainSeconds),
      },
      analysis_mb_per_second: analysisMbPerSecond,
      analysis_terms: terms,
      search: searchFigures,
      ratios: {
        api_p50_minus_engine_p50_ms_c1: Math.round(((at(1).api?.p50 ?? 0) - (at(1).engine?.p50 ?? 0)) * 100) / 100,
        api_p99_over_engine_p99_c16: ratio(at(16).api?.p99 ?? 0, at(16).engine?.p99 ?? 1),
        // A question takes two engine requests (its searches, then its page's sections): throughput is compared per search.
        api_rps_over_engine_rps_c16: ratio(at(16).api?.rps ?? 0, (at(16).engine?.rps ?? 1) / requestsPerSearch),
        fragment_p50_over_api_p50_c16: ratio(at(16).fragment?.p50 ?? 0, at(16).api?.p50 ?? 1),
        fragment_rps_over_api_rps_c16: ratio(at(16).fragment?.rps ?? 0, at(16).api?.rps ?? 1),
      },
      fan_out: fanOut,
      engine_requests_per_search: Math.round(requestsPerSearch * 100) / 100,
      engine_requests_page_feed_export: desk,
      server_rss_mb_after_load: serverRss,
    };
    console.log(
      `indexing: product ${figures.indexing.product_seconds} s (${figures.indexing.product_sections_per_second} sections/s, peak RSS ${peakRss} MB) vs plain push ${figures.indexing.plain_seconds} s: ×${figures.indexing.wall_ratio}`,
    );
    console.log(`analysis: ${analysisMbPerSecond} MB/s on one core`);
    for (const connections of CONCURRENCY) {
      for (const [target, f] of Object.entries(at(connections))) {
        console.log(`search c=${connections} ${target.padEnd(8)} p50 ${f.p50} ms  p95 ${f.p95} ms  p99 ${f.p99} ms  ${f.rps} req/s  (${f.errors} errors, ${f.non2xx} non-2xx)`);
      }
    }
    console.log(`fan-out: ${JSON.stringify(fanOut)}; server RSS after load ${serverRss} MB`);
    console.log(`engine requests of the results page, the feed and the whole export, by kind: ${JSON.stringify(desk)}`);
    console.log(JSON.stringify(figures));
    return 0;
  } finally {
    await stopChild(server);
    await engine.stop();
    rmSync(home, { recursive: true, force: true });
  }
});
