import { ValidationError } from '../../../kernel/errors';
import { type CsvCell, CsvSyntaxError, parseCsv } from '../../../kernel/util/csv';

/**
 * A CSV export read as rows addressed by header name, every error naming `file:line:column`.
 * Shopify's admin exports have stable English headers; required ones are checked up front.
 */
export interface Row {
  line: number;
  get(header: string): string;
  /** The cell, or a ValidationError at its position if it is empty or fails `parse`. */
  require<T>(header: string, parse: (v: string) => T | undefined, what: string): T;
  optional<T>(header: string, parse: (v: string) => T | undefined, what: string): T | undefined;
  fail(header: string, message: string): never;
}

export function readTable(text: string, file: string, required: readonly string[]): Row[] {
  let records: CsvCell[][];
  try {
    records = parseCsv(text);
  } catch (err) {
    if (err instanceof CsvSyntaxError)
      throw new ValidationError(`${file}:${err.line}:${err.column}: ${err.message}`);
    throw err;
  }
  const [header, ...body] = records;
  if (!header) throw new ValidationError(`${file}:1:1: empty file`);
  const index = new Map(header.map((c, i) => [c.value.trim(), i]));
  const missing = required.filter((h) => !index.has(h));
  if (missing.length)
    throw new ValidationError(`${file}:1:1: missing column(s) ${missing.map((m) => `"${m}"`).join(', ')}`);
  return body.map((cells) => {
    const line = cells[0]?.line ?? 0;
    const cell = (h: string) => {
      const i = index.get(h);
      return i === undefined ? undefined : cells[i];
    };
    const row: Row = {
      line,
      get: (h) => cell(h)?.value.trim() ?? '',
      fail(h, message) {
        const c = cell(h);
        throw new ValidationError(`${file}:${c?.line ?? line}:${c?.column ?? 1}: ${h}: ${message}`);
      },
      optional(h, parse, what) {
        const v = row.get(h);
        if (v === '') return undefined;
        const parsed = parse(v);
        if (parsed === undefined) row.fail(h, `expected ${what}, got "${v}"`);
        return parsed;
      },
      require(h, parse, what) {
        const v = row.optional(h, parse, what);
        if (v === undefined) row.fail(h, `expected ${what}, got nothing`);
        return v;
      },
    };
    return row;
  });
}

export const decimal = (v: string) => (/^-?\d+(\.\d+)?$/.test(v) ? v : undefined);
export const integer = (v: string) => (/^-?\d+$/.test(v) ? Number(v) : undefined);
export const text = (v: string) => v;

/** Shopify's CSV timestamps: `2024-01-15 10:23:45 -0500` → ISO 8601 with offset. */
export const shopifyTime = (v: string) => {
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2}) ?([+-]\d{2}):?(\d{2})$/.exec(v);
  return m ? `${m[1]}T${m[2]}${m[3]}:${m[4]}` : undefined;
};
