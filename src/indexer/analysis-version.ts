import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { PROJECT_ROOT as ROOT } from '../project-root.ts';

/** Everything that decides what a document holds besides the article itself. */
const INPUTS = [
  'index-config/stopwords-ar.txt',
  'index-config/stem-exclusions-ar.txt',
  'index-config/gazetteer.json',
  'index-config/name-variants.json',
  'src/arabic/',
  'src/entities/',
  'src/archive-index/',
  'src/indexer/section-documents.ts',
];

function filesOf(path: string): URL[] {
  if (!path.endsWith('/')) return [new URL(path, ROOT)];
  return readdirSync(new URL(path, ROOT))
    .sort()
    .map((name) => new URL(`${path}${name}`, ROOT));
}

/**
 * Part of every article's fingerprint: when the analysis code, its word lists or the gazetteer
 * change, every article counts as changed and the next incremental run analyzes it again.
 */
export function analysisVersion(): string {
  const hash = createHash('sha1');
  for (const file of INPUTS.flatMap(filesOf)) hash.update(file.pathname.slice(ROOT.pathname.length)).update(readFileSync(file));
  return hash.digest('hex').slice(0, 12);
}
