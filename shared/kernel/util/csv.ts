/**
 * RFC 4180 CSV reading that remembers where every cell started, so importers can report
 * `file:line:column` errors. Quoted fields may contain commas, quotes ("") and newlines; a UTF-8
 * byte-order mark (Excel, Ads Manager exports) is skipped.
 */
export interface CsvCell {
  value: string;
  /** 1-based line and character column where the cell starts. */
  line: number;
  column: number;
}
export type CsvRecord = CsvCell[];

export class CsvSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
  }
}

export function parseCsv(text: string): CsvRecord[] {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let record: CsvRecord = [];
  let line = 1;
  let col = 1;
  let i = 0;
  const atRecordEnd = () => i >= src.length || src[i] === '\n' || src[i] === '\r';
  while (i < src.length || record.length > 0) {
    const start = { line, column: col };
    let value = '';
    if (src[i] === '"') {
      i++;
      col++;
      for (;;) {
        if (i >= src.length) throw new CsvSyntaxError('unterminated quoted field', start.line, start.column);
        const ch = src[i]!;
        if (ch === '"') {
          if (src[i + 1] === '"') {
            value += '"';
            i += 2;
            col += 2;
            continue;
          }
          i++;
          col++;
          break;
        }
        if (ch === '\n') {
          line++;
          col = 1;
        } else col++;
        value += ch;
        i++;
      }
      if (!atRecordEnd() && src[i] !== ',')
        throw new CsvSyntaxError('unexpected character after a closing quote', line, col);
    } else {
      while (!atRecordEnd() && src[i] !== ',') {
        value += src[i];
        i++;
        col++;
      }
    }
    record.push({ value, ...start });
    if (src[i] === ',') {
      i++;
      col++;
      continue;
    }
    // End of record: \r\n, \n or end of input. Blank lines are skipped.
    if (src[i] === '\r') i++;
    if (src[i] === '\n') i++;
    if (!(record.length === 1 && record[0]!.value === '')) records.push(record);
    record = [];
    line++;
    col = 1;
    if (i >= src.length) break;
  }
  return records;
}
