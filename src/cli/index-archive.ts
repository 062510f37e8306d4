import { parseArgs } from 'node:util';
import { inputBytes } from '../articles/read.ts';
import { readConfig, type Config } from '../config.ts';
import { describeEngineError, isEngineFailure } from '../engine/errors.ts';
import { connectEngine, indexTarget, indexWriterLockName } from '../engine/connect.ts';
import type { EngineHandle } from '../engine/embedded.ts';
import { diskProblem, watchFaults, type FaultWatch } from '../engine/fault-watch.ts';
import { isLockHolder, tryHostLock, waitForHostLock, type HostLock, type LockHolder } from '../engine/host-lock.ts';
import { loadEngineSettings } from '../engine/settings.ts';
import { loadGazetteer } from '../entities/index.ts';
import { analysisVersion } from '../indexer/analysis-version.ts';
import { indexArticles } from '../indexer/indexer.ts';
import { INDEX_BUSY_EXIT } from './index-command.ts';
import { createProgress } from './progress.ts';
import { printSummary } from './summary.ts';
import { runCli } from './run.ts';

const USAGE = `usage: npm run index -- [--rebuild [--force]] [--batch-size N] PATH...   (files or folders of .txt, .md, .ndjson, .ndjson.gz)
  --rebuild         build a fresh index and swap it in when it is complete
  --force           let the swap drop more than half of the indexed articles (those not in PATH...)
  --batch-size N    sections per engine request (default 2000)
  --no-wait         when another index run is writing the index, exit (75) instead of waiting for it`;

interface IndexArguments {
  paths: string[];
  rebuild: boolean;
  force: boolean;
  wait: boolean;
  batchSize: number | undefined;
}

/** The command line, or the exit code when it only asked for help or was wrong (the usage is printed). */
function readArguments(): IndexArguments | number {
  const { values, positionals } = parseArgs({
    options: {
      rebuild: { type: 'boolean', default: false },
      force: { type: 'boolean', default: false },
      'no-wait': { type: 'boolean', default: false },
      'batch-size': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: true,
  });
  const batchSize = values['batch-size'] === undefined ? undefined : Number(values['batch-size']);
  if (values.help || positionals.length === 0 || (batchSize !== undefined && !(Number.isInteger(batchSize) && batchSize > 0))) {
    console.error(USAGE);
    return values.help ? 0 : 2;
  }
  return { paths: positionals, rebuild: values.rebuild, force: values.force, wait: !values['no-wait'], batchSize };
}

const describeHolder = (index: string, holder: LockHolder): string =>
  `index "${index}" is being written by another index run (pid ${holder.pid}: ${holder.what}${holder.since ? `, since ${holder.since}` : ''})`;

/**
 * One writer per index at a time: a plain run once dropped the `-next` a rebuild was filling, and
 * that rebuild went live without its settings. Null when --no-wait found the index taken.
 */
async function takeIndexLock(config: Config, wait: boolean): Promise<HostLock | null> {
  const name = indexWriterLockName(config);
  if (wait) return waitForHostLock(name, (holder) => console.error(`waiting: ${describeHolder(config.index, holder)}; this run goes on when it ends`));
  const lock = await tryHostLock(name);
  if (!isLockHolder(lock)) return lock;
  console.error(`not indexed: ${describeHolder(config.index, lock)}`);
  return null;
}

/** How often a run on the embedded engine looks at the free space of its disk. */
const DISK_CHECK_MS = 2000;

/**
 * On a full disk the engine's batch fails and is retried for ever, its tasks "processing": a run on
 * the embedded engine stops with the reason instead of waiting on them (it is safe to stop at any point).
 */
function stopOnFullDisk(config: Config, engine: EngineHandle, lock: HostLock): FaultWatch | null {
  if (config.meiliUrl !== null || config.network !== null) return null;
  return watchFaults([() => diskProblem(config.engineHome)], DISK_CHECK_MS, (problem) => {
    console.error(`\nfailed: ${problem}`);
    void Promise.all([engine.stop(), lock.release()]).finally(() => process.exit(1));
  });
}

await runCli(async () => {
  const args = readArguments();
  if (typeof args === 'number') return args;
  const config = readConfig();
  const lock = await takeIndexLock(config, args.wait);
  if (lock === null) return INDEX_BUSY_EXIT;
  const engine = await connectEngine(config, (line) => console.error(line));
  const diskWatch = stopOnFullDisk(config, engine, lock);
  let retries = 0;
  try {
    const target = indexTarget(config, engine, {
      onRetry: ({ method, path, reason, attempt, attempts, delayMs }) => {
        retries++;
        console.error(`engine: ${method} ${path} ${reason}; try ${attempt + 1} of ${attempts} in ${delayMs} ms`);
      },
    });
    const total = await inputBytes(args.paths);
    const progress = createProgress('indexing', 'bytes');
    const summary = await indexArticles({
      ...args,
      ...target,
      index: config.index,
      gazetteer: loadGazetteer(),
      settings: loadEngineSettings(),
      analysisVersion: analysisVersion(),
      onProgress: (p) => progress.update(p.bytesRead, total, `${p.articles} articles, ${p.sections} sections, ${p.problems} skipped`),
      onPhase: (phase) => {
        progress.done();
        console.error(`indexing: ${phase}…`);
      },
    });
    progress.done();
    printSummary(summary, retries);
    // A full disk shows in the engine's answers in other words (a payload "malformed" when its copy was cut short).
    const fullDisk = summary.failures.length > 0 && config.meiliUrl === null && config.network === null ? await diskProblem(config.engineHome) : null;
    if (fullDisk !== null) console.error(`failed: ${fullDisk}`);
    return summary.problems.length > 0 || summary.failures.length > 0 ? 1 : 0;
  } catch (error) {
    // The engine refused or stayed away past the retries: one line with its reason, not a stack trace.
    if (!isEngineFailure(error)) throw error;
    console.error(`failed: ${describeEngineError(error)}${retries > 0 ? ` (after ${retries} retried requests)` : ''}`);
    return 1;
  } finally {
    diskWatch?.stop();
    await engine.stop();
    await lock.release();
  }
});
// Polls of tasks that an engine left "processing" (a full disk) would keep the process alive: the run is over.
process.exit();
