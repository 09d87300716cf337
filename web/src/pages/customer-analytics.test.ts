import { describe, expect, it } from 'vitest';
import type { SegmentsResponse } from '../../../shared/api/schemas/customers';
import { createFormat } from '../format';
import {
  cohortLabel,
  customerCount,
  holdoutAucs,
  phoneMonthsNote,
  segmentsState,
} from './customer-analytics';

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

describe('the holdout line', () => {
  const fmt = createFormat({ locale: 'en-US', currency: 'USD', timeZone: 'UTC' });
  const holdout = {
    from: '2026-01-01',
    to: '2026-03-31',
    customers: 5,
    predictedRepeatPurchases: 1.2,
    mae: 0.4,
  };

  it('gives both AUCs when the holdout has buyers and non-buyers', () => {
    const line = holdoutAucs(
      { ...holdout, actualRepeatPurchases: 2, aucPAlive: 0.61, aucExpectedPurchases: 0.74 },
      fmt,
    );
    expect(line).toBe(`AUC of P(alive) ${fmt.decimal(0.61)}, of expected purchases ${fmt.decimal(0.74)}`);
  });

  it('says in words why there is no AUC, never a bare dash', () => {
    const line = holdoutAucs(
      { ...holdout, actualRepeatPurchases: 0, aucPAlive: null, aucExpectedPurchases: null },
      fmt,
    );
    expect(line).toBe(
      'no AUC: none of the 5 customers bought again in the holdout, and an AUC ranks those who bought again against those who did not',
    );
    expect(line).not.toContain('—');
  });
});

describe('cohort rows', () => {
  const fmt = createFormat({ locale: 'en-US', currency: 'USD', timeZone: 'UTC' });

  it('name a month, a channel and a campaign as a merchant reads them, never a key or an id', () => {
    expect(cohortLabel('month', { cohort: '2026-06', name: null }, fmt)).toBe('June 2026');
    expect(cohortLabel('channel', { cohort: 'meta', name: null }, fmt)).toBe('Meta');
    expect(cohortLabel('channel', { cohort: 'organic_social', name: null }, fmt)).toBe('Organic social');
    expect(cohortLabel('campaign', { cohort: '120208', name: 'Spring sale' }, fmt)).toBe('Spring sale');
    expect(cohortLabel('campaign', { cohort: 'unattributed', name: null }, fmt)).toBe('Unattributed');
    expect(cohortLabel('channel', { cohort: 'unattributed', name: null }, fmt)).toBe('Unattributed');
  });
});

describe('the cohort heat-map on a phone', () => {
  it('says which months it shows and that a wider screen shows them all', () => {
    expect(phoneMonthsNote(12)).toBe('Months 1–3 after the first order; a wider screen shows M0–M11.');
    expect(phoneMonthsNote(3)).toBe('Months 1–2 after the first order; a wider screen shows M0–M2.');
    expect(phoneMonthsNote(2)).toBe('Month 1 after the first order; a wider screen shows M0–M1.');
  });

  it('puts each cohort’s size under its name, in words', () => {
    const fmt = createFormat({ locale: 'en-US', currency: 'USD', timeZone: 'UTC' });
    expect(customerCount(2366, fmt)).toBe('2,366 customers');
    expect(customerCount(1, fmt)).toBe('1 customer');
  });
});
