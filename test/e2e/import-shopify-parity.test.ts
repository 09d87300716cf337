import { describe, expect, it } from 'vitest';
import { generateShopifyStore } from '../../infra/sandbox/shopify/generate';
import { orderJsonl } from '../../infra/sandbox/shopify/serialize';
import { createAttributeJob } from '../../shared/attribution/attribute-job';
import { createImportProblems } from '../../shared/kernel/util/import-problems';
import { parseOrdersCsv } from '../../shared/platforms/shopify/exports/orders-csv';
import { orderFromShopify } from '../../shared/platforms/shopify/mapping';
import { writeOrders } from '../../shared/platforms/shopify/sync/write-orders';
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

  describe('the export\'s "Refunded Amount"', () => {
    // By hand, from the fixture: #1041 153.34 + #1042 79.00 + #1043 123.43 (#1044 is cancelled: left
    // out whole), less #1043's 20.00 refunded. The brand counts the order total (832).
    const GROSS = 15334 + 7900 + 12343;
    const REFUNDED = 2000;
    const QC_ORDER = 12343;

    async function imported() {
      const bed = await open();
      await bed.run({ source: 'shopify', files: [fixture('valid/shopify-orders-export.csv')] });
      const pass = (key: string) =>
        createAttributeJob(bed.api.deps).runPass({ tenantId: 't1', brandId: 'b1', idempotencyKey: key });
      await pass('csv');
      const owner = await bed.api.token({ tenantId: 't1', role: 'owner' });
      const get = async (path: string) => {
        const res = await bed.api.request(`/api/brands/b1${path}`, { token: owner });
        expect(res.status).toBe(200);
        return res.json();
      };
      return { bed, pass, get };
    }

    it("lowers the dashboard's revenue, the region's row and its drill-down by 20.00", async () => {
      const { get } = await imported();
      const window = '?from=2026-03-03&to=2026-03-06';
      const dashboard = await get(`/dashboard${window}`);
      // The truth (orders less refunds) and the attribution pass's rows (refunds as adjustments).
      expect(dashboard.kpis.revenueMinor).toBe(GROSS - REFUNDED);
      expect(dashboard.kpis.orders).toBe(3);
      const qc = (dashboard.byRegion as { key: string; revenueMinor: number }[]).find(
        (r) => r.key === 'CA-QC',
      );
      expect(qc?.revenueMinor).toBe(QC_ORDER - REFUNDED);
      // Quebec holds #1043 alone: its drill-down is that order, net of its refund.
      const drill = await get(`/drilldown/region/CA-QC${window}`);
      expect(drill.totals.revenueMinor).toBe(QC_ORDER - REFUNDED);
      expect(drill.totals.orders).toBe(1);
      expect(
        (drill.breakdown.rows as { revenueMinor: number }[]).reduce((s, r) => s + r.revenueMinor, 0),
      ).toBe(QC_ORDER - REFUNDED);
    });

    it('a re-import counts it once', async () => {
      const { bed, pass, get } = await imported();
      await bed.run({ source: 'shopify', files: [fixture('valid/shopify-orders-export.csv')] });
      await pass('csv-again');
      const dashboard = await get('/dashboard?from=2026-03-03&to=2026-03-06');
      expect(dashboard.kpis.revenueMinor).toBe(GROSS - REFUNDED);
    });

    it('the same refund arriving from a sync replaces it rather than adding to it', async () => {
      const { bed, pass, get } = await imported();
      expect(await bed.query('SELECT refund_id, date, amount_minor FROM {{refunds}}')).toEqual([
        {
          refund_id: 'gid://shopify/Order/5610281140003/refund/total',
          date: '2026-03-05',
          amount_minor: 2000,
        },
      ]);
      // #1043 as the sync reads it after the refund: updated on the refund's day, the refund with
      // Shopify's own id and time. Parsed from the same file so only those differ.
      const file = fixture('valid/shopify-orders-export.csv');
      const [synced] = parseOrdersCsv(file.content, createImportProblems().forFile(file.name), new Map())
        .filter((o) => o.name === '#1043')
        .map((o) => ({
          ...o,
          updatedAt: '2026-03-09T11:00:00-05:00',
          refunds: [
            {
              id: 'gid://shopify/Refund/880001',
              createdAt: '2026-03-09T11:00:00-05:00',
              totalRefundedSet: {
                shopMoney: { amount: '20.00', currencyCode: 'USD' },
                presentmentMoney: { amount: '20.00', currencyCode: 'USD' },
              },
              refundLineItems: { nodes: [] },
            },
          ],
        }));
      const brand = { id: 'b1', timezone: 'America/New_York' };
      expect(
        (await writeOrders(bed.api.deps.warehouse, bed.ctx, brand, [orderFromShopify(synced!)])).orders,
      ).toBe(1);
      await pass('sync');
      expect(await bed.query('SELECT refund_id, date, amount_minor FROM {{refunds}}')).toEqual([
        { refund_id: 'gid://shopify/Refund/880001', date: '2026-03-09', amount_minor: 2000 },
      ]);
      // Once over the days that hold both the order and its synced refund; the refund now on its own day.
      expect((await get('/dashboard?from=2026-03-03&to=2026-03-09')).kpis.revenueMinor).toBe(
        GROSS - REFUNDED,
      );
      expect((await get('/dashboard?from=2026-03-03&to=2026-03-06')).kpis.revenueMinor).toBe(GROSS);
      // The export imported again after the sync is older than what is stored: the sync's refund stays.
      const again = await bed.run({ source: 'shopify', files: [file] });
      expect(again.summary).toContain('1 older than stored and kept as stored');
      expect(await bed.query('SELECT refund_id FROM {{refunds}}')).toEqual([
        { refund_id: 'gid://shopify/Refund/880001' },
      ]);
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
