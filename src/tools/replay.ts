// A load run whose unit is a chain of HTTP requests, timed as a whole and labelled by query kind, in a
// process of its own. The bench uses it for what autocannon cannot do: time the engine requests one
// search made, replayed one after the other (the search's own engine cost), and give figures per kind.
// Input (argv[2], JSON, or @FILE holding it): ReplaySpec. Output (stdout, last line, JSON): ReplayFigures.
import { Agent, request } from 'node:http';
import { readSpec } from './load-spec.ts';

export interface ReplayStep {
  url: string;
  method?: 'GET' | 'POST';
  body?: string;
  headers?: Record<string, string>;
}

/** One query of the mix: its kind, and the chains to time for it (run in this order, each timed alone). */
export interface ReplayItem {
  kind: string;
  chains: Record<string, ReplayStep[]>;
}

export interface ReplaySpec {
  items: ReplayItem[];
  connections: number;
  seconds: number;
}

export interface Percentiles {
  p50: number;
  p95: number;
  p99: number;
  requests: number;
}

export interface ChainFigures extends Percentiles {
  rps: number;
  errors: number;
  kinds: Record<string, Percentiles>;
}

export type ReplayFigures = Record<string, ChainFigures>;

const agent = new Agent({ keepAlive: true, maxSockets: 256 });

function send(step: ReplayStep): Promise<number> {
  return new Promise((resolve, reject) => {
    const body = step.body;
    const headers = { ...step.headers, ...(body === undefined ? {} : { 'content-length': String(Buffer.byteLength(body)) }) };
    const req = request(step.url, { method: step.method ?? 'GET', headers, agent }, (res) => {
      res.on('data', () => {});
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

function percentiles(times: number[]): Percentiles {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (p: number) => Math.round((sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0) * 100) / 100;
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), requests: sorted.length };
}

async function run(spec: ReplaySpec): Promise<ReplayFigures> {
  const times: Record<string, Record<string, number[]>> = {};
  const errors: Record<string, number> = {};
  let next = 0;
  const started = performance.now();
  const deadline = started + spec.seconds * 1000;
  const worker = async () => {
    while (performance.now() < deadline) {
      const item = spec.items[next++ % spec.items.length];
      if (!item) return;
      for (const [chain, steps] of Object.entries(item.chains)) {
        const begun = performance.now();
        let failed = false;
        for (const step of steps) {
          const status = await send(step).catch(() => 0);
          if (status < 200 || status >= 300) failed = true;
        }
        if (failed) errors[chain] = (errors[chain] ?? 0) + 1;
        else ((times[chain] ??= {})[item.kind] ??= []).push(performance.now() - begun);
      }
    }
  };
  await Promise.all(Array.from({ length: spec.connections }, worker));
  const elapsed = (performance.now() - started) / 1000;
  const figures: ReplayFigures = {};
  for (const [chain, byKind] of Object.entries(times)) {
    const all = Object.values(byKind).flat();
    const kinds = Object.fromEntries(Object.entries(byKind).map(([kind, list]) => [kind, percentiles(list)]));
    figures[chain] = { ...percentiles(all), rps: Math.round((all.length / elapsed) * 100) / 100, errors: errors[chain] ?? 0, kinds };
  }
  return figures;
}

const figures = await run(readSpec<ReplaySpec>(process.argv[2] ?? '{}'));
agent.destroy();
console.log(JSON.stringify(figures));
