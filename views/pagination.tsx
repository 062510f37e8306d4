import { formatNumber, searchUrl, type SearchState } from './format.ts';

/**
 * On a list of links: htmx loads each into #results and pushes its URL; without JS they stay plain
 * links. Set once on the list rather than on each link: on each link of a long facet list they made
 * most of the fragment's bytes (docs/decisions.md#hx-boost-once).
 */
export const boosted = { 'hx-boost': 'true', 'hx-target': '#results', 'hx-push-url': 'true', 'hx-sync': '#search-form:replace' } as const;

/** Links to the first, last and nearby pages of a results list. */
export function Pagination({ state, pages }: { state: SearchState; pages: number }) {
  const current = state.page ?? 1;
  const shown = [...new Set([1, current - 2, current - 1, current, current + 1, current + 2, pages])].filter((p) => p >= 1 && p <= pages).sort((a, b) => a - b);
  return (
    <nav class="pagination" aria-label="الصفحات" {...boosted}>
      <ul>
        {current > 1 ? (
          <li>
            <a href={searchUrl({ ...state, page: current - 1 })} rel="prev">
              السابق
            </a>
          </li>
        ) : null}
        {shown.map((p, i) => (
          <>
            {i > 0 && p - (shown[i - 1] ?? p) > 1 ? <li aria-hidden="true">…</li> : null}
            <li>{p === current ? <span aria-current="page">{formatNumber(p)}</span> : <a href={searchUrl({ ...state, page: p })}>{formatNumber(p)}</a>}</li>
          </>
        ))}
        {current < pages ? (
          <li>
            <a href={searchUrl({ ...state, page: current + 1 })} rel="next">
              التالي
            </a>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}
