/** Rows per page a merchant can pick; the pager shows once a table has more rows than one page holds. */
export const PAGE_SIZES = [10, 25, 50, 100] as const;
export const DEFAULT_PAGE_SIZE = 25;

export interface Page<T> {
  rows: readonly T[];
  /** 1-based, clamped to the pages there are (a filter that shrinks the table lands on its last page). */
  page: number;
  pages: number;
  /** 1-based positions of the first and last row shown; 0 and 0 for an empty table. */
  first: number;
  last: number;
  total: number;
}

/** One page of rows, in the order given (sort first, then page). */
export function pageOf<T>(rows: readonly T[], page: number, size: number): Page<T> {
  const total = rows.length;
  const pages = Math.max(1, Math.ceil(total / size));
  const current = Math.min(Math.max(1, Math.floor(page)), pages);
  const start = (current - 1) * size;
  const shown = rows.slice(start, start + size);
  return {
    rows: shown,
    page: current,
    pages,
    first: total === 0 ? 0 : start + 1,
    last: start + shown.length,
    total,
  };
}

/**
 * Whether a table needs the pager at all: only when its rows run over more than one page. Eleven
 * rows on a page of 25 showed "Rows 1–11 of 11" with two buttons that could never be pressed
 * (decision 1020); a merchant who picks 10 rows a page sees it again, to go back.
 */
export const needsPager = (page: Pick<Page<unknown>, 'pages'>) => page.pages > 1;
