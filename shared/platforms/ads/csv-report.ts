import { parseDecimalToMinor } from '../../domain/money';
import { isLocalDate, type LocalDate } from '../../domain/time';
import { ValidationError } from '../../kernel/errors';
import { type CsvCell, type CsvRecord, CsvSyntaxError, parseCsv } from '../../kernel/util/csv';

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
}

export class ReportErrors {
  readonly messages: string[] = [];
  constructor(readonly file: string) {}
  add(at: { line: number; column: number }, message: string): void {
    this.messages.push(`${this.file}:${at.line}:${at.column}: ${message}`);
  }
  /** Throws one ValidationError naming every problem (the first 50). */
  throwIfAny(): void {
    if (this.messages.length === 0) return;
    const shown = this.messages.slice(0, 50);
    const more =
      this.messages.length > shown.length ? `\n… and ${this.messages.length - shown.length} more` : '';
    throw new ValidationError(`${shown.join('\n')}${more}`, { details: this.messages });
  }
}

export interface ReportTable<K extends string> {
  rows: Array<{ line: number; get(key: K): ReportCell }>;
  /** The header text matched for a key (e.g. "Amount spent (EUR)"). */
  header(key: K): string | undefined;
}

const matches = (name: string, spec: readonly string[] | RegExp) =>
  Array.isArray(spec) ? spec.includes(name) : (spec as RegExp).test(name);

export function readReportTable<K extends string>(
  text: string,
  errors: ReportErrors,
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
  const headerAt = records.findIndex((r) =>
    required.every((k) => r.some((c) => matches(c.value.trim(), columns[k]))),
  );
  if (headerAt < 0) {
    errors.add(
      { line: 1, column: 1 },
      `no header row with the columns ${required.map((k) => describe(columns[k])).join(', ')}`,
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
        return { text: t === undefined || t === '' || t === '--' || t === '-' ? undefined : t, cell };
      },
    }));
  return { rows, header: (k) => (index.has(k) ? header[index.get(k)!]!.value.trim() : undefined) };
}

function describe(spec: readonly string[] | RegExp): string {
  return Array.isArray(spec) ? `"${spec[0]}"` : String(spec);
}

/** Typed cell readers that record a positioned error and return undefined on bad input. */
export function cellReaders(errors: ReportErrors, row: { line: number }) {
  const at = (c: ReportCell) => c.cell ?? { line: row.line, column: 1 };
  return {
    date(c: ReportCell, what: string): LocalDate | undefined {
      if (c.text && isLocalDate(c.text)) return c.text;
      errors.add(at(c), `${what}: expected a date YYYY-MM-DD${c.text ? `, got "${c.text}"` : ''}`);
      return undefined;
    },
    text(c: ReportCell, what: string): string | undefined {
      if (c.text) return c.text;
      errors.add(at(c), `${what} is empty`);
      return undefined;
    },
    /** Counts and amounts as exports write them: "1,234", "12.50", empty = 0. */
    number(c: ReportCell, what: string): number | undefined {
      if (!c.text) return 0;
      const n = Number(c.text.replace(/,/g, ''));
      if (Number.isFinite(n) && n >= 0) return n;
      errors.add(at(c), `${what}: not a number "${c.text}"`);
      return undefined;
    },
    money(c: ReportCell, currency: string, what: string): number | undefined {
      if (!c.text) return 0;
      try {
        return parseDecimalToMinor(c.text.replace(/,/g, ''), currency);
      } catch {
        errors.add(at(c), `${what}: not an amount "${c.text}"`);
        return undefined;
      }
    },
  };
}
