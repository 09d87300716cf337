import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../../test/support/api';
import { anAdRow, aPerformanceRow } from '../../test/support/builders';
import { seedTenantWithData } from '../../test/support/tenants';
import { WARM_UP_DAYS } from '../domain/curves';
import type { TenantContext } from '../domain/tenancy';
import { addDays, localDate } from '../domain/time';
import { createPerformanceQueries } from '../reporting/read-model/performance-queries';
import { CURVE_DAYS, loadBrandWindow } from './brand-window';

const B = 'warmup';
/** A brand whose attributed history starts inside the curve window; its ad spend goes back further. */
const L = 'late';
const ATTRIBUTED_DAYS = 90;
const last = localDate('2026-11-30');
const windowFrom = addDays(last, -(CURVE_DAYS - 1));
/** Days of history per campaign: longer than window and warm-up, inside the warm-up, inside the window. */
const started = { old: CURVE_DAYS + 60, recent: CURVE_DAYS + 10, young: 40 } as const;
const campaignId = (id: string, brand = B) => `meta:act_${brand}:${id}`;
/** The ad syncs' row for a campaign-day: spend converted to the brand's USD from the account's EUR. */
const adRow = (brand: string, id: string, date: string, spendMinor: number) =>
  anAdRow(brand, date, 'meta', spendMinor, {
    account_id: `act_${brand}`,
    campaign_id: campaignId(id, brand),
    original_currency: 'EUR',
    spend_original_minor: Math.round(spendMinor / 1.1),
    fx_rate: 1.1,
  });
/** Spend the ad syncs stored for the late brand's campaign `t` days before the last day. */
const lateSpend = (t: number) => 50_000 + 10 * t;

let api: TestApi;
let ctx: TenantContext;

beforeAll(async () => {
  api = await createTestApi();
  ({ ctx } = await seedTenantWithData(api, 't_warmup', [B, L]));
  const rows = Object.entries(started).flatMap(([id, days]) =>
    Array.from({ length: days }, (_, t) =>
      aPerformanceRow(B, {
        date: addDays(last, -t),
        campaign_id: campaignId(id),
        spend_minor: 10_000 + 100 * t,
        revenue_minor: 30_000,
      }),
    ),
  );
  const from = addDays(last, -(started.old - 1));
  await api.deps.warehouse.replaceRange(ctx, 'unified_performance', { brandId: B, from, to: last }, rows);
  // The spend the ad syncs stored, the same as unified performance shares out.
  const spend = rows.map((r) =>
    adRow(B, String(r.campaign_id).split(':')[2]!, String(r.date), Number(r.spend_minor)),
  );
  await api.deps.warehouse.replaceRange(ctx, 'ad_performance', { brandId: B, from, to: last }, spend);

  // The late brand: `old` spent every day of the last 300, `young` started 30 days ago; only the
  // last ATTRIBUTED_DAYS have attributed (unified) rows, with other spend figures than the syncs'
  // so the test sees which table a day was read from.
  const lateDays = { old: 300, young: 30 } as const;
  const lateAds = Object.entries(lateDays).flatMap(([id, days]) =>
    Array.from({ length: days }, (_, t) => adRow(L, id, addDays(last, -t), lateSpend(t))),
  );
  const lateUnified = Object.entries(lateDays).flatMap(([id, days]) =>
    Array.from({ length: Math.min(days, ATTRIBUTED_DAYS) }, (_, t) =>
      aPerformanceRow(L, { date: addDays(last, -t), campaign_id: campaignId(id, L), spend_minor: 7_000 + t }),
    ),
  );
  const lateFrom = addDays(last, -299);
  await api.deps.warehouse.replaceRange(
    ctx,
    'ad_performance',
    { brandId: L, from: lateFrom, to: last },
    lateAds,
  );
  await api.deps.warehouse.replaceRange(
    ctx,
    'unified_performance',
    { brandId: L, from: lateFrom, to: last },
    lateUnified,
  );
});
afterAll(async () => api?.close());

describe('the brand window’s curve series', () => {
  it('starts WARM_UP_DAYS before the curve window, those days marked warm-up, as far as the campaign goes back', async () => {
    const brand = (await api.deps.store.brands.get(ctx, B))!;
    const queries = createPerformanceQueries(api.deps.warehouse);
    const { recommendations } = await loadBrandWindow({ store: api.deps.store, queries }, ctx, brand, last);
    const daily = (id: string) =>
      recommendations.campaigns.find((c) => c.campaignId === campaignId(id))!.daily;
    const warm = (id: string) => daily(id).filter((d) => d.warmUp);

    expect(daily('old')).toHaveLength(CURVE_DAYS + WARM_UP_DAYS);
    expect(warm('old')).toHaveLength(WARM_UP_DAYS);
    expect(daily('old')[0]!.date).toBe(addDays(windowFrom, -WARM_UP_DAYS));
    expect(daily('old')[WARM_UP_DAYS]).toMatchObject({ date: windowFrom, spendMinor: 10_000 + 100 * 179 });
    expect(daily('old')[WARM_UP_DAYS]!.warmUp).toBeUndefined();
    // Warm-up days carry the spend the ad syncs stored for them.
    expect(daily('old')[0]!.spendMinor).toBe(10_000 + 100 * (CURVE_DAYS + WARM_UP_DAYS - 1));

    expect(warm('recent')).toHaveLength(10);
    expect(daily('recent')[0]!.date).toBe(addDays(windowFrom, -10));

    expect(warm('young')).toHaveLength(0);
    expect(daily('young')).toHaveLength(started.young);
  });

  it('where attributed history starts inside the window, fits from its first day after WARM_UP_DAYS of the syncs’ spend', async () => {
    const brand = (await api.deps.store.brands.get(ctx, L))!;
    const queries = createPerformanceQueries(api.deps.warehouse);
    const { recommendations } = await loadBrandWindow({ store: api.deps.store, queries }, ctx, brand, last);
    const daily = (id: string) =>
      recommendations.campaigns.find((c) => c.campaignId === campaignId(id, L))!.daily;
    const attributedFrom = addDays(last, -(ATTRIBUTED_DAYS - 1));

    const old = daily('old');
    expect(old).toHaveLength(WARM_UP_DAYS + ATTRIBUTED_DAYS);
    const warm = old.slice(0, WARM_UP_DAYS);
    expect(warm.every((d) => d.warmUp)).toBe(true);
    expect(warm[0]!.date).toBe(addDays(attributedFrom, -WARM_UP_DAYS));
    // The syncs' amounts in the brand's currency (not the account's EUR), day by day.
    expect(warm.map((d) => d.spendMinor)).toEqual(
      Array.from({ length: WARM_UP_DAYS }, (_, i) => lateSpend(ATTRIBUTED_DAYS + WARM_UP_DAYS - 1 - i)),
    );
    // From the first attributed day on, unified performance's figures, fitted.
    expect(old[WARM_UP_DAYS]).toMatchObject({
      date: attributedFrom,
      spendMinor: 7_000 + ATTRIBUTED_DAYS - 1,
    });
    expect(old.slice(WARM_UP_DAYS).some((d) => d.warmUp)).toBe(false);

    // A campaign that started after the attributed history did has no spend before it: no warm-up.
    expect(daily('young')).toHaveLength(30);
    expect(daily('young').some((d) => d.warmUp)).toBe(false);
  });
});
