import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../../../test/support/api';
import { anAdRow, anOrderRow, aPerformanceRow } from '../../../test/support/builders';
import { eachDay, localDate } from '../../domain/time';

/**
 * The dashboard and drilldowns against a chosen comparison (`compare=…`). Spend on a day of
 * Oct 25 – Nov 10, 2025 is 5,000 + 100 × its day of the month (one order of twice that); this
 * week, Nov 1–7, 2026, spends 10,000 a day on one order of 30,000.
 */
const B = 'cmp';
const T = 't_cmp';
let api: TestApi;
let token: string;

const lastYearSpend = (day: string) => 5_000 + 100 * Number(day.slice(8));
const days = (from: string, to: string) => eachDay(localDate(from), localDate(to));

beforeAll(async () => {
  api = await createTestApi();
  const ctx = await api.seedTenant(T, [{ id: B, name: 'Comparison Co' }]);
  const w = api.deps.warehouse;
  const lastYear = days('2025-10-25', '2025-11-10');
  const thisWeek = days('2026-11-01', '2026-11-07');
  const range = { brandId: B, from: localDate('2025-10-01'), to: localDate('2026-11-30') };
  await w.replaceRange(ctx, 'ad_performance', range, [
    ...lastYear.map((d) => anAdRow(B, d, 'meta', lastYearSpend(d))),
    ...thisWeek.map((d) => anAdRow(B, d, 'meta', 10_000)),
  ]);
  await w.replaceRange(ctx, 'orders', range, [
    ...lastYear.map((d) => anOrderRow(B, `ly-${d}`, d, 2 * lastYearSpend(d))),
    ...thisWeek.map((d) => anOrderRow(B, `tw-${d}`, d, 30_000)),
  ]);
  await w.replaceRange(ctx, 'unified_performance', range, [
    aPerformanceRow(B, { date: '2026-11-03', revenue_minor: 30_000 }),
    aPerformanceRow(B, { date: '2025-11-03', revenue_minor: 12_000 }),
  ]);
  token = await api.token({ tenantId: T, role: 'viewer' });
});
afterAll(async () => api?.close());

type Kpis = { spendMinor: number; revenueMinor: number; orders: number };
type Body = {
  comparison: string;
  previousPeriod: { from: string; to: string };
  kpis: Kpis;
  previous: Kpis;
  change: Record<string, number | null>;
  incompleteComparison: string[];
  previousTrend: { date: string; spendMinor: number | null }[];
};
const WEEK = 'from=2026-11-01&to=2026-11-07';
async function dashboard(search: string): Promise<Body> {
  const res = await api.request(`/api/brands/${B}/dashboard?${WEEK}&${search}`, { token });
  expect(res.status).toBe(200);
  return (await res.json()) as Body;
}

