import type { SimilarView } from '../src/web/view-models.ts';
import { formatDate } from './format.ts';

/** Articles on the same story or subject, under the article: title, source and date, each a link. */
export function SimilarArticles({ items }: { items: readonly SimilarView[] }) {
  if (items.length === 0) return null;
  return (
    <aside class="similar" aria-labelledby="similar-heading">
      <h2 id="similar-heading">مقالات مشابهة</h2>
      <ol class="latest similar-list">
        {items.map((item) => {
          const date = formatDate(item.date);
          return (
            <li>
              <a href={item.url}>{item.title}</a>
              <span class="meta">
                {item.sourceName ? <bdi class="source">{item.sourceName.name_ar}</bdi> : null}
                {date ? <time datetime={item.date ?? undefined}>{date.gregorian}</time> : null}
              </span>
            </li>
          );
        })}
      </ol>
    </aside>
  );
}
