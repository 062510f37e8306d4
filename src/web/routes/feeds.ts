import { Hono } from 'hono';
import { articleUrl, FEED_ENTRIES, MAX_QUERY_LENGTH } from '../../archive-index/index.ts';
import type { ListedArticle } from '../../search/listing.ts';
import type { SearchRequest } from '../../search/search.ts';
import type { SourceCatalog } from '../../sources/source-catalog.ts';
import { feedUrl, searchUrl, type SearchState } from '../../../views/format.ts';
import { MESSAGES } from '../../../views/messages.ts';
import { atomXml, NEVER, startOfDay, uuidUrn, type AtomEntry, type AtomFeed } from '../atom-feed.ts';
import { plainSnippet } from '../marking.ts';
import type { AppContext, AppEnv } from '../render.tsx';
import { searchRequestFrom } from '../request-params.ts';
import { siteBase, type SiteAddress } from '../site-address.ts';
import type { SiteService } from '../site-service.ts';
import { taggedBody } from '../tagged-response.ts';

const SITE_NAME = 'أرشيف الأخبار';
/** Feed readers poll; the archive changes when it is indexed, so a few minutes of caching cost nothing. */
const FEED_CACHE = 'public, max-age=300';

/**
 * Atom feeds (RFC 4287) of any search (`/feed?` with the search's parameters) and of an entity
 * (`/entities/:id/feed`): the newest matching articles, whatever order the page lists them in. Each
 * entry's id is a name-based UUID of its article id, so it is the same on every request, host and
 * reindexing; undated articles are left out (a feed orders by date, and an undated entry has none).
 */
export function feedRoutes(service: SiteService, sources: SourceCatalog, address: SiteAddress): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  const names = service.entities.name;

  routes.get('/feed', async (c) => {
    const request = searchRequestFrom((name) => c.req.queries(name));
    const state: SearchState = { q: request.q, regions: request.regions, actors: request.actors, sources: request.sources ?? [], with: request.with ?? [], from: request.from, to: request.to };
    const base = siteBase(c, address);
    const described = [
      request.q.trim() === '' ? null : `«${request.q.trim().slice(0, MAX_QUERY_LENGTH)}»`,
      ...[...request.regions, ...request.actors, ...(request.with ?? [])].map((id) => names(id)?.name_ar ?? id),
      ...(request.sources ?? []).map((id) => sources.name(id).name_ar),
      request.from || request.to ? [request.from, request.to].map((date) => date ?? '…').join(' – ') : null,
    ].filter((part): part is string => part !== null);
    const head = {
      id: uuidUrn(`feed:${feedUrl(state)}`),
      title: `${SITE_NAME}: ${described.length > 0 ? described.join('، ') : 'أحدث المقالات'}`,
      selfUrl: `${base}${feedUrl(state)}`,
      pageUrl: `${base}${searchUrl({ ...state, sort: 'newest' })}`,
    };
    return feedResponse(c, head, await newestEntries(service, request, base, sources));
  });

  routes.get('/entities/:id/feed', async (c) => {
    const entity = service.entities.entity(c.req.param('id'));
    if (!entity) return c.text(MESSAGES.entityNotFound.message, 404);
    const base = siteBase(c, address);
    const path = `/entities/${encodeURIComponent(entity.id)}`;
    const request: SearchRequest = { q: '', regions: entity.type === 'region' ? [entity.id] : [], actors: entity.type === 'actor' ? [entity.id] : [], page: 1, limit: FEED_ENTRIES };
    const head = { id: uuidUrn(`entity-feed:${entity.id}`), title: `${SITE_NAME}: ${entity.name_ar}`, selfUrl: `${base}${path}/feed`, pageUrl: `${base}${path}` };
    return feedResponse(c, head, await newestEntries(service, request, base, sources));
  });

  return routes;
}

type FeedHead = Pick<AtomFeed, 'id' | 'title' | 'selfUrl' | 'pageUrl'>;

function feedResponse(c: AppContext, head: FeedHead, entries: AtomEntry[]): Response {
  // Entries come newest first.
  const body = atomXml({ ...head, updated: entries[0]?.updated ?? NEVER, author: SITE_NAME, entries });
  return taggedBody(c, body, { 'Content-Type': 'application/atom+xml; charset=utf-8', 'Cache-Control': FEED_CACHE });
}

/** The search's newest dated articles, one engine request (the results page asks as many or more). */
async function newestEntries(service: SiteService, request: SearchRequest, base: string, sources: SourceCatalog): Promise<AtomEntry[]> {
  const listing = await service.list({ ...request, sort: 'newest' }, { max: FEED_ENTRIES, batchSize: FEED_ENTRIES });
  const { value } = await listing.batches().next();
  const q = request.q.slice(0, MAX_QUERY_LENGTH);
  return (value ?? []).flatMap(({ section, snippet }: ListedArticle): AtomEntry[] =>
    section.date === null
      ? []
      : [
          {
            id: uuidUrn(`article:${section.articleId}`),
            title: section.title,
            url: `${base}${articleUrl(section.articleId, { q, section: section.n })}`,
            updated: startOfDay(section.date),
            summary: plainSnippet(snippet),
            author: section.source ? sources.name(section.source).name_ar : null,
          },
        ],
  );
}
