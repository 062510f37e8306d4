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
type Candidate = HitSection & KeywordRankSection & RerankSection;

/** The words of a query as the keyword ranking reads them (alternatives of an OR count as words). */
export function keywordQuery(parsed: ParsedQuery): KeywordQuery {
  const asTerm = (word: { term: string; plain: string }) => ({ stem: word.term, plain: word.plain });
  const alternatives = parsed.either.flat().flatMap((side) => (side.phrase ? [] : side.terms));
  return {
    words: [...parsed.words, ...alternatives].map(asTerm),
    phrases: [...parsed.phrases, ...parsed.either.flat().flatMap((side) => (side.phrase ? [side.terms] : []))].map((phrase) => phrase.map(asTerm)),
  };
}

/** The page's articles of a search whose plan was answered: ranked here, or in the engine's order. */
export async function pageArticles(plan: SearchPlan, answers: PlanAnswers<Candidate>, parsed: ParsedQuery, stats: TermStats, pageSize: number, reader: Reader): Promise<{ articles: PageArticle[]; requests: number }> {
  if (plan.kind === 'question') return questionPage(plan, answers, parsed, stats, pageSize, reader);
  if (!plan.rank) return { articles: answers.main.hits.map((section) => ({ section, others: [] })), requests: 0 };
  const page = rankKeywordCandidates(keywordQuery(parsed), answers.main.hits, stats).slice(plan.offset, plan.offset + pageSize);
  if (page.length === 0) return { articles: [], requests: 0 };
  const candidates = new Map(answers.main.hits.map((section) => [section.id, section]));
  const sections = new Map((await reader.fetch<HitSection>(page.map((article) => article.sectionId), HIT_FIELDS)).map((section) => [section.id, section]));
  const articles = page.flatMap((article): PageArticle[] => {
    const section = sections.get(article.sectionId);
    const others = article.otherSectionIds.flatMap((id) => candidates.get(id) ?? []).map(({ n, heading }) => ({ n, heading }));
    return section ? [{ section, others }] : [];
  });
  return { articles, requests: 1 };
}

/** A question's candidates ranked with BM25, one result per article, then the page's sections fetched. */
async function questionPage(plan: SearchPlan, answers: PlanAnswers<Candidate>, parsed: ParsedQuery, stats: TermStats, pageSize: number, reader: Reader): Promise<{ articles: PageArticle[]; requests: number }> {
  const lists = [answers.main.hits, ...answers.candidates.map((list) => list.hits)];
  const ranked = rerankCandidates(lists, parsed.words, stats);
  const byArticle = new Map<string, RerankSection[]>();
  for (const section of ranked) byArticle.set(section.articleId, [...(byArticle.get(section.articleId) ?? []), section]);
  const page = [...byArticle.values()].slice(plan.offset, plan.offset + pageSize);
  const sections = await reader.fetch<HitSection>(page.map((sections) => sections[0]?.id ?? ''), HIT_FIELDS);
  const bySection = new Map(sections.map((section) => [section.id, section]));
  const articles = page.flatMap(([best, ...others]): PageArticle[] => {
    const section = best ? bySection.get(best.id) : undefined;
    return section ? [{ section, others: others.map(({ n, heading }) => ({ n, heading })) }] : [];
  });
  return { articles, requests: 1 };
}
