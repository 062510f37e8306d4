import { DEFAULT_PAGE_SIZE, FACET_NAMES, isIsoDate, MAX_PAGE, MAX_PAGE_SIZE, SORT_ORDERS, type FacetName, type SortOrder } from '../archive-index/index.ts';
import type { SearchRequest } from '../search/search.ts';

export class BadParameterError extends Error {
  override name = 'BadParameterError';
  constructor(
    readonly parameter: string,
    message: string,
  ) {
    super(message);
  }
}

const MAX_FILTER_VALUES = 20;
const MAX_FILTER_VALUE_LENGTH = 200;

function integer(value: string | undefined, parameter: string, min: number, max: number, fallback: number): number {
  if (value === undefined || value.trim() === '') return fallback;
  if (!/^\d{1,7}$/u.test(value.trim())) throw new BadParameterError(parameter, `${parameter} must be a whole number between ${min} and ${max}`);
  const number = Number(value);
  if (number < min || number > max) throw new BadParameterError(parameter, `${parameter} must be between ${min} and ${max}`);
  return number;
}

/** The search parameters of a URL; repeated `q`/`page`/`limit` take the first value, filters take all. */
export function searchRequestFrom(query: (name: string) => string[] | undefined): SearchRequest {
  const first = (name: string) => query(name)?.[0];
  const list = (name: string) => {
    const values = (query(name) ?? []).map((value) => value.trim()).filter(Boolean);
    if (values.length > MAX_FILTER_VALUES) throw new BadParameterError(name, `at most ${MAX_FILTER_VALUES} ${name} values`);
    if (values.some((value) => value.length > MAX_FILTER_VALUE_LENGTH)) throw new BadParameterError(name, `a ${name} value has at most ${MAX_FILTER_VALUE_LENGTH} characters`);
    return values;
  };
  return {
    q: first('q') ?? '',
    regions: list('region'),
    actors: list('actor'),
    sources: list('source'),
    with: list('with'),
    ...dateRange(first('from'), first('to')),
    sort: sortOrder(first('sort')),
    page: integer(first('page'), 'page', 1, MAX_PAGE, 1),
    limit: integer(first('limit'), 'limit', 1, MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE),
  };
}

/** `from` and `to` as YYYY-MM-DD, either may be absent; a range that ends before it starts is refused. */
function dateRange(fromValue: string | undefined, toValue: string | undefined): { from: string | null; to: string | null } {
  const date = (value: string | undefined, parameter: string): string | null => {
    const trimmed = value?.trim() ?? '';
    if (trimmed === '') return null;
    if (!isIsoDate(trimmed)) throw new BadParameterError(parameter, `${parameter} must be a date written YYYY-MM-DD`);
    return trimmed;
  };
  const from = date(fromValue, 'from');
  const to = date(toValue, 'to');
  if (from && to && to < from) throw new BadParameterError('to', 'to must not be before from');
  return { from, to };
}

function sortOrder(value: string | undefined): SortOrder {
  const trimmed = value?.trim() ?? '';
  if (trimmed === '') return 'relevance';
  const order = SORT_ORDERS.find((candidate) => candidate === trimmed);
  if (!order) throw new BadParameterError('sort', `sort must be one of ${SORT_ORDERS.join(', ')}`);
  return order;
}

/** A parameter naming a facet list (`more`, `facet`): one of region, actor, source; absent or empty is null. */
export function facetParameter(value: string | undefined, parameter: string): FacetName | null {
  const trimmed = value?.trim() ?? '';
  if (trimmed === '') return null;
  const facet = FACET_NAMES.find((candidate) => candidate === trimmed);
  if (!facet) throw new BadParameterError(parameter, `${parameter} must be one of ${FACET_NAMES.join(', ')}`);
  return facet;
}
