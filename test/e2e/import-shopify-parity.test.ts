import { describe, expect, it } from 'vitest';
import { generateShopifyStore } from '../../infra/sandbox/shopify/generate';
import { orderJsonl } from '../../infra/sandbox/shopify/serialize';
import { createAttributeJob } from '../../shared/attribution/attribute-job';
import { fixture, importTestbeds } from '../support/imports';
import { TEST_END_DATE } from '../support/shopify-testbed';

/**
 * The import reads what the backfill reads, too: the sandbox's full bulk-operation output (every
 * field the sync's query selects) imports to the same totals, and Shopify's admin orders CSV still
 * imports as before the importers were rewritten.
 */
const open = importTestbeds();
async function setup() {
  const bed = await open();
  const sum = async (sql: string) => (await bed.query<{ v: number }>(sql))[0]!.v;
  return { run: bed.run, preview: bed.preview, sum };
}

const ORDERS_CSV = [
  'Name,Email,Financial Status,Fulfillment Status,Currency,Subtotal,Shipping,Taxes,Total,Discount Code,Discount Amount,Created at,Lineitem quantity,Lineitem name,Lineitem price,Lineitem sku,Lineitem discount,Shipping City,Shipping Province,Shipping Country,Cancelled at,Id,Source',
  '#1001,ava@example.com,paid,fulfilled,USD,158.00,0.00,11.06,169.06,,0.00,2026-03-01 21:30:00 -0500,1,"Velocity Runner - M",129.00,PP-VELOCITY-RUNNER-M,0.00,Los Angeles,CA,US,,9001,web',
  '#1001,,,,,,,,,,,,1,Camp Mug,29.00,PP-CAMP-MUG-BLACK-OS,0.00,,,,,9001,',
  '#1002,noah@example.com,refunded,,USD,34.00,6.95,2.38,43.33,WELCOME10,3.40,2026-03-02 08:00:00 -0500,1,Trail Bottle,34.00,PP-TRAIL-BOTTLE-OS,3.40,Austin,TX,US,2026-03-02 09:00:00 -0500,9002,web',
].join('\n');

describe('Shopify imports beside the sync', () => {
  it('the backfill’s own bulk output imports to the same orders, lines and totals', async () => {
    const { run, sum } = await setup();
    const orders = generateShopifyStore({ endDate: TEST_END_DATE, scale: 0.02 }).orders;
    await run({
      source: 'shopify',
      files: [{ name: 'orders.jsonl', content: orders.map(orderJsonl).join('') }],
    });
    expect(await sum('SELECT COUNT(*) AS v FROM {{orders}}')).toBe(orders.length);
    expect(await sum('SELECT COUNT(*) AS v FROM {{order_lines}}')).toBe(
      orders.reduce((s, o) => s + o.lines.length, 0),
    );
    expect(await sum('SELECT SUM(total_minor) AS v FROM {{orders}}')).toBe(
      orders.reduce((s, o) => s + o.totalMinor, 0),
    );
  });

  it('the admin orders CSV: one order per Name, its lines in minor units, the local day', async () => {
    const { run, sum } = await setup();
    await run({
      source: 'shopify',
      files: [{ name: 'orders_export.csv', content: ORDERS_CSV }],
    });
    expect(await sum('SELECT COUNT(*) AS v FROM {{orders}}')).toBe(2);
    expect(await sum('SELECT SUM(total_minor) AS v FROM {{orders}}')).toBe(16906 + 4333);
    expect(await sum('SELECT SUM(total_minor) AS v FROM {{order_lines}}')).toBe(12900 + 2900 + 3060);
  });

  it('the full admin orders export names its regions on the dashboard from "Shipping Province Name"', async () => {
    const bed = await open();
    await bed.run({ source: 'shopify', files: [fixture('valid/shopify-orders-export.csv')] });
    await createAttributeJob(bed.api.deps).runPass({ tenantId: 't1', brandId: 'b1', idempotencyKey: 'csv' });
    const owner = await bed.api.token({ tenantId: 't1', role: 'owner' });
    const res = await bed.api.request('/api/brands/b1/dashboard?from=2026-03-03&to=2026-03-06', {
      token: owner,
    });
    expect(res.status).toBe(200);
    const { byRegion } = await res.json();
    // Mexico is in none of the built-in name tables: its name can only come from the export's column.
    // The French order (no province) is the voided one: no revenue, so no row of its own.
    expect(
      Object.fromEntries((byRegion as { key: string; name: string }[]).map((r) => [r.key, r.name])),
    ).toEqual({
      'US-CA': 'California, US',
      'MX-CMX': 'Ciudad de México, Mexico',
      'CA-QC': 'Quebec, Canada',
    });
  });

  it('a bad cell of the admin orders CSV is named with its place', async () => {
    const { preview: check } = await setup();
    const preview = await check({
      source: 'shopify',
      files: [{ name: 'orders_export.csv', content: ORDERS_CSV.replace('1,Camp Mug', 'two,Camp Mug') }],
    });
    expect(preview.problems).toEqual([
      {
        file: 'orders_export.csv',
        line: 3,
        column: 18,
        message: '"Lineitem quantity" should be a whole number, not "two"',
      },
    ]);
  });
});
