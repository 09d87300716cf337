import { describe, expect, it } from 'vitest';
import { undeclaredEvidence } from '../evidence';
import { addDays, eachDay, isoWeekday, type LocalDate, localDate } from '../time';
import { type AlertInput, type DailyTotal, detectAlerts, sameWeekdayAnomaly } from '.';

const asOf = localDate('2026-11-20');

/** 63 days with a weekend bump (weekly seasonality) and steady ROAS 3. */
function seasonalDays(
  over: (d: LocalDate, base: DailyTotal) => Partial<DailyTotal> = () => ({}),
): DailyTotal[] {
  return eachDay(addDays(asOf, -62), asOf).map((date) => {
    const spendMinor = isoWeekday(date) >= 5 ? 150_000 : 100_000 + (Number(date.slice(-2)) % 3) * 1000;
    const base = { date, spendMinor, revenueMinor: spendMinor * 3 };
    return { ...base, ...over(date, base) };
  });
}

function anAlertInput(over: Partial<AlertInput> = {}): AlertInput {
  return {
    brandId: 'b1',
    currency: 'USD',
    asOf,
    targets: { roasDropAlertPct: 15, lowCoverDays: 14 },
    recentDays: 3,
    daily: seasonalDays(),
    products: [],
    integrations: [],
    latestRuns: [],
    ...over,
  };
}

