import { describe, expect, it } from 'vitest';
import { PLATFORM_MINIMUM_MINOR } from '../../shared/domain/recommendations/budget-plan';
import { addDays, type LocalDate } from '../../shared/domain/time';
import { factsFor, firstDay, sumFacts } from './ads/facts';
import { perAdGroup } from './tiktok';
import { CAMPAIGNS, dailySpendMinor, REGIONS, usdPer } from './world';

/**
 * TikTok refuses a campaign daily budget under $50 and an ad group's under $20
 * (ads.tiktok.com/help/article/budget, "Minimum Budget Guidelines"); the product holds the
 * campaign's at 50 in the account currency (PLATFORM_MINIMUM_MINOR), €50 for the demo's EUR
 * account. A campaign either spends at least that on a day or, paused, nothing (decision 969).
 */
const MINIMUM = PLATFORM_MINIMUM_MINOR.tiktok;
const AD_GROUP_MINIMUM = 2_000;
const TIKTOK = CAMPAIGNS.filter((c) => c.platform === 'tiktok');
const under = (spendMinor: number) => spendMinor > 0 && spendMinor < MINIMUM;

describe('the demo world’s TikTok campaigns respect TikTok’s campaign minimum', () => {
  it('spend nothing or at least the minimum on every day of three years of budget tests', () => {
    // A day's spend depends on its calendar week, not on the world's last day, except in the last
    // three weeks of the scaled-up campaign (1.5×); an end date past the span leaves those out.
    const end = '2029-01-01' as LocalDate;
    const offenders: string[] = [];
    let paused = 0;
    for (let date = '2026-01-01' as LocalDate; date < '2028-12-31'; date = addDays(date, 1)) {
      for (const c of TIKTOK) {
        const spend = REGIONS.reduce((s, r) => s + dailySpendMinor(c, date, r, end), 0);
        if (spend === 0) paused++;
        if (under(spend) || under(spend * usdPer(c.accountCurrency, date)))
          offenders.push(`${c.name} ${date}: ${spend}`);
      }
    }
    expect(offenders).toEqual([]);
    // Every other week is a down week, and every TikTok down week is a pause.
    expect(paused / (TIKTOK.length * 1095)).toBeGreaterThan(0.4);
  });

  it('report no campaign-day under the minimum, nor an ad group’s under $20, through the TikTok sandbox, over a week of demo end dates', () => {
    // What a sync reads for each world ending on one of 7 consecutive days (every weekday, both orders of a
    // test fortnight, the stocked-out SKU's scale-up and the restated last days included).
    const offenders: string[] = [];
    for (let i = 0; i < 7; i++) {
      const asOf = addDays('2026-12-07' as LocalDate, i);
      const facts = factsFor('tiktok', firstDay(asOf), asOf, asOf);
      const days = sumFacts(facts, (f) => `${f.campaign.id}|${f.date}`);
      expect(days).toHaveLength(TIKTOK.length * 181);
      for (const d of days)
        if (under(d.spendMinor)) offenders.push(`${d.campaign.name} ${d.date} as of ${asOf}`);
      const groups = new Map<string, number>();
      for (const g of facts.flatMap(perAdGroup))
        groups.set(`${g.adsetId} ${g.date}`, (groups.get(`${g.adsetId} ${g.date}`) ?? 0) + g.spendMinor);
      for (const [key, spend] of groups)
        if (spend > 0 && spend < AD_GROUP_MINIMUM) offenders.push(`ad group ${key} as of ${asOf}`);
    }
    expect(offenders).toEqual([]);
  });
});
