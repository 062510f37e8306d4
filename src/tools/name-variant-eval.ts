import { readFileSync, writeFileSync } from 'node:fs';
import { analyze } from '../arabic/index.ts';
import { readArticles } from '../articles/read.ts';
import { safeArticleId } from '../archive-index/index.ts';
import { type Gazetteer, loadGazetteer, tagText } from '../entities/index.ts';
import { DEFAULT_SPELLINGS_PATH } from '../entities/spellings.ts';
import { parseTsv } from './keyword-set.ts';
import { variantCandidates } from './name-variant-candidates.ts';
import { drawSample } from './seeded-random.ts';

export interface NameVariantEvalOptions {
  corpus: string;
  /** How many pairs of added spelling and entity to draw for judging, and the seed of the draw. */
  sample: number;
  seed: number;
  /** Print the rules' candidates with their corpus evidence instead (the list the groups were chosen from). */
  candidates?: boolean;
  /** Judgments of the sample (n, spelling, entity, mentions, label: yes/no) to score. */
  judgments?: string;
  /** Where to write the sample as a judgments template. */
  out?: string;
}

interface Occurrence {
  article: string;
  spelling: string;
  entities: string[];
  context: string;
}

interface ListedGroup {
  spellings: string[];
  entities: string[];
}

const CONTEXT_CHARS = 60;
const CONTEXTS_PER_PAIR = 3;

/** Entities whose names gain a spelling, and the spellings the groups add beyond the words of the gazetteer's names. */
function coverage(gazetteer: Gazetteer, groups: readonly ListedGroup[]) {
  const nameWords = new Set<string>();
  const normalized = (name: string) =>
    analyze(name)
      .map((term) => term.norm)
      .join(' ');
  let spelt = 0;
  let gaining = 0;
  for (const entity of gazetteer.entities.values()) {
    const names = [entity.name_ar, ...entity.aliases_ar];
    const terms = names.flatMap((name) => analyze(name));
    for (const term of terms) nameWords.add(term.plain);
    if (terms.some((term) => gazetteer.spellings.of(term.plain) !== undefined)) spelt++;
    const written = new Set(names.map(normalized));
    if (names.some((name) => gazetteer.spellings.variantsOf(name).some((variant) => !written.has(variant)))) gaining++;
  }
  const added = new Map<string, string[]>();
  for (const group of groups) {
    for (const spelling of group.spellings) {
      const plain = analyze(spelling)[0]?.plain ?? spelling;
      if (!nameWords.has(plain)) added.set(plain, group.entities);
    }
  }
  return { entities: gazetteer.entities.size, spelt, gaining, added };
}

/**
 * Every mention the tagger finds in the corpus through a spelling the groups add (بوتن in فلاديمير
 * بوتن): the pairs of spelling and entity a search by that entity now reaches.
 */
async function occurrences(corpus: string, gazetteer: Gazetteer, added: ReadonlyMap<string, string[]>): Promise<Occurrence[]> {
  const found: Occurrence[] = [];
  for await (const result of readArticles([corpus])) {
    if (!('article' in result)) continue;
    const text = [result.article.title, ...result.article.sections.flatMap((section) => section.paragraphs)].join('\n');
    const terms = analyze(text);
    const spellingAt = new Map(terms.flatMap((term) => (added.has(term.plain) ? [[term.start, term.plain] as const] : [])));
    if (spellingAt.size === 0) continue;
    for (const mention of tagText(gazetteer, text, terms).mentions) {
      const inside = terms.filter((term) => term.start >= mention.start && term.end <= mention.end && spellingAt.has(term.start));
      if (inside.length === 0) continue;
      const context = `${text.slice(Math.max(0, mention.start - CONTEXT_CHARS), mention.start)}[${text.slice(mention.start, mention.end)}]${text.slice(mention.end, mention.end + CONTEXT_CHARS)}`;
      found.push({ article: safeArticleId(result.article.id), spelling: inside.map((term) => term.plain).join(' '), entities: [mention.entityId], context: context.replace(/\s+/gu, ' ') });
    }
  }
  return found;
}

/**
 * How far the name spellings reach and how precise they are: the entities that gain a spelling, the
 * occurrences of the added spellings in a corpus, and a seeded sample of them to judge (does this
 * occurrence name the entity?), scored when judged.
 */
export async function evaluateNameVariants(options: NameVariantEvalOptions): Promise<Record<string, unknown>> {
  const gazetteer = loadGazetteer();
  if (options.candidates) {
    const candidates = await variantCandidates(options.corpus, gazetteer);
    console.log('entity\tof\tspelling\trule\tarticles\ttagged\tin_name\tcontext');
    for (const c of candidates) console.log([c.entity, c.of, c.spelling, c.rule, c.articles, c.tagged, c.inName, c.contexts[0] ?? ''].join('\t'));
    return { candidates: candidates.length, entities: new Set(candidates.map((c) => c.entity)).size };
  }
  const groups = (JSON.parse(readFileSync(DEFAULT_SPELLINGS_PATH, 'utf8')) as { groups: ListedGroup[] }).groups;
  const reach = coverage(gazetteer, groups);
  const found = await occurrences(options.corpus, gazetteer, reach.added);
  const byPair = new Map<string, Occurrence[]>();
  for (const occurrence of found) {
    const pair = `${occurrence.spelling}\t${occurrence.entities.join(',')}`;
    byPair.set(pair, [...(byPair.get(pair) ?? []), occurrence]);
  }
  const pairs = [...byPair];
  const drawn = drawSample(pairs, options.sample, options.seed);
  const template = ['n\tspelling\tentity\tmentions\tlabel\tcontexts'];
  drawn.forEach(([pair, mentions], i) => {
    const contexts = mentions.slice(0, CONTEXTS_PER_PAIR).map((mention) => `${mention.article}: ${mention.context}`);
    console.log(`${i + 1}\t${pair}\t${mentions.length}\n\t${contexts.join('\n\t')}`);
    template.push(`${i + 1}\t${pair}\t${mentions.length}\t\t${contexts.join(' ‖ ')}`);
  });
  if (options.out) writeFileSync(options.out, `${template.join('\n')}\n`);
  const judged = options.judgments ? parseTsv(readFileSync(options.judgments, 'utf8')) : [];
  const yes = judged.filter((row) => row.label === 'yes').length;
  const no = judged.filter((row) => row.label === 'no').length;
  return {
    entities: reach.entities,
    /** Entities with a name word of several spellings (a query naming them searches them all)… */
    entitiesWithSpellings: reach.spelt,
    /** …and those whose names the gazetteer did not already list in every spelling. */
    entitiesGainingNames: reach.gaining,
    listedGroups: groups.length,
    addedSpellings: reach.added.size,
    mentions: found.length,
    pairs: pairs.length,
    sample: drawn.length,
    seed: options.seed,
    ...(judged.length > 0 ? { judged: yes + no, precision: yes + no === 0 ? 0 : Math.round((yes / (yes + no)) * 1000) / 1000 } : {}),
  };
}
