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
