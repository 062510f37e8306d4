import { Hono } from 'hono';
import type { AppEnv } from '../render.tsx';
import { searchRequestFrom } from '../request-params.ts';
import type { SourceCatalog } from '../../sources/source-catalog.ts';
import { citationContext, type SiteAddress } from '../site-address.ts';
import type { SiteService } from '../site-service.ts';
import { taggedBody } from '../tagged-response.ts';
import { resultsView, type ResultsView } from '../view-models.ts';

/** The JSON API and the health check. */
export function apiRoutes(service: SiteService, sources: SourceCatalog, address: SiteAddress): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();

  routes.get('/healthz', async (c) => {
    const health = await service.healthy();
    if (!health.ok) {
      const { ok: _ok, ...problem } = health;
      return c.json({ status: 'unavailable', ...problem }, 503);
    }
    // Some nodes of a sharded archive are away: the site answers, with partial results that say so.
    return c.json(health.missing ? { status: 'partial', missing: health.missing } : { status: 'ok' }, 200);
  });

  routes.get('/api/search', async (c) => {
    const found = await service.search(searchRequestFrom((name) => c.req.queries(name)));
    const result = resultsView(found, sources, null, citationContext(c, address));
    return taggedBody(c, JSON.stringify(apiShape(result)), { 'Content-Type': 'application/json' });
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
    hits: result.hits.map(({ id, articleId, title, heading, url, snippet, date, source, sourceName, regions, actors, otherSections, citation }) => ({
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
      citation: {
        text: citation.text,
        title: citation.title,
        section: citation.section,
        source: citation.source,
        date: citation.date,
        dateGregorian: citation.dateGregorian,
        dateHijri: citation.dateHijri,
        url: citation.url,
        consulted: citation.consulted,
        consultedGregorian: citation.consultedGregorian,
      },
    })),
    facets: { region: result.facets.region, actor: result.facets.actor, source: result.facets.source },
    filters: result.filters,
    with: result.with,
    from: result.range.from,
    to: result.range.to,
    sort: result.sort,
    analyzed: result.analyzed,
    recognized: result.recognized,
    notices: result.notices,
    coverage: result.coverage,
    spellings: result.spellings,
  };
}
