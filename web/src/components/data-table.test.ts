import { describe, expect, it } from 'vitest';
import { type Column, overflowEdges, sortRows } from './data-table';
import { needsPager, pageOf } from './paging';

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

describe('paged tables', () => {
  const forty = Array.from({ length: 40 }, (_, i) => i + 1);

  it('shows rows 1–25 of 40 on the first page and 26–40 on the second', () => {
    expect(pageOf(forty, 1, 25)).toMatchObject({ first: 1, last: 25, total: 40, page: 1, pages: 2 });
    const second = pageOf(forty, 2, 25);
    expect(second).toMatchObject({ first: 26, last: 40, page: 2 });
    expect(second.rows).toEqual(forty.slice(25));
  });

  it('lands on the last page when the table shrinks under it (a filter), and on page 1 below it', () => {
    expect(pageOf(forty.slice(0, 12), 3, 10)).toMatchObject({ page: 2, first: 11, last: 12 });
    expect(pageOf(forty, 0, 10).page).toBe(1);
  });

  it('says 0–0 of 0 for an empty table', () => {
    expect(pageOf([], 1, 25)).toMatchObject({ first: 0, last: 0, total: 0, pages: 1 });
  });

  it('pages after sorting, so page one holds the biggest numbers', () => {
    const byNumber: Column<number>[] = [{ label: 'n', numeric: true, cell: (n) => n, sortValue: (n) => n }];
    const sorted = sortRows(forty, byNumber, { column: 0, descending: true });
    expect(pageOf(sorted, 1, 10).rows[0]).toBe(40);
  });

  it('shows the pager only when the rows run over more than one page', () => {
    // Eleven campaigns at 25 a page: no "Rows 1–11 of 11" with two buttons that cannot be pressed.
    expect(needsPager(pageOf(forty.slice(0, 11), 1, 25))).toBe(false);
    expect(needsPager(pageOf(forty.slice(0, 25), 1, 25))).toBe(false);
    expect(needsPager(pageOf([], 1, 25))).toBe(false);
    expect(needsPager(pageOf(forty.slice(0, 26), 1, 25))).toBe(true);
    // Picking 10 a page splits the eleven, and the pager (with its rows-per-page) comes back.
    expect(needsPager(pageOf(forty.slice(0, 11), 1, 10))).toBe(true);
  });
});

describe('which edges of a table box have columns beyond them', () => {
  it.each([
    ['a table that fits', { scrollLeft: 0, scrollWidth: 350, clientWidth: 350 }, null],
    ['a pixel of sub-pixel slack', { scrollLeft: 0, scrollWidth: 351, clientWidth: 350 }, null],
    ['a wide table at its start', { scrollLeft: 0, scrollWidth: 700, clientWidth: 350 }, 'right'],
    ['a wide table scrolled halfway', { scrollLeft: 200, scrollWidth: 700, clientWidth: 350 }, 'both'],
    ['a wide table scrolled to its end', { scrollLeft: 350, scrollWidth: 700, clientWidth: 350 }, 'left'],
  ] as const)('%s', (_, box, edges) => {
    expect(overflowEdges(box)).toBe(edges);
  });
});
