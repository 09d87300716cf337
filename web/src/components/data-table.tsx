import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';

export interface Column<T> {
  label: string;
  /** Right-aligned, tabular figures. */
  numeric?: boolean;
  cell: (row: T) => ComponentChildren;
  /** What the column sorts by; a column without it is not sortable. Nulls always sort last. */
  sortValue?: (row: T) => number | string | null;
}

type Sort = { column: number; descending: boolean } | null;

/** Rows ordered by one column (numbers biggest first on the first click, text A–Z). */
export function sortRows<T>(rows: readonly T[], columns: readonly Column<T>[], sort: Sort): readonly T[] {
  const value = sort ? columns[sort.column]?.sortValue : undefined;
  if (!sort || !value) return rows;
  const dir = sort.descending ? -1 : 1;
  return [...rows].sort((a, b) => {
    const x = value(a);
    const y = value(b);
    if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
    return (x < y ? -1 : x > y ? 1 : 0) * dir;
  });
}

/** A table that scrolls sideways on a phone instead of widening the page; its caption names it for screen readers. */
export function DataTable<T>(props: {
  caption: string;
  columns: readonly Column<T>[];
  rows: readonly T[];
  rowKey: (row: T) => string;
}) {
  const [sort, setSort] = useState<Sort>(null);
  const rows = sortRows(props.rows, props.columns, sort);
  const toggle = (i: number, numeric: boolean) =>
    setSort((s) =>
      s?.column === i ? { column: i, descending: !s.descending } : { column: i, descending: numeric },
    );
  return (
    // Focusable and named, so a keyboard can scroll a table wider than a phone's screen (WCAG 2.1.1).
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must take focus to scroll by keyboard
    <section class="table-wrap" tabIndex={0} aria-label={props.caption}>
      <table>
        <caption class="visually-hidden">{props.caption}</caption>
        <thead>
          <tr>
            {props.columns.map((c, i) => {
              const active = sort?.column === i;
              return (
                <th
                  key={c.label}
                  scope="col"
                  class={c.numeric ? 'num' : undefined}
                  aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : undefined}
                >
                  {c.sortValue ? (
                    <button type="button" class="sort" onClick={() => toggle(i, c.numeric === true)}>
                      {c.label}
                      <span aria-hidden="true">{active ? (sort.descending ? ' ▼' : ' ▲') : ' ↕'}</span>
                    </button>
                  ) : (
                    c.label
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={props.rowKey(row)}>
              {props.columns.map((c) => (
                <td key={c.label} class={c.numeric ? 'num' : undefined}>
                  {c.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
