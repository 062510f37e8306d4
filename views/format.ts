import type { FacetName, SortOrder } from '../src/web/view-models.ts';

// How numbers and dates are written, digit system included, is numbers.ts (a module of its own,
// free of the view models, because messages.ts writes a number too).
export { formatDate, formatNumber } from './numbers.ts';

export interface SearchState {
  q: string;
  regions: readonly string[];
  actors: readonly string[];
  sources?: readonly string[];
  /** Entities every result mentions too. */
  with?: readonly string[];
  from?: string | null;
  to?: string | null;
  sort?: SortOrder;
  page?: number;
  /** The facet whose list is shown whole (the page a "more" link opens without JS). */
  more?: FacetName | null;
}

/** The URL of a search state. */
export function searchUrl(state: SearchState): string {
  const query = searchQuery(state);
  return query === '' ? '/search' : `/search?${query}`;
}

/** The Atom feed of a search: its newest articles, whatever order the page lists them in. */
export function feedUrl(state: SearchState): string {
  const query = searchQuery({ ...state, sort: undefined, page: 1 });
  return query === '' ? '/feed' : `/feed?${query}`;
}

/** A search's articles as a file, in the order the page lists them. */
export function exportUrl(state: SearchState, format: 'csv' | 'ndjson'): string {
  const query = searchQuery({ ...state, page: 1 });
  return `/api/export?format=${format}${query === '' ? '' : `&${query}`}`;
}

/** The query string of a search state: the one place that writes the search parameters. */
function searchQuery(state: SearchState): string {
  const params = new URLSearchParams();
  if (state.q.trim() !== '') params.set('q', state.q);
  for (const region of state.regions) params.append('region', region);
  for (const actor of state.actors) params.append('actor', actor);
  for (const source of state.sources ?? []) params.append('source', source);
  for (const id of state.with ?? []) params.append('with', id);
  if (state.from) params.set('from', state.from);
  if (state.to) params.set('to', state.to);
  if (state.sort && state.sort !== 'relevance') params.set('sort', state.sort);
  if (state.page && state.page > 1) params.set('page', String(state.page));
  if (state.more) params.set('more', state.more);
  return params.toString();
}

/** Where a facet list's "more" asks for the rest of its options: the same search, and the facet. */
export function facetOptionsUrl(state: SearchState, facet: FacetName): string {
  const params = new URLSearchParams(searchQuery({ ...state, page: 1, more: null }));
  params.set('facet', facet);
  return `/search/facet-options?${params.toString()}`;
}

export const toggle = (values: readonly string[], value: string): string[] => (values.includes(value) ? values.filter((v) => v !== value) : [...values, value]);

const STATE_KEY = { region: 'regions', actor: 'actors', source: 'sources' } as const satisfies Record<FacetName, keyof SearchState>;

/** The values a state filters on for one facet. */
export const selectedIn = (state: SearchState, facet: FacetName): readonly string[] => state[STATE_KEY[facet]] ?? [];

/** The state with `id` added to or removed from a facet's filter, back on page 1. */
export const toggled = (state: SearchState, facet: FacetName, id: string): SearchState => ({ ...state, page: 1, [STATE_KEY[facet]]: toggle(selectedIn(state, facet), id) });

type PluralForms = Record<Intl.LDMLPluralRule, string>;
const plurals = new Intl.PluralRules('ar');

/** Nouns counted on the pages, in each of Arabic's number forms (2 مقالان, 3–10 مقالات, 11–99 مقالًا, 100 مقال). */
export const NOUNS = {
  article: { zero: 'مقال', one: 'مقال', two: 'مقالان', few: 'مقالات', many: 'مقالًا', other: 'مقال' },
  section: { zero: 'مقطع', one: 'مقطع', two: 'مقطعان', few: 'مقاطع', many: 'مقطعًا', other: 'مقطع' },
} satisfies Record<string, PluralForms>;

/** The noun in the form its count asks for. */
export const countNoun = (count: number, forms: PluralForms): string => forms[plurals.select(count)];
