import { rmSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestBrand, rows, type TestBrand as World } from '../../../test/support/attribution-pass';
import { META, plantSituations as plant } from '../../../test/support/planted-scenarios';
import { ATTRIBUTION_MODELS } from '../../domain/entities/brand';
import { localDate } from '../../domain/time';
import type { WarehouseRow } from '../../ports/warehouse';
import { attributionColumns } from '../../ports/warehouse-tables';
import { runAttributionPass } from './run';
import { chunkBounds, creditedAhead, readAhead, writeGroups } from './stages-orders';

const NOW = '2026-03-31T16:00:00Z';
describe('attribution pass over a planted brand', () => {
  let w: World;
  let planted: { gross: number; net: number };
  beforeEach(async () => {
    w = await createTestBrand(NOW);
    planted = await plant(w);
  });
  afterEach(async () => w.close());

  const q = <T>(sql: string) => w.deps.warehouse.query<T>(w.ctx, sql, { brand: 'b1' });

  it('classifies the planted inventory situations', async () => {
    await runAttributionPass(w.deps, w.ctx, 'b1');
    const status = await q<{
      variant_id: string;
      status: string;
      alignment: string;
      days_of_cover: number | null;
    }>(
      `SELECT variant_id, status, alignment, days_of_cover FROM {{inventory_status}} WHERE brand_id = @brand AND location_id = '*' ORDER BY variant_id`,
    );
    expect(status).toEqual([
      expect.objectContaining({ variant_id: 'v-fast', status: 'low', alignment: 'overspending_low_stock' }),
      expect.objectContaining({ variant_id: 'v-ok', status: 'healthy', alignment: 'aligned' }),
      expect.objectContaining({ variant_id: 'v-out', status: 'stockout', alignment: 'spending_on_stockout' }),
      expect.objectContaining({
        variant_id: 'v-over',
        status: 'overstock',
        alignment: 'underspending_overstock',
      }),
    ]);
    expect(status[0]!.days_of_cover).toBeCloseTo(8, 0);
  });

  it('attributed plus unattributed revenue equals Shopify net revenue to the cent', async () => {
    const result = await runAttributionPass(w.deps, w.ctx, 'b1');
    expect(result.foreignCurrencyOrders).toBe(1);
    const [sums] = await q<{ attributed: number; unattributed: number }>(
      `SELECT SUM(CASE WHEN campaign_id IS NOT NULL THEN revenue_minor ELSE 0 END) AS attributed,
              SUM(CASE WHEN campaign_id IS NULL THEN revenue_minor ELSE 0 END) AS unattributed
       FROM {{unified_performance}} WHERE brand_id = @brand`,
    );
    expect(sums!.attributed + sums!.unattributed).toBe(planted.net);
    expect(sums!.unattributed).toBe(6 * 8_900); // OVER's orders in a region no campaign reached
  });

  it('every model credits each order fully and shares out exactly its revenue', async () => {
    await runAttributionPass(w.deps, w.ctx, 'b1');
    const perModel = await Promise.all(
      ATTRIBUTION_MODELS.map(async (model) => {
        const { credit, revenue } = attributionColumns(model);
        const [r] = await q<{ revenue: number; worst: number; orders: number }>(
          `SELECT SUM(revenue) AS revenue, MAX(ABS(credit - 1)) AS worst, COUNT(*) AS orders FROM (
             SELECT order_id, SUM(${revenue}) AS revenue, SUM(${credit}) AS credit
             FROM {{attributions}} WHERE brand_id = @brand GROUP BY order_id) x`,
        );
        return r!;
      }),
    );
    for (const m of perModel) {
      expect(m.revenue).toBe(planted.gross);
      expect(m.worst).toBeLessThan(1e-9);
    }
  });

  it('puts the refund on its own local day and leaves the cancelled order out whole', async () => {
    await runAttributionPass(w.deps, w.ctx, 'b1');
    const day = async (d: string) =>
      (
        await q<{ revenue: number }>(
          `SELECT SUM(revenue_minor) AS revenue FROM {{unified_performance}} WHERE brand_id = @brand AND date = CAST('${d}' AS DATE) AND variant_id = 'v-fast'`,
        )
      )[0]!.revenue;
    expect(await day('2026-03-05')).toBe(5 * 12_900 - 12_900);
    const [cancel] = await q<{ revenue: number; orders: number }>(
      `SELECT SUM(revenue_minor) AS revenue, SUM(orders) AS orders FROM {{unified_performance}} WHERE brand_id = @brand AND date = CAST('2026-03-10' AS DATE) AND variant_id = 'v-ok'`,
    );
    expect(cancel!.revenue).toBe(5 * 3_400);
    expect(cancel!.orders).toBeCloseTo(5, 9);
  });

  it('carries stock back from today to past days without snapshots, by the units sold in between', async () => {
    await runAttributionPass(w.deps, w.ctx, 'b1');
    const days = await q<{ date: string; stock: number | null; cover: number | null }>(
      `SELECT date, MAX(stock_available) AS stock, MAX(days_of_cover) AS cover FROM {{unified_performance}}
       WHERE brand_id = @brand AND variant_id = 'v-ok' GROUP BY date ORDER BY date`,
    );
    const sold = new Map(
      (
        await q<{ date: string; units: number }>(
          `SELECT date, SUM(quantity) AS units FROM {{order_lines}} WHERE brand_id = @brand AND variant_id = 'v-ok' GROUP BY date`,
        )
      ).map((r) => [r.date, r.units]),
    );
    expect(days.length).toBeGreaterThan(20);
    expect(days.at(-1)).toMatchObject({ date: '2026-03-31', stock: 300 }); // today's live levels
    for (let i = 0; i + 1 < days.length; i++) {
      expect(days[i]!.cover).toBeGreaterThan(0);
      expect(days[i]!.stock! - days[i + 1]!.stock!).toBe(sold.get(days[i + 1]!.date) ?? 0);
    }
  });

  it('gives ROAS only where there is spend, in the brand currency, and reconciles platform claims per week', async () => {
    await runAttributionPass(w.deps, w.ctx, 'b1');
    const [meta] = await q<{ spend: number; revenue: number; roas: number | null }>(
      `SELECT spend_minor AS spend, revenue_minor AS revenue, roas FROM {{unified_performance}} WHERE brand_id = @brand AND campaign_id = '${META}' AND date = CAST('2026-03-20' AS DATE)`,
    );
    expect(meta).toEqual({ spend: 50_000, revenue: 5 * 12_900, roas: (5 * 12_900) / 50_000 });
    const [tiktok] = await q<{ spend: number }>(
      `SELECT SUM(spend_minor) AS spend FROM {{unified_performance}} WHERE brand_id = @brand AND platform = 'tiktok'`,
    );
    expect(tiktok!.spend).toBe(30 * 5_000); // brand-currency spend, not the EUR the account billed
    const noSpend = await q<{ n: number }>(
      `SELECT COUNT(*) AS n FROM {{unified_performance}} WHERE brand_id = @brand AND spend_minor = 0 AND roas IS NOT NULL`,
    );
    expect(noSpend[0]!.n).toBe(0);
    const [week] = await q<{
      attributed_revenue_minor: number;
      claimed_value_minor: number;
      over_claim_ratio: number;
    }>(
      `SELECT attributed_revenue_minor, claimed_value_minor, over_claim_ratio FROM {{reconciliation}} WHERE brand_id = @brand AND platform = 'meta' AND date = CAST('2026-03-16' AS DATE)`,
    );
    // Last touch: a whole week of FAST orders at 5 × 129.00 a day against Meta's 900.00 a day.
    expect(week).toEqual({
      attributed_revenue_minor: 7 * 5 * 12_900,
      claimed_value_minor: 7 * 90_000,
      over_claim_ratio: 90_000 / (5 * 12_900),
    });
  });

  it("credits the same whether each chunk's stray touches are read alone or with other chunks'", async () => {
    const stored = () =>
      q<WarehouseRow>(
        `SELECT * FROM {{attributions}} WHERE brand_id = @brand ORDER BY order_id, channel, campaign_id`,
      );
    const storedFit = () =>
      q<WarehouseRow>(`SELECT * FROM {{attribution_fit}} WHERE brand_id = @brand ORDER BY 1, 2, 3`);
    await runAttributionPass(w.deps, w.ctx, 'b1', { chunkDays: 7, strayReadChunks: 1 });
    const alone = { rows: await stored(), fit: await storedFit() };
    await runAttributionPass(w.deps, w.ctx, 'b1', { chunkDays: 7, strayReadChunks: 3 });
    expect(alone.rows.some((r) => Number(r.credit_data_driven) > 0)).toBe(true);
    expect(await stored()).toEqual(alone.rows);
    expect(await storedFit()).toEqual(alone.fit);
  });

  it('writes the same attributions whether each chunk commits alone or chunks are grouped', async () => {
    const ranges: string[] = [];
    const inner = w.deps.warehouse;
    const warehouse: typeof inner = {
      ...inner,
      replaceRangeBatches: (ctx, table, range, batches) => {
        if (table === 'attributions') ranges.push(`${range.from}..${range.to}`);
        return inner.replaceRangeBatches(ctx, table, range, batches);
      },
    };
    const stored = () =>
      q<WarehouseRow>(
        `SELECT * FROM {{attributions}} WHERE brand_id = @brand ORDER BY order_id, channel, campaign_id`,
      );
    const deps = { ...w.deps, warehouse };
    await runAttributionPass(deps, w.ctx, 'b1', { chunkDays: 7, writeGroupOrders: 1 });
    const perChunk = { ranges: ranges.splice(0), rows: await stored() };
    // A row inside the range that the grouped pass must replace.
    await inner.replaceKeys(w.ctx, 'attributions', { brandId: 'b1', keyColumn: 'order_id', keys: ['x'] }, [
      { ...perChunk.rows[0]!, order_id: 'x' },
    ]);
    await runAttributionPass(deps, w.ctx, 'b1', { chunkDays: 7, writeGroupOrders: 1_000_000 });
    expect(perChunk.ranges.length).toBeGreaterThan(1);
    // One write over exactly the ranges the per-chunk writes covered, end to end.
    expect(ranges).toEqual([
      `${perChunk.ranges[0]!.split('..')[0]}..${perChunk.ranges.at(-1)!.split('..')[1]}`,
    ]);
    expect(perChunk.rows.length).toBeGreaterThan(0);
    expect(await stored()).toEqual(perChunk.rows);
  });

  it('a re-run over the range replaces exactly that range', async () => {
    const sentinel = {
      brand_id: 'b1',
      date: '2025-11-03',
      channel: 'meta',
      currency: 'USD',
      spend_minor: 1,
      revenue_minor: 0,
      orders: 0,
      units: 0,
      cogs_minor: 0,
      profit_minor: -1,
      model: 'last_touch',
    };
    await w.deps.warehouse.replaceRange(
      w.ctx,
      'unified_performance',
      { brandId: 'b1', from: localDate('2025-11-03'), to: localDate('2025-11-03') },
      [sentinel],
    );
    const first = await runAttributionPass(w.deps, w.ctx, 'b1');
    const count = async () =>
      (
        await q<{ n: number }>(`SELECT COUNT(*) AS n FROM {{unified_performance}} WHERE brand_id = @brand`)
      )[0]!.n;
    const before = await count();
    const second = await runAttributionPass(w.deps, w.ctx, 'b1');
    expect(second.unifiedRows).toBe(first.unifiedRows);
    expect(await count()).toBe(before);
    expect(before).toBe(first.unifiedRows + 1);
  });
});

