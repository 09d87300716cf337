import { describe, expect, it } from 'vitest';
import type { SegmentsResponse } from '../../../shared/api/schemas/customers';
import { segmentsState } from './customer-analytics';

const withModel = (customers: number) =>
  ({ model: { customers } }) as unknown as Pick<SegmentsResponse, 'model'>;

describe('what the Segments & LTV page shows', () => {
  it('shows segments once a run has found customers', () => {
    expect(segmentsState(withModel(900))).toBe('ready');
  });

  it('says no order names a customer (neither a Shopify customer nor an email), instead of eight segments of 0, when a run found none', () => {
    expect(segmentsState(withModel(0))).toBe('no_customers');
  });

  it('says the analytics are not computed yet before the first run', () => {
    expect(segmentsState({ model: null } as unknown as Pick<SegmentsResponse, 'model'>)).toBe('not_computed');
  });
});
