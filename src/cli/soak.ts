import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { rssMb, runNode, startServer, stopChild } from '../bench/processes.ts';
import { freePort, startEngine, type EngineHandle } from '../engine/embedded.ts';
import { runCli } from './run.ts';

const USAGE = 'usage: npm run soak -- --seconds N   (mixed load at 32 clients; the engine is restarted once half way)';
const ROOT = new URL('../../', import.meta.url).pathname;
const CLIENTS = 32;

const QUERIES = ['حفتر', 'المخابرات', 'مصر', 'بنغازي', '"شرق المتوسط"', 'السودان -ليبيا', 'الليبي', 'القاهرة', 'مكتبات', 'ما هي علاقة القاهرة بشرق ليبيا'];
const PATHS = [
  ...QUERIES.map((q) => `/api/search?q=${encodeURIComponent(q)}`),
  ...QUERIES.map((q) => `/search?q=${encodeURIComponent(q)}&region=LY`),
  '/api/search?region=LY&region=EG&actor=khalifa-haftar',
  '/articles/000_bdf9f27d89a2dc7b?q=%D8%AD%D9%81%D8%AA%D8%B1',
  '/articles/no-such-article',
  '/',
  '/healthz',
];


await runCli(async () => {
  const { values } = parseArgs({ options: { seconds: { type: 'string', default: '60' } } });
  const seconds = Number(values.seconds);
  if (!(seconds >= 10)) {
    console.error(USAGE);
    return 2;
  }
  const home = mkdtempSync(join(tmpdir(), 'archive-soak-'));
  const enginePort = await freePort();
  let engine: EngineHandle = await startEngine({ home, port: enginePort });
  let server: ChildProcess | null = null;
  try {
    const port = await freePort();
    server = await startServer({ MEILI_URL: engine.url, MEILI_MASTER_KEY: engine.masterKey, PORT: String(port), DATA_DIR: join(ROOT, 'data') });
    const serverPid = server.pid ?? 0;
    const memory: number[] = [rssMb(serverPid)];
    const sampler = setInterval(() => memory.push(rssMb(serverPid)), 1000);

    const loadRun = runNode('src/bench/load.ts', [JSON.stringify({ origin: `http://127.0.0.1:${port}`, requests: PATHS.map((path) => ({ path })), connections: CLIENTS, seconds })], {});
    let output = '';
    loadRun.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const loadDone = new Promise<number>((resolve) => loadRun.on('exit', (code) => resolve(code ?? 1)));

    await new Promise((resolve) => setTimeout(resolve, (seconds * 1000) / 2));
    console.error('restarting the engine…');
    const downAt = Date.now();
    await engine.stop();
    await new Promise((resolve) => setTimeout(resolve, 2000));
    engine = await startEngine({ home, port: enginePort });
    console.error(`engine back after ${((Date.now() - downAt) / 1000).toFixed(1)} s`);

    if ((await loadDone) !== 0) throw new Error('the load generator failed');
    clearInterval(sampler);
    const figures = JSON.parse(output.trim().split('\n').at(-1) ?? '{}') as { requests: number; rps: number; p99: number; errors: number; statuses: Record<string, number> };
    const serverErrors = Object.entries(figures.statuses).filter(([status]) => status.startsWith('5') && status !== '503').reduce((sum, [, n]) => sum + n, 0);
    const quarter = Math.max(1, Math.floor(memory.length / 4));
    const early = Math.max(...memory.slice(0, quarter));
    const late = Math.max(...memory.slice(-quarter));
    const healthy = (await fetch(`http://127.0.0.1:${port}/healthz`)).status === 200;
    const report = {
      seconds,
      clients: CLIENTS,
      requests: figures.requests,
      rps: figures.rps,
      p99_ms: figures.p99,
      statuses: figures.statuses,
      unexpected_5xx: serverErrors,
      connection_errors: figures.errors,
      rss_mb: { start: memory[0], early_peak: early, late_peak: late, max: Math.max(...memory) },
      healthy_after_restart: healthy,
    };
    console.log(`served ${figures.requests} requests (${figures.rps} req/s), statuses ${JSON.stringify(figures.statuses)}, RSS ${memory[0]} → ${late} MB, healthy after restart: ${healthy}`);
    console.log(JSON.stringify(report));
    // Memory that keeps growing under a steady load (late peak well above the early one) is a leak.
    return serverErrors === 0 && healthy && late <= early * 1.5 ? 0 : 1;
  } finally {
    await stopChild(server);
    await engine.stop();
    rmSync(home, { recursive: true, force: true });
  }
});
