import { type CsvCell, CsvSyntaxError, parseCsv } from '../../kernel/util/csv';

/**
 * The small CSVs a merchant writes by hand or exports from another tool (click ids resolved
 * elsewhere, promoted products per campaign): a header row naming the columns (any order, any
 * case, extra columns ignored), then one row per line. Every problem is listed as
 * `file:line:column: message`, up to MAX_PROBLEMS, with the count of the rest.
 */
export const MAX_PROBLEMS = 50;

export interface TableProblems {
  readonly problems: string[];
  /** Problems found in all, including those past the cap. */
  readonly count: number;
}

export type TableResult<R> =
  | { readonly ok: true; readonly rows: R[] }
  | ({ readonly ok: false } & TableProblems);

/** What a row's cells produce: a value, or the reasons (with the cell) it cannot be read. */
export type RowResult<R> =
  | { ok: true; value: R }
  | { ok: false; errors: Array<{ cell: CsvCell; message: string }> };

export function readTable<C extends string, R>(
  text: string,
  file: string,
  columns: readonly C[],
  readRow: (cells: Record<C, CsvCell>) => RowResult<R>,
): TableResult<R> {
  const problems: string[] = [];
  let count = 0;
  const problem = (line: number, column: number, message: string) => {
    count++;
    if (problems.length < MAX_PROBLEMS) problems.push(`${file}:${line}:${column}: ${message}`);
  };
  let records: CsvCell[][];
  try {
    records = parseCsv(text).filter((r) => r.some((c) => c.value.trim() !== ''));
  } catch (err) {
    if (!(err instanceof CsvSyntaxError)) throw err;
    problem(err.line, err.column, err.message);
    return { ok: false, problems, count };
  }
  const header = records[0];
  if (!header) {
    problem(1, 1, `the file is empty; its first line should name the columns ${columns.join(', ')}`);
    return { ok: false, problems, count };
  }
  const index = new Map(header.map((c, i) => [c.value.trim().toLowerCase(), i]));
  const missing = columns.filter((c) => !index.has(c));
  if (missing.length) {
    problem(
      1,
      1,
      `the header row lacks the column${missing.length > 1 ? 's' : ''} ${missing.map((m) => `"${m}"`).join(', ')} (it needs ${columns.join(', ')})`,
    );
    return { ok: false, problems, count };
  }
  const rows: R[] = [];
  for (const record of records.slice(1)) {
    const cells = {} as Record<C, CsvCell>;
    const line = record[0]?.line ?? 0;
    for (const c of columns) {
      const at = index.get(c)!;
      cells[c] = record[at] ?? { value: '', line, column: (record.at(-1)?.column ?? 1) + 1 };
    }
    const read = readRow(cells);
    if (read.ok) rows.push(read.value);
    else for (const e of read.errors) problem(e.cell.line, e.cell.column, e.message);
  }
  if (rows.length === 0 && count === 0) problem(2, 1, 'the file has a header row but no rows under it');
  return count ? { ok: false, problems, count } : { ok: true, rows };
}

/** The error of a failed table, for the API and the CLI: every problem on its own line. */
export function describeProblems(p: TableProblems): string {
  const more = p.count - p.problems.length;
  return `${p.problems.join('\n')}${more > 0 ? `\n… and ${more} more problem${more > 1 ? 's' : ''}` : ''}`;
}
