import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestBrand, type TestBrand } from '../../../test/support/attribution-pass';
import { META, plantSituations } from '../../../test/support/planted-scenarios';
import { runAttributionPass } from '../../attribution/pass/run';
import { localDate } from '../../domain/time';
import { campaignPerformance, inventoryStatus, reconciliation } from './queries';

describe('analytics queries over a pass', () => {
  let w: TestBrand;
  const scope = () => ({ ctx: w.ctx, brandId: 'b1' });
  beforeAll(async () => {
    w = await createTestBrand('2026-03-31T16:00:00Z');
    await plantSituations(w);
    await runAttributionPass(w.deps, w.ctx, 'b1');
  });
  afterAll(async () => w.close());

  it('lists misaligned SKUs first, with cover and alignment', async () => {
    const rows = await inventoryStatus(w.deps.warehouse, scope());
    expect(rows.map((r) => r.alignment).slice(-1)).toEqual(['aligned']);
    expect(rows.find((r) => r.variant_id === 'v-out')).toMatchObject({
      status: 'stockout',
      stockout_date: '2026-03-31',
    });
  });

  it('filters by alignment and by location', async () => {
    const out = await inventoryStatus(w.deps.warehouse, scope(), { alignment: 'spending_on_stockout' });
    expect(out.map((r) => r.sku)).toEqual(['SKU-OUT']);
    const l2 = await inventoryStatus(w.deps.warehouse, scope(), { locationId: 'l2', status: 'low' });
    expect(l2.map((r) => [r.variant_id, r.available])).toEqual([['v-fast', 15]]);
  });

  it('reads the weekly reconciliation', async () => {
    const rows = await reconciliation(
      w.deps.warehouse,
      scope(),
      localDate('2026-03-16'),
      localDate('2026-03-16'),
    );
    expect(rows.find((r) => r.platform === 'meta')?.over_claim_ratio).toBeCloseTo(90_000 / 64_500, 9);
  });

  it('reports campaign performance with null ROAS for the unattributed row', async () => {
    const rows = await campaignPerformance(
      w.deps.warehouse,
      scope(),
      localDate('2026-03-02'),
      localDate('2026-03-31'),
    );
    const meta = rows.find((r) => r.campaign_id === META)!;
    expect(meta.spend_minor).toBe(30 * 50_000);
    expect(meta.roas).toBeCloseTo(meta.revenue_minor / meta.spend_minor, 12);
    expect(rows.find((r) => r.campaign_id === null && r.channel === 'direct')).toMatchObject({
      roas: null,
      poas: null,
    });
  });
});
