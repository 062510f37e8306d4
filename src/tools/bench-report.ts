import type { ChartCost } from './bench-chart.ts';
import type { DeskCost } from './bench-desk.ts';
import type { LoadFigures, ReplayFigures, TracedQuery } from './bench-loads.ts';

/** What one bench run measured, before it is shaped into its lines and its JSON. */
export interface BenchRun {
  machine: string;
  corpus: string;
  repeat: number;
  shards: number;
  server: string;
  indexing: { sections: number; seconds: number; peakRss: number; enginePeakRss: { total: number; anon: number } };
  plainSeconds: number | null;
  diskBytes: number;
  analysis: { mbPerSecond: number; terms: number };
  traced: readonly TracedQuery[];
  /** Engine requests of each kind's results page, feed and whole export. */
  desk: Record<string, DeskCost>;
  chart: ChartCost;
  search: Record<string, Record<string, LoadFigures>>;
  replayed: { c1: ReplayFigures; c16: ReplayFigures };
  requestsPerSearch: number;
  serverRss: number;
  engineRss: { total: number; anon: number };
}

const CONCURRENCY = [1, 16, 64];
const round = (value: number, places = 2): number => Math.round(value * 10 ** places) / 10 ** places;
const ratio = (a: number, b: number): number => round(a / b);

/** The searches one query costs the engine, by kind (a multi-search counts each search it holds). */
function fanOutOf(traced: readonly TracedQuery[]): Record<string, number> {
  const fanOut: Record<string, number> = {};
  for (const { query, requests } of traced)
    fanOut[query.kind] = Math.max(
      fanOut[query.kind] ?? 0,
      requests.reduce((sum, request) => sum + request.searches, 0),
    );
  return fanOut;
}

/**
 * The bench's JSON: the fields of earlier runs under their names (other checks parse them), then
 * what was added: the sharded run, disk, the engines' memory, and the replayed chains per kind.
 */
export function benchFigures(run: BenchRun) {
  const at = (c: number) => run.search[`c${c}`] ?? {};
  const e1 = at(1).engine;
  const e16 = at(16).engine;
  const { sections } = run.indexing;
  const c1 = run.replayed.c1;
  return {
    machine: run.machine,
    corpus: run.corpus,
    repeat: run.repeat,
    indexing: {
      sections,
      product_seconds: round(run.indexing.seconds, 1),
      product_sections_per_second: Math.round(sections / run.indexing.seconds),
      product_peak_rss_mb: run.indexing.peakRss,
      plain_seconds: run.plainSeconds === null ? null : round(run.plainSeconds, 1),
      wall_ratio: run.plainSeconds === null ? null : ratio(run.indexing.seconds, run.plainSeconds),
      engine_peak_rss_mb: run.indexing.enginePeakRss.total,
      engine_peak_anon_rss_mb: run.indexing.enginePeakRss.anon,
    },
    analysis_mb_per_second: run.analysis.mbPerSecond,
    analysis_terms: run.analysis.terms,
    search: run.search,
    // Against single engine requests: none in a sharded run, whose requests go to several nodes (the replayed chains are below).
    ratios: {
      api_p50_minus_engine_p50_ms_c1: e1 ? round((at(1).api?.p50 ?? 0) - e1.p50) : null,
      api_p99_over_engine_p99_c16: e16 ? ratio(at(16).api?.p99 ?? 0, e16.p99) : null,
      // A question takes two engine requests (its searches, then its page's sections): throughput is compared per search.
      api_rps_over_engine_rps_c16: e16 ? ratio(at(16).api?.rps ?? 0, e16.rps / run.requestsPerSearch) : null,
      fragment_p50_over_api_p50_c16: ratio(at(16).fragment?.p50 ?? 0, at(16).api?.p50 ?? 1),
      fragment_rps_over_api_rps_c16: ratio(at(16).fragment?.rps ?? 0, at(16).api?.rps ?? 1),
      // The API's p50 against its searches' own engine requests replayed in turn, alternating at one client (docs/decisions.md#api-over-replayed-engine).
      api_p50_minus_replayed_p50_ms_c1: round((c1.api?.p50 ?? 0) - (c1.engine?.p50 ?? 0)),
      api_p99_over_replayed_p99_c16: ratio(run.replayed.c16.api?.p99 ?? 0, run.replayed.c16.engine?.p99 ?? 1),
      // The fragment and the API alternating in each of 16 clients.
      fragment_p50_over_api_p50_c16_alternating: ratio(run.replayed.c16.fragment?.p50 ?? 0, run.replayed.c16.api?.p50 ?? 1),
    },
    fan_out: fanOutOf(run.traced),
    chart: run.chart,
    engine_requests_per_search: round(run.requestsPerSearch),
    engine_requests_page_feed_export: run.desk,
    server_rss_mb_after_load: run.serverRss,
    server: run.server,
    shards: run.shards,
    engine_rss_mb_after_load: run.engineRss.total,
    engine_anon_rss_mb_after_load: run.engineRss.anon,
    engine_disk_mb: round(run.diskBytes / 1e6, 1),
    engine_disk_bytes_per_section: sections > 0 ? Math.round(run.diskBytes / sections) : 0,
    replayed: run.replayed,
  };
}

