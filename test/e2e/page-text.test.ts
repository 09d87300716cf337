import { describe, expect, it } from 'vitest';
import { textProblems } from './page-text';

describe('what a merchant must never read', () => {
  it.each([
    ['Meta campaign meta:act_1001:120210000000101', 'a campaign id'],
    ['Account act_1001', 'an ad account id'],
    ['Variant gid://shopify/ProductVariant/50002', 'a Shopify gid'],
    ['TikTok account 7000000000001', 'a long digit run'],
    ['Spend window minor 347,923', 'a minor-units field'],
    ['revenue_window_minor', 'a minor-units field'],
    ['Product 1001', 'a name stand-in'],
    ['Curve b 0.3', 'a model internal'],
    ['Days of cover 2.4926944606454775', 'a float past display precision'],
    ['6585.5 days of stock', 'an unformatted number'],
    ['from USD 316.30 to USD 111.44', 'money outside the formatter'],
    ['the AI budget is used up (12.50 USD of 20.00)', 'money outside the formatter'],
    ['Marginal ROAS today 1.42× 80 % interval 0.91× – 1.88×', 'a spaced percent sign'],
    ['Marginal ROAS at new budget, 80 % low', 'a spaced percent sign'],
    ['$110.00 happened (55 % of the prediction)', 'a spaced percent sign'],
    ['confidence 92 %', 'a spaced percent sign'],
    ['Accessories 12.5\u00a0%', 'a spaced percent sign'],
    ['Revenue share 12.53%', 'a percent past display precision'],
    ['Open a region: US-NY · US-CA', 'a region code'],
    ['Spend by region GB-ENG $120.00', 'a region code'],
  ])('flags %j as %s', (text, rule) => {
    expect(textProblems(text).map((p) => p.rule)).toContain(rule);
  });

  it.each([
    'Spend $85,463.06 · ROAS 3.20× · 12.5% · 2.5 d · over a year',
    'Marginal ROAS today 1.42× 80% interval 0.91× – 1.88× · Spend +7.7% · −12% · 100%',
    'Predicted value $140.20 · 80% interval $51.00 – $140.20 · confidence 92%',
    'Velocity Runner — M · Orders 711 · Nov 5, 2026 – Dec 4, 2026',
    'Revenue $1,234,567.89 · 4,079 orders',
    'Open a region: New York, US · England, UK · New South Wales, Australia',
    'SKU PP-TRAIL-BOTTLE-OS · TB-OS · UTF-8 · 2026-03-02',
  ])('passes formatted text %j', (text) => {
    expect(textProblems(text)).toEqual([]);
  });
});
