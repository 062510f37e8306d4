import { Hono } from 'hono';
import type { Assets } from './assets.ts';
import { useErrorPages, useMiddleware } from './middleware.ts';
import type { AppEnv } from './render.tsx';
import { apiRoutes } from './routes/api.ts';
import { pageRoutes } from './routes/pages.tsx';
import type { SourceCatalog } from '../sources/source-catalog.ts';
import type { SiteService } from './site-service.ts';

export interface AppOptions {
  service: SiteService;
  assets: Assets;
  /** Names of the sources (index-config/sources.json). */
  sources: SourceCatalog;
  /** Longest a request may take before it is answered 503 (tests shorten it). */
  requestTimeoutMs?: number;
}

/** The site: middleware, the pages, the API. No I/O here: what it reads comes in `service`. */
export function createApp({ service, assets, sources, requestTimeoutMs }: AppOptions): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  useMiddleware(app, { requestTimeoutMs });
  app.route('/', apiRoutes(service, sources));
  app.route('/', pageRoutes(service, assets, sources));
  useErrorPages(app, assets);
  return app;
}
