import {
  CUSTOMER_LIST_MAX_PAGE,
  CUSTOMER_LIST_SORTS,
  type CustomerListSort,
} from '../../../shared/api/schemas/customers';
import { SEGMENTS, type Segment } from '../../../shared/domain/customers/segments/rfm';
import { DEFAULT_PAGE_SIZE, PAGE_SIZES, type Page } from '../components/paging';
import { href } from '../routes';

/**
 * The customer list's view, kept in the URL (`?segment=at_risk&sort=orders&page=3`) so a reload,
 * the back button and the Segments & LTV page's links show the same rows. The server sorts and
 * pages (shared/customers/list.ts); these are the pure halves the page and its tests share.
 */
export interface ListState {
  segment: Segment | null;
  sort: CustomerListSort;
  descending: boolean;
  page: number;
  size: number;
}

export const DEFAULT_LIST: ListState = {
  segment: null,
  sort: 'revenue',
  descending: true,
  page: 1,
  size: DEFAULT_PAGE_SIZE,
};

const oneOf = <T extends string>(values: readonly T[], v: string | null): T | null =>
  v !== null && (values as readonly string[]).includes(v) ? (v as T) : null;

/** What the URL asks for; anything it does not understand falls back to the default. */
export function listStateFromSearch(search: URLSearchParams): ListState {
  const page = Number(search.get('page'));
  const size = Number(search.get('size'));
  return {
    segment: oneOf(SEGMENTS, search.get('segment')),
    sort: oneOf(CUSTOMER_LIST_SORTS, search.get('sort')) ?? DEFAULT_LIST.sort,
    descending: search.get('order') !== 'asc',
    page: Number.isInteger(page) && page >= 1 ? Math.min(page, CUSTOMER_LIST_MAX_PAGE) : 1,
    size: (PAGE_SIZES as readonly number[]).includes(size) ? size : DEFAULT_LIST.size,
  };
}

/** The URL's query for a view, defaults left out (`''` for the default view). */
export function listSearch(state: ListState): string {
  const q = new URLSearchParams();
  if (state.segment) q.set('segment', state.segment);
  if (state.sort !== DEFAULT_LIST.sort) q.set('sort', state.sort);
  if (!state.descending) q.set('order', 'asc');
  if (state.page !== 1) q.set('page', String(state.page));
  if (state.size !== DEFAULT_LIST.size) q.set('size', String(state.size));
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** The API's query for a view: every parameter spelled out. */
export function listApiQuery(state: ListState): string {
  const q = new URLSearchParams({
    sort: state.sort,
    order: state.descending ? 'desc' : 'asc',
    page: String(state.page),
    size: String(state.size),
  });
  if (state.segment) q.set('segment', state.segment);
  return q.toString();
}

/** The list filtered by one segment: where each segment on Segments & LTV links to. */
export const customersInSegment = (brandId: string, segment: Segment) =>
  `${href('customers', { brandId })}${listSearch({ ...DEFAULT_LIST, segment })}`;

/**
 * A header click: a new column starts biggest (or latest) first, the same column flips; either
 * way the list starts again on its first page.
 */
export function sortBy(state: ListState, sort: CustomerListSort): ListState {
  return {
    ...state,
    sort,
    descending: state.sort === sort ? !state.descending : true,
    page: 1,
  };
}

/** A new page size keeps the first row on screen on screen. */
export function resize(state: ListState, size: number): ListState {
  return { ...state, size, page: Math.floor(((state.page - 1) * state.size) / size) + 1 };
}

/** The server's page in the shape the table's pager reads. */
export function pageFrom<T>(rows: readonly T[], total: number, state: ListState): Page<T> {
  const pages = Math.max(1, Math.ceil(total / state.size));
  const start = (state.page - 1) * state.size;
  return {
    rows,
    page: state.page,
    pages,
    first: rows.length === 0 ? 0 : start + 1,
    last: start + rows.length,
    total,
  };
}
