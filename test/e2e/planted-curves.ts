import type { LocalRuntime } from '../../infra/local/runtime';
import { adSpendRow } from '../../shared/customers/test-store';
import { fittedRevenue, type HillParams } from '../../shared/domain/curves';
import { systemContext } from '../../shared/domain/tenancy';
import { addDays, toLocalDate } from '../../shared/domain/time';
import { seededRandom } from '../../shared/kernel/util/random';
import type { WarehouseRow } from '../../shared/ports/warehouse';
import { aPerformanceRow } from '../support/builders';

export const PLANTED_BRAND = 'demo-brand';
export const PLANTED_DAYS = 120;

/** `curve: null` plants revenue that is noise around a mean, whatever the spend did. */
export const PLANTED_CAMPAIGNS: Array<{
  id: string;
  name: string;
  budget: number;
  curve: HillParams | null;
}> = [
  {
    id: 'meta:act_1:camp_runner',
    name: 'Velocity Runner — Prospecting',
    budget: 40_000,
    curve: { top: 260_000, halfSat: 45_000, shape: 1.2, decay: 0.3 },
  },
  {
    id: 'meta:act_1:camp_tee',
    name: 'Merino Tee — Summer',
    budget: 15_000,
    curve: { top: 60_000, halfSat: 20_000, shape: 1.1, decay: 0.2 },
  },
  {
    id: 'meta:act_1:camp_retarget',
    name: 'Retargeting — All Products',
    budget: 20_000,
    curve: { top: 150_000, halfSat: 18_000, shape: 1, decay: 0.4 },
  },
  { id: 'meta:act_1:camp_broad', name: 'Broad — Lookalike 2 %', budget: 12_000, curve: null },
];

/**
 * The demo brand's last 120 complete days, replaced by four campaigns with weekly budget tests:
 * three whose revenue follows a planted response curve, one whose revenue is noise (its curve
 * explains nothing, so the plan holds it — decision 990). The campaigns' names come from the ad
 * platform's rows, as a sync would write them.
 */
export async function plantCurves(runtime: LocalRuntime): Promise<void> {
  const { deps } = runtime.embedded;
  const ctx = systemContext('demo', 'e2e-seed');
  const brand = (await deps.store.brands.get(ctx, PLANTED_BRAND))!;
  const asOf = addDays(toLocalDate(deps.clock.now(), brand.timezone), -1);
  const first = addDays(asOf, -(PLANTED_DAYS - 1));
  const performance: WarehouseRow[] = [];
  const ads: WarehouseRow[] = [];
  PLANTED_CAMPAIGNS.forEach((c, k) => {
    const spend = Array.from({ length: PLANTED_DAYS }, (_, t) =>
      Math.round(c.budget * (1 + 0.5 * Math.sin(Math.floor(t / 7) * 1.7 + k))),
    );
    const rand = seededRandom(k + 1);
    const revenue = c.curve ? fittedRevenue(spend, c.curve) : spend.map(() => 30_000 * (0.4 + 1.2 * rand()));
    spend.forEach((s, t) => {
      const date = addDays(first, t);
      performance.push(
        aPerformanceRow(PLANTED_BRAND, {
          date,
          campaign_id: c.id,
          product_id: `gid://shopify/Product/${k}`,
          variant_id: `gid://shopify/ProductVariant/${k}`,
          spend_minor: s,
          revenue_minor: Math.round(revenue[t]!),
          profit_minor: Math.round(revenue[t]! * 0.55) - s,
          model: brand.targets.attributionModel,
        }),
      );
      ads.push({
        ...adSpendRow({ brandId: PLANTED_BRAND, date, platform: 'meta', campaignId: c.id, spendMinor: s }),
        campaign_name: c.name,
      });
    });
  });
  const range = { brandId: PLANTED_BRAND, from: first, to: asOf };
  await deps.warehouse.replaceRange(ctx, 'unified_performance', range, performance);
  await deps.warehouse.replaceRange(ctx, 'ad_performance', range, ads);
}
