/**
 * The one digit system of every number the pages write (counts, page and section numbers, both
 * dates): Latin, the digits the archive's own articles are written in, drawn by the font's Latin
 * subset (docs/decisions.md#digit-system). URLs and form values are ASCII whatever this says.
 */
export const DIGIT_SYSTEM = 'latn';

const gregorian = new Intl.DateTimeFormat(`ar-u-nu-${DIGIT_SYSTEM}`, { dateStyle: 'long', calendar: 'gregory', timeZone: 'UTC' });
const hijri = new Intl.DateTimeFormat(`ar-SA-u-ca-islamic-umalqura-nu-${DIGIT_SYSTEM}`, { dateStyle: 'long', timeZone: 'UTC' });
const numbers = new Intl.NumberFormat(`ar-u-nu-${DIGIT_SYSTEM}`);

/** `21 يوليو 2015` and `5 شوال 1436 هـ` for an ISO date, or null. */
export function formatDate(date: string | null): { gregorian: string; hijri: string } | null {
  if (!date) return null;
  const time = Date.parse(`${date}T12:00:00Z`);
  if (Number.isNaN(time)) return null;
  return { gregorian: gregorian.format(time), hijri: hijri.format(time) };
}

export const formatNumber = (value: number): string => numbers.format(value);

export interface SearchState {
  q: string;
  regions: readonly string[];
  actors: readonly string[];
  page?: number;
}

/** The URL of a search state: the one place that writes the query parameters. */
export function searchUrl(state: SearchState): string {
  const params = new URLSearchParams();
  if (state.q.trim() !== '') params.set('q', state.q);
  for (const region of state.regions) params.append('region', region);
  for (const actor of state.actors) params.append('actor', actor);
  if (state.page && state.page > 1) params.set('page', String(state.page));
  const query = params.toString();
  return query === '' ? '/search' : `/search?${query}`;
}

export const toggle = (values: readonly string[], value: string): string[] => (values.includes(value) ? values.filter((v) => v !== value) : [...values, value]);

type PluralForms = Record<Intl.LDMLPluralRule, string>;
const plurals = new Intl.PluralRules('ar');

/** Nouns counted on the pages, in each of Arabic's number forms (2 مقالان, 3–10 مقالات, 11–99 مقالًا, 100 مقال). */
export const NOUNS = {
  article: { zero: 'مقال', one: 'مقال', two: 'مقالان', few: 'مقالات', many: 'مقالًا', other: 'مقال' },
  section: { zero: 'مقطع', one: 'مقطع', two: 'مقطعان', few: 'مقاطع', many: 'مقطعًا', other: 'مقطع' },
} satisfies Record<string, PluralForms>;

/** The noun in the form its count asks for. */
export const countNoun = (count: number, forms: PluralForms): string => forms[plurals.select(count)];
