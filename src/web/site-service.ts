import { EngineDownError } from '../engine/errors.ts';
import type { SearchService } from '../search/service.ts';

/** What the site reads of the archive. */
export type SiteService = Pick<SearchService, 'search' | 'list' | 'article' | 'similar' | 'entity' | 'overview' | 'newestDate' | 'matchSpecFor' | 'entities' | 'healthy'>;

/**
 * The service while the engine cannot be reached at start (an external engine that is not up yet):
 * every read fails as "engine down", so every page that needs the engine says 503, and /healthz too.
 */
export function standbyService(engineUrl: string, entities: SiteService['entities']): SiteService {
  const unreachable = (): Promise<never> => Promise.reject(new EngineDownError(`the engine at ${engineUrl} has not answered since the start`));
  return {
    search: unreachable,
    list: unreachable,
    article: unreachable,
    similar: unreachable,
    entity: unreachable,
    overview: unreachable,
    newestDate: unreachable,
    matchSpecFor: () => ({ exact: new Set(), prefix: null }),
    entities,
    healthy: async () => ({ ok: false, engine: 'down' }),
  };
}
