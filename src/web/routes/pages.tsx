import { Hono } from 'hono';
import { MAX_QUERY_LENGTH } from '../../archive-index/index.ts';
import { ArticlePage } from '../../../views/article-page.tsx';
import { EntityPage } from '../../../views/entity-page.tsx';
import { MESSAGES } from '../../../views/messages.ts';
import { MoreFacetOptions } from '../../../views/facet-list.tsx';
import { Results, stateOf } from '../../../views/results.tsx';
import { SearchPage } from '../../../views/search-page.tsx';
import type { Assets } from '../assets.ts';
import { messagePage, page, wantsFragment, type AppEnv } from '../render.tsx';
import { BadParameterError, facetParameter, searchRequestFrom } from '../request-params.ts';
import type { SourceCatalog } from '../../sources/source-catalog.ts';
import { citationContext, type SiteAddress } from '../site-address.ts';
import type { SiteService } from '../site-service.ts';
import { entityView } from '../dossier-view.ts';
import { articleView, resultsView, similarView } from '../view-models.ts';

/** The HTML pages: home, results (whole or as the htmx fragment), article, entity, and the static assets. */
export function pageRoutes(service: SiteService, assets: Assets, sources: SourceCatalog, address: SiteAddress): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  const names = service.entities.name;

  routes.get('/assets/:file', (c) => {
    const asset = assets.get(c.req.path);
    if (!asset) return c.notFound();
    return c.body(asset.body as Uint8Array<ArrayBuffer>, 200, { 'Content-Type': asset.type, 'Cache-Control': 'public, max-age=31536000, immutable', ETag: asset.etag });
  });

  routes.get('/', async (c) => page(c, <SearchPage assets={assets} names={names} overview={await service.overview()} />));

  routes.get('/search', async (c) => {
    // The answer differs by all three: fragment or page, typing or not, history restore (a whole page).
    c.header('Vary', 'HX-Request, HX-Trigger, HX-History-Restore-Request');
    const request = searchRequestFrom((name) => c.req.queries(name));
    const expanded = facetParameter(c.req.query('more'), 'more');
    // The search box itself asks while the user types: its last word is still a prefix.
    const [found, newest] = await Promise.all([service.search({ ...request, typing: c.req.header('HX-Trigger') === 'q' }), service.newestDate()]);
    const result = resultsView(found, sources, newest, citationContext(c, address));
    if (wantsFragment(c)) return c.html(<Results result={result} names={names} expanded={expanded} />);
    return page(c, <SearchPage assets={assets} names={names} result={result} expanded={expanded} />);
  });

  // The rest of a facet list's options, asked for when its "more" is opened (docs/decisions.md#facet-options-on-demand).
  routes.get('/search/facet-options', async (c) => {
    const facet = facetParameter(c.req.query('facet'), 'facet');
    if (!facet) throw new BadParameterError('facet', 'facet is needed: region, actor or source');
    if (!wantsFragment(c)) {
      // Without htmx (a link followed by hand): the search page with that list whole.
      const params = new URL(c.req.url).searchParams;
      params.delete('facet');
      params.set('more', facet);
      return c.redirect(`/search?${params.toString()}`, 303);
    }
    c.header('Vary', 'HX-Request, HX-History-Restore-Request');
    const result = resultsView(await service.search(searchRequestFrom((name) => c.req.queries(name))), sources);
    return c.html(<MoreFacetOptions facet={facet} result={result} names={names} state={stateOf(result)} />);
  });

  routes.get('/articles/:id', async (c) => {
    const sections = await service.article(c.req.param('id'));
    if (!sections) return messagePage(c, assets, MESSAGES.articleNotFound, 404);
    const q = c.req.query('q') ?? '';
    const article = articleView(sections, service.matchSpecFor(q), sources, citationContext(c, address));
    const similar = similarView(await service.similar(sections), sources);
    return page(c, <ArticlePage assets={assets} article={article} q={q.slice(0, MAX_QUERY_LENGTH)} names={names} similar={similar} />);
  });

  routes.get('/entities/:id', async (c) => {
    const entity = service.entities.entity(c.req.param('id'));
    if (!entity) return messagePage(c, assets, MESSAGES.entityNotFound, 404);
    const dossier = await service.entity(entity.id, entity.type);
    return page(c, <EntityPage assets={assets} entity={entityView(entity, dossier, names, sources)} names={names} />);
  });

  return routes;
}
