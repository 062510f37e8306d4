import { raw } from 'hono/html';
import { escapeHtml } from './escape-html.ts';
import type { EntityNames, FacetName, ResultsView } from '../src/web/view-models.ts';
import { formatNumber, searchUrl, selectedIn, toggled, type SearchState } from './format.ts';

export const FACET_LABEL: Record<FacetName, string> = { region: 'المناطق', actor: 'الفاعلون', source: 'المصادر' };
const FACETS_SHOWN = 8;

/** How a facet value is shown: an entity by its gazetteer name, a source by index-config/sources.json, else as given. */
export function facetValueName(facet: FacetName, id: string, result: Pick<ResultsView, 'sourceNames'>, names: EntityNames): string | undefined {
  if (facet === 'source') return result.sourceNames[id]?.name_ar ?? id;
  return names(id)?.name_ar;
}

/** One facet's options with their counts; a disjunctive list (choosing two regions shows either). */
export function FacetList({ facet, result, names, state }: { facet: FacetName; result: ResultsView; names: EntityNames; state: SearchState }) {
  const selected = selectedIn(state, facet);
  const counts = result.facets[facet];
  // Entity ids the gazetteer no longer names are left out; sources are an open list.
  const options = Object.entries(counts)
    .filter(([id]) => facetValueName(facet, id, result, names) !== undefined)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  // Selected options stay visible even when the current query gives them no count.
  for (const id of selected) if (!(id in counts)) options.unshift([id, 0]);
  if (options.length === 0) return null;
  // Options are written as HTML strings, every value escaped: a list holds up to a few hundred,
  // and rendering each as JSX elements made the fragment far slower (docs/decisions.md#facet-options-as-strings).
  const item = ([id, count]: [string, number]): string => {
    const isSelected = selected.includes(id);
    return (
      `<li><a class="facet-option${isSelected ? ' selected' : ''}" href="${escapeHtml(searchUrl(toggled(state, facet, id)))}"${isSelected ? ' aria-current="true"' : ''}>` +
      `<span class="check" aria-hidden="true"></span><span class="facet-name">${escapeHtml(facetValueName(facet, id, result, names) ?? id)}</span>` +
      `<span class="count">${escapeHtml(formatNumber(count))}</span></a></li>`
    );
  };
  const listId = `facet-${facet}`;
  return (
    <nav class="facet" aria-labelledby={`${listId}-title`}>
      <h2 id={`${listId}-title`}>{FACET_LABEL[facet]}</h2>
      {options.length > FACETS_SHOWN ? (
        <input class="facet-filter" type="search" placeholder="تصفية القائمة" aria-label={`تصفية قائمة ${FACET_LABEL[facet]}`} data-filter-list={listId} dir="auto" />
      ) : null}
      <ul id={listId}>{raw(options.slice(0, FACETS_SHOWN).map(item).join(''))}</ul>
      {options.length > FACETS_SHOWN ? (
        <details class="facet-more">
          <summary>المزيد ({formatNumber(options.length - FACETS_SHOWN)})</summary>
          <ul data-list-of={listId}>{raw(options.slice(FACETS_SHOWN).map(item).join(''))}</ul>
        </details>
      ) : null}
    </nav>
  );
}
