import { describe, expect, it } from 'vitest';
import { getRecommendations } from '../../../shared/insights/tools/inventory-tools';
import { getChannelPerformance } from '../../../shared/insights/tools/performance-tools';
import { callLabels, callUnits } from '../../../shared/insights/tools/types';
import { textProblems } from '../../../test/e2e/page-text';
import { createFormat } from '../format';
import { toolLeaves, toolRows } from './tool-numbers';

describe('tool leaves', () => {
  it('lists every scalar of a tool result with its path and shape, rows named by their name', () => {
    const output = {
      kpis: { spendMinor: 1200, roas: null },
      campaigns: [{ name: 'Spring', spendMinor: 700 }, { spendMinor: 5 }],
    };
    expect(toolLeaves(output)).toEqual([
      { path: 'kpis.spendMinor', shape: 'kpis.spendMinor', value: 1200 },
      { path: 'kpis.roas', shape: 'kpis.roas', value: null },
      { path: 'campaigns[Spring].name', shape: 'campaigns[].name', value: 'Spring' },
      { path: 'campaigns[Spring].spendMinor', shape: 'campaigns[].spendMinor', value: 700 },
      { path: 'campaigns[1].spendMinor', shape: 'campaigns[].spendMinor', value: 5 },
    ]);
  });

  it('stops at the limit and names a bare value', () => {
    expect(toolLeaves([1, 2, 3], 2)).toEqual([
      { path: '[0]', shape: '[]', value: 1 },
      { path: '[1]', shape: '[]', value: 2 },
    ]);
    expect(toolLeaves(42)).toEqual([{ path: 'value', shape: 'value', value: 42 }]);
  });
});

describe('tool rows as a merchant reads them', () => {
  const fmt = createFormat({ locale: 'en-US', currency: 'USD', timeZone: 'UTC' });
  const output = {
    period: { from: '2026-03-10', to: '2026-03-10', days: 1 },
    currency: 'USD',
    attribution_model: 'last_touch',
    channels: [
      {
        channel: 'google_ads',
        name: 'Google Ads',
        spend: 14786.8,
        revenue: 300,
        profit: -14486.8,
        orders: 5,
        roas: 0.02,
        revenue_share_pct: 11,
      },
    ],
  };

  it('names rows by their name, formats by the units the tool declares and leaves out raw channel keys', () => {
    const rows = toolRows(toolLeaves(output), getChannelPerformance.units, {}, fmt, 'USD');
    expect(rows).toEqual(
      expect.arrayContaining([
        { label: 'Google Ads · Spend', text: '$14,786.80' },
        { label: 'Google Ads · Profit', text: '-$14,486.80' },
        { label: 'Google Ads · Revenue', text: '$300.00' },
        { label: 'Google Ads · Orders', text: '5' },
        { label: 'Google Ads · ROAS', text: '0.02×' },
        { label: 'Google Ads · Revenue share', text: '11%' },
        { label: 'Attribution model', text: 'Last touch' },
      ]),
    );
    const all = rows.map((r) => `${r.label} ${r.text}`).join('\n');
    expect(all).not.toMatch(/google_ads|last_touch|\[|\]/);
    expect(textProblems(all)).toEqual([]);
  });

  it('formats nothing as money that its tool did not declare as money, whatever the field is called', () => {
    const rows = toolRows(
      toolLeaves({ currency: 'USD', spend: 12.5, revenue: 3 }),
      { spend: 'count' },
      {},
      fmt,
      'USD',
    );
    expect(rows).toEqual(
      expect.arrayContaining([
        { label: 'Spend', text: '12.5' },
        { label: 'Revenue', text: '3' },
      ]),
    );
  });

  it('reads money in minor units in the currency of its own object', () => {
    const out = {
      recommendations: [
        {
          title: 'Cut Meta spend',
          score: 81.5,
          expected_impact: {
            description: 'saves spend',
            amountMinor: 123456,
            currency: 'USD',
            model: 'linear',
          },
        },
        {
          title: 'Promote the parka',
          score: 40,
          expected_impact: {
            description: 'sells stock',
            amountMinor: 9900,
            currency: 'EUR',
            model: 'linear',
          },
        },
      ],
    };
    const rows = toolRows(toolLeaves(out), getRecommendations.units, {}, fmt, 'USD');
    expect(rows).toEqual(
      expect.arrayContaining([
        { label: 'Cut Meta spend · Expected impact · Amount', text: '$1,234.56' },
        { label: 'Promote the parka · Expected impact · Amount', text: '€99.00' },
        { label: 'Cut Meta spend · Score', text: '81.5' },
      ]),
    );
  });
});

