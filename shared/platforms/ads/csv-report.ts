import { parseDecimalToMinor } from '../../domain/money';
import { isLocalDate, type LocalDate } from '../../domain/time';
import { type CsvCell, type CsvRecord, CsvSyntaxError, parseCsv } from '../../kernel/util/csv';
import type { FileProblems } from '../../kernel/util/import-problems';

/**
 * Reading a platform's own report export: find the header row (Google Ads puts a title and a date
 * range above it), look columns up by the names the platform writes, and collect every problem as
 * `file:line:column: message` so a file is loaded whole or not at all.
 */
export type ColumnNames = Record<string, readonly string[] | RegExp>;

export interface ReportCell {
  /** Trimmed text; undefined when the column is absent or the cell is empty / "--". */
  text: string | undefined;
  cell: CsvCell | undefined;
  /** The column's header as the file spells it ("Amount spent (EUR)"), when the column exists. */
  header: string | undefined;
}

export interface ReportTable<K extends string> {
  rows: Array<{ line: number; get(key: K): ReportCell }>;
  /** The header text matched for a key (e.g. "Amount spent (EUR)"). */
  header(key: K): string | undefined;
  /** The header row's line (Google Ads downloads put a title and a date range above it). */
  headerLine: number;
}

const matches = (name: string, spec: readonly string[] | RegExp) =>
  Array.isArray(spec) ? spec.includes(name) : (spec as RegExp).test(name);

export function readReportTable<K extends string>(
  text: string,
  errors: FileProblems,
  columns: Record<K, readonly string[] | RegExp>,
  required: readonly K[],
  options: { skipRow?: (first: string) => boolean } = {},
): ReportTable<K> | undefined {
  let records: CsvRecord[];
  try {
    records = parseCsv(text);
  } catch (err) {
    if (err instanceof CsvSyntaxError) errors.add(err, err.message);
    else throw err;
    return undefined;
  }
  const keys = Object.keys(columns) as K[];
  const hits = (r: CsvRecord) => required.filter((k) => r.some((c) => matches(c.value.trim(), columns[k])));
  const headerAt = records.findIndex((r) => hits(r).length === required.length);
  if (headerAt < 0) {
    // Name exactly what is missing from the row that looks most like the header.
    const best = records
      .slice(0, 20)
      .reduce<CsvRecord | undefined>((a, r) => (!a || hits(r).length > hits(a).length ? r : a), undefined);
    const found = best ? hits(best) : [];
    const missing = required.filter((k) => !found.includes(k));
    errors.add(
      { line: best?.[0]?.line ?? 1, column: 1 },
      found.length
        ? `the header row has no ${missing.map((k) => describe(columns[k])).join(', ')} column${missing.length === 1 ? '' : 's'}`
        : `no header row found: expected the columns ${required.map((k) => describe(columns[k])).join(', ')}`,
    );
    return undefined;
  }
  const header = records[headerAt]!;
  const index = new Map<K, number>();
  for (const k of keys) {
    const i = header.findIndex((c) => matches(c.value.trim(), columns[k]));
    if (i >= 0) index.set(k, i);
  }
  const rows = records
    .slice(headerAt + 1)
    .filter((r) => !options.skipRow?.(r[0]?.value.trim() ?? ''))
    .map((record) => ({
      line: record[0]!.line,
      get(key: K): ReportCell {
        const i = index.get(key);
        const cell = i === undefined ? undefined : record[i];
        const t = cell?.value.trim();
        return {
          text: t === undefined || t === '' || t === '--' || t === '-' ? undefined : t,
          cell,
          header: i === undefined ? undefined : header[i]!.value.trim(),
        };
      },
    }));
  return {
    rows,
    header: (k) => (index.has(k) ? header[index.get(k)!]!.value.trim() : undefined),
    headerLine: header[0]?.line ?? 1,
  };
}

/** A column as a merchant would look for it: its first name, or the pattern's readable form. */
function describe(spec: readonly string[] | RegExp): string {
  if (Array.isArray(spec)) return `"${spec[0]}"`;
  const source = (spec as RegExp).source.replace(/^\^|\$$/g, '');
  return `"${source.replace(/\\\(|\\\)/g, (m) => m[1]!).replace(/\[A-Z\]\{3\}/g, 'CCY')}"`;
}

/**
 * Typed cell readers that record a positioned problem and return undefined on bad input. Problems
 * name the column as the file spells it, so a merchant can find the cell in a spreadsheet.
 */
export function cellReaders(errors: FileProblems, row: { line: number }) {
  const at = (c: ReportCell) => c.cell ?? { line: row.line, column: 1 };
  const name = (c: ReportCell, what: string) => (c.header ? `"${c.header}"` : what);
  return {
    date(c: ReportCell, what: string): LocalDate | undefined {
      if (c.text && isLocalDate(c.text)) return c.text;
      errors.add(
        at(c),
        c.text
          ? `${name(c, what)} should be a date like 2026-03-01, not "${c.text}"`
          : `${name(c, what)} is empty; every row needs a date`,
      );
      return undefined;
    },
    text(c: ReportCell, what: string): string | undefined {
      if (c.text) return c.text;
      errors.add(at(c), `${name(c, what)} is empty`);
      return undefined;
    },
    /** Counts as exports write them: "1,234", "4.5" (modelled conversions), empty = 0. */
    number(c: ReportCell, what: string): number | undefined {
      if (!c.text) return 0;
      const n = Number(c.text.replace(/,/g, ''));
      if (Number.isFinite(n) && n >= 0) return n;
      errors.add(at(c), `${name(c, what)} should be a number, not "${c.text}"`);
      return undefined;
    },
    money(c: ReportCell, currency: string, what: string): number | undefined {
      if (!c.text) return 0;
      try {
        return parseDecimalToMinor(c.text.replace(/,/g, ''), currency);
      } catch {
        errors.add(at(c), `${name(c, what)} should be an amount like 1,234.50, not "${c.text}"`);
        return undefined;
      }
    },
  };
}
