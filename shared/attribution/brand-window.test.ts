import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../../test/support/api';
import { aPerformanceRow } from '../../test/support/builders';
import { seedTenantWithData } from '../../test/support/tenants';
import { WARM_UP_DAYS } from '../domain/curves';
import type { TenantContext } from '../domain/tenancy';
import { addDays, localDate } from '../domain/time';
import { createPerformanceQueries } from '../reporting/read-model/performance-queries';
import { CURVE_DAYS, loadBrandWindow } from './brand-window';

const B = 'warmup';
const last = localDate('2026-11-30');
const windowFrom = addDays(last, -(CURVE_DAYS - 1));
/** Days of history per campaign: longer than window and warm-up, inside the warm-up, inside the window. */
const started = { old: CURVE_DAYS + 60, recent: CURVE_DAYS + 10, young: 40 } as const;
const campaignId = (id: string) => `meta:act_${B}:${id}`;

let api: TestApi;
let ctx: TenantContext;

beforeAll(async () => {
  api = await createTestApi();
  ({ ctx } = await seedTenantWithData(api, 't_warmup', [B]));
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
    // Warm-up days carry the spend the warehouse holds for them.
    expect(daily('old')[0]!.spendMinor).toBe(10_000 + 100 * (CURVE_DAYS + WARM_UP_DAYS - 1));

    expect(warm('recent')).toHaveLength(10);
    expect(daily('recent')[0]!.date).toBe(addDays(windowFrom, -10));

    expect(warm('young')).toHaveLength(0);
    expect(daily('young')).toHaveLength(started.young);
  });
});