describe('evidence in the numbers an answer used', () => {
  const fmt = createFormat({ locale: 'en-US', currency: 'USD', timeZone: 'UTC' });
  it('formats and labels each evidence key by its rule’s declaration and leaves internals out', () => {
    const out = {
      recommendations: [
        {
          title: 'Cut Meta spend',
          type: 'reduce_spend',
          evidence: { spend_window_minor: 347_923, roas_window: 2.4, spend_share: 0.125, curve_r2: 0.2 },
        },
      ],
    };
    const rows = toolRows(
      toolLeaves(out),
      callUnits(getRecommendations, out),
      callLabels(getRecommendations, out) ?? {},
      fmt,
      'USD',
    );
    // A below-target cut (its keys are the spend rule's), labelled as that rule labels them.
    expect(rows).toEqual(
      expect.arrayContaining([
        { label: 'Cut Meta spend · Evidence · Campaign spend in the period', text: '$3,479.23' },
        { label: 'Cut Meta spend · Evidence · Campaign ROAS in the period', text: '2.40×' },
        { label: 'Cut Meta spend · Evidence · Its share of store-wide ad spend', text: '12.5%' },
      ]),
    );
    expect(rows.map((r) => r.label).join('\n')).not.toMatch(/curve|r2/i);
  });
});

describe('a row named by a sentence with a dot in it', () => {
  const fmt = createFormat({ locale: 'en-US', currency: 'USD', timeZone: 'UTC' });
  it('keeps the row’s name whole and labels its evidence by the rule that wrote it', () => {
    const title = 'Slow "Runner": Runner has 4.1 days of stock left';
    const out = {
      recommendations: [
        {
          title,
          type: 'reduce_spend',
          evidence: { stock_available: 36, days_of_cover: 4.1, spend_window_minor: 100 },
        },
      ],
    };
    const rows = toolRows(
      toolLeaves(out),
      callUnits(getRecommendations, out),
      callLabels(getRecommendations, out) ?? {},
      fmt,
      'USD',
    );
    // A low-cover cut: its spend is the ad spend on the product, not the campaign's.
    expect(rows.filter((r) => r.label.includes('Evidence'))).toEqual([
      { label: `${title} · Evidence · Units in stock`, text: '36' },
      { label: `${title} · Evidence · Days of stock left`, text: '4.1 d' },
      { label: `${title} · Evidence · Ad spend on it in the period`, text: '$1.00' },
    ]);
  });
});

describe('dates in the numbers an answer used', () => {
  const fmt = createFormat({ locale: 'en-US', currency: 'USD', timeZone: 'UTC' });
  it('shows ISO dates, as values and as row names, the way the app formats days', () => {
    const output = {
      period: { from: '2026-03-10', to: '2026-03-15' },
      daily: [{ date: '2026-03-10', orders: 4 }],
    };
    expect(toolRows(toolLeaves(output), {}, {}, fmt, 'USD')).toEqual(
      expect.arrayContaining([
        { label: 'Period · From', text: fmt.day('2026-03-10') },
        { label: 'Period · To', text: fmt.day('2026-03-15') },
        { label: `${fmt.day('2026-03-10')} · Orders`, text: '4' },
      ]),
    );
    const text = toolRows(toolLeaves(output), {}, {}, fmt, 'USD')
      .map((r) => `${r.label} ${r.text}`)
      .join('\n');
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });
});
