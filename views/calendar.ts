// Dates and numbers as the pages write them; imports nothing, so the web layer's citations can use it too.
const gregorian = new Intl.DateTimeFormat('ar', { dateStyle: 'long', calendar: 'gregory', timeZone: 'UTC' });
const hijri = new Intl.DateTimeFormat('ar-SA-u-ca-islamic-umalqura', { dateStyle: 'long', timeZone: 'UTC' });
const numbers = new Intl.NumberFormat('ar');

/** `٢١ يوليو ٢٠١٥` and `٥ شوال ١٤٣٦ هـ` for an ISO date, or null. */
export function formatDate(date: string | null): { gregorian: string; hijri: string } | null {
  if (!date) return null;
  const time = Date.parse(`${date}T12:00:00Z`);
  if (Number.isNaN(time)) return null;
  return { gregorian: gregorian.format(time), hijri: hijri.format(time) };
}

export const formatNumber = (value: number): string => numbers.format(value);
