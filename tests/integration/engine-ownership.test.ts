// Findings 2 and 4 of issue 13, on real processes: the embedded engine shared by `npm start` and
// `npm run index` outlives whichever started it while the other uses it, a Ctrl-C meant for the site
// does not reach it, it is restarted (and that is logged) when it dies under `npm start`, and two
// commands started together run one engine on the data folder, never two.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startEngine } from '../../src/engine/embedded.ts';
import { command, enginePids, eventually, indexCommand, npmStart, processesMentioning, stopEverything, type Command } from '../commands.ts';
import { fixture } from '../helpers.ts';

let root: string;
const started: Command[] = [];
const article = (id: string) => `${JSON.stringify({ id, title: `مقال ${id}`, date: '2025-04-01', source: 'اختبار', url: null, body: `نص المقال ${id} عن المكتبات.` })}\n`;

/** A folder whose one NDJSON file is a pipe the test writes: the index run reading it lasts until the test closes it. */
async function fedIndexRun(home: string, index: string) {
  const folder = mkdtempSync(join(root, 'feed-'));
  const feed = join(folder, 'feed.ndjson');
  execFileSync('mkfifo', [feed]);
  const run = command('index-archive.ts', [folder], { MEILI_HOME: home, MEILI_INDEX: index });
  started.push(run);
  // Opens once the index run reads it, which is after its engine answered.
  const writer = await open(feed, 'w');
  return { run, write: (id: string) => writer.write(article(id)), end: () => writer.close() };
}

async function site(home: string, index = 'site') {
  const port = await freePort();
  const server = npmStart({ MEILI_HOME: home, MEILI_INDEX: index, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: fixture('articles') });
  started.push(server);
  await server.waitFor('Archive search ready', 90_000);
  return { server, origin: `http://127.0.0.1:${port}` };
}

const status = (origin: string, path = '/healthz') =>
  fetch(`${origin}${path}`, { signal: AbortSignal.timeout(8000) }).then(
    (r) => r.status,
    () => 0,
  );

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'engine-ownership-'));
});
afterEach(() => stopEverything(started, root));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('one embedded engine shared by npm start and npm run index', () => {
  it('keeps serving the site after the index run that started the engine ends', async () => {
    const home = mkdtempSync(join(root, 'home-'));
    const feed = await fedIndexRun(home, 'fed');
    await feed.write('fed-1');
    const { origin, server } = await site(home);
    expect(server.output()).toMatch(/Using Meilisearch at http:\/\/127\.0\.0\.1:\d+/u);
    const [engine] = enginePids(home);
    await feed.end();
    expect(await feed.run.exited).toBe(0);
    for (let second = 0; second < 6; second++) {
      expect(await status(origin)).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    expect(enginePids(home)).toEqual([engine]);
  });

  it('lets a Ctrl-C on the site end the site only: the index run using the engine goes on to the end', async () => {
    const home = mkdtempSync(join(root, 'home-'));
    const { server } = await site(home);
    expect(server.output()).toMatch(/Started Meilisearch/u);
    const feed = await fedIndexRun(home, 'fed');
    for (let i = 0; i < 5; i++) await feed.write(`before-${i}`);
    process.kill(-(server.child.pid ?? 0), 'SIGINT');
    await server.exited;
    expect(server.output()).toMatch(/SIGINT: finishing requests and stopping/u);
    for (let i = 0; i < 5; i++) await feed.write(`after-${i}`);
    await feed.end();
    expect(await feed.run.exited).toBe(0);
    expect(feed.run.output()).toMatch(/Indexed 10 articles \(10 sections\): 10 new or changed, .* 0 failed;/u);
  });

  it('restarts an engine killed under npm start, says so, and the site answers again', async () => {
    const home = mkdtempSync(join(root, 'home-'));
    const { origin, server } = await site(home);
    const [engine] = enginePids(home);
    process.kill(engine ?? 0, 'SIGKILL');
    await server.waitFor(/engine: Meilisearch pid \d+ killed by SIGKILL; it is restarted/u, 10_000);
    await eventually('the site answers again', async () => (await status(origin)) === 200, 30_000);
    expect(await status(origin, `/api/search?q=${encodeURIComponent('حفتر')}`)).toBe(200);
    expect(enginePids(home)).toHaveLength(1);
    expect(enginePids(home)).not.toEqual([engine]);
  });
});

describe('two commands started together on one data folder', () => {
  it('run one engine, never two', async () => {
    const home = mkdtempSync(join(root, 'home-'));
    const counts: number[] = [];
    const sampler = setInterval(() => counts.push(enginePids(home).length), 50);
    try {
      const [first, second] = await Promise.all([site(home), site(home)]);
      expect(await status(first.origin)).toBe(200);
      expect(await status(second.origin)).toBe(200);
    } finally {
      clearInterval(sampler);
    }
    expect(Math.max(...counts)).toBe(1);
  });

  it('cannot start a second engine on a data folder an engine serves, even one left by a supervisor killed with SIGKILL', async () => {
    const home = mkdtempSync(join(root, 'home-'));
    const engine = await startEngine({ home });
    try {
      await expect(startEngine({ home })).rejects.toThrow(/runs an engine on .*data\.ms/u);
    } finally {
      await engine.stop();
    }
    const { server } = await site(home);
    const supervisor = processesMentioning(home).find((pid) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('supervisor-process'));
    process.kill(supervisor ?? 0, 'SIGKILL');
    // The engine it left still serves the folder; the next command stops it and starts one of its own.
    expect(enginePids(home)).toHaveLength(1);
    const run = await indexCommand([fixture('articles/seed.txt')], { MEILI_HOME: home, MEILI_INDEX: 'other' });
    expect(run.code).toBe(0);
    expect(enginePids(home)).toHaveLength(1);
    await server.waitFor(/engine: its supervisor went away/u);
  });
});
