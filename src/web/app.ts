import { Hono } from 'hono';
import type { Assets } from './assets.ts';
import { useErrorPages, useMiddleware } from './middleware.ts';
import type { AppEnv } from './render.tsx';
import { apiRoutes } from './routes/api.ts';
import { pageRoutes } from './routes/pages.tsx';
import type { SiteService } from './site-service.ts';

export interface AppOptions {
  service: SiteService;
  assets: Assets;
  /** Longest a request may take before it is answered 503 (tests shorten it). */
  requestTimeoutMs?: number;
}

/** The site: middleware, the pages, the API. No I/O here: what it reads comes in `service`. */
export function createApp({ service, assets, requestTimeoutMs }: AppOptions): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  useMiddleware(app, { requestTimeoutMs });
  app.route('/', apiRoutes(service));
  app.route('/', pageRoutes(service, assets));
  useErrorPages(app, assets);
  return app;
}
