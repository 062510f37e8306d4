import { Meilisearch } from 'meilisearch';
import type { EnqueuedTaskPromise, Index, RecordAny, Task, TaskStatus } from 'meilisearch';
import { engineAnswer, TaskFailedError } from './errors.ts';
import { nodeHttpClient } from './http-client.ts';
import { withRetries, type RetryOptions } from './retry.ts';

/** The engine client; the rest of the app names it by this type, so only src/engine imports meilisearch. */
export type EngineClient = Meilisearch;

/** Every engine call is bounded: a slow or stopped engine must never hang a page or the indexer. */
export const ENGINE_TIMEOUT_MS = 5_000;

export function createEngineClient(url: string, apiKey: string, timeout = ENGINE_TIMEOUT_MS): EngineClient {
  return new Meilisearch({ host: url, apiKey, timeout, httpClient: nodeHttpClient });
}

/**
 * A client for long batch work (the indexer): a transient failure is retried with backoff instead
 * of ending a run. Each try is bounded by `attemptTimeoutMs`, so no call hangs.
 */
export function createRetryingEngineClient(url: string, apiKey: string, retry: RetryOptions = {}): EngineClient {
  return new Meilisearch({ host: url, apiKey, httpClient: withRetries(nodeHttpClient, retry) });
}

/** Waits for a task and turns a failed or canceled one into an error that carries the engine's reason. */
export async function settle(enqueued: EnqueuedTaskPromise, timeout = 10 * 60_000): Promise<Task> {
  const task = await withinTime(enqueued.waitTask({ timeout: 0, interval: 200 }), timeout, 'a Meilisearch task');
  if (task.status !== 'succeeded') throw new TaskFailedError(task);
  return task;
}

/**
 * A write the engine was asked for. `accepted` settles once the engine holds the request (its
 * payload may be let go) and rejects when it was never delivered; `done` waits until the engine
 * carried it out and throws a TaskFailedError with the engine's reason when it did not.
 */
export interface EngineTask {
  accepted(): Promise<void>;
  done(): Promise<void>;
}

export function engineTask(enqueued: EnqueuedTaskPromise): EngineTask {
  // A refused delivery is seen by whoever awaits the task, not as an unhandled rejection.
  enqueued.catch(() => undefined);
  return {
    accepted: () => enqueued.then(() => undefined),
    done: () => settle(enqueued).then(() => undefined),
  };
}

/** One write made of several (one per engine of a sharded archive): accepted and done when all of them are. */
export function allTasks(tasks: readonly EngineTask[]): EngineTask {
  return {
    accepted: () => Promise.all(tasks.map((task) => task.accepted())).then(() => undefined),
    done: () => Promise.all(tasks.map((task) => task.done())).then(() => undefined),
  };
}

/**
 * The client's own bound on waiting for a task hands one abort signal to every poll and leaves a
 * listener on it each time (meilisearch-js 0.62: a "MaxListenersExceededWarning" after 11 polls),
 * so tasks are awaited without it and bounded here.
 */
async function withinTime<T>(waiting: Promise<T>, timeout: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} was not done after ${Math.round(timeout / 1000)} s`)), timeout);
  });
  // After a timeout the poll goes on until the task ends or the engine fails; its outcome no longer matters.
  waiting.catch(() => undefined);
  try {
    return await Promise.race([waiting, expired]);
  } finally {
    clearTimeout(timer);
  }
}

export const isIndexNotFound = (error: unknown): boolean => engineAnswer(error)?.cause?.code === 'index_not_found';

/** The index, created (with `id` as primary key) when it does not exist yet. */
export async function ensureIndex<T extends RecordAny>(client: Meilisearch, uid: string): Promise<Index<T>> {
  try {
    await client.getIndex(uid);
  } catch (error) {
    if (!isIndexNotFound(error)) throw error;
    await settle(client.createIndex(uid, { primaryKey: 'id' }));
  }
  return client.index<T>(uid);
}

/** Waits until the engine has done what is queued for these indexes (tasks of a run that was killed keep running). */
export async function settlePending(client: Meilisearch, uids: string[]): Promise<void> {
  const statuses: TaskStatus[] = ['enqueued', 'processing'];
  // A swap task has no index of its own: the `indexUids` filter does not find it.
  const [own, swaps] = await Promise.all([client.tasks.getTasks({ indexUids: uids, statuses, limit: 1000 }), client.tasks.getTasks({ types: ['indexSwap'], statuses, limit: 1000 })]);
  for (const task of [...own.results, ...swaps.results]) await withinTime(client.tasks.waitForTask(task.uid, { timeout: 0, interval: 200 }), 10 * 60_000, `Meilisearch task ${task.uid}`);
}
