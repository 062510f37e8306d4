import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { runCli } from '../cli/run.ts';
import { ENGINE_TIMEOUT_MS } from '../engine/client.ts';
import { freePort, startEngine, type EngineHandle } from '../engine/embedded.ts';
import { projectPath } from '../project-root.ts';
import { rssMb, startServer, stopChild } from './processes.ts';
import { drive, mix, percentile, QUERIES, someArticleIds } from './soak-load.ts';
import { ownershipPhase } from './soak-ownership.ts';

const USAGE =
  'usage: npm run soak -- --seconds N [--corpus NEWS.ndjson.gz]   (mixed load at 32 clients: phase 1 restarts an external engine half way; ' +
  'phase 2 runs npm start on the embedded engine with a rebuild beside it and kills the engine with SIGKILL, then compares the index with a clean build)';
const CLIENTS = 32;
/** After the engine is back, the app may still meet a socket to the old process once: 503s this long after are still the restart's. */
const RECOVERY_GRACE_MS = ENGINE_TIMEOUT_MS;

const safeRss = (pid: number): number | null => {
  try {
    return rssMb(pid);
  } catch {
    return null;
  }
};

await runCli(async () => {
  const { values } = parseArgs({ options: { seconds: { type: 'string', default: '60' }, corpus: { type: 'string' } } });
  const seconds = Number(values.seconds);
  if (!(seconds >= 10)) {
    console.error(USAGE);
    return 2;
  }
  const dataDir = values.corpus ? resolve(values.corpus) : projectPath('data');
  const first = await restartPhase(seconds, dataDir, values.corpus ?? null);
  console.error('phase 2: npm start on the embedded engine…');
  const second = await ownershipPhase({ seconds, dataDir, clients: CLIENTS });
  console.log(JSON.stringify(second.report));
  console.log(second.line);
  console.log(`soak ${first && second.pass ? 'PASSED' : 'FAILED'}: phase 1 ${first ? 'passed' : 'failed'}, phase 2 ${second.pass ? 'passed' : 'failed'}`);
  return first && second.pass ? 0 : 1;
});

/** Phase 1: the load against an external engine that is stopped and started again half way; true when it passed. */
async function restartPhase(seconds: number, dataDir: string, corpus: string | null): Promise<boolean> {
  const home = mkdtempSync(join(tmpdir(), 'archive-soak-'));
  const enginePort = await freePort();
  let engine: EngineHandle = await startEngine({ home, port: enginePort });
  let server: ChildProcess | null = null;
  try {
    const port = await freePort();
    const origin = `http://127.0.0.1:${port}`;
    console.error(`indexing ${dataDir} and starting the site…`);
    const indexingStarted = Date.now();
    server = await startServer({ MEILI_URL: engine.url, MEILI_MASTER_KEY: engine.masterKey, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir });
    console.error(`site ready after ${((Date.now() - indexingStarted) / 1000).toFixed(1)} s; ${CLIENTS} clients for ${seconds} s, the engine restarts at ${seconds / 2} s`);
    const serverPid = server.pid ?? 0;
    const requests = mix(await someArticleIds(origin));

    const memory: number[] = [];
    const sample = () => {
      const rss = safeRss(serverPid);
      if (rss !== null) memory.push(rss);
    };
    sample();
    const sampler = setInterval(sample, 1000);

    const startedAt = Date.now();
    const load = drive(origin, requests, CLIENTS, startedAt + seconds * 1000);

    await new Promise((done) => setTimeout(done, (seconds * 1000) / 2));
    const downAt = Date.now();
    console.error('restarting the engine…');
    await engine.stop();
    await new Promise((done) => setTimeout(done, 2000));
    engine = await startEngine({ home, port: enginePort });
    const upAt = Date.now();
    console.error(`engine back after ${((upAt - downAt) / 1000).toFixed(1)} s`);

    const samples = await load;
    clearInterval(sampler);
    sample();

    const inRestart = (at: number) => at >= downAt && at <= upAt + RECOVERY_GRACE_MS;
    const statuses: Record<string, number> = {};
    for (const { status } of samples) statuses[status] = (statuses[status] ?? 0) + 1;
    const unexpected5xx = samples.filter((s) => s.status >= 500 && (s.status !== 503 || !inRestart(s.at))).length;
    const restart503 = samples.filter((s) => s.status === 503 && inRestart(s.at));
    const connectionErrors = statuses['0'] ?? 0;
    const latencies = samples.map((s) => s.ms).sort((a, b) => a - b);
    const steady = samples.filter((s) => !inRestart(s.at));
    const served = samples.filter((s) => s.status > 0).length;

    const serverAlive = server.exitCode === null && server.signalCode === null;
    const healthy = serverAlive && (await fetch(`${origin}/healthz`)).status === 200;
    const searchAfter = serverAlive ? (await fetch(`${origin}/api/search?q=${encodeURIComponent(QUERIES[0] ?? '')}`)).status : 0;

    // Memory that keeps growing under a steady load (late peak well above the early one) is a leak.
    const quarter = Math.max(1, Math.floor(memory.length / 4));
    const earlyPeak = Math.max(...memory.slice(0, quarter));
    const latePeak = Math.max(...memory.slice(-quarter));
    const every10s = memory.filter((_, i) => i % 10 === 0);
    const growth = Math.round(((latePeak - earlyPeak) / earlyPeak) * 100);

    const report = {
      seconds,
      clients: CLIENTS,
      corpus,
      requests: samples.length,
      served,
      rps: Math.round((samples.length / seconds) * 10) / 10,
      p50_ms: percentile(latencies, 0.5),
      p99_ms: percentile(latencies, 0.99),
      steady_p99_ms: percentile(
        steady.map((s) => s.ms).sort((a, b) => a - b),
        0.99,
      ),
      statuses,
      unexpected_5xx: unexpected5xx,
      restart_503: restart503.length,
      connection_errors: connectionErrors,
      engine_down_s: Math.round((upAt - downAt) / 100) / 10,
      last_503_after_engine_back_ms: restart503.length === 0 ? null : Math.max(0, Math.max(...restart503.map((s) => s.at)) - upAt),
      rss_mb: { start: memory[0], early_peak: earlyPeak, late_peak: latePeak, max: Math.max(...memory), end: memory.at(-1), every_10s: every10s },
      rss_growth_percent: growth,
      healthy_after_restart: healthy,
      search_after_restart: searchAfter,
    };
    console.log(JSON.stringify(report));
    const pass = unexpected5xx === 0 && connectionErrors === 0 && healthy && searchAfter === 200 && latePeak <= earlyPeak * 1.5;
    console.log(
      `phase 1 ${pass ? 'PASSED' : 'FAILED'}: ${samples.length} requests in ${seconds} s (${report.rps} req/s, p50 ${report.p50_ms} ms, p99 ${report.p99_ms} ms) at ${CLIENTS} clients; ` +
        `${unexpected5xx} unexpected 5xx, ${connectionErrors} connection errors, ${restart503.length} × 503 while the engine restarted (${report.engine_down_s} s away); ` +
        `server RSS ${memory[0]} → ${memory.at(-1)} MB (early peak ${earlyPeak}, late peak ${latePeak}, ${growth >= 0 ? '+' : ''}${growth}%); ` +
        `healthy and searching after the restart: ${healthy && searchAfter === 200 ? 'yes' : 'no'}`,
    );
    return pass;
  } finally {
    await stopChild(server);
    await engine.stop();
    rmSync(home, { recursive: true, force: true });
  }
}
