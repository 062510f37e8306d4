import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadGazetteer, tagText } from '../../src/entities/index.ts';
import { spellingRule } from '../../src/entities/spelling-variants.ts';
import { DEFAULT_SPELLINGS_PATH, nameSpellings } from '../../src/entities/spellings.ts';

describe('transliteration rules', () => {
  it.each([
    ['نتنياهو', 'نتانياهو', 'long-vowel'],
    ['بوتين', 'بوتن', 'long-vowel'],
    ['ترامب', 'ترمب', 'long-vowel'],
    ['جوجل', 'غوغل', 'g-letter'],
    ['جوجل', 'قوقل', 'g-letter'],
    ['انطونيو', 'انتونيو', 'emphatic'],
    ['طاءف', 'طايف', 'hamza-ya'],
    ['ميليشيات', 'ميليشات', 'long-vowel'],
  ])('%s and %s are one name (%s)', (a, b, rule) => {
    expect(spellingRule(a, b)).toBe(rule);
    expect(spellingRule(b, a)).toBe(rule);
  });

  it('does not take a feminine nisba, a word of another length of change, or a short word for a spelling', () => {
    expect(spellingRule('سنغافوره', 'سنغافوريه')).toBeNull();
    expect(spellingRule('جوجل', 'غوجل')).toBeNull();
    expect(spellingRule('مصر', 'مصير')).toBeNull();
    expect(spellingRule('كامل', 'كمال')).toBeNull();
  });
});

describe('the spellings of names', () => {
  const spellings = nameSpellings(
    [['فلاديمير بوتين', 'بوتين'], ['بنيامين نتنياهو', 'نتانياهو'], ['الطائف']],
    [
      ['بوتين', 'بوتن'],
      ['فلاديمير', 'فلادمير'],
      ['طائف', 'طايف'],
    ],
  );

  it('joins listed spellings with those an entity’s own names show', () => {
    expect(spellings.of('نتنياهو')).toEqual(['نتنياهو', 'نتانياهو']);
    expect(spellings.of('نتانياهو')).toEqual(['نتنياهو', 'نتانياهو']);
    expect(spellings.of('بوتن')).toEqual(['بوتين', 'بوتن']);
    expect(spellings.of('بنيامين')).toBeUndefined();
  });

  it('writes a name with every combination of its words’ other spellings, keeping the article', () => {
    expect(spellings.variantsOf('فلاديمير بوتين').sort()).toEqual(['فلاديمير بوتن', 'فلادمير بوتن', 'فلادمير بوتين'].sort());
    expect(spellings.variantsOf('الطائف')).toEqual(['الطايف']);
    expect(spellings.variantsOf('الرياض')).toEqual([]);
  });
});

describe('index-config/name-variants.json', () => {
  const gazetteer = loadGazetteer();
  const groups = (JSON.parse(readFileSync(DEFAULT_SPELLINGS_PATH, 'utf8')) as { groups: { spellings: string[]; entities: string[]; checked: string }[] }).groups;

  it('names entities of the gazetteer, and says how each group was checked', () => {
    for (const group of groups) {
      for (const id of group.entities) expect(gazetteer.entities.has(id), id).toBe(true);
      expect(['corpus', 'hand']).toContain(group.checked);
    }
  });

  it('makes the tagger find a name in its other spellings, with the context rules of the name', () => {
    const ids = (text: string) => tagText(gazetteer, text).mentions.map((mention) => mention.entityId);
    expect(ids('قال الرئيس فلاديمير بوتن إن')).toEqual(['vladimir-putin']);
    expect(ids('أعلنت شركة «غوغل» وقوقل')).toEqual(['google', 'google']);
    expect(ids('شارك من خلال تويتر فيسبوك جوجل بلس اكتب رأيك')).toEqual([]);
    expect(ids('ميلشيات الحوثي في محافظة الطايف')).toEqual(['houthis', 'taif']);
  });
});
