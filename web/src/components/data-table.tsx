import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useServices } from '../context';
import { DEFAULT_PAGE_SIZE, needsPager, PAGE_SIZES, pageOf } from './paging';

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

/**
 * A table's sort and page, kept by the caller when something beside the table (a chart) shows the
 * same rows; DataTable keeps its own otherwise. Sorting starts again on the first page.
 */
export function useTableView<T>(
  rows: readonly T[],
  columns: readonly Column<T>[],
  options: { pageSize?: number } = {},
) {
  const [sort, setSort] = useState<Sort>(null);
  const [page, setPage] = useState(1);
  const [size, setSize] = useState(options.pageSize ?? DEFAULT_PAGE_SIZE);
  const shown = pageOf(sortRows(rows, columns, sort), page, size);
  return {
    sort,
    shown,
    size,
    toggle: (i: number, numeric: boolean) => {
      setSort((s) =>
        s?.column === i ? { column: i, descending: !s.descending } : { column: i, descending: numeric },
      );
      setPage(1);
    },
    goTo: (next: number) => setPage(next),
    resize: (next: number) => {
      // The first row on screen stays on screen.
      setPage(Math.floor((shown.first - 1) / next) + 1);
      setSize(next);
    },
  };
}
export type TableView<T> = ReturnType<typeof useTableView<T>>;

/** Which edges of a scrolling box have more beyond them: none when everything fits. */
export function overflowEdges(box: {
  scrollLeft: number;
  scrollWidth: number;
  clientWidth: number;
}): 'left' | 'right' | 'both' | null {
  // A pixel of slack: sub-pixel layouts report 1 px of overflow on a table that fits.
  if (box.scrollWidth - box.clientWidth <= 1) return null;
  const left = box.scrollLeft > 1;
  const right = box.scrollLeft + box.clientWidth < box.scrollWidth - 1;
  return left && right ? 'both' : left ? 'left' : 'right';
}

/**
 * The box every table sits in: a table wider than the screen scrolls inside it rather than
 * widening the page, and says so — a fade on the edge that has more columns beyond it
 * (`data-overflow`), and a "scroll sideways" hint above it while any column is out of view.
 * Focusable and named, so a keyboard can scroll it too (WCAG 2.1.1).
 */
export function TableWrap(props: { label: string; children: ComponentChildren }) {
  const ref = useRef<HTMLElement>(null);
  const [edges, setEdges] = useState<ReturnType<typeof overflowEdges>>(null);
  useEffect(() => {
    const box = ref.current;
    if (!box) return;
    const measure = () => setEdges(overflowEdges(box));
    measure();
    box.addEventListener('scroll', measure, { passive: true });
    const resized = new ResizeObserver(measure);
    resized.observe(box);
    const table = box.querySelector('table');
    if (table) resized.observe(table);
    return () => {
      box.removeEventListener('scroll', measure);
      resized.disconnect();
    };
  }, []);
  return (
    <div class="table-scroll">
      {edges ? (
        <p class="scroll-hint muted small" aria-hidden="true">
          {edges === 'left' ? '← Scroll back for the first columns' : 'Scroll sideways for more columns →'}
        </p>
      ) : null}
      <div class="table-edges">
        <section
          ref={ref}
          class="table-wrap"
          // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must take focus to scroll by keyboard
          tabIndex={0}
          aria-label={props.label}
          data-overflow={edges ?? undefined}
        >
          {props.children}
        </section>
      </div>
    </div>
  );
}

/**
 * A table on a wide screen; on a phone (≤ 640 px) one card per row (styles.css `table.stacked`,
 * decisions 1013 and 1023): the first cell names the row across the card, every other cell sits
 * on its column's label's line, and the sortable headers stay above as buttons. No column is
 * ever out of view on a phone. Its caption names it for screen readers.
 */
export function DataTable<T>(props: {
  caption: string;
  columns: readonly Column<T>[];
  rows: readonly T[];
  rowKey: (row: T) => string;
  /** Rows per page to start with (25 unless given). */
  pageSize?: number;
  /** The sort and page from useTableView, when the caller shows the same rows elsewhere. */
  view?: TableView<T>;
}) {
  const own = useTableView(props.rows, props.columns, props.pageSize ? { pageSize: props.pageSize } : {});
  const view = props.view ?? own;
  const { sort, shown, toggle } = view;
  return (
    <>
      <TableWrap label={props.caption}>
        <table class="stacked">
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
            {shown.rows.map((row) => (
              <tr key={props.rowKey(row)}>
                {props.columns.map((c) => (
                  <td key={c.label} class={c.numeric ? 'num' : undefined} data-label={c.label}>
                    {c.cell(row)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      <Pager caption={props.caption} view={view} />
    </>
  );
}

/** "Rows 1–25 of 40", previous and next, rows per page; nothing when every row fits on one page. */
export function Pager<T>(props: { caption: string; view: TableView<T> }) {
  // Tenant-level pages (Members, AI usage, Billing) page tables too and have no brand in view:
  // row counts need only the viewer's locale.
  const { locale } = useServices();
  const integer = (n: number) => n.toLocaleString(locale, { maximumFractionDigits: 0 });
  const { view } = props;
  const { shown: page, size } = view;
  if (!needsPager(page)) return null;
  return (
    <nav class="pager" aria-label={`Pages of ${props.caption}`}>
      <span class="muted" aria-live="polite">
        Rows {integer(page.first)}–{integer(page.last)} of {integer(page.total)}
      </span>
      <button
        type="button"
        class="secondary"
        disabled={page.page <= 1}
        onClick={() => view.goTo(page.page - 1)}
      >
        Previous
      </button>
      <button
        type="button"
        class="secondary"
        disabled={page.page >= page.pages}
        onClick={() => view.goTo(page.page + 1)}
      >
        Next
      </button>
      <label class="inline">
        Rows per page
        <select value={String(size)} onChange={(e) => view.resize(Number(e.currentTarget.value))}>
          {PAGE_SIZES.map((n) => (
            <option key={n} value={String(n)}>
              {n}
            </option>
          ))}
        </select>
      </label>
    </nav>
  );
}
