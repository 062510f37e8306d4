import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EngineRequest } from '../engine/archive-reader.ts';
import type { ReplayTarget } from './bench-archive.ts';
import { queryString, type BenchQuery } from './bench-queries.ts';
import { collect, runNode } from './processes.ts';
import type { ChainFigures, ReplayFigures, ReplayItem, ReplayStep } from './replay.ts';

export interface LoadFigures {
  p50: number;
  p95: number;
  p99: number;
  rps: number;
  requests: number;
  errors: number;
  non2xx: number;
}

/** A bench query and the engine requests the product's search made for it, in the order it made them. */
export interface TracedQuery {
  query: BenchQuery;
  requests: EngineRequest[];
}

/** Runs a load process on a spec (handed over in a file: a sharded archive's requests outgrow one argument) and reads its JSON line. */
async function lastJsonLine<T>(script: string, spec: object): Promise<T> {
  const folder = mkdtempSync(join(tmpdir(), 'bench-load-'));
  const file = join(folder, 'spec.json');
  writeFileSync(file, JSON.stringify(spec));
  try {
    const { code, stdout } = await collect(runNode(script, [`@${file}`], {}));
    if (code !== 0) throw new Error(`${script} exited with ${code}`);
    return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as T;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** autocannon over a list of requests to one origin, each client walking the whole list. */
export const load = (origin: string, requests: object[], connections: number, seconds: number): Promise<LoadFigures> =>
  lastJsonLine<LoadFigures>('src/tools/load.ts', { origin, requests, connections, seconds });

export const apiPath = (query: BenchQuery): string => `/api/search?${queryString(query.params)}`;
/** The same searches as the API (a submitted search, not as-you-type): the two differ only by what we render. */
export const fragmentPath = (query: BenchQuery): string => `/search?${queryString(query.params)}`;
export const FRAGMENT_HEADERS = { 'HX-Request': 'true' };

/** What a replayed item times: the API's answer, the results fragment's, or the search's engine requests in turn. */
type Chain = 'api' | 'fragment' | 'engine';

/** Each engine request as sent, to the engine (the node) it was sent to. */
export function engineSteps(requests: readonly EngineRequest[], targetOf: (request: EngineRequest) => ReplayTarget): ReplayStep[] {
  return requests.map((request) => {
    const { url, key } = targetOf(request);
    return { url: `${url}/${request.path}`, method: 'POST', body: JSON.stringify(request.body), headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${key}` } };
  });
}

/**
 * Chains timed per query kind. `engine` is a search's own engine cost: its engine requests replayed
 * one after the other (the product sends them in turn: the candidates, then the page's sections).
 * The chains of one run alternate in each client, so they see the same machine: at one client the
 * API against its engine requests, at 16 the fragment against the API
 * (docs/decisions.md#api-over-replayed-engine).
 */
export async function replayed(
  origin: string,
  traced: readonly TracedQuery[],
  targetOf: (request: EngineRequest) => ReplayTarget,
  connections: number,
  seconds: number,
  chains: readonly Chain[],
): Promise<ReplayFigures> {
  const items: ReplayItem[] = traced.map(({ query, requests }) => {
    const all: Record<Chain, ReplayStep[]> = {
      api: [{ url: `${origin}${apiPath(query)}` }],
      fragment: [{ url: `${origin}${fragmentPath(query)}`, headers: FRAGMENT_HEADERS }],
      engine: engineSteps(requests, targetOf),
    };
    return { kind: query.kind, chains: Object.fromEntries(chains.map((chain) => [chain, all[chain]])) };
  });
  return await lastJsonLine<ReplayFigures>('src/tools/replay.ts', { items, connections, seconds });
}

export type { ChainFigures, ReplayFigures };
