/** The filters a user picks from (URL parameter names) and the document attribute each filters on. */
export type FacetName = 'region' | 'actor';
export type FacetAttribute = 'regions' | 'actors';

export const FACET_NAMES: readonly FacetName[] = ['region', 'actor'];

export const FACET_ATTRIBUTE: Record<FacetName, FacetAttribute> = { region: 'regions', actor: 'actors' };

export const facetOfAttribute = (attribute: FacetAttribute): FacetName => (attribute === 'regions' ? 'region' : 'actor');
