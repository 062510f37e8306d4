import { Hono, type Context } from 'hono';
import { MeilisearchError } from 'meilisearch';
import { ArticlePage, type ArticleView } from '../../views/article-page.tsx';
import { MessagePage } from '../../views/message-page.tsx';
import { Results, type EntityNames } from '../../views/results.tsx';
import { SearchPage } from '../../views/search-page.tsx';
import type { Archive } from '../search/archive.ts';
import { highlight } from '../search/highlight.ts';
import { parseQuery, matchForms } from '../search/query-syntax.ts';
import type { Search, SearchResult } from '../search/search.ts';
import type { Assets } from './assets.ts';
import { BadParameterError, searchRequestFrom } from './request-params.ts';

export interface AppDependencies {
  search: Search;
  archive: Archive;
  names: EntityNames;
  /** How many sections hold a stem, so the article page reads a query as the search did. */
  evidence: (stem: string) => number;
  engineHealthy: () => Promise<boolean>;
  assets: Assets;
}

const RETRY_AFTER_SECONDS = '5';
const ENGINE_DOWN_MESSAGE = 'محرك البحث لا يستجيب الآن. أعد المحاولة بعد لحظات.';

/** htmx asks for the results fragment, except when it restores history and needs the whole page. */
const wantsFragment = (c: Context): boolean => c.req.header('HX-Request') === 'true' && c.req.header('HX-History-Restore-Request') !== 'true';

export function createApp(deps: AppDependencies): Hono {
  const app = new Hono();
  const { assets, names } = deps;

  app.get('/assets/:file', (c) => {
    const asset = assets.get(c.req.path);
    if (!asset) return c.notFound();
    return c.body(asset.body as Uint8Array<ArrayBuffer>, 200, { 'Content-Type': asset.type, 'Cache-Control': 'public, max-age=31536000, immutable' });
  });

  app.get('/healthz', async (c) => {
    const healthy = await deps.engineHealthy();
    return c.json(healthy ? { status: 'ok' } : { status: 'unavailable', engine: 'down' }, healthy ? 200 : 503);
  });

  app.get('/', async (c) => {
    const overview = await deps.archive.overview();
    return c.html(<SearchPage assets={assets} names={names} overview={overview} />);
  });

  app.get('/search', async (c) => {
    c.header('Vary', 'HX-Request');
    const request = searchRequestFrom((name) => c.req.queries(name));
    // The search box itself asks while the user types: its last word is still a prefix.
    const result = await deps.search({ ...request, typing: c.req.header('HX-Trigger') === 'q' });
    if (wantsFragment(c)) return c.html(<Results result={result} names={names} />);
    return c.html(<SearchPage assets={assets} names={names} result={result} />);
  });

  app.get('/api/search', async (c) => {
    const result = await deps.search(searchRequestFrom((name) => c.req.queries(name)));
    return c.json(apiShape(result));
  });

  app.get('/articles/:id', async (c) => {
    const sections = await deps.archive.article(c.req.param('id'));
    if (!sections) {
      return c.html(<MessagePage assets={assets} title="المقال غير موجود" message="لا يوجد في الأرشيف مقال بهذا المعرّف. ربما حُذف أو تغيّر رابطه." />, 404);
    }
    const q = (c.req.query('q') ?? '').slice(0, 300);
    const spec = matchForms(parseQuery(q, deps.evidence));
    const first = sections[0];
    const article: ArticleView = {
      articleId: first?.articleId ?? '',
      title: first?.title ?? '',
      date: first?.date ?? null,
      source: first?.source ?? null,
      url: first?.url ?? null,
      regions: [...new Set(sections.flatMap((section) => section.regions))],
      actors: [...new Set(sections.flatMap((section) => section.actors))],
      sections: sections.map((section) => {
        const paragraphs = section.text.split('\n\n').map((paragraph) => highlight(paragraph, spec));
        return {
          n: section.n,
          heading: section.heading ? highlight(section.heading, spec) : null,
          firstParagraph: section.firstParagraph,
          paragraphs,
          matches: paragraphs.reduce((sum, html) => sum + (html.match(/<mark>/gu)?.length ?? 0), 0),
        };
      }),
    };
    return c.html(<ArticlePage assets={assets} article={article} q={q} names={names} />);
  });

  app.notFound((c) => c.html(<MessagePage assets={assets} title="الصفحة غير موجودة" message="لم نجد هذه الصفحة." />, 404));

  app.onError((error, c) => {
    const api = c.req.path.startsWith('/api/');
    if (error instanceof BadParameterError) {
      return api
        ? c.json({ error: error.message, parameter: error.parameter }, 400)
        : c.html(<MessagePage assets={assets} title="طلب غير صالح" message={`المعامل ${error.parameter} غير صالح: ${error.message}`} />, 400);
    }
    if (error instanceof MeilisearchError) {
      c.header('Retry-After', RETRY_AFTER_SECONDS);
      return api
        ? c.json({ error: 'search engine unavailable' }, 503)
        : c.html(<MessagePage assets={assets} title="البحث غير متاح مؤقتًا" message={ENGINE_DOWN_MESSAGE} />, 503);
    }
    console.error(`${c.req.method} ${c.req.path}: ${error.stack ?? error.message}`);
    return api ? c.json({ error: 'internal error' }, 500) : c.html(<MessagePage assets={assets} title="حدث خطأ" message="حدث خطأ غير متوقع. أعد المحاولة." />, 500);
  });

  return app;
}

/** The public JSON of /api/search. */
function apiShape(result: SearchResult) {
  return {
    query: result.query,
    total: result.total,
    page: result.page,
    pageSize: result.pageSize,
    hits: result.hits.map(({ id, articleId, title, heading, url, snippet, date, source, regions, actors }) => ({
      id,
      articleId,
      title,
      heading,
      url,
      snippet,
      date,
      source,
      regions,
      actors,
    })),
    facets: { region: result.facets.region, actor: result.facets.actor },
    analyzed: result.analyzed,
    recognized: result.recognized,
    notices: result.notices,
  };
}
