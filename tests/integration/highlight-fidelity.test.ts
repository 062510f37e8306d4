import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/arabic/index.ts';
import { checkMarked } from '../../src/tools/highlight-check.ts';
import { checkHighlights } from '../../src/tools/highlight-pairs.ts';
import { fixture, useSeededSite } from '../helpers.ts';

// Marked text must be the source text: over every word of the fixture articles searched alone,
// pairs of neighbouring words, phrases and names in Latin script, nothing shown changes the text it
// marks and no mark splits a word.
const seeded = useSeededSite('highlights');

function fixtureQueries(): string[] {
  const text = readdirSync(fixture('articles'))
    .map((file) => readFileSync(fixture(`articles/${file}`), 'utf8'))
    .join('\n');
  const words = analyze(text).filter((term) => !term.stop && /\p{Script=Arabic}/u.test(term.surface));
  const single = [...new Set(words.map((term) => term.surface))];
  const pairs = words.slice(1).map((term, i) => `${words[i]?.surface ?? ''} ${term.surface}`);
  return [...single, ...pairs.filter((_, i) => i % 7 === 0), ...pairs.filter((_, i) => i % 23 === 0).map((pair) => `"${pair}"`), 'Haftar', 'Libya', 'Egypt'];
}

describe('highlight fidelity', () => {
  it('the checker catches a changed text and a split word', () => {
    expect(checkMarked('مجلس <mark>الأمن الأمن</mark>', 'مجلس الأمن', 't')[0]?.problem).toBe('text changed');
    expect(checkMarked('حفتر يدعو<mark> قادة الجي</mark>ش', 'حفتر يدعو قادة الجيش', 't').map((v) => v.problem)).toEqual(['fragment marked']);
    expect(checkMarked('… قال <mark>حفتر</mark> …', 'أمس قال حفتر إن', 't', true)).toEqual([]);
  });

  it('removing the marks from any title, snippet, heading or paragraph shown gives the source, and marks cover whole words', async () => {
    const queries = fixtureQueries();
    const figures = await checkHighlights(seeded.site.service, queries);
    expect(figures.pairs).toBeGreaterThan(500);
    expect(figures.violations).toEqual([]);
  });
});
