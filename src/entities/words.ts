import { analyze, stemWord, type Term } from '../arabic/index.ts';

/**
 * One reading of a word as the entity matcher compares it: the word without its proclitics
 * (و ب ل ك ف and the article) but with its suffixes, and whether it carried the article.
 *
 * Matching on the bare stem would fold ترك ("left") into التركية, السور ("the wall") into السوري
 * and السود into السودان; keeping the suffix means the gazetteer lists the inflected forms it
 * accepts (ليبي, ليبية, ليبيين...). Keeping definiteness tells حماس (Hamas) from الحماس
 * ("the enthusiasm"), جدة (Jeddah) from الجدة ("the grandmother") and الرياض from the name رياض.
 */
export interface WordReading {
  /** The analyzer's stem (or alternative stem): the key the gazetteer index is looked up by. */
  stem: string;
  base: string;
  definite: boolean;
}

/** Longest prefix the analyzer strips (وبال, فلل...); a stem further in is a coincidence. */
const MAX_PREFIX = 4;

function reading(norm: string, stem: string): WordReading {
  // The stem is the normalized word minus prefixes and suffixes, so it sits inside norm right after
  // the prefixes.
  let at = 0;
  while (at <= MAX_PREFIX && !norm.startsWith(stem, at)) at++;
  if (at > MAX_PREFIX) return { stem, base: norm, definite: false };
  // The analyzer strips the article as ال (after و ب ك ف) or as the assimilated لل.
  const prefix = norm.slice(0, at);
  return { stem, base: norm.slice(at), definite: prefix.endsWith('ال') || prefix.endsWith('لل') };
}

/**
 * The analyzer's alternative stem (proclitic ب ل ك ف removed), or the stem after the first ل of
 * a word that starts with لل: لليبيا is ل + ليبيا but looks like ل + the article + يبيا, for
 * which the analyzer offers no alternative. `lamInitialStems` are the stems in ل that start a
 * gazetteer name: other words are not worth stemming again (this runs for every word).
 */
export function alternativeStem(term: Term, lamInitialStems: readonly string[]): string | undefined {
  if (term.alt !== undefined) return term.alt;
  const { norm } = term;
  const lam = norm.startsWith('لل') ? 1 : norm.startsWith('ولل') || norm.startsWith('فلل') ? 2 : 0;
  if (lam === 0) return undefined;
  const rest = norm.slice(lam);
  return lamInitialStems.some((stem) => rest.startsWith(stem)) ? stemWord(rest).stem : undefined;
}

/**
 * The readings of an analyzed word: from its stem, and from its alternative stem. A bare ك
 * ("like") rarely stands before a name, while many words start with it (كسبها "won it" is not
 * ك + سبها), so that alternative is not read.
 */
export function wordReadings(term: Term, alt: string | undefined): WordReading[] {
  const readings = [reading(term.norm, term.stem)];
  if (alt !== undefined) {
    const altReading = reading(term.norm, alt);
    if (!term.norm.slice(0, term.norm.length - altReading.base.length).endsWith('ك')) readings.push(altReading);
  }
  return readings;
}

/**
 * The stems of a short list of cue words, for context checks: a stem ignores clitics and suffixes,
 * so ذراع also covers ذراعها and بذراعه.
 */
export function cueStems(words: readonly string[]): Set<string> {
  return new Set(analyze(words.join(' ')).map((term) => term.stem));
}
