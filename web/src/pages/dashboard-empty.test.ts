import { describe, expect, it } from 'vitest';
import { pickedFromSearch } from '../period';
import { dataDaysSearch } from './dashboard';

describe('an empty period on the dashboard', () => {
  it('links to the days the brand has data, as a period the dashboard reads back from its URL', () => {
    const search = dataDaysSearch({ from: '2026-03-02', to: '2026-03-15' });
    expect(search).toBe('?from=2026-03-02&to=2026-03-15');
    expect(pickedFromSearch(new URLSearchParams(search))).toEqual({
      kind: 'custom',
      from: '2026-03-02',
      to: '2026-03-15',
    });
  });
});
