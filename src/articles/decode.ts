/** Text of a file whatever its encoding, or why it cannot be read as text. */
export type Decoded = { text: string; encoding: string } | { error: string };

const ARABIC_LETTER_GLOBAL = /[\u0621-\u064A]/gu;

/**
 * UTF-8 (with or without BOM) and UTF-16 with BOM are read as they are. Bytes that are not UTF-8
 * are tried as Windows-1256, the legacy Arabic code page, and kept when that yields Arabic text.
 */
export function decodeText(bytes: Uint8Array): Decoded {
  if (bytes.length === 0) return { error: 'the file is empty' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'UTF-16LE' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'UTF-16BE' };
  if (looksBinary(bytes)) return { error: 'the file is binary, not text' };
  const text = new TextDecoder('utf-8').decode(bytes);
  if (!text.includes('\uFFFD')) return { text, encoding: 'UTF-8' };
  // Mostly valid multi-byte UTF-8 with a few bad bytes is damaged UTF-8, not another encoding.
  const valid = text.match(/[^\u0000-\u007F\uFFFD]/gu)?.length ?? 0;
  const invalid = text.match(/\uFFFD/gu)?.length ?? 0;
  if (valid > invalid) {
    const line = text.slice(0, text.indexOf('\uFFFD')).split('\n').length;
    return { error: `invalid UTF-8 bytes (first on line ${line})` };
  }
  const legacy = new TextDecoder('windows-1256').decode(bytes);
  const letters = legacy.match(/\p{L}/gu)?.length ?? 0;
  const arabic = legacy.match(ARABIC_LETTER_GLOBAL)?.length ?? 0;
  if (arabic > 0 && arabic >= 0.5 * letters) return { text: legacy, encoding: 'Windows-1256' };
  return { error: 'the file is neither UTF-8, UTF-16 with BOM nor Windows-1256 Arabic' };
}

/** NUL bytes or many control bytes in the first KB mean binary data (UTF-16 without BOM included). */
function looksBinary(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, 1024);
  let control = 0;
  for (const byte of head) {
    if (byte === 0) return true;
    if (byte < 9 || (byte > 13 && byte < 32)) control++;
  }
  return control > head.length / 10;
}

const NAMED_ENTITIES: Record<string, string> = { quot: '"', amp: '&', lt: '<', gt: '>', apos: "'", nbsp: ' ' };

/** Scraped news carries HTML entities (`&quot;`); the archive stores the characters they stand for. */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/giu, (entity, body: string) => {
    if (body.startsWith('#')) {
      const code = body[1] === 'x' || body[1] === 'X' ? Number.parseInt(body.slice(2), 16) : Number(body.slice(1));
      return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
    }
    return NAMED_ENTITIES[body.toLowerCase()] ?? entity;
  });
}
