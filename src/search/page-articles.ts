import { HIT_FIELDS, type HitSection, type KeywordRankSection, type RerankSection, type TermStats } from '../archive-index/index.ts';
import type { ArchiveReader } from '../engine/archive-reader.ts';
import { rankKeywordCandidates, type KeywordQuery } from './keyword-rank.ts';
import type { PlanAnswers, SearchPlan } from './plan.ts';
import type { ParsedQuery } from './query-syntax.ts';
import { rerankCandidates } from './rerank.ts';

/** Another section of a result's article that matches too. */
export interface OtherSection {
  n: number;
  heading: string | null;
}

/** One result: the section that stands for its article, and the article's other matching sections. */
export interface PageArticle {
  section: HitSection;
  others: OtherSection[];
}

type Reader = Pick<ArchiveReader, 'search' | 'fetch'>;

export interface PageOfArticles {
  articles: PageArticle[];
  /** Engine requests it took beyond the plan's. */
  requests: number;
  /**
   * A count better than the engine's: a question's candidate articles (its engine total is an
   * estimate), or the articles that hold a phrase as written once the engine's were all seen.
   */
  total?: number;
  /** The articles a phrase search kept (those holding it as written), when the engine's were all seen. */
  kept?: readonly string[];
}
type Candidate = HitSection & KeywordRankSection & RerankSection;

/**
 * The words of a query as the keyword ranking reads them. The alternatives of an OR count as words
 * (a phrase on one side of an OR is not required of every section, so it is not verified as written).
 */
export function keywordQuery(parsed: ParsedQuery): KeywordQuery {
  const asTerm = (word: { term: string; plain: string }) => ({ stem: word.term, plain: word.plain });
  const alternatives = parsed.either.flat().flatMap((side) => side.terms);
  return { words: [...parsed.words, ...alternatives].map(asTerm), phrases: parsed.phrases.map((phrase) => phrase.map(asTerm)) };
}

/** The first articles of a keyword ranking, ranked again on all their matching sections. */
const REFINED_ARTICLES = 20;

/** The page's articles of a search whose plan was answered: ranked here, or in the engine's order. */
export async function pageArticles(plan: SearchPlan, answers: PlanAnswers<Candidate>, parsed: ParsedQuery, stats: TermStats, pageSize: number, reader: Reader): Promise<PageOfArticles> {
  if (plan.kind === 'question') return questionPage(plan, answers, parsed, stats, pageSize, reader);
  if (!plan.sectionsOf) return { articles: answers.main.hits.map((section) => ({ section, others: [] })), requests: 0 };
  const query = keywordQuery(parsed);
  // The engine gives one section per article: the articles are ranked by it, then the first ones
  // again on every section that matches (the best one stands for its article, the others are listed).
  const engineOrder = answers.main.hits.map((hit) => hit.articleId);
  const byScore = plan.rank ? rankKeywordCandidates(query, answers.main.hits, stats).map((article) => article.articleId) : [];
  const order = plan.rank ? rankedThenUnscored(byScore, engineOrder, query) : engineOrder;
  // The engine matched phrases on stems; the ranking kept the articles that hold them as written.
  const kept = query.phrases.length > 0 && plan.rank && answers.main.total <= answers.main.hits.length ? order : undefined;
  const verified = kept?.length;
  const refined = plan.rank && plan.offset < REFINED_ARTICLES ? order.slice(0, REFINED_ARTICLES) : [];
  const page = order.slice(plan.offset, plan.offset + pageSize);
  if (page.length === 0) return { articles: [], requests: 0, total: verified, kept };
  const [answer] = await reader.search<Candidate>([plan.sectionsOf([...new Set([...refined, ...page])])]);
  const sections = answer?.hits ?? [];
  const ranked = new Map(rankKeywordCandidates(query, sections, stats).map((article) => [article.articleId, article]));
  // An article none of whose sections scores (a typo match) keeps its place after the scored ones (the sort is stable).
  const score = (id: string) => ranked.get(id)?.score ?? -1;
  const pageIds = refined.length > 0 ? [...refined.sort((a, b) => score(b) - score(a)), ...order.slice(refined.length)].slice(plan.offset, plan.offset + pageSize) : page;
  const byId = new Map(sections.map((section) => [section.id, section]));
  const articles = pageIds.flatMap((articleId): PageArticle[] => {
    const article = ranked.get(articleId);
    const best = article ? byId.get(article.sectionId) : sections.find((section) => section.articleId === articleId);
    if (!best) return [];
    return [{ section: best, others: (article?.otherSectionIds ?? []).flatMap((id) => byId.get(id) ?? []).map(({ n, heading }) => ({ n, heading })) }];
  });
  return { articles, requests: 1, total: verified, kept };
}

/**
 * The ranked articles, then those the ranking scored nothing (the engine matched them through a
 * typo or a prefix) in the engine's order; with a phrase, only those that hold it as written.
 */
function rankedThenUnscored(ranked: string[], engineOrder: readonly string[], query: KeywordQuery): string[] {
  if (query.phrases.length > 0) return ranked;
  const seen = new Set(ranked);
  return [...ranked, ...engineOrder.filter((id) => !seen.has(id))];
}

/** A question's candidates ranked with BM25, one result per article, then the page's sections fetched. */
async function questionPage(plan: SearchPlan, answers: PlanAnswers<Candidate>, parsed: ParsedQuery, stats: TermStats, pageSize: number, reader: Reader): Promise<PageOfArticles> {
  const lists = [answers.main.hits, ...answers.candidates.map((list) => list.hits)];
  const byArticle = new Map<string, RerankSection[]>();
  for (const section of rerankCandidates(lists, parsed.words, stats)) byArticle.set(section.articleId, [...(byArticle.get(section.articleId) ?? []), section]);
  const ranked = [...byArticle.values()];
  const page = ranked.slice(plan.offset, plan.offset + pageSize);
  const sections = await reader.fetch<HitSection>(
    page.map((sections) => sections[0]?.id ?? ''),
    HIT_FIELDS,
  );
  const bySection = new Map(sections.map((section) => [section.id, section]));
  const articles = page.flatMap(([best, ...others]): PageArticle[] => {
    const section = best ? bySection.get(best.id) : undefined;
    return section ? [{ section, others: others.map(({ n, heading }) => ({ n, heading })) }] : [];
  });
  return { articles, requests: 1, total: Math.max(answers.main.total, ranked.length) };
}
