import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { MeilisearchApiError, MeilisearchRequestError } from 'meilisearch';

// Node's fetch (undici) stalls on most Meilisearch answers of a few KB, where node:http with
// keep-alive answers the same multi-search at once (docs/decisions.md#engine-http-client), so the engine
// client talks plain node:http over kept-alive connections.
const agents = { 'http:': new HttpAgent({ keepAlive: true, maxSockets: 128 }), 'https:': new HttpsAgent({ keepAlive: true, maxSockets: 128 }) };

/** A fetch-shaped client for meilisearch-js: resolves to the parsed answer, throws the library's own errors. */
export function nodeHttpClient(input: string | URL | Request, init: RequestInit = {}): Promise<unknown> {
  const url = new URL(input instanceof Request ? input.url : input);
  const body = typeof init.body === 'string' ? init.body : init.body == null ? undefined : String(init.body);
  const headers: Record<string, string> = Object.fromEntries(new Headers(init.headers));
  if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  const signal = init.signal ?? undefined;
  return new Promise((resolve, reject) => {
    const fail = (cause: unknown) => {
      signal?.removeEventListener('abort', abort);
      reject(new MeilisearchRequestError(url.toString(), cause));
    };
    // The client polls a task with one signal for all its requests: each listener goes when its request ends,
    // where handing the signal to node:http left them piling up until the task was done.
    const abort = () => req.destroy(signal?.reason instanceof Error ? signal.reason : new Error('aborted'));
    const req = send(url, { method: init.method ?? 'GET', headers, agent: agents[url.protocol === 'https:' ? 'https:' : 'http:'] }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', fail);
      res.on('end', () => {
        signal?.removeEventListener('abort', abort);
        const text = Buffer.concat(chunks).toString('utf8');
        let parsed: unknown;
        try {
          parsed = text === '' ? undefined : JSON.parse(text);
        } catch (error) {
          fail(error);
          return;
        }
        const status = res.statusCode ?? 500;
        if (status >= 400) reject(new MeilisearchApiError(new Response(text, { status }), parsed as ConstructorParameters<typeof MeilisearchApiError>[1]));
        else resolve(parsed);
      });
    });
    req.on('error', fail);
    if (signal?.aborted) abort();
    else signal?.addEventListener('abort', abort, { once: true });
    req.end(body);
  });
}
