// The soak's second phase (issue 13): `npm start` on the embedded engine under load, a rebuild run
// beside it, and the engine killed with SIGKILL half way. Only 503s may appear while the engine is
// away, the site must come back by itself, and at the end the index must equal, document by
// document, a clean build of the same archive.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ownedIndexNames, statsIndexName } from '../archive-index/index.ts';
import { createEngineClient, isIndexNotFound, settlePending, type EngineClient } from '../engine/client.ts';
import { freePort } from '../engine/embedded.ts';
import { isEngineOf, readEngineState, readOrCreateMasterKey } from '../engine/engine-home.ts';
import { collect, runNode, startServer, stopChild } from './processes.ts';
import { drive, mix, someArticleIds, type Sample } from './soak-load.ts';

const INDEX = 'sections';
const CLEAN = 'clean';
/** After the engine answers again, a request already on its way may still meet the old socket. */
const RECOVERY_GRACE_MS = 5_000;

export interface OwnershipPhase {
  pass: boolean;
  report: Record<string, unknown>;
  line: string;
}

export async function ownershipPhase({ seconds, dataDir, clients }: { seconds: number; dataDir: string; clients: number }): Promise<OwnershipPhase> {
  const home = mkdtempSync(join(tmpdir(), 'archive-soak-owner-'));
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  // The embedded engine, whatever the shell says.
  const env = { MEILI_HOME: home, MEILI_INDEX: INDEX, MEILI_URL: '', MEILI_MASTER_KEY: '' };
  const server = await startServer({ ...env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir });
  try {
    const startedAt = Date.now();
    const load = drive(origin, mix(await someArticleIds(origin)), clients, startedAt + seconds * 1000);
    await sleep(seconds * 250);
    console.error('phase 2: a rebuild beside the site…');
    const rebuild = collect(runNode('src/cli/index-archive.ts', ['--rebuild', '--force', dataDir], env));
    await sleep(seconds * 250);
    const { downAt, upAt } = await killEngine(home, origin);
    const samples = await load;
    const rebuildCode = (await rebuild).code;
    // A rebuild cut off by the kill leaves the old index serving; the next run makes it whole again.
    const after = await collect(runNode('src/cli/index-archive.ts', [dataDir], env));
    const clean = await collect(runNode('src/cli/index-archive.ts', ['--rebuild', '--force', dataDir], { ...env, MEILI_INDEX: CLEAN }));
    const differences = await compareWithClean(home);
    return judge({ samples, downAt, upAt, rebuildCode, afterCode: after.code, cleanCode: clean.code, differences });
  } finally {
    await stopChild(server);
    // The engine stops once its last lease ended; its folder goes after it.
    await sleep(4000);
    rmSync(home, { recursive: true, force: true });
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** SIGKILL to the engine (its pid checked to be this folder's engine), then the time until the site answers /healthz again. */
async function killEngine(home: string, origin: string): Promise<{ downAt: number; upAt: number }> {
  const state = readEngineState(home);
  if (state === null || 'problem' in state || !isEngineOf(state.pid, home, state.url)) throw new Error(`no engine of ${home} to kill`);
  console.error(`phase 2: kill -9 of the engine (pid ${state.pid})…`);
  const downAt = Date.now();
  process.kill(state.pid, 'SIGKILL');
  await sleep(500);
  while (
    (await fetch(`${origin}/healthz`).then(
      (r) => r.status,
      () => 0,
    )) !== 200
  )
    await sleep(200);
  const upAt = Date.now();
  console.error(`phase 2: the site answers again after ${((upAt - downAt) / 1000).toFixed(1)} s`);
  return { downAt, upAt };
}

/** Ids of the sections and term statistics that differ between the live index and the clean build (missing on one side, or not equal). */
async function compareWithClean(home: string): Promise<string[]> {
  const state = readEngineState(home);
  if (state === null || 'problem' in state) return ['no engine to compare with'];
  const client = createEngineClient(state.url, readOrCreateMasterKey(home), 30_000);
  await settlePending(client, [...ownedIndexNames(INDEX), ...ownedIndexNames(CLEAN)]);
  const pairs: [string, string][] = [
    [INDEX, CLEAN],
    [statsIndexName(INDEX), statsIndexName(CLEAN)],
  ];
  const differences: string[] = [];
  for (const [live, clean] of pairs) {
    const [a, b] = await Promise.all([documentsOf(client, live), documentsOf(client, clean)]);
    for (const id of new Set([...a.keys(), ...b.keys()])) if (JSON.stringify(a.get(id)) !== JSON.stringify(b.get(id))) differences.push(`${live}/${id}`);
  }
  return differences;
}

async function documentsOf(client: EngineClient, uid: string): Promise<Map<string, string>> {
  const documents = new Map<string, string>();
  try {
    for (let offset = 0; ; offset += 1000) {
      const page = await client.index(uid).getDocuments<Record<string, unknown>>({ limit: 1000, offset });
      // Keys in one order, so equal documents compare equal as text.
      for (const document of page.results) documents.set(String(document.id), JSON.stringify(Object.fromEntries(Object.entries(document).sort())));
      if (page.results.length < 1000) return documents;
    }
  } catch (error) {
    if (isIndexNotFound(error)) return documents;
    throw error;
  }
}

interface Outcome {
  samples: Sample[];
  downAt: number;
  upAt: number;
  rebuildCode: number;
  afterCode: number;
  cleanCode: number;
  differences: string[];
}

function judge({ samples, downAt, upAt, rebuildCode, afterCode, cleanCode, differences }: Outcome): OwnershipPhase {
  const away = (at: number) => at >= downAt && at <= upAt + RECOVERY_GRACE_MS;
  const unexpected5xx = samples.filter((s) => s.status >= 500 && (s.status !== 503 || !away(s.at))).length;
  const afterRecovery5xx = samples.filter((s) => s.status >= 500 && s.at > upAt + RECOVERY_GRACE_MS).length;
  const connectionErrors = samples.filter((s) => s.status === 0).length;
  const report = {
    requests: samples.length,
    unexpected_5xx: unexpected5xx,
    after_recovery_5xx: afterRecovery5xx,
    away_503: samples.filter((s) => s.status === 503 && away(s.at)).length,
    connection_errors: connectionErrors,
    engine_away_s: Math.round((upAt - downAt) / 100) / 10,
    rebuild_exit: rebuildCode,
    next_run_exit: afterCode,
    clean_build_exit: cleanCode,
    documents_differing: differences.length,
    first_differences: differences.slice(0, 5),
  };
  const pass = unexpected5xx === 0 && connectionErrors === 0 && afterCode === 0 && cleanCode === 0 && differences.length === 0;
  const line =
    `phase 2 ${pass ? 'PASSED' : 'FAILED'}: ${samples.length} requests with a rebuild beside them (exit ${rebuildCode}) and the engine killed (back after ${report.engine_away_s} s); ` +
    `${unexpected5xx} unexpected 5xx (${afterRecovery5xx} after recovery), ${connectionErrors} connection errors, ${report.away_503} × 503 while it was away; ` +
    `${differences.length} documents differ from a clean build`;
  return { pass, report, line };
}
