import { createHash } from 'node:crypto';

/** An Atom (RFC 4287) entry: one article. */
export interface AtomEntry {
  /** A permanent IRI: the same article keeps it across requests, hosts and reindexing. */
  id: string;
  title: string;
  /** Absolute link to the section the entry lands on. */
  url: string;
  /** RFC 3339 date-time. */
  updated: string;
  /** Plain text. */
  summary: string;
  author: string | null;
}

export interface AtomFeed {
  id: string;
  title: string;
  /** The feed's own absolute URL (rel=self) and the page it follows (rel=alternate). */
  selfUrl: string;
  pageUrl: string;
  updated: string;
  author: string;
  entries: AtomEntry[];
}

/** Characters XML 1.0 does not allow anywhere (C0 controls but tab and newlines, lone surrogates (a `u` pattern sees a pair as one character), U+FFFE/U+FFFF): an article holding one must not break the feed. */
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ud800-\udfff\ufffe\uffff]/gu;

/** Text escaped for XML content and attribute values. */
export function xmlText(value: string): string {
  return value.replace(NOT_XML, '').replace(/[&<>"']/gu, (char) => XML_ENTITIES[char] ?? char);
}
const XML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** A name-based UUID (version 5, RFC 9562) as a URN: the same name gives the same id on every host. */
export function uuidUrn(name: string): string {
  const bytes = createHash('sha1').update(ARCHIVE_NAMESPACE).update(name, 'utf8').digest().subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
/** This archive's namespace for its name-based ids (a random UUID, fixed once). */
const ARCHIVE_NAMESPACE = Buffer.from('3f0c9a52e8b64f0d9b1e6a7c2d45e810', 'hex');

/** The midnight (UTC) that starts an ISO date, as RFC 3339. */
export const startOfDay = (date: string): string => `${date}T00:00:00Z`;

/** When nothing was ever published in a feed: its `updated` must still be a date. */
export const NEVER = '1970-01-01T00:00:00Z';

export function atomXml(feed: AtomFeed): string {
  const element = (name: string, text: string, attributes = '') => `<${name}${attributes}>${xmlText(text)}</${name}>`;
  const entries = feed.entries.map((entry) =>
    [
      '<entry>',
      element('id', entry.id),
      element('title', entry.title, ' type="text"'),
      `<link rel="alternate" type="text/html" href="${xmlText(entry.url)}"/>`,
      element('updated', entry.updated),
      element('published', entry.updated),
      entry.author ? `<author>${element('name', entry.author)}</author>` : '',
      element('summary', entry.summary, ' type="text"'),
      '</entry>',
    ].join(''),
  );
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="ar">',
    element('id', feed.id),
    element('title', feed.title, ' type="text"'),
    element('updated', feed.updated),
    `<link rel="self" type="application/atom+xml" href="${xmlText(feed.selfUrl)}"/>`,
    `<link rel="alternate" type="text/html" href="${xmlText(feed.pageUrl)}"/>`,
    `<author>${element('name', feed.author)}</author>`,
    '<generator>arabic-archive-search</generator>',
    ...entries,
    '</feed>',
    '',
  ].join('\n');
}
