import { isoDay, type CitationContext } from './citation.ts';
import type { AppContext } from './render.tsx';

/** Where the site's absolute links (feeds, exports, citations) point, and what day it is. */
export interface SiteAddress {
  /**
   * PUBLIC_URL: the site's public address. When unset, the request's own origin: its Host header,
   * which any client sets as it likes, and the scheme this server saw (http behind a TLS proxy).
   */
  publicUrl: string | null;
  now: () => Date;
}

/** The absolute address links start with, no trailing slash. */
export const siteBase = (c: AppContext, address: SiteAddress): string => address.publicUrl ?? new URL(c.req.url).origin;

/** What a page's citations need: the site's address, and the day they are consulted. */
export const citationContext = (c: AppContext, address: SiteAddress): CitationContext => ({ base: siteBase(c, address), today: isoDay(address.now()) });
