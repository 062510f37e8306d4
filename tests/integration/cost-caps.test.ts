// Finding 9 of issue 13: the work one request can cause is bounded (a deep page of a question) and
// expensive searches are admitted a few at a time, so keyword searches and /healthz stay fast while
// many questions are asked. `npm start` runs as a process behind a proxy to the real engine that
// makes each question's fan-out slow and counts how many reach the engine at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../src/engine/embedded.ts';
import { MAX_EXPENSIVE_SEARCHES, MAX_EXPENSIVE_WAITING, MAX_SEARCHES_AT_ONCE } from '../../src/web/search-admission.ts';
import { command, type Command } from '../commands.ts';
import { startGateProxy, type GateProxy, type GatedRequest } from '../gate-proxy.ts';
import { fixture, testEngine } from '../helpers.ts';

const { url, key, index } = testEngine('cost-caps');
const QUESTION = encodeURIComponent('من هو خليفة حفتر؟');
let proxy: GateProxy;
let server: Command;
let origin: string;
const fanOuts: { queries: { limit?: number }[] }[] = [];

/** A question's first engine request: one multi-search of three searches or more (a keyword search sends one). */
function fanOut(request: GatedRequest): boolean {
  if (request.method !== 'POST' || request.path !== '/multi-search') return false;
  const body = JSON.parse(request.body) as { queries: { limit?: number }[] };
  if (body.queries.length < 3) return false;
  fanOuts.push(body);
  return true;
}

async function timed(path: string): Promise<{ status: number; ms: number; retryAfter: string | null; body: string }> {
  const began = performance.now();
  const response = await fetch(`${origin}${path}`);
  const body = await response.text();
  return { status: response.status, ms: performance.now() - began, retryAfter: response.headers.get('Retry-After'), body };
}

beforeAll(async () => {
  proxy = await startGateProxy(url);
  const port = await freePort();
  origin = `http://127.0.0.1:${port}`;
  server = command('start.ts', [], { MEILI_URL: proxy.url, MEILI_MASTER_KEY: key, MEILI_INDEX: index, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: fixture('articles') });
  await server.waitFor('Archive search ready', 90_000);
});
afterAll(async () => {
  await server?.stop('SIGTERM');
  await proxy?.close();
});

describe('expensive searches', () => {
  it('reach the engine a few at a time; past the queue they get 503 with Retry-After; keyword searches and /healthz stay fast meanwhile', async () => {
    proxy.steer((request) => (fanOut(request) ? { delayMs: 1500 } : 'pass'));
    const questions = Array.from({ length: 40 }, () => timed(`/api/search?q=${QUESTION}`));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const [keyword, health] = await Promise.all([timed(`/api/search?q=${encodeURIComponent('حفتر')}`), timed('/healthz')]);
    const answers = await Promise.all(questions);
    proxy.steer(() => 'pass');

    expect(keyword).toMatchObject({ status: 200 });
    expect(keyword.ms).toBeLessThan(1000);
    expect(health).toMatchObject({ status: 200 });
    expect(health.ms).toBeLessThan(1000);
    expect(proxy.mostDelayedAtOnce).toBeLessThanOrEqual(MAX_EXPENSIVE_SEARCHES);
    const refused = answers.filter((answer) => answer.status === 503);
    expect(answers.filter((answer) => answer.status === 200)).toHaveLength(MAX_EXPENSIVE_SEARCHES + MAX_EXPENSIVE_WAITING);
    expect(refused).toHaveLength(40 - MAX_EXPENSIVE_SEARCHES - MAX_EXPENSIVE_WAITING);
    for (const answer of refused) expect(answer).toMatchObject({ retryAfter: '2', body: '{"error":"too many searches at once"}' });
  }, 60_000);

  it('keyword searches reach the engine a few at a time, wait their turn and all get their answer; /healthz does not wait', async () => {
    // A keyword search's first request: one search counting articles (the health probe counts none).
    const keywordSearch = (request: GatedRequest) => request.method === 'POST' && request.path === '/multi-search' && request.body.includes('"distinct":"articleId"') && !fanOut(request);
    proxy.steer((request) => (keywordSearch(request) ? { delayMs: 400 } : 'pass'));
    const searches = Array.from({ length: 30 }, () => timed(`/api/search?q=${encodeURIComponent('حفتر')}`));
    await new Promise((resolve) => setTimeout(resolve, 200));
    const health = await timed('/healthz');
    const answers = await Promise.all(searches);
    proxy.steer(() => 'pass');

    expect(health).toMatchObject({ status: 200 });
    expect(health.ms).toBeLessThan(1000);
    expect(answers.map((answer) => answer.status)).toEqual(answers.map(() => 200));
    expect(proxy.mostDelayedAtOnce).toBe(MAX_SEARCHES_AT_ONCE);
  }, 60_000);

  it('a deep page of a question asks the engine for no more than 200 candidates', async () => {
    fanOuts.length = 0;
    proxy.steer((request) => {
      fanOut(request);
      return 'pass';
    });
    const deep = await timed(`/api/search?q=${QUESTION}&page=100&limit=50`);
    proxy.steer(() => 'pass');
    expect(deep.status).toBe(200);
    expect(fanOuts).toHaveLength(1);
    expect(Math.max(...(fanOuts[0]?.queries ?? []).map((query) => query.limit ?? 0))).toBeLessThanOrEqual(200);
  });
});
