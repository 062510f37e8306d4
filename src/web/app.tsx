import { createHash } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { html } from 'hono/html';
import type { JSX } from 'hono/jsx/jsx-runtime';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { bodyLimit } from 'hono/body-limit';
import { compress } from 'hono/compress';
import { etag } from 'hono/etag';
import { HTTPException } from 'hono/http-exception';
import { NONCE, secureHeaders, type SecureHeadersVariables } from 'hono/secure-headers';
import { timeout } from 'hono/timeout';
import { NonceContext } from '../../views/layout.tsx';
import { ArticlePage, type ArticleView } from '../../views/article-page.tsx';
import { EntityPage, type EntityView } from '../../views/entity-page.tsx';
import { MessagePage } from '../../views/message-page.tsx';
import type { Entity } from '../entities/index.ts';
import { Results, type EntityNames } from '../../views/results.tsx';
import { SearchPage } from '../../views/search-page.tsx';
import type { Archive } from '../search/archive.ts';
import { highlight } from '../search/highlight.ts';
import { parseQuery, matchForms } from '../search/query-syntax.ts';
import { MAX_QUERY_LENGTH, type Search, type SearchResult } from '../search/search.ts';
import { isEngineFailure } from '../engine/errors.ts';
import type { Assets } from './assets.ts';
import { BadParameterError, searchRequestFrom } from './request-params.ts';

export interface AppDependencies {
  search: Search;
  archive: Archive;
  names: EntityNames;
  entityInfo: (id: string) => Entity | undefined;
  /** How many sections hold a stem, so the article page reads a query as the search did. */
  evidence: (stem: string) => number;
  engineHealthy: () => Promise<boolean>;
  assets: Assets;
  /** Longest a request may take before it is answered 503 (tests shorten it). */
  requestTimeoutMs?: number;
}

const RETRY_AFTER_SECONDS = '5';
const ENGINE_DOWN_MESSAGE = 'محرك البحث لا يستجيب الآن. أعد المحاولة بعد لحظات.';

type AppContext = Context<{ Variables: SecureHeadersVariables }>;

/** A whole page, rendered with the request's CSP nonce (the layout puts it on its script tags). */
const page = (c: AppContext, element: JSX.Element, status: ContentfulStatusCode = 200) =>
  c.html(html`<!DOCTYPE html>${<NonceContext.Provider value={c.get('secureHeadersNonce') ?? ''}>{element}</NonceContext.Provider>}`, status);

/** htmx asks for the results fragment, except when it restores history and needs the whole page. */
const wantsFragment = (c: AppContext): boolean => c.req.header('HX-Request') === 'true' && c.req.header('HX-History-Restore-Request') !== 'true';

const REQUEST_TIMEOUT_MS = 15_000;

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

