/**
 * The first rows an import would write, as a small table a merchant reads before confirming:
 * headers in words ("UTM campaign", "SKU"), so every surface (the web page, the CLI) shows them
 * as they are, and each column says what its cells hold, so a surface formats dates and counts
 * its own way.
 */
export type SampleCell = string | number | null;

export interface SampleColumn {
  header: string;
  /** `date`: a brand-timezone day (`2026-03-02`); `number`: a count; `text`: shown as it is (amounts come formatted). */
  kind: 'text' | 'date' | 'number';
}

export interface ImportSample {
  columns: SampleColumn[];
  /** One array a row, its cells in the order of `columns`. */
  rows: SampleCell[][];
}

/** A column of a sample: its header, its kind (`text` by default) and its cell for one item. */
export interface SampleField<T> {
  header: string;
  kind?: SampleColumn['kind'];
  cell: (item: T) => SampleCell;
}

/** The sample of `items` (already cut to the rows to show) in the given columns; none without items. */
export function sampleOf<T>(items: readonly T[], fields: readonly SampleField<T>[]): ImportSample {
  if (items.length === 0) return { columns: [], rows: [] };
  return {
    columns: fields.map((f) => ({ header: f.header, kind: f.kind ?? 'text' })),
    rows: items.map((item) => fields.map((f) => f.cell(item))),
  };
}
