// The soak's load: a mix of the site's requests, driven by many clients on kept-alive connections.
import { Agent, get } from 'node:http';

export const QUERIES = ['حفتر', 'المخابرات', 'مصر', 'بنغازي', '"شرق المتوسط"', 'السودان -ليبيا', 'الليبي', 'القاهرة', 'مكتبات', 'ما هي علاقة القاهرة بشرق ليبيا'];
const FILTERS = ['region=LY', 'region=EG', 'region=LY&region=EG', 'actor=khalifa-haftar', 'region=LY&actor=khalifa-haftar', 'region=SD&actor=abdel-fattah-al-burhan'];

export interface LoadRequest {
  kind: 'api' | 'page' | 'fragment' | 'filter' | 'article' | 'other';
  path: string;
  headers?: Record<string, string>;
}
export interface Sample {
  at: number;
  status: number;
  ms: number;
}

/** The mix: searches (API, page, htmx fragment), filters alone and with words, article pages, the rest. */
export function mix(articleIds: readonly string[]): LoadRequest[] {
  const q = (query: string) => `q=${encodeURIComponent(query)}`;
  return [
    ...QUERIES.map((query): LoadRequest => ({ kind: 'api', path: `/api/search?${q(query)}` })),
    ...QUERIES.map((query): LoadRequest => ({ kind: 'page', path: `/search?${q(query)}` })),
    ...QUERIES.map((query): LoadRequest => ({ kind: 'fragment', path: `/search?${q(query)}`, headers: { 'HX-Request': 'true', 'HX-Trigger': 'q' } })),
    ...FILTERS.map((filter, i): LoadRequest => ({ kind: 'filter', path: `/api/search?${i % 2 === 0 ? '' : `${q(QUERIES[i] ?? '')}&`}${filter}` })),
    ...FILTERS.map((filter): LoadRequest => ({ kind: 'filter', path: `/search?${filter}&page=2` })),
    ...articleIds.map((id, i): LoadRequest => ({ kind: 'article', path: `/articles/${encodeURIComponent(id)}?${q(QUERIES[i % QUERIES.length] ?? '')}` })),
    { kind: 'article', path: '/articles/no-such-article' },
    { kind: 'other', path: '/' },
    { kind: 'other', path: '/entities/khalifa-haftar' },
    { kind: 'other', path: '/healthz' },
  ];
}

/** One GET on a kept-alive connection; status 0 when the connection itself failed. */
function fetchStatus(origin: string, request: LoadRequest, agent: Agent): Promise<number> {
  return new Promise((resolveStatus) => {
    const req = get(`${origin}${request.path}`, { agent, headers: request.headers, timeout: 60_000 }, (res) => {
      res.resume();
      res.on('end', () => resolveStatus(res.statusCode ?? 0));
      res.on('error', () => resolveStatus(0));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolveStatus(0));
  });
}

/** `clients` loops, each sending the next request of the mix as soon as its last one is answered, until `until`. */
export async function drive(origin: string, requests: readonly LoadRequest[], clients: number, until: number): Promise<Sample[]> {
  const agent = new Agent({ keepAlive: true, maxSockets: clients });
  const samples: Sample[] = [];
  let next = 0;
  const client = async () => {
    while (Date.now() < until) {
      const request = requests[next++ % requests.length];
      if (!request) return;
      const started = performance.now();
      const status = await fetchStatus(origin, request, agent);
      samples.push({ at: Date.now(), status, ms: performance.now() - started });
    }
  };
  await Promise.all(Array.from({ length: clients }, client));
  agent.destroy();
  return samples;
}

/** Article ids the archive holds, found through the site's own API. */
export async function someArticleIds(origin: string): Promise<string[]> {
  const ids = new Set<string>();
  for (const query of QUERIES.slice(0, 4)) {
    const response = await fetch(`${origin}/api/search?q=${encodeURIComponent(query)}&limit=10`);
    const body = (await response.json()) as { hits?: { articleId: string }[] };
    for (const hit of body.hits ?? []) ids.add(hit.articleId);
  }
  return [...ids].slice(0, 20);
}

export const percentile = (sorted: readonly number[], p: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0);
