import { describe, expect, it } from 'vitest';
import { analyzedQuery, engineQueryStrings, parseQuery } from '../../src/search/query-syntax.ts';

const known = () => 1;
const read = (q: string) => parseQuery(q, known);

describe('query syntax', () => {
  it('keeps free words, phrases and exclusions apart', () => {
    const parsed = read('ليبيا "مجلس الأمن" -مصر');
    expect(parsed.words.map((word) => word.term)).toEqual(['ليبيا']);
    expect(parsed.phrases.map((phrase) => phrase.map((word) => word.term))).toEqual([['مجلس', 'امن']]);
    expect(parsed.excluded.map((word) => word.term)).toEqual(['مصر']);
    expect(parsed.either).toEqual([]);
    expect(engineQueryStrings(parsed)).toEqual(['ليبيا "مجلس امن" -مصر ']);
  });

  it('reads OR between words and phrases as alternatives, each combination one engine query', () => {
    const parsed = read('حفتر OR "عبد الفتاح" مصر OR ليبيا');
    expect(parsed.words).toEqual([]);
    expect(parsed.either.map((clause) => clause.map((side) => side.terms.map((word) => word.term).join(' ')))).toEqual([
      ['حفتر', 'عبد فتاح'],
      ['مصر', 'ليبيا'],
    ]);
    expect(engineQueryStrings(parsed)).toEqual(['حفتر مصر ', 'حفتر ليبيا ', '"عبد فتاح" مصر ', '"عبد فتاح" ليبيا ']);
    expect(analyzedQuery(parsed)).toBe('حفتر OR "عبد فتاح" مصر OR ليبيا');
  });

  it('treats a dangling or lone OR, and lower-case or, as words, and an OR side of stop words as absent', () => {
    expect(read('ليبيا OR').words.map((word) => word.term)).toEqual(['ليبيا']);
    expect(read('OR ليبيا').words.map((word) => word.term)).toEqual(['ليبيا']);
    expect(read('ليبيا or مصر').words.map((word) => word.term)).toEqual(['ليبيا', 'or', 'مصر']);
    const parsed = read('ليبيا OR في');
    expect(parsed.either).toEqual([]);
    expect(parsed.words.map((word) => word.term)).toEqual(['ليبيا']);
  });

  it('caps the number of engine queries an OR expands into', () => {
    const parsed = read('a OR b c OR d e OR f g OR h');
    expect(engineQueryStrings(parsed)).toHaveLength(8);
  });
});
