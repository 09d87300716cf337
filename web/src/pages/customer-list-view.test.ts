import { describe, expect, it } from 'vitest';
import {
  customersInSegment,
  DEFAULT_LIST,
  listApiQuery,
  listSearch,
  listStateFromSearch,
  pageFrom,
  resize,
  sortBy,
} from './customer-list-view';

const from = (q: string) => listStateFromSearch(new URLSearchParams(q));

describe('the customer list’s view in the URL', () => {
  it('links each segment to the list filtered by it, nothing else in the URL', () => {
    expect(customersInSegment('demo-brand', 'at_risk')).toBe('/brands/demo-brand/customers?segment=at_risk');
    expect(from('segment=at_risk')).toEqual({ ...DEFAULT_LIST, segment: 'at_risk' });
  });

  it('reads back what it wrote, and leaves defaults out', () => {
    const state = {
      segment: 'loyal' as const,
      sort: 'value_365' as const,
      descending: false,
      page: 3,
      size: 50,
    };
    expect(listSearch(state)).toBe('?segment=loyal&sort=value_365&order=asc&page=3&size=50');
    expect(from(listSearch(state).slice(1))).toEqual(state);
    expect(listSearch(DEFAULT_LIST)).toBe('');
  });

  it('falls back to the default for what it does not understand', () => {
    expect(from('segment=vip&sort=name&page=-2&size=33')).toEqual(DEFAULT_LIST);
    expect(from('page=999999').page).toBe(1_000);
  });

  it('asks the API for every parameter, the segment only when filtered', () => {
    expect(listApiQuery(DEFAULT_LIST)).toBe('sort=revenue&order=desc&page=1&size=25');
    expect(listApiQuery({ ...DEFAULT_LIST, segment: 'new' })).toContain('segment=new');
  });
});

describe('sorting and paging the customer list', () => {
  it('starts a new column biggest first, flips the same column, and goes back to the first page', () => {
    const onPage4 = { ...DEFAULT_LIST, page: 4 };
    expect(sortBy(onPage4, 'orders')).toMatchObject({ sort: 'orders', descending: true, page: 1 });
    expect(sortBy(onPage4, 'revenue')).toMatchObject({ sort: 'revenue', descending: false, page: 1 });
  });

  it('keeps the first row on screen when the page size changes', () => {
    // Page 3 of 25 starts at row 51; with 10 a page, row 51 is on page 6.
    expect(resize({ ...DEFAULT_LIST, page: 3 }, 10)).toMatchObject({ page: 6, size: 10 });
    expect(resize({ ...DEFAULT_LIST, page: 6, size: 10 }, 100)).toMatchObject({ page: 1, size: 100 });
  });

  it('numbers the server’s rows for the pager: rows 26–50 of 3,665', () => {
    const rows = Array.from({ length: 25 }, (_, i) => i);
    expect(pageFrom(rows, 3_665, { ...DEFAULT_LIST, page: 2 })).toEqual({
      rows,
      page: 2,
      pages: 147,
      first: 26,
      last: 50,
      total: 3_665,
    });
    expect(pageFrom([], 0, DEFAULT_LIST)).toMatchObject({ first: 0, last: 0, pages: 1 });
  });
});
