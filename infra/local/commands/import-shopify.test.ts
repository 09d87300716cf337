import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../shared/kernel/config';
import { createShopifyTestbed, TEST_END_DATE } from '../../../test/support/shopify-testbed';
import { generateShopifyStore } from '../../sandbox/shopify/generate';
import { orderJsonl } from '../../sandbox/shopify/serialize';
import { runCli } from '../cli';
import { createEmbeddedDeps } from '../embedded-deps';
import { seedDemo } from '../seed';
import { importShopify } from './import-shopify';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0)) await c();
});

async function bed() {
  const b = await createShopifyTestbed({ connect: false });
  cleanup.push(() => b.close());
  const file = (name: string, content: string) => {
    const path = join(b.dir, name);
    writeFileSync(path, content);
    return path;
  };
  const run = (path: string) => importShopify(b.deps, { tenantId: 'demo', brandId: b.brandId, file: path });
  const count = async (table: string) =>
    (await b.deps.warehouse.query<{ n: number }>(b.ctx, `SELECT COUNT(*) AS n FROM {{${table}}}`))[0]!.n;
  return { b, file, run, count };
}

const ORDERS_CSV = [
  'Name,Email,Financial Status,Fulfillment Status,Currency,Subtotal,Shipping,Taxes,Total,Discount Code,Discount Amount,Created at,Lineitem quantity,Lineitem name,Lineitem price,Lineitem sku,Lineitem discount,Shipping City,Shipping Province,Shipping Country,Cancelled at,Id,Source',
  '#1001,ava@example.com,paid,fulfilled,USD,158.00,0.00,11.06,169.06,,0.00,2026-03-01 21:30:00 -0500,1,"Velocity Runner - M",129.00,PP-VELOCITY-RUNNER-M,0.00,Los Angeles,CA,US,,9001,web',
  '#1001,,,,,,,,,,,,1,Camp Mug,29.00,PP-CAMP-MUG-BLACK-OS,0.00,,,,,9001,',
  '#1002,noah@example.com,refunded,,USD,34.00,6.95,2.38,43.33,WELCOME10,3.40,2026-03-02 08:00:00 -0500,1,Trail Bottle,34.00,PP-TRAIL-BOTTLE-OS,3.40,Austin,TX,US,2026-03-02 09:00:00 -0500,9002,web',
].join('\n');

describe('pulsepoint import shopify', () => {
  it('imports a bulk-operation JSONL file to the same rows the backfill writes', async () => {
    const { b, file, run, count } = await bed();
    const orders = generateShopifyStore({ endDate: TEST_END_DATE, scale: 0.02 }).orders;
    const result = await run(file('orders.jsonl', orders.map(orderJsonl).join('')));
    expect(result.rows).toBe(orders.length);
    expect(await count('orders')).toBe(orders.length);
    expect(await count('order_lines')).toBe(orders.reduce((s, o) => s + o.lines.length, 0));
    const [revenue] = await b.deps.warehouse.query<{ s: number }>(
      b.ctx,
      'SELECT SUM(total_minor) AS s FROM {{orders}}',
    );
    expect(revenue?.s).toBe(orders.reduce((s, o) => s + o.totalMinor, 0));
  });

  it('imports an admin orders CSV: one order per Name, its line items, amounts in minor units, the local day', async () => {
    const { b, file, run } = await bed();
    await run(file('orders_export.csv', ORDERS_CSV));
    const rows = await b.deps.warehouse.query<Record<string, unknown>>(
      b.ctx,
      'SELECT * FROM {{orders}} ORDER BY order_id',
    );
    expect(rows).toEqual([
      expect.objectContaining({
        order_id: 'gid://shopify/Order/9001',
        date: '2026-03-01',
        total_minor: 16906,
        region: 'US-CA',
      }),
      expect.objectContaining({
        order_id: 'gid://shopify/Order/9002',
        discount_codes: 'WELCOME10',
        cancelled_at: '2026-03-02T14:00:00.000Z',
      }),
    ]);
    const lines = await b.deps.warehouse.query(
      b.ctx,
      'SELECT sku, total_minor FROM {{order_lines}} ORDER BY sku',
    );
    expect(lines).toEqual([
      { sku: 'PP-CAMP-MUG-BLACK-OS', total_minor: 2900 },
      { sku: 'PP-TRAIL-BOTTLE-OS', total_minor: 3060 },
      { sku: 'PP-VELOCITY-RUNNER-M', total_minor: 12900 },
    ]);
  });

  it('rejects a whole CSV over one bad cell, naming file, line and column, and writes nothing', async () => {
    const { file, run, count } = await bed();
    const bad = ORDERS_CSV.replace('1,Camp Mug', 'two,Camp Mug');
    await expect(run(file('orders_export.csv', bad))).rejects.toThrow(
      'orders_export.csv:3:18: Lineitem quantity: expected a whole number, got "two"',
    );
    expect(await count('orders')).toBe(0);
  });

  it('rejects a JSONL file with a broken object at its line, and writes nothing', async () => {
    const { file, run, count } = await bed();
    const orders = generateShopifyStore({ endDate: TEST_END_DATE, scale: 0.01 }).orders.slice(0, 3);
    const lines = orders.map(orderJsonl).join('').split('\n');
    const broken = lines
      .map((l, i) => (i === 0 ? l.replace('"totalPriceSet"', '"totalPrice"') : l))
      .join('\n');
    await expect(run(file('bulk.jsonl', broken))).rejects.toThrow(/^bulk\.jsonl:1:1: totalPriceSet: /);
    expect(await count('orders')).toBe(0);
  });

  it('imports products and inventory CSVs, matching inventory to variants by SKU', async () => {
    const { b, file, run } = await bed();
    await run(
      file(
        'products_export.csv',
        [
          'Handle,Title,Option1 Value,Variant SKU,Variant Price,Cost per item,Status',
          'runner,Velocity Runner,M,RUN-M,129.00,41.00,active',
          'runner,,L,RUN-L,129.00,41.00,',
        ].join('\n'),
      ),
    );
    await run(
      file(
        'inventory_export.csv',
        [
          'Handle,Title,Option1 Value,SKU,Location,Incoming (not editable),Committed (not editable),Available (not editable),On hand (current)',
          'runner,Velocity Runner,M,RUN-M,Newark,0,2,38,40',
        ].join('\n'),
      ),
    );
    const products = await b.deps.store.products.list(b.ctx, b.brandId);
    expect(products.map((p) => [p.sku, p.priceMinor, p.unitCostMinor, p.variantTitle])).toEqual([
      ['RUN-L', 12900, 4100, 'L'],
      ['RUN-M', 12900, 4100, 'M'],
    ]);
    const [level] = await b.deps.store.inventory.list(b.ctx, b.brandId);
    expect(level).toMatchObject({
      variantId: products.find((p) => p.sku === 'RUN-M')!.id,
      available: 38,
      onHand: 40,
      committed: 2,
    });
  });

  it('is reachable from the CLI', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pp-'));
    cleanup.push(async () => rmSync(dir, { recursive: true, force: true }));
    const env = { PULSEPOINT_DATA_DIR: dir, LOG_LEVEL: 'ERROR' };
    const seeded = await createEmbeddedDeps(loadConfig(env));
    await seedDemo(seeded.deps);
    await seeded.close(100);
    const path = join(dir, 'orders_export.csv');
    writeFileSync(path, ORDERS_CSV);
    const result = await runCli(['import', 'shopify', path, '--brand', 'demo-brand'], env);
    expect(result).toEqual({
      exitCode: 0,
      stdout: 'orders_export.csv: 2 orders imported (0 older than stored)\n',
    });
  });
});
