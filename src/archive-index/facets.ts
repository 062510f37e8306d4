/** The filters a user picks from (URL parameter names) and the document attribute each filters on. */
export type EntityFacet = 'region' | 'actor';
export type FacetName = EntityFacet | 'source';
export type FacetAttribute = 'regions' | 'actors' | 'source';

/** The facets whose values are gazetteer entities (with names, pages and aliases). */
export const ENTITY_FACETS: readonly EntityFacet[] = ['region', 'actor'];
export const FACET_NAMES: readonly FacetName[] = ['region', 'actor', 'source'];

export const FACET_ATTRIBUTE: Record<FacetName, FacetAttribute> = { region: 'regions', actor: 'actors', source: 'source' };

export const emptyFacets = <T>(value: () => T): Record<FacetName, T> => ({ region: value(), actor: value(), source: value() });
