import { analyze, type Term } from '../arabic/index.ts';
import { readArticles } from '../articles/read.ts';
import { type Gazetteer, loadGazetteer, tagArticle } from '../entities/index.ts';
import { MIN_NAME_LENGTH, type SpellingRule, spellingAlternations } from '../entities/spelling-variants.ts';

/** One spelling the rules propose for a word of an entity's names, with what the corpus shows of it. */
export interface VariantCandidate {
  entity: string;
  /** The word of the entity's names (its plain form)… */
  of: string;
  /** …and the proposed spelling. */
  spelling: string;
  rule: SpellingRule;
  /** Articles holding the spelling. */
  articles: number;
  /** Of those, articles the tagger ties to the entity through another of its names. */
  tagged: number;
  /** Occurrences in the place of the word inside one of the entity's names of several words (فلاديمير بوتن). */
  inName: number;
  /** A few occurrences with the words around them, for reading. */
  contexts: string[];
}

interface Proposal {
  entity: string;
  of: string;
  rule: SpellingRule;
  /** The neighbours the word has in the entity's names of several words. */
  neighbours: Set<string>;
}

const CONTEXTS = 3;
const CONTEXT_WORDS = 5;

/** The plain forms of an entity's name words, and for each the words next to it in its names. */
function nameWords(gazetteer: Gazetteer, id: string): Map<string, Set<string>> {
  const entity = gazetteer.entities.get(id);
  const words = new Map<string, Set<string>>();
  for (const name of entity ? [entity.name_ar, ...entity.aliases_ar] : []) {
    const plains = analyze(name)
      .filter((term) => !term.stop)
      .map((term) => term.plain);
    plains.forEach((plain, i) => {
      const neighbours = words.get(plain) ?? new Set<string>();
      for (const other of [plains[i - 1], plains[i + 1]]) if (other !== undefined) neighbours.add(other);
      words.set(plain, neighbours);
    });
  }
  return words;
}

/** What the rules propose, by spelling: the words of any entity's names one rule away, minus words that are names themselves. */
function proposals(gazetteer: Gazetteer): Map<string, Proposal[]> {
  const byEntity = new Map([...gazetteer.entities.keys()].map((id) => [id, nameWords(gazetteer, id)] as const));
  const allNames = new Set([...byEntity.values()].flatMap((words) => [...words.keys()]));
  const bySpelling = new Map<string, Proposal[]>();
  for (const [entity, words] of byEntity) {
    for (const [of, neighbours] of words) {
      if (of.length < MIN_NAME_LENGTH) continue;
      for (const [spelling, rule] of spellingAlternations(of)) {
        if (allNames.has(spelling)) continue;
        bySpelling.set(spelling, [...(bySpelling.get(spelling) ?? []), { entity, of, rule, neighbours }]);
      }
    }
  }
  return bySpelling;
}

function articleTags(gazetteer: Gazetteer, texts: readonly string[], analyses: readonly Term[][]): Set<string> {
  const { regions, actors } = tagArticle(gazetteer, texts, analyses);
  return new Set([...regions, ...actors]);
}

const contextAt = (terms: readonly Term[], at: number): string =>
  terms
    .slice(Math.max(0, at - CONTEXT_WORDS), at + CONTEXT_WORDS + 1)
    .map((term, i) => (i === Math.min(at, CONTEXT_WORDS) ? `[${term.surface}]` : term.surface))
    .join(' ');

/**
 * Reads a corpus and, for every spelling the rules propose for a word of a gazetteer name, counts
 * the articles that hold it, those the tagger ties to the entity through its other names, and its
 * occurrences in the place of the word inside a longer name; with a few contexts to read.
 */
export async function variantCandidates(corpus: string, gazetteer = loadGazetteer()): Promise<VariantCandidate[]> {
  const proposed = proposals(gazetteer);
  const found = new Map<string, VariantCandidate>();
  for await (const result of readArticles([corpus])) {
    if (!('article' in result)) continue;
    const texts = [result.article.title, ...result.article.sections.map((section) => section.paragraphs.join('\n'))];
    const analyses = texts.map((text) => analyze(text));
    let tags: Set<string> | null = null;
    const seenHere = new Set<string>();
    for (const terms of analyses) {
      terms.forEach((term, at) => {
        const candidates = term.stop ? undefined : proposed.get(term.plain);
        if (!candidates) return;
        tags ??= articleTags(gazetteer, texts, analyses);
        for (const proposal of candidates) {
          const key = `${proposal.entity} ${term.plain}`;
          const candidate = found.get(key) ?? { entity: proposal.entity, of: proposal.of, spelling: term.plain, rule: proposal.rule, articles: 0, tagged: 0, inName: 0, contexts: [] };
          found.set(key, candidate);
          if (!seenHere.has(key)) {
            seenHere.add(key);
            candidate.articles++;
            if (tags.has(proposal.entity)) candidate.tagged++;
          }
          if ([terms[at - 1]?.plain, terms[at + 1]?.plain].some((word) => word !== undefined && proposal.neighbours.has(word))) candidate.inName++;
          if (candidate.contexts.length < CONTEXTS) candidate.contexts.push(contextAt(terms, at));
        }
      });
    }
  }
  return [...found.values()].sort((a, b) => a.entity.localeCompare(b.entity) || b.articles - a.articles);
}
