/** One article of the archive, as read from any of the input formats. */
export interface Article {
  /** The id given by the source (file name, front matter or NDJSON field); any characters. */
  id: string;
  title: string;
  /** ISO date (YYYY-MM-DD) or null when the source has none. */
  date: string | null;
  source: string | null;
  url: string | null;
  sections: Section[];
  /** Where it came from, for messages and for deleting articles that left their file. */
  origin: { file: string; line: number };
}

/** A heading and its paragraphs. Section numbers start at 1; the lead is section 1. */
export interface Section {
  n: number;
  heading: string | null;
  paragraphs: string[];
}

/** A problem with one article or file: reported with its place, never fatal for the others. */
export interface ReadProblem {
  file: string;
  line: number | null;
  message: string;
}

export type ReadResult = { article: Article } | { problem: ReadProblem };

/** A date as the input formats must give it: YYYY-MM-DD, maybe followed by a time. */
export const ISO_DATE = /^\d{4}-\d{2}-\d{2}/u;
