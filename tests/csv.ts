// RFC 4180 as a spreadsheet program reads it: records end with CRLF, a quoted field may hold commas,
// line breaks and doubled quotes. Strict: a stray quote or a bare LF is an error.

export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let at = 0;
  while (at < text.length) {
    if (text[at] === '"' && field === '') {
      const end = closingQuote(text, at);
      field = text.slice(at + 1, end).replaceAll('""', '"');
      at = end + 1;
      if (at < text.length && text[at] !== ',' && !text.startsWith('\r\n', at)) throw new Error(`text after a closing quote at ${at}`);
    } else if (text[at] === ',') {
      record.push(field);
      field = '';
      at++;
    } else if (text.startsWith('\r\n', at)) {
      records.push([...record, field]);
      record = [];
      field = '';
      at += 2;
    } else {
      if (text[at] === '"' || text[at] === '\n' || text[at] === '\r') throw new Error(`an unquoted ${JSON.stringify(text[at])} at ${at}`);
      field += text[at];
      at++;
    }
  }
  if (field !== '' || record.length > 0) throw new Error('the last record does not end with CRLF');
  return records;
}

function closingQuote(text: string, open: number): number {
  for (let at = open + 1; at < text.length; at++) {
    if (text[at] !== '"') continue;
    if (text[at + 1] === '"') at++;
    else return at;
  }
  throw new Error(`a quote opened at ${open} never closes`);
}
