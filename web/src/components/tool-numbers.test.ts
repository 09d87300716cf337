import { describe, expect, it } from 'vitest';
import { getAlerts, getRecommendations } from '../../../shared/insights/tools/inventory-tools';
import { getChannelPerformance } from '../../../shared/insights/tools/performance-tools';
import { callLabels, callUnits } from '../../../shared/insights/tools/types';
import { textProblems } from '../../../test/e2e/page-text';
import { createFormat } from '../format';
import { byRecord, toolLeaves, toolRows } from './tool-numbers';

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
        { record: 'Google Ads', label: 'Spend', text: '$14,786.80' },
        { record: 'Google Ads', label: 'Profit', text: '-$14,486.80' },
        { record: 'Google Ads', label: 'Revenue', text: '$300.00' },
        { record: 'Google Ads', label: 'Orders', text: '5' },
        { record: 'Google Ads', label: 'ROAS', text: '0.02×' },
        { record: 'Google Ads', label: 'Revenue share', text: '11%' },
        { label: 'Attribution model', text: 'Last touch' },
      ]),
    );
    const all = rows.map((r) => `${r.record ?? ''} ${r.label} ${r.text}`).join('\n');
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
        { record: 'Cut Meta spend', label: 'Expected impact · Amount', text: '$1,234.56' },
        { record: 'Promote the parka', label: 'Expected impact · Amount', text: '€99.00' },
        { record: 'Cut Meta spend', label: 'Score', text: '81.5' },
      ]),
    );
    // The code is in the money's symbol; a "Currency: USD" row would only repeat it.
    expect(rows.filter((r) => r.label.endsWith('Currency'))).toEqual([]);
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
        { record: 'Cut Meta spend', label: 'Evidence · Campaign spend in the period', text: '$3,479.23' },
        { record: 'Cut Meta spend', label: 'Evidence · Campaign ROAS in the period', text: '2.40×' },
        { record: 'Cut Meta spend', label: 'Evidence · Its share of store-wide ad spend', text: '12.5%' },
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
      { record: title, label: 'Evidence · Units in stock', text: '36' },
      { record: title, label: 'Evidence · Days of stock left', text: '4.1 days' },
      { record: title, label: 'Evidence · Ad spend on it in the period', text: '$1.00' },
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
        { record: fmt.day('2026-03-10'), label: 'Orders', text: '4' },
      ]),
    );
    const text = toolRows(toolLeaves(output), {}, {}, fmt, 'USD')
      .map((r) => `${r.record ?? ''} ${r.label} ${r.text}`)
      .join('\n');
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    // A day's row is headed by the day: its `date` field is not repeated under it.
    expect(toolRows(toolLeaves(output), {}, {}, fmt, 'USD').filter((r) => r.label === 'Date')).toEqual([]);
  });
});