describe('alerts', () => {
  it('raises nothing for a steady, seasonal brand', () => {
    expect(detectAlerts(anAlertInput())).toEqual([]);
  });

  it('raises roas_drop when the last 7 days fall past the threshold against the 28 before', () => {
    const daily = seasonalDays((d, b) => (d > addDays(asOf, -7) ? { revenueMinor: b.spendMinor * 2 } : {}));
    const alert = detectAlerts(anAlertInput({ daily })).find((a) => a.type === 'roas_drop');
    expect(alert).toMatchObject({
      type: 'roas_drop',
      dedupeKey: 'roas_drop:brand',
      evidence: { recent_roas: 2, baseline_roas: 3, threshold_pct: 15 },
      // a 33 % drop is past twice the 15 % line
      severity: 'critical',
    });
    expect(alert!.evidence.drop_pct).toBeCloseTo(33.3333, 3);
  });

  it('does not call a normal Saturday an anomaly but flags a weekday spend spike', () => {
    // asOf is a Friday; a weekday at the weekend level is 50 % above its own weekday median.
    const spiked = seasonalDays((d) => (d === asOf ? { spendMinor: 150_000, revenueMinor: 450_000 } : {}));
    const alerts = detectAlerts(anAlertInput({ daily: spiked }));
    expect(alerts.map((a) => a.dedupeKey)).toEqual([
      'anomaly:spend:2026-11-20',
      'anomaly:revenue:2026-11-20',
    ]);
    const saturday = addDays(asOf, 1);
    const weekend = seasonalDays().map((d) => ({ ...d, date: addDays(d.date, 1) }));
    expect(detectAlerts(anAlertInput({ asOf: saturday, daily: weekend }))).toEqual([]);
  });

  it('judges a day still running on the last whole day instead: a morning’s sales are not an unusual day', () => {
    // asOf is today at 9 am: a quarter of a day's spend and sales so far.
    const morning = seasonalDays((d, b) =>
      d === asOf ? { spendMinor: b.spendMinor / 4, revenueMinor: b.revenueMinor / 8 } : {},
    );
    expect(detectAlerts(anAlertInput({ daily: morning })).map((a) => a.dedupeKey)).toEqual([
      'anomaly:revenue:2026-11-20',
      'anomaly:spend:2026-11-20',
    ]);
    const yesterday = addDays(asOf, -1);
    expect(detectAlerts(anAlertInput({ daily: morning, lastCompleteDay: yesterday }))).toEqual([]);
    // An unusual whole day is still seen, on its own date, written as the app writes dates.
    const spikedYesterday = morning.map((d) =>
      d.date === yesterday ? { ...d, spendMinor: 250_000, revenueMinor: 750_000 } : d,
    );
    const alerts = detectAlerts(anAlertInput({ daily: spikedYesterday, lastCompleteDay: yesterday }));
    expect(alerts.map((a) => a.dedupeKey).sort()).toEqual([
      'anomaly:revenue:2026-11-19',
      'anomaly:spend:2026-11-19',
    ]);
    const alert = alerts.find((a) => a.dedupeKey === 'anomaly:revenue:2026-11-19');
    expect(alert!.title).toMatch(/^Unusual revenue on Nov 19, 2026: \$7,500\.00, above the usual/);
  });

  it('writes a ROAS drop’s days and percentages as the app does', () => {
    const daily = seasonalDays((d, b) => (d > addDays(asOf, -7) ? { revenueMinor: b.spendMinor * 2 } : {}));
    const alert = detectAlerts(anAlertInput({ daily })).find((a) => a.type === 'roas_drop')!;
    expect(alert.title).toBe('ROAS fell 33.3% against the previous 28 days');
    expect(alert.explanation).toMatch(/^Over Nov 14\u2009–\u200920, 2026 the brand earned /);
    expect(alert.explanation).toMatch(
      /; over Oct 17\u2009–\u2009Nov 13, 2026 ROAS was 3\.00×\. The alert line is a 15% drop\.$/,
    );
  });

  it('uses median and MAD so one past holiday does not hide a new outlier', () => {
    const v = sameWeekdayAnomaly(200, [100, 102, 98, 101, 99, 1000]);
    expect(v?.anomalous).toBe(true);
    expect(v?.median).toBe(100.5);
  });

  it('raises spending_on_stockout and stockout_risk from stock and recent spend', () => {
    const alerts = detectAlerts(
      anAlertInput({
        products: [
          {
            productId: 'p0',
            title: 'Bottle',
            stockAvailable: 0,
            daysOfCover: 0,
            spendMinor: 90_000,
            recentSpendMinor: 21_000,
            campaignCount: 2,
          },
          {
            productId: 'p1',
            title: 'Runner',
            stockAvailable: 40,
            daysOfCover: 4.5,
            spendMinor: 300_000,
            recentSpendMinor: 60_000,
            campaignCount: 2,
          },
          {
            productId: 'p2',
            title: 'Throw',
            stockAvailable: 2600,
            daysOfCover: 400,
            spendMinor: 0,
            recentSpendMinor: 0,
            campaignCount: 0,
          },
        ],
      }),
    );
    expect(alerts.map((a) => [a.type, a.severity])).toEqual([
      ['spending_on_stockout', 'critical'],
      ['stockout_risk', 'warning'],
    ]);
    expect(alerts[0]!.evidence).toMatchObject({
      stock_available: 0,
      spend_recent_minor: 21_000,
      campaigns: 2,
    });
    expect(alerts[0]!.explanation).toContain('yet 2 campaigns spent $210.00 on it');
  });

  /** Meta's latest sync failed with `error`, and the month's AI cost is at 80 % of its budget. */
  const metaRunFailedAndAiAt80Percent = (error: string) => ({
    latestRuns: [
      {
        id: 'r1',
        brandId: 'b1',
        platform: 'meta' as const,
        status: 'failed' as const,
        error,
        counts: {},
        startedAt: '2026-11-20T10:00:00Z',
      },
    ],
    aiBudget: { month: '2026-11', usedMicros: 16_500_000, budgetMicros: 20_000_000 },
  });

  it('raises sync_failure from a failed run and ai_budget at 80 % of the month', () => {
    const alerts = detectAlerts(
      anAlertInput({
        ...metaRunFailedAndAiAt80Percent('token expired'),
      }),
    );
    expect(alerts.map((a) => a.dedupeKey)).toEqual(['ai_budget:2026-11', 'sync_failure:meta']);
    expect(alerts[1]!.explanation).toContain('token expired');
    // Written as the app writes money, shares and months, not "USD 16.50" or "82.5 % of 2026-11".
    expect(alerts[0]!.title).toBe('AI cap nearly used: 82.5% of the November 2026 cap');
    expect(alerts[0]!.explanation).toMatch(
      /^This month's AI questions and summaries cost \$16\.50 of your \$20\.00 monthly cap\./,
    );
  });

  it('declares every evidence key it writes: AI cost in US dollars, ids kept out of sight', () => {
    const alerts = detectAlerts(
      anAlertInput({
        ...metaRunFailedAndAiAt80Percent('x'),
      }),
    );
    for (const a of alerts) expect(undeclaredEvidence(a.evidence, a.evidenceUnits), a.type).toEqual([]);
    const budget = alerts.find((a) => a.type === 'ai_budget')!;
    expect(budget.evidence).toMatchObject({ ai_cost_usd: 16.5, budget_usd: 20, currency: 'USD' });
    expect(budget.evidenceUnits).toMatchObject({
      ai_cost_usd: 'money-major',
      currency: 'currency',
      used_micros: 'internal',
    });
    expect(alerts.find((a) => a.type === 'sync_failure')!.evidenceUnits.failed_run_id).toBe('internal');
  });
});