describe('dashboard with a chosen comparison', () => {
  it('compares with the same dates last year: Nov 1–7, 2025', async () => {
    const d = await dashboard('compare=year');
    expect(d.comparison).toBe('year');
    expect(d.previousPeriod).toEqual({ from: '2025-11-01', to: '2025-11-07' });
    // 7 × 5,000 + 100 × (1 + … + 7) = 35,000 + 2,800
    expect(d.previous).toMatchObject({ spendMinor: 37_800, revenueMinor: 75_600, orders: 7 });
    expect(d.kpis).toMatchObject({ spendMinor: 70_000, revenueMinor: 210_000, orders: 7 });
    expect(d.change.spendMinor).toBeCloseTo((70_000 - 37_800) / 37_800, 10);
    expect(d.change.revenueMinor).toBeCloseTo((210_000 - 75_600) / 75_600, 10);
    expect(d.change.orders).toBe(0);
    expect(d.incompleteComparison).not.toContain('spendMinor');
    expect(d.previousTrend.map((p) => p.date)).toEqual(days('2025-11-01', '2025-11-07'));
    expect(d.previousTrend[0]?.spendMinor).toBe(5_100);
  });

  it('compares with 52 weeks earlier, weekday under weekday: Nov 2–8, 2025', async () => {
    const d = await dashboard('compare=year_weekday');
    expect(d.previousPeriod).toEqual({ from: '2025-11-02', to: '2025-11-08' });
    // 35,000 + 100 × (2 + … + 8)
    expect(d.previous.spendMinor).toBe(38_500);
  });

  it('compares with a custom range of another length', async () => {
    const d = await dashboard('compare=custom&cfrom=2025-10-25&cto=2025-10-28');
    expect(d.comparison).toBe('custom');
    expect(d.previousPeriod).toEqual({ from: '2025-10-25', to: '2025-10-28' });
    // 4 × 5,000 + 100 × (25 + 26 + 27 + 28)
    expect(d.previous.spendMinor).toBe(30_600);
    // Four days under seven: the line stops where the comparison ends.
    expect(d.previousTrend.map((p) => p.spendMinor)).toEqual([7_500, 7_600, 7_700, 7_800, null, null, null]);
  });

  it('flags a chosen comparison whose period has no data, as it flags the previous one', async () => {
    const d = await dashboard('compare=custom&cfrom=2024-11-01&cto=2024-11-07');
    expect(d.previous.spendMinor).toBe(0);
    expect(d.incompleteComparison).toEqual(expect.arrayContaining(['spendMinor', 'revenueMinor', 'orders']));
  });

  it('compares with the previous days when no comparison is chosen', async () => {
    const d = await dashboard('');
    expect(d.comparison).toBe('previous');
    expect(d.previousPeriod).toEqual({ from: '2026-10-25', to: '2026-10-31' });
  });
});

describe('drilldown with a chosen comparison', () => {
  it('draws the same dates last year under a channel', async () => {
    const res = await api.request(`/api/brands/${B}/drilldown/channel/meta?${WEEK}&compare=year`, { token });
    expect(res.status).toBe(200);
    const d = (await res.json()) as Body & { previousTrend: { date: string; revenueMinor: number | null }[] };
    expect(d.comparison).toBe('year');
    expect(d.previousPeriod).toEqual({ from: '2025-11-01', to: '2025-11-07' });
    expect(d.previousTrend[2]).toMatchObject({ date: '2025-11-03', revenueMinor: 12_000 });
  });
});

describe('comparison validation', () => {
  it.each([
    ['compare=custom&cfrom=2025-11-01', 'cto', 'a custom comparison needs its last day, `cto`'],
    ['compare=custom&cto=2025-11-01', 'cfrom', 'a custom comparison needs its first day, `cfrom`'],
    [
      'compare=custom&cfrom=2025-11-07&cto=2025-11-01',
      'cto',
      'the comparison: the first day must not be after the last',
    ],
    [
      'compare=custom&cfrom=2022-01-01&cto=2025-01-01',
      'cto',
      'the comparison: a period spans at most 731 days',
    ],
    ['cfrom=2025-11-01&cto=2025-11-07', 'compare', '`cfrom` and `cto` go with `compare=custom`'],
    ['compare=decade', 'compare', undefined],
    ['compare=custom&cfrom=2025-13-01&cto=2025-11-07', 'cfrom', 'a calendar date, YYYY-MM-DD'],
  ])('refuses %s with a 400 naming %s', async (search, path, message) => {
    for (const page of ['dashboard', 'drilldown/channel/meta']) {
      const res = await api.request(`/api/brands/${B}/${page}?${WEEK}&${search}`, { token });
      expect(res.status).toBe(400);
      const body = (await res.json()) as {
        error: { code: string; message: string; details: { path: string; message: string }[] };
      };
      expect(body.error.code).toBe('invalid_request');
      expect(body.error.message).toEqual(expect.any(String));
      const issue = body.error.details.find((x) => x.path === path);
      expect(issue).toBeDefined();
      if (message) expect(issue?.message).toBe(message);
    }
  });
});

describe('agency overview with a chosen comparison', () => {
  it('takes a relative comparison and refuses a custom one (its weeks are trailing)', async () => {
    const owner = await api.token({ tenantId: T, role: 'owner' });
    expect((await api.request('/api/agency/overview?compare=year', { token: owner })).status).toBe(200);
    expect((await api.request('/api/agency/overview?compare=custom', { token: owner })).status).toBe(400);
  });
});
