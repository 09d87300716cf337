import { describe, expect, it } from 'vitest';
import type { Customer360Prediction } from '../../../shared/api/schemas/customers';
import { createFormat } from '../format';
import { churnRisk, predictionCard } from './customer-predictions';

const fmt = createFormat({ locale: 'en-US', currency: 'USD', timeZone: 'UTC' });
const computed: Customer360Prediction = {
  status: 'computed',
  customerId: 'gid://shopify/Customer/7',
  storeCustomers: 1,
  segment: 'at_risk',
  segmentLabel: 'At risk',
  orders: 3,
  pAlive: 0.35,
  purchases90: 0.4213,
  value90Minor: 2_150,
  value365Minor: 8_940,
  value365LowMinor: 5_100,
  value365HighMinor: 14_020,
  currency: 'USD',
  modelId: 'ltv-2026-12-04',
  asOf: '2026-12-04',
};

describe('the Customer 360 prediction card', () => {
  it('shows segment, value with its interval, 90-day purchases, P(alive) and churn risk, formatted', () => {
    expect(predictionCard(computed, fmt)).toEqual({
      kind: 'facts',
      facts: [
        ['Segment', 'At risk'],
        ['Predicted value, next 365 days', '$89.40'],
        ['80% interval', '$51.00 – $140.20'],
        ['Expected purchases, next 90 days', '0.42'],
        ['Probability still active', '35%'],
        ['Churn risk', 'high (65%)'],
      ],
      footnote: 'Nightly run of Dec 4, 2026.',
    });
  });

  it('does not call a one-order customer low risk (P(alive) is 1 by construction)', () => {
    const card = predictionCard(
      { ...computed, segment: 'lost', segmentLabel: 'Lost', orders: 1, pAlive: 1 },
      fmt,
    );
    const facts = card.kind === 'facts' ? Object.fromEntries(card.facts) : {};
    expect(facts['Probability still active']).toBe('not measurable after one order');
    expect(facts['Churn risk']).toMatch(/^unknown until a second order/);
    expect(facts.Segment).toBe('Lost');
  });

  it('says which store account speaks for a merged person', () => {
    const card = predictionCard({ ...computed, storeCustomers: 2 }, fmt);
    expect(card.kind === 'facts' && card.footnote).toBe(
      'Nightly run of Dec 4, 2026; from the most recent of 2 store accounts.',
    );
  });

  it.each([
    [{ status: 'not_computed', reason: 'no_model', asOf: null }, /have not run for this store yet/],
    [{ status: 'not_computed', reason: 'no_prediction', asOf: '2026-12-04' }, /no orders .* \(Dec 4, 2026\)/],
  ] as const)('says "not yet computed" instead of zeros (%o)', (p, text) => {
    const card = predictionCard(p, fmt);
    expect(card.kind).toBe('message');
    expect(card.kind === 'message' && card.message).toMatch(/^Not yet computed/);
    expect(card.kind === 'message' && card.message).toMatch(text);
  });

  it.each([
    [0.9, 'low'],
    [0.7, 'low'],
    [0.69, 'medium'],
    [0.4, 'medium'],
    [0.39, 'high'],
  ])('reads P(alive) %d as %s churn risk', (p, risk) => {
    expect(churnRisk(p)).toBe(risk);
  });
});