export function createApp(deps: AppDependencies): Hono<{ Variables: SecureHeadersVariables }> {
  const app = new Hono<{ Variables: SecureHeadersVariables }>();
  const { assets, names } = deps;

  app.use(secureHeaders({ contentSecurityPolicy: CONTENT_SECURITY_POLICY, referrerPolicy: 'strict-origin-when-cross-origin', crossOriginEmbedderPolicy: false }));
  // Only requests that may carry a body are checked: looking at a GET's body made the Node adapter
  // build a full fetch Request for every search.
  const limitBody = bodyLimit({ maxSize: 16 * 1024, onError: (c) => c.text('request body too large', 413) });
  app.use((c, next) => (c.req.method === 'GET' || c.req.method === 'HEAD' ? next() : limitBody(c, next)));
  app.use(timeout(deps.requestTimeoutMs ?? REQUEST_TIMEOUT_MS, () => new HTTPException(503, { message: 'request timed out' })));
  app.use(compress());
  // ETags where a client can get a 304: the API (tagged in its route), and assets (their fingerprint
  // is the tag). Pages carry a fresh CSP nonce each time: a tag of theirs would never match.
  app.use('/assets/*', etag());

  app.get('/assets/:file', (c) => {
    const asset = assets.get(c.req.path);
    if (!asset) return c.notFound();
    return c.body(asset.body as Uint8Array<ArrayBuffer>, 200, { 'Content-Type': asset.type, 'Cache-Control': 'public, max-age=31536000, immutable', ETag: asset.etag });
  });

  app.get('/healthz', async (c) => {
    const healthy = await deps.engineHealthy();
    return c.json(healthy ? { status: 'ok' } : { status: 'unavailable', engine: 'down' }, healthy ? 200 : 503);
  });

  app.get('/', async (c) => {
    const overview = await deps.archive.overview();
    return page(c, <SearchPage assets={assets} names={names} overview={overview} />);
  });

  app.get('/search', async (c) => {
    c.header('Vary', 'HX-Request');
    const request = searchRequestFrom((name) => c.req.queries(name));
    // The search box itself asks while the user types: its last word is still a prefix.
    const result = await deps.search({ ...request, typing: c.req.header('HX-Trigger') === 'q' });
    if (wantsFragment(c)) return c.html(<Results result={result} names={names} />);
    return page(c, <SearchPage assets={assets} names={names} result={result} />);
  });

  app.get('/api/search', async (c) => {
    const result = await deps.search(searchRequestFrom((name) => c.req.queries(name)));
    const body = JSON.stringify(apiShape(result));
    // Hashed from the string in hand: the etag middleware copied the response stream and hashed it
    // off-thread, ~7% of the server's time under load.
    const tag = `"${createHash('sha1').update(body).digest('hex')}"`;
    const ifNoneMatch = c.req.header('If-None-Match') ?? '';
    if (ifNoneMatch.split(',').some((candidate) => candidate.trim().replace(/^W\//u, '') === tag)) return c.body(null, 304, { ETag: tag });
    return c.body(body, 200, { 'Content-Type': 'application/json', ETag: tag });
  });

  app.get('/articles/:id', async (c) => {
    const sections = await deps.archive.article(c.req.param('id'));
    if (!sections) {
      return page(c, <MessagePage assets={assets} title="المقال غير موجود" message="لا يوجد في الأرشيف مقال بهذا المعرّف. ربما حُذف أو تغيّر رابطه." />, 404);
    }
    const q = (c.req.query('q') ?? '').slice(0, MAX_QUERY_LENGTH);
    const spec = matchForms(parseQuery(q, deps.evidence));
    const first = sections[0];
    const article: ArticleView = {
      articleId: first?.articleId ?? '',
      title: first?.title ?? '',
      date: first?.date ?? null,
      source: first?.source ?? null,
      url: webLink(first?.url),
      regions: [...new Set(sections.flatMap((section) => section.regions))],
      actors: [...new Set(sections.flatMap((section) => section.actors))],
      sections: sections.map((section) => {
        const paragraphs = section.text.split('\n\n').map((paragraph) => highlight(paragraph, spec));
        return {
          n: section.n,
          heading: section.heading ? highlight(section.heading, spec) : null,
          firstParagraph: section.firstParagraph,
          paragraphs,
          matches: paragraphs.reduce((sum, html) => sum + (html.match(/<mark>/gu)?.length ?? 0), 0),
        };
      }),
    };
    return page(c, <ArticlePage assets={assets} article={article} q={q} names={names} />);
  });

  app.get('/entities/:id', async (c) => {
    const entity = deps.entityInfo(c.req.param('id'));
    if (!entity) {
      return page(c, <MessagePage assets={assets} title="غير موجود في الدليل" message="لا توجد منطقة أو جهة بهذا المعرّف في دليل الأرشيف." />, 404);
    }
    const activity = await deps.archive.entity(entity.id, entity.type === 'region' ? 'regions' : 'actors');
    const parent = entity.parent ? names(entity.parent) : undefined;
    const view: EntityView = {
      ...entity,
      parent: parent ? { id: parent.id, name_ar: parent.name_ar } : null,
      sections: activity.sections,
      latest: activity.latest.map((section) => ({ ...section, url: `/articles/${section.articleId}#s-${section.n}` })),
      related: activity.related.map((other) => ({ id: other.id, type: other.facet === 'regions' ? 'region' : 'actor', count: other.count })),
    };
    return page(c, <EntityPage assets={assets} entity={view} names={names} />);
  });

  app.notFound((c) => page(c, <MessagePage assets={assets} title="الصفحة غير موجودة" message="لم نجد هذه الصفحة." />, 404));

  app.onError((error, c) => {
    const api = c.req.path.startsWith('/api/');
    if (error instanceof BadParameterError) {
      return api
        ? c.json({ error: error.message, parameter: error.parameter }, 400)
        : page(c, <MessagePage assets={assets} title="طلب غير صالح" message={`المعامل ${error.parameter} غير صالح: ${error.message}`} />, 400);
    }
    if (isEngineFailure(error) || (error instanceof HTTPException && error.status === 503)) {
      c.header('Retry-After', RETRY_AFTER_SECONDS);
      return api
        ? c.json({ error: 'search engine unavailable' }, 503)
        : page(c, <MessagePage assets={assets} title="البحث غير متاح مؤقتًا" message={ENGINE_DOWN_MESSAGE} />, 503);
    }
    console.error(`${c.req.method} ${c.req.path}: ${error.stack ?? error.message}`);
    return api ? c.json({ error: 'internal error' }, 500) : page(c, <MessagePage assets={assets} title="حدث خطأ" message="حدث خطأ غير متوقع. أعد المحاولة." />, 500);
  });

  return app;
}

/** An article's source link only when it is http(s): a `javascript:` or `data:` URL from an archive file must not become a link. */
function webLink(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    return ['http:', 'https:'].includes(new URL(url).protocol) ? url : null;
  } catch {
    return null;
  }
}

/** The public JSON of /api/search. */
function apiShape(result: SearchResult) {
  return {
    query: result.query,
    total: result.total,
    page: result.page,
    pageSize: result.pageSize,
    hits: result.hits.map(({ id, articleId, title, heading, url, snippet, date, source, regions, actors }) => ({
      id,
      articleId,
      title,
      heading,
      url,
      snippet,
      date,
      source,
      regions,
      actors,
    })),
    facets: { region: result.facets.region, actor: result.facets.actor },
    analyzed: result.analyzed,
    recognized: result.recognized,
    notices: result.notices,
  };
}
