import type { AssetUrls, EntityNames, FacetName, Overview as ArchiveOverview, ResultsView } from '../src/web/view-models.ts';
import { countNoun, feedUrl, formatDate, formatNumber, NOUNS, searchUrl } from './format.ts';
import { Layout } from './layout.tsx';
import { Results, stateOf } from './results.tsx';
import { SearchForm } from './search-form.tsx';

export function SearchPage(props: { assets: AssetUrls; names: EntityNames; result?: ResultsView; overview?: ArchiveOverview; expanded?: FacetName | null }) {
  const { result } = props;
  const state = result ? { q: result.query, regions: result.filters.region, actors: result.filters.actor } : { q: '', regions: [], actors: [] };
  const title = result && result.query.trim() !== '' ? `${result.query} — بحث في أرشيف الأخبار` : 'أرشيف الأخبار — بحث';
  return (
    <Layout title={title} assets={props.assets} description="ابحث في أرشيف الأخبار العربية بالكلمة والمنطقة والفاعل." feed={result ? { href: feedUrl(stateOf(result)), title } : undefined}>
      <SearchForm state={state} autofocus={!result} />
      <div id="results" aria-live="polite" aria-busy="false">
        {result ? <Results result={result} names={props.names} expanded={props.expanded} /> : props.overview ? <Overview overview={props.overview} names={props.names} /> : null}
      </div>
    </Layout>
  );
}

export function Overview({ overview, names }: { overview: ArchiveOverview; names: EntityNames }) {
  const entityLinks = (entries: [string, number][], facet: 'region' | 'actor') =>
    entries
      .filter(([id]) => names(id))
      .map(([id, count]) => (
        <li>
          <a class={`chip chip-${facet}`} href={searchUrl({ q: '', regions: facet === 'region' ? [id] : [], actors: facet === 'actor' ? [id] : [] })}>
            {names(id)?.name_ar} <span class="count">{formatNumber(count)}</span>
          </a>
        </li>
      ));
  return (
    <div class="overview">
      <p class="archive-size">
        في الأرشيف <strong>{formatNumber(overview.articles)}</strong> {countNoun(overview.articles, NOUNS.article)} في <strong>{formatNumber(overview.sections)}</strong>{' '}
        {countNoun(overview.sections, NOUNS.section)}.
      </p>
      <div class="overview-grid">
        <section>
          <h2>أحدث المقالات</h2>
          <ul class="latest">
            {overview.latest.map((article) => {
              const date = formatDate(article.date);
              return (
                <li>
                  <a href={`/articles/${article.articleId}`}>{article.title}</a>
                  <span class="meta">
                    {date ? <time datetime={article.date ?? undefined}>{date.gregorian}</time> : null}
                    {article.source ? <bdi class="source">{article.source}</bdi> : null}
                  </span>
                </li>
              );
            })}
          </ul>
        </section>
        <section>
          <h2>أكثر المناطق ذكرًا</h2>
          <ul class="tags">{entityLinks(overview.regions, 'region')}</ul>
          <h2>أكثر الفاعلين ذكرًا</h2>
          <ul class="tags">{entityLinks(overview.actors, 'actor')}</ul>
        </section>
      </div>
    </div>
  );
}