describe('records as a merchant reads them', () => {
  const fmt = createFormat({ locale: 'en-US', currency: 'USD', timeZone: 'UTC' });
  const rowsOf = (tool: typeof getRecommendations, out: unknown) =>
    toolRows(toolLeaves(out), callUnits(tool, out), callLabels(tool, out) ?? {}, fmt, 'USD');

  it('names each recommendation once, above its fields, with no id and its type in the app’s words', () => {
    const out = {
      recommendations: [
        {
          id: 'rec_dc18a9f0',
          type: 'reduce_spend',
          priority: 'high',
          score: 81.5,
          title: 'Slow "Spring": 4.1 days of stock left',
          evidence: { stock_available: 36, days_of_cover: 4.1 },
          expected_impact: {
            description: 'saves spend',
            amountMinor: 9900,
            currency: 'USD',
            model: 'stated assumption: ad-driven sales scale with spend',
          },
        },
        { id: 'rec_77aa', type: 'increase_spend', priority: 'low', score: 12, title: 'Scale Meta' },
      ],
    };
    const groups = byRecord(rowsOf(getRecommendations, out));
    expect(groups.map((g) => g.record)).toEqual(['Slow "Spring": 4.1 days of stock left', 'Scale Meta']);
    expect(groups[0]!.rows.map((r) => [r.label, r.text])).toEqual([
      ['Type', 'Reduce spend'],
      ['Priority', 'High'],
      ['Score', '81.5'],
      ['Evidence · Units in stock', '36'],
      ['Evidence · Days of stock left', '4.1 days'],
      ['Expected impact · Description', 'saves spend'],
      ['Expected impact · Amount', '$99.00'],
      ['Expected impact · Model', 'stated assumption: ad-driven sales scale with spend'],
    ]);
    const shown = groups.flatMap((g) => [g.record ?? '', ...g.rows.flatMap((r) => [r.label, r.text])]);
    expect(shown.join('\n')).not.toMatch(/rec_|\b[a-z]+_[a-z_]+\b/);
    // The title is the heading, never repeated in a field's label.
    expect(shown.filter((t) => t.includes('Slow "Spring"'))).toHaveLength(1);
  });

  it('shows an alert’s type and severity in words and leaves its id and app link out', () => {
    const out = {
      alerts: [
        {
          id: 'alert_5f2c',
          type: 'stockout_risk',
          severity: 'critical',
          title: 'Runner will stock out',
          about: 'Velocity Runner — M',
          link: '/brands/b1/drilldown/product/gid%3A%2F%2Fshopify%2FProductVariant%2F1001',
          explanation: 'Two days of stock left.',
          recommended_action: 'Reorder',
          evidence: { product: 'Velocity Runner — M', threshold_days: 7 },
        },
      ],
    };
    const groups = byRecord(rowsOf(getAlerts, out));
    expect(groups).toHaveLength(1);
    expect(groups[0]!.record).toBe('Runner will stock out');
    expect(groups[0]!.rows).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ label: 'Type', text: 'Stockout risk' }),
        expect.objectContaining({ label: 'Severity', text: 'Critical' }),
        expect.objectContaining({ label: 'Evidence · Product running low', text: 'Velocity Runner — M' }),
      ]),
    );
    // Sentences read from the left; figures and the app's words line up as values.
    const row = (label: string) => groups[0]!.rows.find((r) => r.label === label);
    expect(row('Explanation')).toMatchObject({ text: 'Two days of stock left.', prose: true });
    expect(row('Type')).not.toHaveProperty('prose');
    const shown = groups[0]!.rows.map((r) => `${r.label} ${r.text}`).join('\n');
    expect(shown).not.toMatch(/alert_|\/brands\/|stockout_risk|Id\b|Link/);
  });

  it('names unnamed rows by their list and position, and a list of values by its field', () => {
    const rows = toolRows(
      toolLeaves({ cohorts: [{ customers: 3, shares: [0.5, 0.25] }] }),
      { customers: 'count', shares: 'fraction' },
      {},
      fmt,
      'USD',
    );
    expect(rows).toEqual([
      { record: 'Cohorts 1', label: 'Customers', text: '3' },
      { record: 'Cohorts 1', label: 'Shares · 1', text: '50%' },
      { record: 'Cohorts 1', label: 'Shares · 2', text: '25%' },
    ]);
  });

  it('groups only consecutive rows of one record, keeping rows outside records on their own', () => {
    expect(
      byRecord([
        { label: 'Currency', text: 'USD' },
        { record: 'A', label: 'Spend', text: '$1.00' },
        { record: 'A', label: 'Orders', text: '2' },
        { record: 'B', label: 'Spend', text: '$3.00' },
      ]),
    ).toEqual([
      { rows: [{ label: 'Currency', text: 'USD' }] },
      {
        record: 'A',
        rows: [
          { record: 'A', label: 'Spend', text: '$1.00' },
          { record: 'A', label: 'Orders', text: '2' },
        ],
      },
      { record: 'B', rows: [{ record: 'B', label: 'Spend', text: '$3.00' }] },
    ]);
  });
});
