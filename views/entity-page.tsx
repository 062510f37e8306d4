import type { AssetUrls, EntityNames, EntityView } from '../src/web/view-models.ts';
import { countNoun, formatDate, formatNumber, NOUNS, searchUrl } from './format.ts';
import { FeedLink } from './desk-tools.tsx';
import { Layout } from './layout.tsx';

const filterState = (entity: { id: string; type: 'region' | 'actor' }) =>
  entity.type === 'region' ? { regions: [entity.id], actors: [] as string[] } : { regions: [] as string[], actors: [entity.id] };

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
          يذكره <strong>{formatNumber(entity.sections)}</strong> {countNoun(entity.sections, NOUNS.section)} في الأرشيف. <a href={searchUrl({ q: '', ...own })}>تصفح كل المقاطع</a>
        </p>
        <p class="result-tools">
          <FeedLink href={feed} />
        </p>
        <div class="overview-grid">
          <LatestMentions entity={entity} />
          <MentionedWith entity={entity} names={names} />
        </div>
      </article>
    </Layout>
  );
}

function LatestMentions({ entity }: { entity: EntityView }) {
  return (
    <section>
      <h2>أحدث ما ذُكر فيه</h2>
      <ul class="latest">
        {entity.latest.map((item) => {
          const date = formatDate(item.date);
          return (
            <li>
              <a href={item.url}>{item.title}</a>
              {item.heading ? <span class="hit-heading"> — {item.heading}</span> : null}
              {date ? (
                <span class="meta">
                  <time datetime={item.date ?? undefined}>{date.gregorian}</time>
                </span>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function MentionedWith({ entity, names }: { entity: EntityView; names: EntityNames }) {
  const own = filterState(entity);
  return (
    <section>
      <h2>يُذكر معه كثيرًا</h2>
      <ul class="tags">
        {entity.related.map((other) => {
          const pair = { regions: [...own.regions], actors: [...own.actors] };
          if (other.type === 'region') pair.regions.push(other.id);
          else pair.actors.push(other.id);
          return (
            <li>
              <a class={`chip chip-${other.type}`} href={searchUrl({ q: '', ...pair })}>
                {names(other.id)?.name_ar ?? other.id} <span class="count">{formatNumber(other.count)}</span>
              </a>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