describe('an order sold before the range, refunded, then cancelled in it', () => {
  let w: World;
  beforeEach(async () => {
    w = await createTestBrand(NOW);
    const feb = { brandId: 'b1', from: localDate('2026-02-01'), to: localDate('2026-02-28') };
    const put = (
      table: 'orders' | 'order_lines' | 'refunds' | 'touchpoints' | 'ad_performance',
      r: WarehouseRow[],
    ) => w.deps.warehouse.replaceRange(w.ctx, table, feb, r);
    await put('orders', [
      rows.order({
        id: 'old',
        at: '2026-02-10T15:00:00.000Z',
        date: '2026-02-10',
        region: 'US-CA',
        cancelledAt: '2026-03-20T03:30:00.000Z',
        total: 10_000,
      }),
    ]);
    await put('order_lines', [rows.line('old', '2026-02-10', 'v-x', 2, 10_000, 3_000)]);
    await put('refunds', [rows.refund('old', '2026-02-12', '2026-02-12T15:00:00.000Z', 2_500, 'v-x', 1)]);
    await put('touchpoints', [
      rows.touch({
        id: 't',
        orderId: 'old',
        at: '2026-02-10T14:00:00.000Z',
        date: '2026-02-10',
        campaign: '101',
        clickType: 'fbclid',
      }),
    ]);
    await put('ad_performance', [rows.spend('2026-02-10', 'meta', META, 'US-CA', 1_000)]);
  });
  afterEach(async () => w.close());

  it('counts neither its sale nor its refund on any day: a cancelled order is left out whole', async () => {
    const result = await runAttributionPass(w.deps, w.ctx, 'b1', {
      range: { from: localDate('2026-02-02'), to: localDate('2026-03-31') },
    });
    expect(result.cancelledOrders).toBe(1);
    const [sums] = await w.deps.warehouse.query<{ revenue: number; units: number; spend: number }>(
      w.ctx,
      `SELECT SUM(revenue_minor) AS revenue, SUM(units) AS units, SUM(spend_minor) AS spend
       FROM {{unified_performance}} WHERE brand_id = @brand`,
      { brand: 'b1' },
    );
    expect(sums).toEqual({ revenue: 0, units: 0, spend: 1_000 });
  });
});

