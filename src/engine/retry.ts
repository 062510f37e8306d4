import { MeilisearchApiError, MeilisearchRequestError } from 'meilisearch';

/** The fetch-shaped client meilisearch-js accepts as `httpClient`. */
export type HttpClient = (input: string | URL | Request, init?: RequestInit) => Promise<unknown>;

export interface RetryOptions {
  /** Tries per request, the first included. */
  attempts?: number;
  /** Wait before the first retry; it doubles with every further one, with jitter. */
  baseDelayMs?: number;
  /** Bound of one try: a stalled request is abandoned and tried again. */
  attemptTimeoutMs?: number;
  onRetry?: (retry: Retry) => void;
}

export interface Retry {
  method: string;
  path: string;
  reason: string;
  /** The try that failed (1 for the first). */
  attempt: number;
  attempts: number;
  delayMs: number;
}

interface Failure {
  reason: string;
  /** The engine may have acted on the request before the failure. */
  maybeDone: boolean;
}

/** Failures that say the request never reached the engine, or that it refused it without acting. */
const NOT_DELIVERED = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
const CUT_OFF = new Set(['ECONNRESET', 'EPIPE', 'ETIMEDOUT']);

class AttemptTimeout extends Error {
  override name = 'AttemptTimeout';
}

function transientFailure(error: unknown, timedOut: boolean): Failure | null {
  if (timedOut) return { reason: 'no answer in time', maybeDone: true };
  if (error instanceof MeilisearchApiError) {
    const { status } = error.response;
    if (status === 429 || status === 503) return { reason: `answered ${status}`, maybeDone: false };
    return status >= 500 ? { reason: `answered ${status}`, maybeDone: true } : null;
  }
  const code = error instanceof MeilisearchRequestError ? (error.cause as NodeJS.ErrnoException | undefined)?.code : undefined;
  if (code !== undefined && NOT_DELIVERED.has(code)) return { reason: code, maybeDone: false };
  if (code !== undefined && CUT_OFF.has(code)) return { reason: code, maybeDone: true };
  return null;
}

/**
 * Requests that end the same when the engine does them twice: reads, deletions, and documents or
 * settings of one index (they replace by id). Creating an index or swapping two must not be
 * repeated after a failure that leaves open whether the engine did it: a second swap swaps back.
 */
const repeatable = (method: string, path: string): boolean => method === 'GET' || method === 'DELETE' || /^\/indexes\/[^/]+\/(documents|settings)(\/|$)/u.test(path);

/** Exponential backoff with "equal jitter": half the delay fixed, half random, so clients that failed together do not retry together. */
const backoff = (baseDelayMs: number, attempt: number): number => {
  const delay = baseDelayMs * 2 ** (attempt - 1);
  return Math.round(delay / 2 + (Math.random() * delay) / 2);
};

/** Wraps an HTTP client so that transient engine failures (refused, reset, stalled, 5xx, 429) are tried again, a bounded number of times. */
export function withRetries(send: HttpClient, options: RetryOptions = {}): HttpClient {
  const { attempts = 5, baseDelayMs = 250, attemptTimeoutMs = 60_000, onRetry } = options;
  return async (input, init = {}) => {
    const url = new URL(input instanceof Request ? input.url : input);
    const method = init.method ?? 'GET';
    for (let attempt = 1; ; attempt++) {
      // The caller's signal (a wait's overall deadline) ends every try; the timer ends only this one.
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(new AttemptTimeout(`no answer within ${attemptTimeoutMs} ms`)), attemptTimeoutMs);
      const follow = () => controller.abort(init.signal?.reason);
      init.signal?.addEventListener('abort', follow, { once: true });
      if (init.signal?.aborted) follow();
      try {
        return await send(url, { ...init, signal: controller.signal });
      } catch (error) {
        if (init.signal?.aborted) throw error;
        const failure = transientFailure(error, controller.signal.reason instanceof AttemptTimeout);
        if (failure === null || attempt >= attempts || (failure.maybeDone && !repeatable(method, url.pathname))) throw error;
        const delayMs = backoff(baseDelayMs, attempt);
        onRetry?.({ method, path: url.pathname, reason: failure.reason, attempt, attempts, delayMs });
        await new Promise((resolve) => setTimeout(resolve, delayMs));
      } finally {
        clearTimeout(timer);
        init.signal?.removeEventListener('abort', follow);
      }
    }
  };
}
