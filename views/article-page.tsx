import { raw } from 'hono/html';
import type { ArticleView, AssetUrls, EntityNames, SimilarView } from '../src/web/view-models.ts';
import { CiteThis } from './desk-tools.tsx';
import { formatDate, formatNumber, searchUrl } from './format.ts';
import { Layout } from './layout.tsx';
import { SimilarArticles } from './similar-articles.tsx';

export function ArticlePage({ assets, article, q, names, similar = [] }: { assets: AssetUrls; article: ArticleView; q: string; names: EntityNames; similar?: readonly SimilarView[] }) {
  const back = searchUrl({ q, regions: [], actors: [] });
  return (
    <Layout title={`${article.title} — أرشيف الأخبار`} assets={assets}>
      <article class="article">
        <ContextBar article={article} />
        <nav class="breadcrumbs" aria-label="مسار التصفح">
          <a href={q ? back : '/'}>{q ? 'العودة إلى النتائج' : 'البحث'}</a>
        </nav>
        <ArticleHeader article={article} />
        {article.regions.length + article.actors.length > 0 ? (
          <ul class="tags" aria-label="الجهات المذكورة">
            {[...article.regions, ...article.actors].map((id) =>
              names(id) ? (
                <li>
                  <a class="chip" href={`/entities/${encodeURIComponent(id)}`}>
                    {names(id)?.name_ar}
                  </a>
                </li>
              ) : null,
            )}
          </ul>
        ) : null}
        {q ? (
          <p class="notice">
            الكلمات المطابقة لـ <bdi class="query">{q}</bdi> مظللة في النص.
          </p>
        ) : null}
        {article.sections.map((section) => (
          <section id={`s-${section.n}`} class={section.matches > 0 ? 'article-section has-matches' : 'article-section'} aria-labelledby={section.heading ? `h-${section.n}` : undefined}>
            <div class="section-bar">
              {section.heading ? <h2 id={`h-${section.n}`}>{raw(section.heading)}</h2> : <span class="section-number">المقطع {formatNumber(section.n)}</span>}
              <a class="copy-link" href={`#s-${section.n}`} data-copy-link title="انسخ رابط هذا المقطع">
                رابط المقطع
              </a>
            </div>
            <CiteThis citation={section.citation} id={`cite-s-${section.n}`} />
            {section.paragraphs.map((html, i) => (
              <p id={`p-${section.firstParagraph + i}`}>{raw(html)}</p>
            ))}
          </section>
        ))}
        <SimilarArticles items={similar} />
      </article>
    </Layout>
  );
}

/** The title, the date in both calendars, the source and a link to the original. */
function ArticleHeader({ article }: { article: ArticleView }) {
  const date = formatDate(article.date);
  return (
    <header class="article-header">
      <h1>{article.title}</h1>
      <p class="meta">
        {date ? (
          <time datetime={article.date ?? undefined}>
            {date.gregorian} <span class="hijri">({date.hijri})</span>
          </time>
        ) : null}
        {article.sourceName ? <bdi class="source">{article.sourceName.name_ar}</bdi> : null}
        {article.url ? (
          <a class="source-link" href={article.url} rel="noopener noreferrer nofollow" dir="ltr">
            المصدر الأصلي
          </a>
        ) : null}
      </p>
    </header>
  );
}

/**
 * A link to a section lands far below the article's header (on a phone, screens below): this bar
 * keeps the title, source and date in view once the header has scrolled away (app.css shows it).
 * It repeats the header for the eye only, so assistive technology reads the header alone.
 */
function ContextBar({ article }: { article: ArticleView }) {
  const date = formatDate(article.date);
  return (
    <div class="article-context" aria-hidden="true">
      <div class="article-context-inner">
        <p class="article-context-title">{article.title}</p>
        <p class="article-context-meta">
          {article.sourceName ? <bdi>{article.sourceName.name_ar}</bdi> : null}
          {article.sourceName && date ? ' · ' : null}
          {date ? <time datetime={article.date ?? undefined}>{date.gregorian}</time> : null}
        </p>
      </div>
    </div>
  );
}
