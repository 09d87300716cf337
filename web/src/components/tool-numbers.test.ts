import { describe, expect, it } from 'vitest';
import { textProblems } from '../../../test/e2e/page-text';
import { createFormat } from '../format';
import { toolLeaves, toolRows } from './tool-numbers';

describe('tool leaves', () => {
  it('lists every scalar of a tool result with its path, rows named by their name', () => {
    const output = {
      kpis: { spendMinor: 1200, roas: 2.5 },
      campaigns: [{ name: 'Spring', spendMinor: 700 }, { spendMinor: 5 }],
    };
    expect(toolLeaves(output)).toEqual([
      { path: 'kpis.spendMinor', value: 1200 },
      { path: 'kpis.roas', value: 2.5 },
      { path: 'campaigns[Spring].name', value: 'Spring' },
      { path: 'campaigns[Spring].spendMinor', value: 700 },
      { path: 'campaigns[1].spendMinor', value: 5 },
    ]);
  });

  it('stops at the limit and names a bare value', () => {
    expect(toolLeaves([1, 2, 3], 2)).toEqual([
      { path: '[0]', value: 1 },
      { path: '[1]', value: 2 },
    ]);
    expect(toolLeaves(42)).toEqual([{ path: 'value', value: 42 }]);
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

  it('names rows by their name, shows major-unit money as money and leaves out raw channel keys', () => {
    const rows = toolRows(toolLeaves(output), fmt, 'USD');
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
});

describe('dates in the numbers an answer used', () => {
  const fmt = createFormat({ locale: 'en-US', currency: 'USD', timeZone: 'UTC' });
  it('shows ISO dates, as values and as row names, the way the app formats days', () => {
    const output = {
      period: { from: '2026-03-10', to: '2026-03-15' },
      daily: [{ date: '2026-03-10', orders: 4 }],
    };
    expect(toolRows(toolLeaves(output), fmt, 'USD')).toEqual(
      expect.arrayContaining([
        { label: 'Period · From', text: fmt.day('2026-03-10') },
        { label: 'Period · To', text: fmt.day('2026-03-15') },
        { label: `${fmt.day('2026-03-10')} · Orders`, text: '4' },
      ]),
    );
    const text = toolRows(toolLeaves(output), fmt, 'USD')
      .map((r) => `${r.label} ${r.text}`)
      .join('\n');
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });
});
