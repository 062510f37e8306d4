import type { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { compress } from 'hono/compress';
import { etag } from 'hono/etag';
import { HTTPException } from 'hono/http-exception';
import { NONCE, secureHeaders } from 'hono/secure-headers';
import { timeout } from 'hono/timeout';
import { isEngineFailure } from '../engine/errors.ts';
import { MESSAGES } from '../../views/messages.ts';
import { messagePage, type AppEnv } from './render.tsx';
import { BadParameterError } from './request-params.ts';
import { SearchesBusyError, searchAdmission } from './search-admission.ts';
import type { AssetUrls } from './view-models.ts';

const REQUEST_TIMEOUT_MS = 15_000;
const MAX_BODY_BYTES = 16 * 1024;
const RETRY_AFTER_SECONDS = '5';
const BUSY_RETRY_AFTER_SECONDS = '2';
const HSTS = 'max-age=15552000; includeSubDomains';

/** htmx needs no inline script or style and no eval (see the htmx-config meta in the layout). */
const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'", NONCE],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  formAction: ["'self'"],
  baseUri: ["'none'"],
  objectSrc: ["'none'"],
  frameAncestors: ["'none'"],
};

/** Security headers, limits, compression and caching of every route. */
export function useMiddleware(app: Hono<AppEnv>, options: { requestTimeoutMs?: number }): void {
  // DENY, as frame-ancestors 'none' says (SAMEORIGIN contradicted it). HSTS only where the request came over
  // HTTPS (a TLS proxy in front says so): over plain HTTP the header means nothing and misleads.
  app.use(
    secureHeaders({
      contentSecurityPolicy: CONTENT_SECURITY_POLICY,
      referrerPolicy: 'strict-origin-when-cross-origin',
      crossOriginEmbedderPolicy: false,
      xFrameOptions: 'DENY',
      strictTransportSecurity: false,
    }),
  );
  app.use(async (c, next) => {
    await next();
    if (c.req.header('X-Forwarded-Proto') === 'https' || new URL(c.req.url).protocol === 'https:') c.header('Strict-Transport-Security', HSTS);
  });
  // Only requests that may carry a body are checked: looking at a GET's body made the Node adapter
  // build a full fetch Request for every search.
  const limitBody = bodyLimit({ maxSize: MAX_BODY_BYTES, onError: (c) => c.text('request body too large', 413) });
  app.use((c, next) => (c.req.method === 'GET' || c.req.method === 'HEAD' ? next() : limitBody(c, next)));
  app.use(timeout(options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS, () => new HTTPException(503, { message: 'request timed out' })));
  app.use(compress());
  const admission = searchAdmission();
  app.use('/search', admission);
  app.use('/search/facet-options', admission);
  app.use('/api/search', admission);
  app.use('/feed', admission);
  // ETags where a client can get a 304: the API (tagged in its route), and assets (their fingerprint
  // is the tag). Pages carry a fresh CSP nonce each time: a tag of theirs would never match.
  app.use('/assets/*', etag());
}

/** Bad parameters say which; an engine that is away says 503 with Retry-After; anything else is logged and 500. */
export function useErrorPages(app: Hono<AppEnv>, assets: AssetUrls): void {
  app.notFound((c) => messagePage(c, assets, MESSAGES.pageNotFound, 404));
  app.onError((error, c) => {
    const api = c.req.path.startsWith('/api/');
    if (error instanceof BadParameterError) {
      return api ? c.json({ error: error.message, parameter: error.parameter }, 400) : messagePage(c, assets, MESSAGES.badParameter(error.parameter, error.message), 400);
    }
    if (error instanceof SearchesBusyError) {
      c.header('Retry-After', BUSY_RETRY_AFTER_SECONDS);
      return api ? c.json({ error: error.message }, 503) : messagePage(c, assets, MESSAGES.busy, 503);
    }
    if (isEngineFailure(error) || (error instanceof HTTPException && error.status === 503)) {
      c.header('Retry-After', RETRY_AFTER_SECONDS);
      return api ? c.json({ error: 'search engine unavailable' }, 503) : messagePage(c, assets, MESSAGES.engineDown, 503);
    }
    console.error(`${c.req.method} ${c.req.path}: ${error.stack ?? error.message}`);
    return api ? c.json({ error: 'internal error' }, 500) : messagePage(c, assets, MESSAGES.internalError, 500);
  });
}
