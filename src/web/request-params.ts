import { DEFAULT_PAGE_SIZE, MAX_PAGE, MAX_PAGE_SIZE } from '../archive-index/index.ts';
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
    return values;
  };
  return {
    q: first('q') ?? '',
    regions: list('region'),
    actors: list('actor'),
    page: integer(first('page'), 'page', 1, MAX_PAGE, 1),
    limit: integer(first('limit'), 'limit', 1, MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE),
  };
}
