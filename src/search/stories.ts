/** What the story rule reads of an article: its source, its day and its title's analyzed terms (stems, stop words out). */
export interface StoryCandidate {
  source: string | null;
  day?: number;
  title_terms: string;
}

/** One story: its newest article, and the articles telling it too (other sources, or the same one again). */
export interface Story<T> {
  lead: T;
  others: T[];
}

/**
 * Two articles tell the same story when they come from different sources, appeared within two days
 * of each other, and their titles share at least half their weight: the rarity-weighted (IDF)
 * Jaccard similarity of the analyzed title terms is 0.5 or more. Weighting keeps titles that share
 * only common words apart («… يستقبل وزير الخارجية المصري» and «… الفرنسي»); different sources keep
 * a source's recurring columns («اهتمامات الصحف …») apart. Calibrated on the news corpus:
 * docs/decisions.md#same-story.
 */
export const SAME_STORY_SIMILARITY = 0.5;
export const SAME_STORY_DAYS = 2;

const termsOf = (candidate: StoryCandidate) => new Set(candidate.title_terms.split(' ').filter(Boolean));

/** The rarity-weighted Jaccard similarity of two titles' terms, 0 to 1. */
export function titleSimilarity(a: StoryCandidate, b: StoryCandidate, weight: (term: string) => number): number {
  const left = termsOf(a);
  const right = termsOf(b);
  let shared = 0;
  let all = 0;
  for (const term of new Set([...left, ...right])) {
    const w = weight(term);
    all += w;
    if (left.has(term) && right.has(term)) shared += w;
  }
  return all === 0 ? 0 : shared / all;
}

export function sameStory(a: StoryCandidate, b: StoryCandidate, weight: (term: string) => number): boolean {
  if (a.source !== null && a.source === b.source) return false;
  if (a.day === undefined || b.day === undefined || Math.abs(a.day - b.day) > SAME_STORY_DAYS) return false;
  return titleSimilarity(a, b, weight) >= SAME_STORY_SIMILARITY;
}

/**
 * Articles (newest first) grouped into stories, at most `limit`: each article joins the first story
 * whose lead it retells, else starts one. Comparing with the lead only keeps a chain of small changes
 * from gathering unrelated titles.
 */
export function groupStories<T extends StoryCandidate>(articles: readonly T[], weight: (term: string) => number, limit: number): Story<T>[] {
  const stories: Story<T>[] = [];
  for (const article of articles) {
    const story = stories.find((candidate) => sameStory(candidate.lead, article, weight));
    if (story) story.others.push(article);
    else if (stories.length < limit) stories.push({ lead: article, others: [] });
  }
  return stories;
}

/** Inverse document frequency over the archive's term statistics: a term no section holds weighs as the rarest. */
export const idfWeight =
  (stats: { documents: number; df: ReadonlyMap<string, number> }) =>
  (term: string): number =>
    Math.log(1 + stats.documents / Math.max(1, stats.df.get(term) ?? 0));
