import { COVERAGE_ATTRIBUTES, ENTITY_FACETS, FACET_ATTRIBUTE, type EntityFacet, type SectionDocument, type TermStats } from '../archive-index/index.ts';
import type { ArchiveReader, EngineSearch } from '../engine/archive-reader.ts';
import { coverageOf, type Coverage } from './coverage.ts';
import { quoteFilterValue } from './filter-expression.ts';
import { groupStories, idfWeight, type Story } from './stories.ts';

/** An article of an entity's dossier: the first of its sections that mentions the entity. */
export type DossierArticle = Pick<SectionDocument, 'articleId' | 'n' | 'title' | 'heading' | 'date' | 'source'>;

/** Another entity and how many articles mention both (in one section). */
export interface MentionedWith {
  id: string;
  facet: EntityFacet;
  count: number;
}

/** What the archive says of an entity: how often and when it is mentioned, its latest stories, and who is named with it. */
export interface EntityDossier {
  articles: number;
  coverage: Coverage | null;
  /** The newest articles, one per story (the others telling it listed with it). */
  stories: Story<DossierArticle>[];
  /** Most mentioned with it first; each count is the total of the search for both. */
  related: MentionedWith[];
}

const STORIES = 10;
/** Newest articles read to make STORIES stories: a story told by several sources takes several. */
const STORY_CANDIDATES = 40;
/** Entities named beside it whose articles are counted, and how many of them are shown. */
const RELATED_CANDIDATES = 24;
const RELATED_SHOWN = 16;
const NEWEST_FIRST = ['day:desc', 'n:asc'];
const ONE_PER_ARTICLE = 'articleId';
const STORY_FIELDS = ['articleId', 'n', 'title', 'heading', 'date', 'source', 'day', 'title_terms'];

type Candidate = DossierArticle & Pick<SectionDocument, 'day' | 'title_terms'>;
const tagged = (id: string, facet: EntityFacet) => `${FACET_ATTRIBUTE[facet]} = ${quoteFilterValue(id)}`;
/** Articles matching a filter, counted by the engine in page mode (distinct counts articles only there). */
const articleCount = (filter: string): EngineSearch => ({ q: '', filter, page: 1, hitsPerPage: 0, distinct: ONE_PER_ARTICLE });

/**
 * Two engine requests: the entity's newest articles with their counts per day and month, beside the
 * entities its sections name (section counts, to pick candidates); then, for the candidates, the
 * articles naming both, counted as the search `with=A&with=B` counts them. The engine's own counts
 * with `distinct` follow only the one section it keeps per article (docs/decisions.md#dossier-co-mentions).
 */
export function createDossier({ reader, stats }: { reader: Pick<ArchiveReader, 'search'>; stats: () => TermStats }) {
  return async function dossier(id: string, facet: EntityFacet): Promise<EntityDossier> {
    const own = tagged(id, facet);
    const [newest, named] = await reader.search<Candidate>([
      { ...articleCount(own), sort: NEWEST_FIRST, hitsPerPage: STORY_CANDIDATES, facets: COVERAGE_ATTRIBUTES, attributesToRetrieve: STORY_FIELDS },
      { q: '', filter: own, facets: ENTITY_FACETS.map((other) => FACET_ATTRIBUTE[other]), limit: 0 },
    ]);
    const candidates = ENTITY_FACETS.flatMap((other) => Object.entries(named?.facets[FACET_ATTRIBUTE[other]] ?? {}).map(([otherId, count]) => ({ id: otherId, facet: other, count })))
      .filter((other) => other.id !== id)
      .sort((a, b) => b.count - a.count)
      .slice(0, RELATED_CANDIDATES);
    const counted = candidates.length === 0 ? [] : await reader.search(candidates.map((other) => articleCount(`${own} AND ${tagged(other.id, other.facet)}`)));
    const related = candidates
      .map((other, i) => ({ ...other, count: counted[i]?.total ?? 0 }))
      .filter((other) => other.count > 0)
      .sort((a, b) => b.count - a.count || a.id.localeCompare(b.id))
      .slice(0, RELATED_SHOWN);
    const facets = newest?.facets ?? {};
    return {
      articles: newest?.total ?? 0,
      coverage: coverageOf({ day: facets.day ?? {}, month: facets.month ?? {} }, { from: null, to: null }),
      stories: groupStories(newest?.hits ?? [], idfWeight(stats()), STORIES).map(({ lead, others }) => ({ lead: shown(lead), others: others.map(shown) })),
      related,
    };
  };
}

const shown = ({ articleId, n, title, heading, date, source }: Candidate): DossierArticle => ({ articleId, n, title, heading, date, source });
