import { MeilisearchApiError, MeilisearchError, MeilisearchRequestError } from 'meilisearch';
import type { Task } from 'meilisearch';

/** The embedded engine cannot be started or used (no binary for this platform, a stuck process). */
export class EngineStartError extends Error {
  override name = 'EngineStartError';
}

/** The engine did not answer: refused, cut off, timed out, or not up yet. Pages say 503. */
export class EngineDownError extends Error {
  override name = 'EngineDownError';
}

/** A task the engine carried out and failed or canceled, with the engine's reason. */
export class TaskFailedError extends Error {
  override name = 'TaskFailedError';
  constructor(readonly task: Task) {
    super(`Meilisearch task ${task.uid} (${task.type}) ${task.status}: ${task.error?.message ?? 'no reason given'}`);
  }
}

/** Any failure of the engine or of talking to it, as opposed to a bug of ours. */
export const isEngineFailure = (error: unknown): boolean => error instanceof MeilisearchError || error instanceof EngineDownError || error instanceof TaskFailedError;

/** The engine was not reached at all (as opposed to answering with an error). */
export const isEngineUnreachable = (error: unknown): boolean => error instanceof EngineDownError || (error instanceof MeilisearchRequestError && !(error.cause instanceof MeilisearchApiError));

/** Errors of a connection that could not be made or was cut: the request was not answered, and may go elsewhere. */
const CONNECTION_FAILURES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/** The engine could not be connected to (as opposed to one that is slow to answer: a timeout is not this). */
export function couldNotConnect(error: unknown): boolean {
  for (let cause: unknown = error; cause instanceof Error; cause = cause.cause) {
    if (CONNECTION_FAILURES.has((cause as NodeJS.ErrnoException).code ?? '')) return true;
  }
  return false;
}

/** The engine's error answer, also when the client wrapped it (it wraps whatever a custom HTTP client throws). */
export function engineAnswer(error: unknown): MeilisearchApiError | null {
  if (error instanceof MeilisearchApiError) return error;
  return error instanceof MeilisearchRequestError && error.cause instanceof MeilisearchApiError ? error.cause : null;
}

/** One line on an engine failure, with the cause the client wrapped (refused connection, the engine's own message). */
export function describeEngineError(error: unknown): string {
  const messages: string[] = [];
  for (let cause: unknown = error; cause instanceof Error; cause = cause.cause) {
    if (cause.message !== '' && !messages.includes(cause.message)) messages.push(cause.message);
  }
  return messages.join(': ');
}
