import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyze, normalize, stemWord } from '../../src/arabic/index.ts';
import { matchWords, snippetWindow, type MatchSpec } from '../../src/search/matching.ts';
import { markRange, snippetHtml } from '../../src/web/marking.ts';
import { fixture } from '../helpers.ts';

const seed = readFileSync(fixture('articles/seed.txt'), 'utf8');
const formsOf = (...words: string[]): MatchSpec => ({ exact: new Set(words.map((word) => stemWord(normalize(word)).stem)), prefix: null });
const highlight = (text: string, spec: MatchSpec) => markRange(text, matchWords(text, spec).matches);
const snippet = (text: string, spec: MatchSpec, words?: number) => {
  const window = snippetWindow(text, spec, words);
  return { html: snippetHtml(window), matches: window.spans.length };
};
const marked = (html: string) => [...html.matchAll(/<mark>(.*?)<\/mark>/gu)].map((match) => match[1]);

describe('matchWords', () => {
  it('relies on a property of light stems: a stem and its alternative are part of the normalized word', () => {
    const text = `${seed}\nوبالمملكة للبنان فالحكومة كالسياسيين بمصر لليبيا والمسلمون بالمدرسات وسيقولونها المُشيرُ`;
    const terms = analyze(text);
    expect(terms.length).toBeGreaterThan(300);
    for (const term of terms) {
      expect(term.norm).toContain(term.stem);
      if (term.alt !== undefined) expect(term.norm).toContain(term.alt);
    }
  });

  it.each([['حفتر'], ['ليبيا', 'بنغازي'], ['المخابرات'], ['في'], ['التنسيق', 'الأمني']])('marks exactly the words a full analysis matches: %s', (...words) => {
    const spec = formsOf(...words);
    const expected = analyze(seed)
      .filter((term) => !term.stop && (spec.exact.has(term.stem) || (term.alt !== undefined && spec.exact.has(term.alt))))
      .map(({ start, end }) => ({ start, end }));
    expect(expected.length > 0).toBe(words[0] !== 'في');
    expect(matchWords(seed, spec).matches).toEqual(expected);
  });

  it('marks whole words with their clitics and diacritics, never a stop word', () => {
    const spec = formsOf('حفتر', 'في');
    expect(marked(highlight('قال المشيرُ حفترُ في بيانه إن قوات حفتر وبحفتر <b>', spec))).toEqual(['حفترُ', 'حفتر وبحفتر']);
    expect(highlight('<b>حفتر</b>', spec)).toBe('&lt;b&gt;<mark>حفتر</mark>&lt;/b&gt;');
  });

  it('matches a prefix while typing', () => {
    const spec: MatchSpec = { exact: new Set(), prefix: 'حفت' };
    expect(marked(highlight('المشير حفتر والحفتريون', spec))).toEqual(['حفتر والحفتريون']);
  });

  it('adds known spans, such as entity mentions found by the tagger', () => {
    const text = 'Haftar قال';
    expect(marked(markRange(text, matchWords(text, { exact: new Set(), prefix: null, spans: [{ start: 0, end: 6 }] }).matches))).toEqual(['Haftar']);
  });
});

describe('snippet', () => {
  it('shows the densest window of matches, cut at words, with ellipses where text was left out', () => {
    const filler = 'كلام عادي لا علاقة له بالموضوع '.repeat(20);
    const text = `${filler}قوات حفتر تقترب من طرابلس وحفتر يعلن ${filler}`;
    const { html, matches } = snippet(text, formsOf('حفتر'), 12);
    expect(matches).toBe(2);
    expect(html.startsWith('… ')).toBe(true);
    expect(html.endsWith(' …')).toBe(true);
    expect(marked(html)).toEqual(['حفتر', 'وحفتر']);
  });

  it('starts at the beginning when nothing matches, and keeps a short text whole', () => {
    expect(snippet('نص قصير عن ليبيا', formsOf('مصر')).html).toBe('نص قصير عن ليبيا');
    expect(snippet('كلمة '.repeat(100), formsOf('مصر'), 10).html.startsWith('كلمة')).toBe(true);
  });
});

describe('marking keeps the source text', () => {
  const unmark = (html: string) => html.replace(/<\/?mark>/gu, '');

  it('adjacent marked words followed by another match: no word repeated, the later mark in place', () => {
    const text = 'قال مجلس الأمن الدولي اليوم إن الأمن مهم';
    const at = (word: string, from = 0) => ({ start: text.indexOf(word, from), end: text.indexOf(word, from) + word.length });
    const spans = [at('مجلس'), at('الأمن'), at('الدولي'), at('الأمن', 20)];
    const html = markRange(text, spans);
    expect(unmark(html)).toBe(text);
    expect(marked(html)).toEqual(['مجلس الأمن الدولي', 'الأمن']);
  });

  it('any spans, overlapping or not, in any window: removing the marks gives the escaped source', () => {
    const text = 'مجلس الأمن الدولي <يدعو> إلى وقف إطلاق النار في ليبيا & اليمن';
    const escaped = (from: number, to: number) => text.slice(from, to).replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;');
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let round = 0; round < 2000; round++) {
      const spans = Array.from({ length: random(6) }, () => {
        const start = random(text.length);
        return { start, end: Math.min(text.length, start + 1 + random(12)) };
      }).sort((a, b) => a.start - b.start);
      const from = random(text.length);
      const to = from + random(text.length - from + 1);
      expect(unmark(markRange(text, spans, from, to))).toBe(escaped(from, to));
    }
  });
});

describe('snippet windows', () => {
  it('keep a matched name of several words whole at their edge', () => {
    const filler = 'كلام عادي لا علاقة له بالموضوع '.repeat(10);
    const text = `${filler}الفريق أول خليفة حفتر قائد الجيش ${filler}`;
    const start = text.indexOf('خليفة حفتر');
    const spec: MatchSpec = { exact: new Set(), prefix: null, spans: [{ start, end: start + 'خليفة حفتر'.length }] };
    for (let size = 4; size <= 40; size++) {
      const window = snippetWindow(text, spec, size);
      for (const span of window.spans) expect(window.text.slice(span.start, span.end)).toBe('خليفة حفتر');
    }
  });
});
