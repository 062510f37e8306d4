import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** Bump when the analysis code changes in a way that changes documents. */
const ANALYSIS_CODE_VERSION = '1';
const INPUTS = ['stopwords-ar.txt', 'stem-exclusions-ar.txt', 'gazetteer.json'];

/**
 * Part of every article's fingerprint: when the analysis or the gazetteer changes, every article
 * counts as changed and is analyzed again by the next incremental run.
 */
export function analysisVersion(configDir = new URL('../../index-config/', import.meta.url)): string {
  const hash = createHash('sha1').update(ANALYSIS_CODE_VERSION);
  for (const file of INPUTS) hash.update(readFileSync(new URL(file, configDir)));
  return hash.digest('hex').slice(0, 12);
}
