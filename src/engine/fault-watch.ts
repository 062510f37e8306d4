import { statfs } from 'node:fs/promises';
import { ownedIndexNames } from '../archive-index/index.ts';
import type { EngineClient } from './client.ts';

/**
 * Below this much free space the engine's writes fail (its update files hold whole payloads), and
 * a batch that failed for want of room is retried for ever with its tasks "processing": said
 * before anyone waits on it (docs/decisions.md#full-disk-stop).
 */
export const LOW_DISK_BYTES = 16 * 1024 * 1024;

/** A full disk under the embedded engine's folder, or null. */
export async function diskProblem(home: string): Promise<string | null> {
  const stats = await statfs(home).catch(() => null);
  if (stats === null) return null;
  const free = stats.bavail * stats.bsize;
  return free < LOW_DISK_BYTES ? `the disk of ${home} is full (${(free / 1048576).toFixed(1)} MB free): the engine cannot write` : null;
}

/**
 * The latest finished task of the archive's indexes, when it failed for a reason of the engine's
 * own (disk, I/O: error type "internal" or "system"), as opposed to a request it refused.
 */
export async function failedTaskProblem(client: EngineClient, index: string): Promise<string | null> {
  const { results } = await client.tasks.getTasks({ indexUids: ownedIndexNames(index), statuses: ['succeeded', 'failed'], limit: 1 });
  const task = results[0];
  if (task?.status !== 'failed' || (task.error?.type !== 'internal' && task.error?.type !== 'system')) return null;
  return `Meilisearch task ${task.uid} (${task.type}) failed: ${task.error.message}`;
}

export interface FaultWatch {
  /** The problem the last look found, or null. */
  current(): string | null;
  stop(): void;
}

/** Looks at the engine every `intervalMs` with each check (a check that cannot run finds nothing). */
export function watchFaults(checks: readonly (() => Promise<string | null>)[], intervalMs: number, onFound: (problem: string) => void = () => {}): FaultWatch {
  let problem: string | null = null;
  const look = async () => {
    const found = (await Promise.all(checks.map((check) => check().catch(() => null)))).find((result) => result !== null) ?? null;
    if (found !== null && found !== problem) onFound(found);
    problem = found;
  };
  void look();
  const timer = setInterval(() => void look(), intervalMs);
  timer.unref();
  return { current: () => problem, stop: () => clearInterval(timer) };
}
