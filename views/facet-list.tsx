import { raw } from 'hono/html';
import { escapeHtml } from './escape-html.ts';
import type { EntityNames, FacetName, ResultsView } from '../src/web/view-models.ts';
import { facetOptionsUrl, formatNumber, searchUrl, selectedIn, toggled, type SearchState } from './format.ts';

export const FACET_LABEL: Record<FacetName, string> = { region: 'المناطق', actor: 'الفاعلون', source: 'المصادر' };
const FACETS_SHOWN = 8;

/** How a facet value is shown: an entity by its gazetteer name, a source by index-config/sources.json, else as given. */
export function facetValueName(facet: FacetName, id: string, result: Pick<ResultsView, 'sourceNames'>, names: EntityNames): string | undefined {
  if (facet === 'source') return result.sourceNames[id]?.name_ar ?? id;
  return names(id)?.name_ar;
}

interface FacetProps {
  facet: FacetName;
  result: ResultsView;
  names: EntityNames;
  state: SearchState;
}

/**
 * A facet's options, most counted first: those shown at once (the first few, and every selected one
 * wherever it ranks), and the rest, sent only when asked for (docs/decisions.md#facet-options-on-demand).
 */
function facetOptions({ facet, result, names, state }: FacetProps): { shown: [string, number][]; rest: [string, number][] } {
  const selected = selectedIn(state, facet);
  const counts = result.facets[facet];
  // Entity ids the gazetteer no longer names are left out; sources are an open list.
  const options = Object.entries(counts)
    .filter(([id]) => facetValueName(facet, id, result, names) !== undefined)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  // Selected options stay visible even when the current query gives them no count.
  for (const id of selected) if (!(id in counts)) options.unshift([id, 0]);
  const first = options.slice(0, FACETS_SHOWN);
  const later = options.slice(FACETS_SHOWN);
  return { shown: [...first, ...later.filter(([id]) => selected.includes(id))], rest: later.filter(([id]) => !selected.includes(id)) };
}

/**
 * Options are written as HTML strings, every value escaped: a list holds up to a few hundred, and
 * rendering each as JSX elements made the fragment far slower (docs/decisions.md#facet-options-as-strings).
 */
function optionsHtml({ facet, result, names, state }: FacetProps, options: readonly [string, number][]): string {
  const selected = selectedIn(state, facet);
  const item = ([id, count]: [string, number]): string => {
    const isSelected = selected.includes(id);
    return (
      `<li><a class="facet-option${isSelected ? ' selected' : ''}" href="${escapeHtml(searchUrl(toggled(state, facet, id)))}"${isSelected ? ' aria-current="true"' : ''}>` +
      `<span class="check" aria-hidden="true"></span><span class="facet-name">${escapeHtml(facetValueName(facet, id, result, names) ?? id)}</span>` +
      `<span class="count">${escapeHtml(formatNumber(count))}</span></a></li>`
    );
  };
  return options.map(item).join('');
}

/** One facet's options with their counts; a disjunctive list (choosing two regions shows either). */
export function FacetList(props: FacetProps & { expanded?: boolean }) {
  const { facet } = props;
  const { shown, rest } = facetOptions(props);
  if (shown.length + rest.length === 0) return null;
  const listId = `facet-${facet}`;
  return (
    <nav class="facet" aria-labelledby={`${listId}-title`}>
      <h2 id={`${listId}-title`}>{FACET_LABEL[facet]}</h2>
      {rest.length > 0 ? <input class="facet-filter" type="search" placeholder="تصفية القائمة" aria-label={`تصفية قائمة ${FACET_LABEL[facet]}`} data-filter-list={listId} dir="auto" /> : null}
      <ul id={listId}>{raw(optionsHtml(props, shown))}</ul>
      {rest.length === 0 ? null : props.expanded ? (
        <details class="facet-more" open>
          <summary>المزيد ({formatNumber(rest.length)})</summary>
          <ul data-list-of={listId}>{raw(optionsHtml(props, rest))}</ul>
        </details>
      ) : (
        <details class="facet-more">
          {/* Opened, it asks for the rest (htmx, once); the attributes sit on the summary, not on an ancestor of the options, which inherit the aside's. */}
          <summary hx-get={facetOptionsUrl(props.state, facet)} hx-trigger="toggle once from:closest details" hx-target="next ul" hx-swap="innerHTML" hx-push-url="false" hx-sync="this:drop">
            المزيد ({formatNumber(rest.length)})
          </summary>
          {/* Without JS, the link shows the page with this list whole. */}
          <ul data-list-of={listId}>
            <li>
              <a class="facet-all" href={searchUrl({ ...props.state, more: facet })}>
                عرض كل {FACET_LABEL[facet]} ({formatNumber(shown.length + rest.length)})
              </a>
            </li>
          </ul>
        </details>
      )}
    </nav>
  );
}

/** The options a facet list leaves for later (the answer to its "more"), as list items. */
export function MoreFacetOptions(props: FacetProps) {
  return raw(optionsHtml(props, facetOptions(props).rest));
}
