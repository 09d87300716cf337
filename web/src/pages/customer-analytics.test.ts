import { describe, expect, it } from 'vitest';
import type { SegmentsResponse } from '../../../shared/api/schemas/customers';
import { createFormat } from '../format';
import {
  cohortLabel,
  customerCount,
  holdoutRanking,
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

describe('the holdout’s ranking, in words', () => {
  const fmt = createFormat({ locale: 'en-US', currency: 'USD', timeZone: 'UTC' });
  const holdout = {
    from: '2026-01-01',
    to: '2026-03-31',
    customers: 5,
    predictedRepeatPurchases: 1.2,
    mae: 0.4,
  };
  const texts = (lines: ReturnType<typeof holdoutRanking>) => lines.map((l) => l.text).join(' ');

  it('says how often a buyer was rated above a non-buyer, against a coin toss, never as a bare AUC', () => {
    const lines = holdoutRanking(
      { ...holdout, actualRepeatPurchases: 2, aucPAlive: 0.61, aucExpectedPurchases: 0.74 },
      fmt,
    );
    expect(texts(lines)).toBe(
      'Taking one customer who bought again in the holdout and one who did not (of the 5 customers in it), the model rated the buyer higher 74% of the time by expected purchases: good (50% is a coin toss). By the chance of still being a customer (P(alive)) alone, 61%: fair.',
    );
    expect(texts(lines)).not.toMatch(/AUC|0\.74/);
    expect(lines.some((l) => l.warn)).toBe(false);
  });

  it('flags a P(alive) worse than a coin toss and says why the values do not rest on it', () => {
    const lines = holdoutRanking(
      { ...holdout, actualRepeatPurchases: 2, aucPAlive: 0.38, aucExpectedPurchases: 0.74 },
      fmt,
    );
    expect(lines.find((l) => l.warn)?.text).toBe(
      'By the chance of still being a customer (P(alive)) alone, 38%: worse than a coin toss.',
    );
    expect(texts(lines)).toContain('the predicted values here come from the expected purchases');
  });

  it('warns that the predictions are rough when even the expected purchases rank worse than chance', () => {
    const lines = holdoutRanking(
      { ...holdout, actualRepeatPurchases: 2, aucPAlive: 0.3, aucExpectedPurchases: 0.42 },
      fmt,
    );
    expect(lines.filter((l) => l.warn).map((l) => l.text)).toEqual([
      expect.stringContaining('42% of the time by expected purchases: worse than a coin toss'),
      'The predicted values do not yet tell who will buy again: read them as rough until the store has more history.',
      'By the chance of still being a customer (P(alive)) alone, 30%: worse than a coin toss.',
    ]);
  });

  it('says in words why there is no score, never a bare dash', () => {
    const lines = holdoutRanking(
      { ...holdout, actualRepeatPurchases: 0, aucPAlive: null, aucExpectedPurchases: null },
      fmt,
    );
    expect(texts(lines)).toBe(
      'Not measured: none of the 5 customers bought again in the holdout, and an AUC ranks those who bought again against those who did not.',
    );
    expect(texts(lines)).not.toContain('—');
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