describe('a warehouse made by an earlier version', () => {
  it('has its outdated attributions table made again, and the pass fills it', async () => {
    const w = await createTestBrand(NOW);
    try {
      const duck = w.deps.warehouse;
      // The one-row-per-model table of earlier versions, with a row in it.
      await duck.query(w.ctx, 'DROP TABLE {{attributions}}');
      await duck.query(
        w.ctx,
        `CREATE TABLE {{attributions}} (brand_id VARCHAR NOT NULL, date DATE NOT NULL, order_id VARCHAR NOT NULL,
           model VARCHAR NOT NULL, credit DOUBLE NOT NULL)`,
      );
      await duck.query(
        w.ctx,
        `INSERT INTO {{attributions}} VALUES ('b1', DATE '2026-03-01', 'o', 'linear', 1)`,
      );
      // A new process finds the old table when it first touches the tenant.
      const { createDuckdbWarehouse } = await import('../../adapters/embedded/duckdb-warehouse');
      await duck.close();
      const reopened = await createDuckdbWarehouse(`${w.dir}/w.duckdb`);
      try {
        await plant({ ...w, deps: { ...w.deps, warehouse: reopened } });
        await runAttributionPass({ ...w.deps, warehouse: reopened }, w.ctx, 'b1');
        const [n] = await reopened.query<{ n: number }>(
          w.ctx,
          'SELECT COUNT(*) AS n FROM {{attributions}} WHERE credit_linear > 0',
        );
        expect(n!.n).toBeGreaterThan(0);
      } finally {
        await reopened.close();
      }
    } finally {
      await w.close().catch(() => rmSync(w.dir, { recursive: true, force: true }));
    }
  });
});

