import { type CsvCell, CsvSyntaxError, parseCsv } from '../../../kernel/util/csv';
import type { FileProblems } from '../../../kernel/util/import-problems';

/**
 * A CSV export read as rows addressed by header name, every problem recorded as
 * `file:line:column`. Shopify renamed its export headers over the years (the 2025 product export
 * says "URL handle" and "SKU" where the classic one said "Handle" and "Variant SKU"), so a column is
 * named once, canonically, with the other spellings it may have. A row with a bad cell is recorded
 * and skipped (`eachRow`), so one pass lists every problem of the file.
 */
export interface Row {
  line: number;
  get(header: string): string;
  /** The cell, or a recorded problem at its position (and the row skipped) if empty or unparsable. */
  require<T>(header: string, parse: (v: string) => T | undefined, what: string): T;
  optional<T>(header: string, parse: (v: string) => T | undefined, what: string): T | undefined;
  fail(header: string, message: string): never;
  has(header: string): boolean;
}

/** Thrown by a Row to abandon the row once its problem is recorded. */
class RowRejected extends Error {}

export type HeaderAliases = Readonly<Record<string, readonly string[]>>;

export interface Table {
  rows: Row[];
  has(header: string): boolean;
}

export function readTable(
  text: string,
  problems: FileProblems,
  required: readonly string[],
  aliases: HeaderAliases = {},
): Table | undefined {
  let records: CsvCell[][];
  try {
    records = parseCsv(text);
  } catch (err) {
    if (!(err instanceof CsvSyntaxError)) throw err;
    problems.add(err, `${err.message}: the file is not valid CSV from this point`);
    return undefined;
  }
  const [header, ...body] = records;
  if (!header) {
    problems.add({ line: 1, column: 1 }, 'the file is empty');
    return undefined;
  }
  const positions = new Map(header.map((c, i) => [c.value.trim(), i]));
  const indexOf = (h: string) =>
    [h, ...(aliases[h] ?? [])].map((name) => positions.get(name)).find((i) => i !== undefined);
  const missing = required.filter((h) => indexOf(h) === undefined);
  if (missing.length) {
    problems.add(
      { line: header[0]?.line ?? 1, column: 1 },
      `the header row has no ${missing.map((m) => `"${m}"`).join(', ')} column${missing.length === 1 ? '' : 's'}`,
    );
    return undefined;
  }
  const rows = body.map((cells) => {
    const line = cells[0]?.line ?? 0;
    const cell = (h: string) => {
      const i = indexOf(h);
      return i === undefined ? undefined : cells[i];
    };
    const headerOf = (h: string) => {
      const i = indexOf(h);
      return i === undefined ? h : (header[i]?.value.trim() ?? h);
    };
    const row: Row = {
      line,
      has: (h) => indexOf(h) !== undefined,
      get: (h) => cell(h)?.value.trim() ?? '',
      fail(h, message) {
        const c = cell(h);
        problems.add({ line: c?.line ?? line, column: c?.column ?? 1 }, `"${headerOf(h)}" ${message}`);
        throw new RowRejected();
      },
      optional(h, parse, what) {
        const v = row.get(h);
        if (v === '') return undefined;
        const parsed = parse(v);
        if (parsed === undefined) row.fail(h, `should be ${what}, not "${v}"`);
        return parsed;
      },
      require(h, parse, what) {
        const v = row.optional(h, parse, what);
        if (v === undefined) row.fail(h, `is empty; it should be ${what}`);
        return v;
      },
    };
    return row;
  });
  return { rows, has: (h) => indexOf(h) !== undefined };
}

/** Runs `fn` on each row; a row whose problem was recorded is skipped, the others are kept. */
export function eachRow<T>(rows: readonly Row[], fn: (row: Row) => T | undefined): T[] {
  const out: T[] = [];
  for (const row of rows) {
    try {
      const v = fn(row);
      if (v !== undefined) out.push(v);
    } catch (err) {
      if (!(err instanceof RowRejected)) throw err;
    }
  }
  return out;
}

export const decimal = (v: string) =>
  /^-?\d+(\.\d+)?$/.test(v.replace(/,/g, '')) ? v.replace(/,/g, '') : undefined;
export const integer = (v: string) => (/^-?\d+$/.test(v) ? Number(v) : undefined);
export const text = (v: string) => v;

/** Shopify's CSV timestamps: `2024-01-15 10:23:45 -0500` → ISO 8601 with offset. */
export const shopifyTime = (v: string) => {
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2}) ?([+-]\d{2}):?(\d{2})$/.exec(v);
  return m ? `${m[1]}T${m[2]}${m[3]}:${m[4]}` : undefined;
};
