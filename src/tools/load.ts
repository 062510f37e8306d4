// A load run in its own process, so the load generator never competes with the server's event loop.
// Input (argv[2], JSON, or @FILE holding it): { requests: {path, method?, body?, headers?}[], origin, connections, seconds }.
// Output (stdout, JSON): latency percentiles in ms, requests per second, errors, responses by status.
import autocannon from 'autocannon';
import { readSpec } from './load-spec.ts';

interface LoadSpec {
  origin: string;
  requests: { path: string; method?: 'GET' | 'POST'; body?: string; headers?: Record<string, string> }[];
  connections: number;
  seconds: number;
}

const spec = readSpec<LoadSpec>(process.argv[2] ?? '{}');
let next = 0;
const latencies: number[] = [];
let finish: (result: autocannon.Result) => void = () => {};
const finished = new Promise<autocannon.Result>((resolve) => (finish = resolve));
const instance = autocannon(
  {
    url: spec.origin,
    connections: spec.connections,
    duration: spec.seconds,
    // Each request takes the next query of the list, so every client walks the whole mix.
    requests: [
      {
        setupRequest: (request) => {
          const chosen = spec.requests[next++ % spec.requests.length];
          return { ...request, path: chosen?.path ?? '/', method: chosen?.method ?? 'GET', body: chosen?.body, headers: { ...request.headers, ...chosen?.headers } };
        },
      },
    ],
  },
  (error, result) => {
    if (error) throw error;
    finish(result);
  },
);
// autocannon's histogram has no p95: keep every response time and take exact percentiles.
const statuses: Record<string, number> = {};
instance.on('response', (_client, status, _bytes, responseTime) => {
  latencies.push(responseTime);
  statuses[status] = (statuses[status] ?? 0) + 1;
});
const result = await finished;
latencies.sort((a, b) => a - b);
const percentile = (p: number) => Math.round((latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0) * 100) / 100;
console.log(
  JSON.stringify({
    p50: percentile(0.5),
    p95: percentile(0.95),
    p99: percentile(0.99),
    rps: result.requests.average,
    requests: result.requests.total,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    statuses,
  }),
);
