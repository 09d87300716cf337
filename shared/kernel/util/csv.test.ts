import { describe, expect, it } from 'vitest';
import { CsvSyntaxError, parseCsv } from './csv';

describe('parseCsv', () => {
  it('reads quoted commas, doubled quotes and embedded newlines', () => {
    const rows = parseCsv('a,"b, c","say ""hi"""\r\n"two\nlines",x,\n');
    expect(rows.map((r) => r.map((c) => c.value))).toEqual([
      ['a', 'b, c', 'say "hi"'],
      ['two\nlines', 'x', ''],
    ]);
  });

  it('remembers the line and column where each cell starts', () => {
    const rows = parseCsv('\uFEFFh1,h2\n\n10,"20"\n');
    expect(rows[1]!.map((c) => [c.line, c.column])).toEqual([
      [3, 1],
      [3, 4],
    ]);
  });

  it('rejects an unterminated quote with its position', () => {
    expect(() => parseCsv('a,b\n1,"oops\n')).toThrow(CsvSyntaxError);
    try {
      parseCsv('a,b\n1,"oops\n');
    } catch (err) {
      expect([(err as CsvSyntaxError).line, (err as CsvSyntaxError).column]).toEqual([2, 3]);
    }
  });
});
