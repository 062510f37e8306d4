import type { Citation } from '../src/web/view-models.ts';
import { countNoun, exportUrl, feedUrl, formatNumber, NOUNS, type SearchState } from './format.ts';

/** The visible subscribe link of a page that has an Atom feed (the layout names the same feed in the head). */
export function FeedLink({ href }: { href: string }) {
  return (
    <a class="feed-link" href={href} type="application/atom+xml" data-feed-link>
      اشترك في خلاصة الجديد (<bdi>Atom</bdi>)
    </a>
  );
}

/** Beside the results: the search's feed, and its articles as a file, with the cap said when it bites. */
export function ResultTools({ state, total, exportRows }: { state: SearchState; total: number; exportRows: number }) {
  return (
    <div class="result-tools">
      <FeedLink href={feedUrl(state)} />
      {total > 0 ? (
        <span class="export-links">
          نزّل النتائج:{' '}
          <a href={exportUrl(state, 'csv')} download>
            CSV
          </a>{' '}
          ·{' '}
          <a href={exportUrl(state, 'ndjson')} download>
            NDJSON
          </a>
        </span>
      ) : null}
      {exportRows < total ? (
        <p class="notice export-cap">
          يضم الملف أول {formatNumber(exportRows)} {countNoun(exportRows, NOUNS.article)} من {formatNumber(total)}، مرتبة كما تظهر هنا. ضيّق البحث لتنزيل الباقي.
        </p>
      ) : null}
    </div>
  );
}

/** "Cite this section": the citation as selectable text; with JavaScript, a button copies it. */
export function CiteThis({ citation, id }: { citation: Citation; id: string }) {
  return (
    <details class="cite">
      <summary>استشهد بهذا المقطع</summary>
      <p class="citation" id={id}>
        {citation.textBeforeUrl}
        <bdi dir="ltr">{citation.url}</bdi>
        {citation.textAfterUrl}
      </p>
      <button type="button" class="copy-citation" data-copy-citation={id}>
        انسخ الاستشهاد
      </button>
    </details>
  );
}
