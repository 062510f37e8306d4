import { createHash } from 'node:crypto';
import { Hono } from 'hono';
import type { AppEnv } from '../render.tsx';
import { searchRequestFrom } from '../request-params.ts';
import type { SourceCatalog } from '../../sources/source-catalog.ts';
import type { SiteService } from '../site-service.ts';
import { resultsView, type ResultsView } from '../view-models.ts';

/** The JSON API and the health check. */
export function apiRoutes(service: SiteService, sources: SourceCatalog): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();

  routes.get('/healthz', async (c) => {
    const { ok, ...problem } = await service.healthy();
    return c.json(ok ? { status: 'ok' } : { status: 'unavailable', ...problem }, ok ? 200 : 503);
  });

  routes.get('/api/search', async (c) => {
    const result = resultsView(await service.search(searchRequestFrom((name) => c.req.queries(name))), sources);
    const body = JSON.stringify(apiShape(result));
    // Hashed from the string in hand: the etag middleware copied the response stream and hashed it
    // off-thread, a visible share of the server's time under load (docs/decisions.md#api-etag).
    const tag = `"${createHash('sha1').update(body).digest('hex')}"`;
    const ifNoneMatch = c.req.header('If-None-Match') ?? '';
    if (ifNoneMatch.split(',').some((candidate) => candidate.trim().replace(/^W\//u, '') === tag)) return c.body(null, 304, { ETag: tag });
    return c.body(body, 200, { 'Content-Type': 'application/json', ETag: tag });
  });

  return routes;
}

/** The public JSON of /api/search. */
function apiShape(result: ResultsView) {
  return {
    query: result.query,
    total: result.total,
    page: result.page,
    pageSize: result.pageSize,
    hits: result.hits.map(({ id, articleId, title, heading, url, snippet, date, source, sourceName, regions, actors, otherSections }) => ({
      id,
      articleId,
      title,
      heading,
      url,
      snippet,
      date,
      source,
      sourceName: sourceName ? { ar: sourceName.name_ar, en: sourceName.name_en, url: sourceName.url } : null,
      regions,
      actors,
      otherSections,
    })),
    facets: { region: result.facets.region, actor: result.facets.actor, source: result.facets.source },
    filters: result.filters,
    from: result.range.from,
    to: result.range.to,
    sort: result.sort,
    analyzed: result.analyzed,
    recognized: result.recognized,
    notices: result.notices,
    spellings: result.spellings,
  };
}
