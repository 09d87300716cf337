import { describe, expect, it } from 'vitest';
import {
  type CustomerValueFacts,
  type InStoreAlertInput,
  inStoreAlert,
  inStoreDedupeKey,
  inTopValueShare,
  isFresh,
  isTrustedInStoreSource,
  OPEN_INTENT_SCORE,
  significance,
} from './in-store-alert';
import type { ProductIntent } from './intent';

const value = (over: Partial<CustomerValueFacts> = {}): CustomerValueFacts => ({
  segment: 'promising',
  value365Minor: 5_000,
  above: 50,
  customers: 100,
  ...over,
});
const intent = (productId: string, score: number): ProductIntent => ({
  productId,
  score,
  signals: 1,
  lastSignalAt: '2026-12-01T10:00:00Z',
});

describe('who is worth an in-store alert', () => {
  it.each([
    ['a Champions customer', value({ segment: 'champions' }), { bySegment: true, byValue: false }],
    ['a Loyal customer', value({ segment: 'loyal' }), { bySegment: true, byValue: false }],
    [
      'a top-decile predicted value',
      value({ above: 9, customers: 100 }),
      { bySegment: false, byValue: true },
    ],
  ])('%s is high value', (_, v, expected) => {
    const s = significance(v, []);
    expect(s).toEqual({ significant: true, highValue: expected, intents: [] });
  });

  it.each([
    ['exactly 10 % above them', value({ above: 10, customers: 100 })],
    ['an at-risk customer in the middle of the pack', value({ segment: 'at_risk' })],
    ['no prediction at all', null],
  ])('%s without open intent raises nothing', (_, v) => {
    expect(significance(v, [intent('p1', OPEN_INTENT_SCORE - 1)])).toEqual({
      significant: false,
      reason: 'not_high_value_and_no_open_intent',
    });
  });

  it('a zero predicted value is never top decile, even for the top-ranked customer', () => {
    expect(inTopValueShare(value({ value365Minor: 0, above: 0 }))).toBe(false);
    expect(inTopValueShare(value({ value365Minor: 1, above: 0 }))).toBe(true);
  });

  it('open intent alone is enough, and names the three strongest products', () => {
    const s = significance(null, [
      intent('weak', 20),
      intent('b', 55),
      intent('a', 55),
      intent('c', OPEN_INTENT_SCORE),
      intent('d', 90),
    ]);
    expect(s).toMatchObject({ significant: true, highValue: null });
    expect(s.significant && s.intents.map((p) => p.productId)).toEqual(['d', 'a', 'b']);
  });
});

describe('only a visit happening now is worth an alert', () => {
  it.each([
    ['10 minutes ago', '2026-12-01T11:50:00Z', true],
    ['exactly an hour ago', '2026-12-01T11:00:00Z', true],
    ['61 minutes ago (an import of the morning’s visits)', '2026-12-01T10:59:00Z', false],
  ])('a visit %s: %s', (_, at, fresh) => {
    expect(isFresh(at, new Date('2026-12-01T12:00:00Z'))).toBe(fresh);
  });
});

describe('only an authenticated sender’s visit is believed', () => {
  it.each([
    ['pixel', false],
    ['api', true],
    ['pos', true],
    ['messaging', true],
  ])('a visit sent through %s: %s', (source, trusted) => {
    expect(isTrustedInStoreSource(source)).toBe(trusted);
  });
});

describe('the in-store alert', () => {
  const base = (over: Partial<InStoreAlertInput> = {}): InStoreAlertInput => {
    const v = value({ segment: 'champions', value365Minor: 123_456, above: 3, customers: 100 });
    const s = significance(v, [intent('gid://shopify/Product/1', 62)]);
    if (!s.significant) throw new Error('expected significant');
    return {
      brandId: 'acme',
      currency: 'GBP',
      timeZone: 'Europe/London',
      profileId: 'prof-1',
      customerName: 'Jane Doe',
      event: { id: 'ev1', type: 'store_visit', day: '2026-12-01', location: 'Soho', placement: null },
      value: v,
      significance: s,
      productTitles: new Map([['gid://shopify/Product/1', 'Trail Bottle']]),
      ...over,
    };
  };

  it('names the customer, why they matter in money and segment, what they looked at, and where', () => {
    const a = inStoreAlert(base());
    expect(a.title).toBe('Jane Doe is in the store at Soho');
    expect(a.explanation).toBe(
      'Jane Doe is a Champions customer, predicted to spend £1,234.56 in the next 365 days (top 10% of customers). Recently looked at Trail Bottle (intent 62/100).',
    );
    expect(a.recommendedAction).toBe('Greet Jane Doe by name and have Trail Bottle ready to show.');
    expect(a).toMatchObject({ type: 'customer_in_store', severity: 'info' });
    expect(a.evidence).toMatchObject({ profile_id: 'prof-1', location: 'Soho', products: 'Trail Bottle' });
    expect(JSON.stringify(a)).not.toContain('gid://shopify/Product/1');
  });

  it('a QR scan says where the code was and the alert is keyed by customer, location and day', () => {
    const a = inStoreAlert(
      base({
        event: { id: 'ev2', type: 'qr_scan', day: '2026-12-01', location: null, placement: 'window poster' },
      }),
    );
    expect(a.title).toBe('Jane Doe scanned a QR code (window poster)');
    expect(a.dedupeKey).toBe(inStoreDedupeKey('prof-1', null, '2026-12-01'));
    expect(inStoreDedupeKey('prof-1', 'Soho', '2026-12-01')).not.toBe(
      inStoreDedupeKey('prof-1', 'Soho', '2026-12-02'),
    );
  });
});