describe('writeGroups', () => {
  const chunk = (orders: number) => ({
    from: localDate('2026-03-01'),
    to: localDate('2026-03-07'),
    prepared: { length: orders },
  });
  it('groups consecutive chunks until each holds at least the given orders, the rest last', () => {
    const sizes = (groups: Array<Array<{ prepared: { length: number } }>>) =>
      groups.map((g) => g.map((c) => c.prepared.length));
    expect(sizes(writeGroups([chunk(3), chunk(4), chunk(9), chunk(1), chunk(2)], 5))).toEqual([
      [3, 4],
      [9],
      [1, 2],
    ]);
    expect(sizes(writeGroups([chunk(3), chunk(4)], 1))).toEqual([[3], [4]]);
    expect(writeGroups([], 5)).toEqual([]);
  });
});

describe('creditedAhead', () => {
  const turn = () => new Promise((resolve) => setImmediate(resolve));
  it("credits the next group's first chunk while the warehouse still holds this group, and each chunk once", async () => {
    const credited: string[] = [];
    const sources = creditedAhead(['a', 'b', 'c', 'd'], async (chunk) => {
      credited.push(chunk);
      return chunk.toUpperCase();
    });
    const first: string[] = [];
    for await (const rows of sources(2)) first.push(rows);
    expect(first).toEqual(['A', 'B']);
    // The warehouse commits the group: the event loop turns, and chunk c is credited meanwhile.
    await turn();
    expect(credited).toEqual(['a', 'b', 'c']);
    const rest: string[] = [];
    for await (const rows of sources(2)) rest.push(rows);
    expect(rest).toEqual(['C', 'D']);
    await turn();
    expect(credited).toEqual(['a', 'b', 'c', 'd']);
  });
  it('hands a crediting failure to the group that writes that chunk', async () => {
    const sources = creditedAhead(['a', 'b'], async (chunk) => {
      if (chunk === 'b') throw new Error('b failed');
      return chunk;
    });
    for await (const rows of sources(1)) expect(rows).toBe('a');
    await turn();
    await expect(
      (async () => {
        for await (const _ of sources(1));
      })(),
    ).rejects.toThrow('b failed');
  });
});

describe('readAhead', () => {
  it('starts reads in order, never more than its depth beyond the one taken, and keeps a failure for its take', async () => {
    const started: number[] = [];
    const reads = readAhead([0, 1, 2, 3, 4], 2, async (i) => {
      started.push(i);
      if (i === 3) throw new Error('3 failed');
      return i * 10;
    });
    expect(started).toEqual([]);
    await expect(reads.take(0)).resolves.toBe(0);
    expect(started).toEqual([0, 1, 2]);
    await expect(reads.take(1)).resolves.toBe(10);
    expect(started).toEqual([0, 1, 2, 3]);
    await expect(reads.take(2)).resolves.toBe(20);
    await expect(reads.take(3)).rejects.toThrow('3 failed');
    await expect(reads.take(4)).resolves.toBe(40);
    expect(started).toEqual([0, 1, 2, 3, 4]);
  });
});

describe('chunkBounds', () => {
  it("finds each chunk's rows in a read ordered by chunk, a chunk without rows included", () => {
    expect(Array.from(chunkBounds([0, 0, 2, 2, 2, 3], 4))).toEqual([0, 2, 2, 5, 6]);
    expect(Array.from(chunkBounds([], 2))).toEqual([0, 0, 0]);
    expect(Array.from(chunkBounds([1], 3))).toEqual([0, 0, 1, 1]);
  });
});
