import { describe, expect, it } from 'vitest';
import { type Column, sortRows } from './data-table';

interface Row {
  name: string;
  spend: number;
  cover: number | null;
}
const rows: Row[] = [
  { name: 'Trail Bottle', spend: 500, cover: 0 },
  { name: 'Alpine Throw', spend: 0, cover: null },
  { name: 'Velocity Runner', spend: 1900, cover: 2.5 },
];
const columns: Column<Row>[] = [
  { label: 'Product', cell: (r) => r.name, sortValue: (r) => r.name },
  { label: 'Spend', numeric: true, cell: (r) => r.spend, sortValue: (r) => r.spend },
  { label: 'Cover', numeric: true, cell: (r) => r.cover, sortValue: (r) => r.cover },
  { label: 'Notes', cell: () => '' },
];
const names = (rs: readonly Row[]) => rs.map((r) => r.name);

describe('sortable tables', () => {
  it('keeps the order it was given until a column is picked', () => {
    expect(names(sortRows(rows, columns, null))).toEqual(['Trail Bottle', 'Alpine Throw', 'Velocity Runner']);
  });
  it('sorts numbers biggest first and text A–Z', () => {
    expect(names(sortRows(rows, columns, { column: 1, descending: true }))).toEqual([
      'Velocity Runner',
      'Trail Bottle',
      'Alpine Throw',
    ]);
    expect(names(sortRows(rows, columns, { column: 0, descending: false }))).toEqual([
      'Alpine Throw',
      'Trail Bottle',
      'Velocity Runner',
    ]);
  });
  it('puts rows without a value last either way', () => {
    expect(names(sortRows(rows, columns, { column: 2, descending: false })).at(-1)).toBe('Alpine Throw');
    expect(names(sortRows(rows, columns, { column: 2, descending: true })).at(-1)).toBe('Alpine Throw');
  });
  it('ignores a column that cannot sort', () => {
    expect(names(sortRows(rows, columns, { column: 3, descending: false }))).toEqual(names(rows));
  });
});