const kindLine = (figures: ReplayFigures[string] | undefined): string =>
  Object.entries(figures?.kinds ?? {})
    .map(([kind, f]) => `${kind} ${f.p50}/${f.p99}`)
    .join(' · ');

/** The lines people read, then the JSON line (last). */
export function printReport(run: BenchRun): void {
  const figures = benchFigures(run);
  const { indexing } = figures;
  const plain = indexing.plain_seconds === null ? 'no plain push' : `plain push ${indexing.plain_seconds} s: ×${indexing.wall_ratio}`;
  console.log(`indexing: product ${indexing.product_seconds} s (${indexing.product_sections_per_second} sections/s, peak RSS ${indexing.product_peak_rss_mb} MB) vs ${plain}`);
  console.log(`analysis: ${figures.analysis_mb_per_second} MB/s on one core`);
  for (const connections of CONCURRENCY) {
    for (const [target, f] of Object.entries(run.search[`c${connections}`] ?? {})) {
      console.log(`search c=${connections} ${target.padEnd(8)} p50 ${f.p50} ms  p95 ${f.p95} ms  p99 ${f.p99} ms  ${f.rps} req/s  (${f.errors} errors, ${f.non2xx} non-2xx)`);
    }
  }
  console.log(`fan-out: ${JSON.stringify(figures.fan_out)}; server RSS after load ${figures.server_rss_mb_after_load} MB`);
  console.log(`engine requests of the results page, the feed and the whole export, by kind: ${JSON.stringify(run.desk)}`);
  const { chart } = run;
  console.log(
    `coverage chart: ${chart.own_searches} searches of its own; first engine request p50 ${chart.first_request_ms_p50_with} ms with its counts, ${chart.first_request_ms_p50_without} ms without`,
  );
  console.log(
    `engines: ${run.shards === 0 ? 'one' : `${run.shards} shards`}, ${figures.engine_disk_mb} MB on disk (${figures.engine_disk_bytes_per_section} bytes per section), RSS at most ${indexing.engine_peak_rss_mb} MB while indexing (${indexing.engine_peak_anon_rss_mb} MB not file pages), ${figures.engine_rss_mb_after_load} MB after load (${figures.engine_anon_rss_mb_after_load} MB)`,
  );
  for (const [clients, replay] of Object.entries(run.replayed)) {
    for (const [chain, f] of Object.entries(replay))
      console.log(`replayed ${clients} ${chain.padEnd(6)} p50 ${f.p50} ms  p99 ${f.p99} ms  ${f.rps}/s (${f.errors} errors) · p50/p99 by kind: ${kindLine(f)}`);
  }
  console.log(
    `api p50 − its replayed engine requests' p50, 1 client: ${figures.ratios.api_p50_minus_replayed_p50_ms_c1} ms; fragment p50 / api p50, 16 clients alternating: ×${figures.ratios.fragment_p50_over_api_p50_c16_alternating}`,
  );
  console.log(JSON.stringify(figures));
}
