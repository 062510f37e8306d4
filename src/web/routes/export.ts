import { Hono } from 'hono';
import { articleUrl, EXPORT_BATCH, EXPORT_MAX_ROWS } from '../../archive-index/index.ts';
import type { ListedArticle, Listing } from '../../search/listing.ts';
import type { SourceCatalog } from '../../sources/source-catalog.ts';
import { isoDay } from '../citation.ts';
import { EXPORT_FORMATS, exportHead, exportLine, exportTail, hijriIsoDate, type ExportFormat, type ExportRow } from '../export-format.ts';
import { plainSnippet } from '../marking.ts';
import type { AppEnv } from '../render.tsx';
import { BadParameterError, searchRequestFrom } from '../request-params.ts';
import { slots } from '../search-admission.ts';
import { siteBase, type SiteAddress } from '../site-address.ts';
import type { SiteService } from '../site-service.ts';
import { webLink } from '../view-models.ts';

/** Rows at most, articles per engine request, and exports streaming at once per server. */
export interface ExportLimits {
  maxRows: number;
  batchSize: number;
  running: number;
}
/**
 * One export streams at a time per server (one more is answered 503 with Retry-After), sending
 * its engine requests one after the other: searches keep most of the engine and the event loop
 * while it runs (docs/decisions.md#export-batch).
 */
export const EXPORT_LIMITS: ExportLimits = { maxRows: EXPORT_MAX_ROWS, batchSize: EXPORT_BATCH, running: 1 };
/** A client that reads an export slower than this holds its slot no longer: the response is cut. */
const EXPORT_DEADLINE_MS = 2 * 60_000;

const CONTENT_TYPE: Record<ExportFormat, string> = { csv: 'text/csv; charset=utf-8; header=present', ndjson: 'application/x-ndjson; charset=utf-8' };

/**
 * `/api/export?format=csv|ndjson&` + a search's parameters: its articles in the order the search
 * lists them, streamed a batch at a time, at most EXPORT_MAX_ROWS. `X-Export-Total` says how many
 * articles matched and `X-Export-Rows` how many rows follow (EXPORT_MAX_ROWS at most); a failure after the first rows cuts the
 * response (a client sees a broken download, not a short file that looks whole).
 */
export function exportRoutes(service: SiteService, sources: SourceCatalog, address: SiteAddress, limits: ExportLimits = EXPORT_LIMITS): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  const exports = slots(limits.running, 0, 'too many exports at once');
  const names = service.entities.name;

  routes.get('/api/export', async (c) => {
    const format = EXPORT_FORMATS.find((candidate) => candidate === c.req.query('format'));
    if (!format) throw new BadParameterError('format', `format must be one of ${EXPORT_FORMATS.join(', ')}`);
    const request = searchRequestFrom((name) => c.req.queries(name));
    const release = await exports.take();
    let listing: Listing;
    try {
      listing = await service.list(request, { max: limits.maxRows, batchSize: limits.batchSize });
    } catch (error) {
      release();
      throw error;
    }
    const base = siteBase(c, address);
    const rowOf = ({ section, snippet }: ListedArticle): ExportRow => ({
      id: section.articleId,
      title: section.title,
      date: section.date,
      date_hijri: hijriIsoDate(section.date),
      source: section.source ? sources.name(section.source).name_ar : null,
      source_url: webLink(section.url),
      section_url: `${base}${articleUrl(section.articleId, { section: section.n })}`,
      regions: section.regions.map((id) => names(id)?.name_ar ?? id),
      actors: section.actors.map((id) => names(id)?.name_ar ?? id),
      snippet: plainSnippet(snippet),
    });
    const headers = {
      'Content-Type': CONTENT_TYPE[format],
      'Content-Disposition': `attachment; filename="archive-export-${isoDay(address.now())}.${format}"`,
      'Cache-Control': 'no-store',
      'X-Export-Total': String(listing.total),
      'X-Export-Rows': String(listing.rows),
    };
    // Hono answers HEAD with the GET route's headers and drops its body unread: a stream would hold its slot.
    if (c.req.method === 'HEAD') {
      release();
      return c.body(null, 200, headers);
    }
    return c.body(exportStream(listing, format, rowOf, release), 200, headers);
  });

  return routes;
}

/** The file as a stream that asks the engine for the next batch only when the client has taken the last one. */
function exportStream(listing: Listing, format: ExportFormat, rowOf: (article: ListedArticle) => ExportRow, release: () => void): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const batches = listing.batches();
  let deadline: NodeJS.Timeout | undefined;
  const finish = () => {
    clearTimeout(deadline);
    release();
  };
  return new ReadableStream<Uint8Array>({
    start(controller) {
      deadline = setTimeout(() => {
        finish();
        controller.error(new Error('the export took too long'));
      }, EXPORT_DEADLINE_MS).unref();
      controller.enqueue(encoder.encode(exportHead(format)));
    },
    async pull(controller) {
      try {
        const next = await batches.next();
        if (next.done) {
          const tail = exportTail(format, listing.rows, listing.total);
          if (tail !== '') controller.enqueue(encoder.encode(tail));
          finish();
          controller.close();
        } else {
          controller.enqueue(encoder.encode(next.value.map((article) => exportLine(format, rowOf(article))).join('')));
        }
      } catch (error) {
        finish();
        controller.error(error);
      }
    },
    async cancel() {
      finish();
      await batches.return(undefined);
    },
  });
}
