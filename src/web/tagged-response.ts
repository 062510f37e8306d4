import { createHash } from 'node:crypto';
import type { AppContext } from './render.tsx';

/**
 * A body with a strong ETag hashed from the string in hand, or 304 when the client holds it already
 * (If-None-Match): readers of the API and of feeds poll cheaply. Hashed here rather than by the
 * etag middleware, which copied the response stream and hashed it off-thread, a visible share of
 * the server's time under load (docs/decisions.md#api-etag).
 */
export function taggedBody(c: AppContext, body: string, headers: Record<string, string>): Response {
  const tag = `"${createHash('sha1').update(body).digest('hex')}"`;
  const ifNoneMatch = c.req.header('If-None-Match') ?? '';
  if (ifNoneMatch.split(',').some((candidate) => candidate.trim().replace(/^W\//u, '') === tag)) return c.body(null, 304, { ...headers, ETag: tag });
  return c.body(body, 200, { ...headers, ETag: tag });
}
