// Finding 8 of issue 13: a full disk is reported within a minute by the index command (exit code 1,
// the engine's reason) and by /healthz, instead of a run frozen at 81% for ever. On a real small
// tmpfs under the embedded engine when this machine lets the test mount one, and always with the
// engine's own full-disk answer played by a proxy in front of the real engine.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../src/engine/embedded.ts';
import { command, eventually, indexCommand, processesMentioning, stopEverything, type Command } from '../commands.ts';
import { startGateProxy } from '../gate-proxy.ts';
import { fixture, testEngine } from '../helpers.ts';

const { url, key, index } = testEngine('faults-speak');
let root: string;
const started: Command[] = [];
/** Meilisearch's own answer to a payload it cannot store (seen on a full tmpfs). */
const NO_SPACE = JSON.stringify({
  message: 'No space left on device (os error 28) at path "/meili/data.ms/update_files/.tmpT5XGql"',
  code: 'internal',
  type: 'internal',
  link: 'https://docs.meilisearch.com/errors#internal',
});

/** Articles of varied text, `count` of them in one NDJSON file: about 4 KB each. */
function writeArticles(folder: string, count: number): void {
  const words = 'المكتبات طرابلس بنغازي الحكومة الوزير المجلس الأمن الدولي الاقتصاد النفط السياسة الانتخابات الجيش الشرطة المدينة'.split(' ');
  const lines = Array.from({ length: count }, (_, i) => {
    const body = Array.from({ length: 300 }, (_, j) => `${words[(i * 7 + j * 13 + j * j) % words.length]}${j % 17 === 0 ? i : ''}`).join(' ');
    return JSON.stringify({ id: `bulk${i}`, title: `مقال ${i}`, body });
  });
  writeFileSync(join(folder, 'bulk.ndjson'), lines.join('\n'));
}

function canMountTmpfs(): boolean {
  const probe = mkdtempSync(join(tmpdir(), 'tmpfs-probe-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', probe], { stdio: 'ignore' });
    execFileSync('umount', [probe], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  } finally {
    rmSync(probe, { recursive: true, force: true });
  }
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'faults-speak-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('a full disk', () => {
  it("as the engine reports it (simulated: its answer to a payload, the tasks before it left processing) ends the index run within a minute with the engine's reason", async () => {
    const folder = mkdtempSync(join(root, 'articles-'));
    writeArticles(folder, 200);
    const proxy = await startGateProxy(url);
    let payloads = 0;
    proxy.steer((request) => {
      if (request.method === 'POST' && request.path === `/indexes/${index}/documents` && ++payloads > 2) return { status: 500, body: NO_SPACE };
      if (payloads > 2 && request.method === 'GET' && request.path.startsWith('/tasks/')) return 'hold';
      return 'pass';
    });
    try {
      const began = Date.now();
      const run = await indexCommand(['--batch-size', '20', folder], { MEILI_URL: proxy.url, MEILI_MASTER_KEY: key, MEILI_INDEX: index });
      expect(Date.now() - began).toBeLessThan(60_000);
      expect(run.code).toBe(1);
      expect(run.output).toMatch(/failed: 20 sections: .*No space left on device \(os error 28\)/u);
    } finally {
      await proxy.close();
    }
  }, 180_000);

  it.skipIf(!canMountTmpfs())(
    'on a small tmpfs under the embedded engine ends the index run within a minute, and /healthz says so',
    async () => {
      const disk = join(root, 'disk');
      mkdirSync(disk);
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=48m', 'tmpfs', disk]);
      try {
        const home = join(disk, 'home');
        const port = await freePort();
        const site = command('start.ts', [], { MEILI_HOME: home, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: fixture('articles') });
        started.push(site);
        await site.waitFor('Archive search ready', 90_000);
        const health = () => fetch(`http://127.0.0.1:${port}/healthz`).then(async (r) => ({ status: r.status, body: await r.text() }));
        expect((await health()).status).toBe(200);

        const folder = mkdtempSync(join(root, 'articles-'));
        writeArticles(folder, 20_000);
        const began = Date.now();
        const run = await indexCommand(['--batch-size', '500', folder], { MEILI_HOME: home, MEILI_INDEX: 'bulk' });
        expect(Date.now() - began).toBeLessThan(60_000);
        expect(run.code).toBe(1);
        expect(run.output).toMatch(/failed: (the disk of .*home is full|.*No space left on device)/u);
        await eventually('/healthz reports the full disk', async () => (await health()).status === 503, 30_000);
        expect((await health()).body).toMatch(/"engine":"fault","reason":"the disk of .*home is full/u);
      } finally {
        await stopEverything(started, disk);
        await eventually('nothing uses the disk', () => processesMentioning(disk).length === 0, 20_000).catch(() => undefined);
        execFileSync('umount', ['-l', disk]);
      }
    },
    180_000,
  );
});
