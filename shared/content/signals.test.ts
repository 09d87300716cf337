import { afterEach, describe, expect, it } from 'vitest';
import { createTestBrand, type TestBrand } from '../../test/support/attribution-pass';
import { plantSituations } from '../../test/support/planted-scenarios';
import { runAttributionPass } from '../attribution/pass/run';
import { pickFeaturedProducts } from '../domain/content/pick';
import { createProductSignals } from './signals';

/**
 * Product signals over a real attribution pass. The planted brand's sales end on 31 March; the
 * pass runs on 1 April, as the demo's first pass runs the day after the store's last complete day,
 * and records stock for the day it runs.
 */
let w: TestBrand | undefined;
afterEach(async () => {
  await w?.close();
  w = undefined;
});

async function signalsAfterPass(now: string) {
  w = await createTestBrand(now);
  await plantSituations(w);
  await runAttributionPass(w.deps, w.ctx, 'b1');
  return createProductSignals(w.deps)({ ctx: w.ctx, brandId: 'b1' });
}

describe('product signals for the content studio', () => {
  it('read stock from the pass that ran today when sales end yesterday', async () => {
    const signals = await signalsAfterPass('2026-04-01T16:00:00Z');
    const byId = Object.fromEntries(signals.map((s) => [s.variantId, s]));
    expect(byId['v-over']).toMatchObject({ stock: 2600, status: 'overstock' });
    expect(byId['v-out']).toMatchObject({ stock: 0, status: 'stockout' });
    expect(byId['v-ok']?.stock).toBe(300);
    // Units sold are the 30 days up to the last day with sales, not the empty today.
    expect(byId['v-ok']?.unitsSold).toBeGreaterThan(100);
  });

  it('feature the overstocked product and never the stocked-out one', async () => {
    const signals = await signalsAfterPass('2026-04-01T16:00:00Z');
    const picked = pickFeaturedProducts(signals, 13).map((p) => p.variantId);
    expect(picked).toHaveLength(13);
    expect(picked[0]).toBe('v-over');
    expect(picked).not.toContain('v-out');
  });
});
