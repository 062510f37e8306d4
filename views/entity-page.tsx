import type { AssetUrls, EntityNames, EntityView, StoryArticleView } from '../src/web/view-models.ts';
import { CoverageChart } from './coverage-chart.tsx';
import { countNoun, formatDate, formatNumber, NOUNS, searchUrl } from './format.ts';
import { FeedLink } from './desk-tools.tsx';
import { Layout } from './layout.tsx';

const filterState = (entity: { id: string; type: 'region' | 'actor' }) =>
  entity.type === 'region' ? { regions: [entity.id], actors: [] as string[] } : { regions: [] as string[], actors: [entity.id] };

/** An entity's dossier: how often and when the archive mentions it, its latest stories, and who is named with it. */
export function EntityPage({ assets, entity, names }: { assets: AssetUrls; entity: EntityView; names: EntityNames }) {
  const own = filterState(entity);
  const feed = `/entities/${encodeURIComponent(entity.id)}/feed`;
  return (
    <Layout title={`${entity.name_ar} — أرشيف الأخبار`} assets={assets} feed={{ href: feed, title: `${entity.name_ar} — أرشيف الأخبار` }}>
      <article class="entity">
        <nav class="breadcrumbs" aria-label="مسار التصفح">
          <a href="/">البحث</a>
        </nav>
        <h1>{entity.name_ar}</h1>
        <p class="entity-names">
          <bdi dir="ltr">{entity.name_en}</bdi>
          {entity.aliases_ar.length > 0 ? <> · {entity.aliases_ar.slice(0, 8).join('، ')}</> : null}
        </p>
        {entity.parent ? (
          <p>
            ضمن: <a href={`/entities/${encodeURIComponent(entity.parent.id)}`}>{entity.parent.name_ar}</a>
          </p>
        ) : null}
        <p class="archive-size">
          يذكره <strong>{formatNumber(entity.articles)}</strong> {countNoun(entity.articles, NOUNS.article)} في الأرشيف. <a href={searchUrl({ q: '', ...own })}>تصفح كل المقالات</a>
        </p>
        <p class="result-tools">
          <FeedLink href={feed} />
        </p>
        {entity.coverage ? <CoverageChart coverage={entity.coverage} linkTo={({ from, to }) => searchUrl({ q: '', ...own, from, to })} /> : null}
        <div class="overview-grid">
          <LatestStories entity={entity} />
          <MentionedWith entity={entity} names={names} />
        </div>
      </article>
    </Layout>
  );
}

function ArticleMeta({ article }: { article: StoryArticleView }) {
  const date = formatDate(article.date);
  return (
    <span class="meta">
      {date ? <time datetime={article.date ?? undefined}>{date.gregorian}</time> : null}
      {article.sourceName ? <bdi class="source">{article.sourceName.name_ar}</bdi> : null}
    </span>
  );
}

function LatestStories({ entity }: { entity: EntityView }) {
  return (
    <section aria-labelledby="latest-stories">
      <h2 id="latest-stories">أحدث القصص</h2>
      <p class="section-note">مقال واحد لكل قصة: المقالات التي تتقارب عناوينها ونُشرت في يومين متقاربين تُعدّ قصة واحدة، وتُذكر مصادرها الأخرى معها.</p>
      <ul class="latest stories">
        {entity.stories.map(({ lead, others }) => (
          <li>
            <a href={lead.url}>{lead.title}</a>
            {lead.heading ? <span class="hit-heading"> — {lead.heading}</span> : null}
            <ArticleMeta article={lead} />
            {others.length > 0 ? (
              <p class="also-told">
                ورُويت أيضًا في:{' '}
                {others.map((other, i) => (
                  <>
                    {i > 0 ? '، ' : ''}
                    <a href={other.url} title={other.title}>
                      <bdi>{other.sourceName?.name_ar ?? other.title}</bdi>
                    </a>
                  </>
                ))}
              </p>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

function MentionedWith({ entity, names }: { entity: EntityView; names: EntityNames }) {
  return (
    <section aria-labelledby="mentioned-with">
      <h2 id="mentioned-with">يُذكر معه كثيرًا</h2>
      <p class="section-note">عدد المقالات التي تذكرهما معًا في مقطع واحد؛ كل رابط يفتح بحثًا عنهما معًا.</p>
      <ul class="tags">
        {entity.related.map((other) => (
          <li>
            <a class={`chip chip-${other.type}`} href={searchUrl({ q: '', regions: [], actors: [], with: [entity.id, other.id] })}>
              {names(other.id)?.name_ar ?? other.id} <span class="count">{formatNumber(other.count)}</span>
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
