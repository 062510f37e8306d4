import { Hono } from 'hono';
import type { Assets } from './assets.ts';
import { useErrorPages, useMiddleware } from './middleware.ts';
import type { AppEnv } from './render.tsx';
import { apiRoutes } from './routes/api.ts';
import { exportRoutes, type ExportLimits } from './routes/export.ts';
import { feedRoutes } from './routes/feeds.ts';
import { pageRoutes } from './routes/pages.tsx';
import type { SourceCatalog } from '../sources/source-catalog.ts';
import type { SiteAddress } from './site-address.ts';
import type { SiteService } from './site-service.ts';

export interface AppOptions {
  service: SiteService;
  assets: Assets;
  /** Names of the sources (index-config/sources.json). */
  sources: SourceCatalog;
  /** Longest a request may take before it is answered 503 (tests shorten it). */
  requestTimeoutMs?: number;
  /** PUBLIC_URL: where absolute links point (feeds, exports, citations); null or absent: the request's origin. */
  publicUrl?: string | null;
  /** The clock citations are dated by (tests set it). */
  now?: () => Date;
  /** Rows, batch size and exports at once (tests make them small). */
  exportLimits?: ExportLimits;
}

/** The site: middleware, the pages, the API. No I/O here: what it reads comes in `service`. */
export function createApp({ service, assets, sources, requestTimeoutMs, publicUrl, now, exportLimits }: AppOptions): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const address: SiteAddress = { publicUrl: publicUrl ?? null, now: now ?? (() => new Date()) };
  useMiddleware(app, { requestTimeoutMs });
  app.route('/', apiRoutes(service, sources, address));
  app.route('/', exportRoutes(service, sources, address, exportLimits));
  app.route('/', feedRoutes(service, sources, address));
  app.route('/', pageRoutes(service, assets, sources, address));
  useErrorPages(app, assets);
  return app;
}
