import { describe, expect, it } from 'vitest';
import { fixture, importTestbeds } from '../../../test/support/imports';
import { parseCsv } from '../../kernel/util/csv';

const setup = importTestbeds();

describe('Shopify bulk-operation JSONL', () => {
  it('reads two monthly part files together: line items before their orders, minimal orders, totalRefundedSet, countryCodeV2', async () => {
    const { run, query, attribution } = await setup();
    const result = await run({
      source: 'shopify',
      files: [fixture('valid/shopify-orders-2026-03.jsonl'), fixture('valid/shopify-orders-2026-04.jsonl')],
    });
    expect(result.preview).toMatchObject({
      valid: true,
      counts: { orders: 5, lineItems: 4, refunds: 2 },
      range: { from: '2026-03-02', to: '2026-04-10' },
    });
    expect(result.preview.notes).toContain(
      '1 nested line of other kinds (not line items or variants) is not used',
    );
    expect(
      await query(
        'SELECT order_id, date, total_minor, subtotal_minor, shipping_minor, tax_minor, country, region, financial_status, cancelled_at IS NOT NULL AS cancelled FROM {{orders}} ORDER BY order_id',
      ),
    ).toEqual([
      {
        order_id: 'gid://shopify/Order/5001',
        date: '2026-03-02',
        total_minor: 12840,
        subtotal_minor: 11000,
        shipping_minor: 960,
        tax_minor: 880,
        country: 'US',
        region: 'US-CA',
        financial_status: 'paid',
        cancelled: false,
      },
      {
        order_id: 'gid://shopify/Order/5002',
        date: '2026-03-05',
        total_minor: 5400,
        subtotal_minor: 4400,
        shipping_minor: 600,
        tax_minor: 400,
        country: 'US',
        region: 'US-NY',
        financial_status: 'partially_refunded',
        cancelled: false,
      },
      // Only id, createdAt and a total: the rest means what Shopify means by its absence.
      {
        order_id: 'gid://shopify/Order/5003',
        date: '2026-03-09',
        total_minor: 1999,
        subtotal_minor: 1999,
        shipping_minor: 0,
        tax_minor: 0,
        country: null,
        region: null,
        financial_status: null,
        cancelled: false,
      },
      {
        order_id: 'gid://shopify/Order/5004',
        date: '2026-04-03',
        total_minor: 7500,
        subtotal_minor: 7500,
        shipping_minor: 0,
        tax_minor: 0,
        country: 'US',
        region: 'US-TX',
        financial_status: 'voided',
        cancelled: true,
      },
      {
        order_id: 'gid://shopify/Order/5005',
        date: '2026-04-10',
        total_minor: 6000,
        subtotal_minor: 6000,
        shipping_minor: 0,
        tax_minor: 0,
        country: 'CA',
        region: 'CA-ON',
        financial_status: 'partially_refunded',
        cancelled: false,
      },
    ]);
    // The province's name where the order carried one beside its code; none where only the code came.
    expect(
      await query('SELECT region, region_name FROM {{orders}} WHERE region IS NOT NULL ORDER BY order_id'),
    ).toEqual([
      { region: 'US-CA', region_name: 'California' },
      { region: 'US-NY', region_name: null },
      { region: 'US-TX', region_name: null },
      { region: 'CA-ON', region_name: null },
    ]);
    // No refunds list: totalRefundedSet becomes one refund on the order's last update (New York day).
    expect(await query('SELECT order_id, date, amount_minor FROM {{refunds}} ORDER BY order_id')).toEqual([
      { order_id: 'gid://shopify/Order/5002', date: '2026-03-07', amount_minor: 2000 },
      { order_id: 'gid://shopify/Order/5005', date: '2026-04-12', amount_minor: 1000 },
    ]);
    expect(
      await query(
        'SELECT order_id, quantity, price_minor, variant_id FROM {{order_lines}} ORDER BY order_id',
      ),
    ).toEqual([
      {
        order_id: 'gid://shopify/Order/5001',
        quantity: 1,
        price_minor: 11000,
        variant_id: 'gid://shopify/ProductVariant/7001',
      },
      {
        order_id: 'gid://shopify/Order/5002',
        quantity: 2,
        price_minor: 2200,
        variant_id: 'gid://shopify/ProductVariant/7003',
      },
      {
        order_id: 'gid://shopify/Order/5004',
        quantity: 3,
        price_minor: 2500,
        variant_id: 'gid://shopify/ProductVariant/7003',
      },
      {
        order_id: 'gid://shopify/Order/5005',
        quantity: 1,
        price_minor: 6000,
        variant_id: 'gid://shopify/ProductVariant/7002',
      },
    ]);
    expect(
      await query(
        'SELECT order_id, kind, utm_source, utm_campaign, click_id_type FROM {{touchpoints}} ORDER BY order_id',
      ),
    ).toEqual([
      {
        order_id: 'gid://shopify/Order/5001',
        kind: 'last_visit',
        utm_source: 'facebook',
        utm_campaign: 'Spring Sale',
        click_id_type: 'fbclid',
      },
      {
        order_id: 'gid://shopify/Order/5005',
        kind: 'first_visit',
        utm_source: 'google',
        utm_campaign: 'Search - Brand',
        click_id_type: 'gclid',
      },
    ]);
    // The pass is asked to reach back to the import's first day (the files' earliest order).
    expect(attribution.requested).toEqual([{ tenantId: 't1', brandId: 'b1', from: '2026-03-02' }]);
  });

  it('a re-import of the same files changes nothing', async () => {
    const { run, count } = await setup();
    const files = [
      fixture('valid/shopify-orders-2026-04.jsonl'),
      fixture('valid/shopify-orders-2026-03.jsonl'),
    ];
    await run({ source: 'shopify', files });
    await run({ source: 'shopify', files });
    expect([await count('orders'), await count('order_lines'), await count('refunds')]).toEqual([5, 4, 2]);
  });
});

describe('Shopify admin orders CSV export', () => {
  it('keeps a bulk order’s MailingAddress street lines and zip, as shopify.dev documents them', async () => {
    const { run, query } = await setup();
    await run({ source: 'shopify', files: [fixture('valid/shopify-orders-2026-03.jsonl')] });
    expect(
      await query(
        "SELECT address1, address2, postcode FROM {{orders}} WHERE order_id = 'gid://shopify/Order/5001'",
      ),
    ).toEqual([{ address1: '1 Frank H Ogawa Plaza', address2: 'Suite 3', postcode: '94612' }]);
  });

  it('keeps each order’s shipping street and zip, the zip without the apostrophe the export guards it with', async () => {
    const { run, query } = await setup();
    await run({ source: 'shopify', files: [fixture('valid/shopify-orders-export.csv')] });
    expect(
      await query('SELECT order_number, address1, address2, postcode FROM {{orders}} ORDER BY order_id'),
    ).toEqual([
      { order_number: '#1041', address1: '1 Market St', address2: null, postcode: '94105' },
      { order_number: '#1042', address1: 'Av. Insurgentes Sur 1602', address2: null, postcode: '03940' },
      { order_number: '#1043', address1: '455 Rue Saint-Pierre', address2: null, postcode: 'H2Y 2M8' },
      { order_number: '#1044', address1: '13 rue de Berri', address2: null, postcode: '75008' },
    ]);
  });

  it('reads the full 79-column export: one order per Name, its lines, and each region’s code with the name beside it', async () => {
    const { run, query } = await setup();
    const result = await run({ source: 'shopify', files: [fixture('valid/shopify-orders-export.csv')] });
    expect(result.preview).toMatchObject({
      valid: true,
      counts: { orders: 4, lineItems: 5, refunds: 1 },
      range: { from: '2026-03-03', to: '2026-03-06' },
    });
    expect(
      await query(
        'SELECT order_id, date, total_minor, subtotal_minor, shipping_minor, tax_minor, discount_codes, country, region, region_name, financial_status, cancelled_at IS NOT NULL AS cancelled FROM {{orders}} ORDER BY order_id',
      ),
    ).toEqual([
      // "Shipping Province" is the code, "Shipping Province Name" the name (decision 986).
      {
        order_id: 'gid://shopify/Order/5610281140001',
        date: '2026-03-03',
        total_minor: 15334,
        subtotal_minor: 14100,
        shipping_minor: 0,
        tax_minor: 1234,
        discount_codes: null,
        country: 'US',
        region: 'US-CA',
        region_name: 'California',
        financial_status: 'paid',
        cancelled: false,
      },
      {
        order_id: 'gid://shopify/Order/5610281140002',
        date: '2026-03-04',
        total_minor: 7900,
        subtotal_minor: 6400,
        shipping_minor: 1500,
        tax_minor: 0,
        discount_codes: null,
        country: 'MX',
        region: 'MX-CMX',
        region_name: 'Ciudad de México',
        financial_status: 'paid',
        cancelled: false,
      },
      {
        order_id: 'gid://shopify/Order/5610281140003',
        date: '2026-03-05',
        total_minor: 12343,
        subtotal_minor: 9900,
        shipping_minor: 960,
        tax_minor: 1483,
        discount_codes: 'WELCOME10',
        country: 'CA',
        region: 'CA-QC',
        region_name: 'Quebec',
        financial_status: 'partially_refunded',
        cancelled: false,
      },
      // France has no province: both columns are blank, so the order has its country and no region.
      {
        order_id: 'gid://shopify/Order/5610281140004',
        date: '2026-03-06',
        total_minor: 3400,
        subtotal_minor: 3400,
        shipping_minor: 0,
        tax_minor: 0,
        discount_codes: null,
        country: 'FR',
        region: null,
        region_name: null,
        financial_status: 'voided',
        cancelled: true,
      },
    ]);
    const lines = await query<{
      order_id: string;
      sku: string;
      quantity: number;
      price_minor: number;
      discount_minor: number;
    }>(
      'SELECT order_id, sku, quantity, price_minor, discount_minor FROM {{order_lines}} ORDER BY order_id, sku',
    );
    expect(
      lines.map((l) => [l.order_id.slice(-4), l.sku, l.quantity, l.price_minor, l.discount_minor]),
    ).toEqual([
      ['0001', 'CM-BLK', 1, 3100, 0],
      ['0001', 'TR-42', 1, 11000, 0],
      ['0002', 'TB-OS', 2, 3200, 0],
      ['0003', 'TR-43', 1, 11000, 1100],
      ['0004', 'TB-OS', 1, 3400, 0],
    ]);
    // #1043's "Refunded Amount" 20.00: one refund without lines (so `kind` 'other'), on the
    // order's own New York day (no "Cancelled at"), with the id a bulk file's total refund gets.
    expect(
      await query('SELECT refund_id, order_id, date, amount_minor, kind, variant_id FROM {{refunds}}'),
    ).toEqual([
      {
        refund_id: 'gid://shopify/Order/5610281140003/refund/total',
        order_id: 'gid://shopify/Order/5610281140003',
        date: '2026-03-05',
        amount_minor: 2000,
        kind: 'other',
        variant_id: null,
      },
    ]);
  });

  it('under net sales, the preview says a refund given only as a total does not lower revenue', async () => {
    const { api, ctx, preview } = await setup();
    const brand = (await api.deps.store.brands.get(ctx, 'b1'))!;
    const request = { source: 'shopify' as const, files: [fixture('valid/shopify-orders-export.csv')] };
    const note =
      "1 order's refund comes as an amount only, without the refunded items: revenue counted as net sales does not drop by it until a sync from Shopify brings the items";
    expect((await preview(request)).notes).not.toContain(note);
    await api.deps.store.brands.upsert(ctx, {
      ...brand,
      targets: { ...brand.targets, revenueBasis: 'net_sales' },
    });
    expect((await preview(request)).notes).toContain(note);
  });

  it('every column of the export the importer does not read may hold any text: the same rows are written, without a problem', async () => {
    // The columns it reads (orders-csv.ts); the other 50 of the 79 are the export's own business.
    const read = new Set([
      'Name',
      'Id',
      'Email',
      'Billing Name',
      'Financial Status',
      'Fulfillment Status',
      'Currency',
      'Subtotal',
      'Shipping',
      'Taxes',
      'Total',
      'Discount Code',
      'Discount Amount',
      'Created at',
      'Cancelled at',
      'Refunded Amount',
      'Source',
      'Lineitem quantity',
      'Lineitem name',
      'Lineitem price',
      'Lineitem sku',
      'Lineitem discount',
      'Shipping City',
      'Shipping Province',
      'Shipping Country',
      'Shipping Province Name',
      'Shipping Address1',
      'Shipping Address2',
      'Shipping Zip',
    ]);
    const file = fixture('valid/shopify-orders-export.csv');
    const [header, ...rows] = parseCsv(file.content).map((r) => r.map((c) => c.value));
    expect(header).toHaveLength(79);
    const unread = header!.flatMap((h, i) => (read.has(h) ? [] : [i]));
    expect(unread).toHaveLength(79 - read.size);
    const quote = (v: string) => `"${v.replaceAll('"', '""')}"`;
    const noisy = [
      header!.map(quote).join(','),
      ...rows.map((r) =>
        r.map((v, i) => quote(unread.includes(i) ? `any, "text" ${i}\nover two lines` : v)).join(','),
      ),
    ].join('\n');
    const tables = async (content: string) => {
      const { run, query } = await setup();
      const result = await run({ source: 'shopify', files: [{ name: file.name, content }] });
      return {
        preview: result.preview,
        orders: await query('SELECT * FROM {{orders}} ORDER BY order_id'),
        lines: await query('SELECT * FROM {{order_lines}} ORDER BY line_id'),
        refunds: await query('SELECT * FROM {{refunds}} ORDER BY refund_id'),
      };
    };
    const clean = await tables(file.content);
    const withNoise = await tables(noisy);
    expect(withNoise.preview.problems).toEqual([]);
    expect(withNoise).toEqual(clean);
    expect(clean.orders).toHaveLength(4);
  });

  it('a re-import of the export writes its refund once', async () => {
    const { run, count, query } = await setup();
    const file = fixture('valid/shopify-orders-export.csv');
    await run({ source: 'shopify', files: [file] });
    await run({ source: 'shopify', files: [file] });
    expect([await count('orders'), await count('order_lines'), await count('refunds')]).toEqual([4, 5, 1]);
    expect(await query('SELECT SUM(amount_minor) AS v FROM {{refunds}}')).toEqual([{ v: 2000 }]);
  });

  it('a cancelled order’s refund is dated at "Cancelled at"', async () => {
    const { run, query } = await setup();
    const file = fixture('valid/shopify-orders-export.csv');
    // #1044 cancelled the next day (New York), its 34.00 refunded.
    const content = file.content.replace(
      '2026-03-06 09:00:00 -0500,Shopify Payments,,0.00,',
      '2026-03-07 09:00:00 -0500,Shopify Payments,,34.00,',
    );
    expect(content).not.toBe(file.content);
    await run({ source: 'shopify', files: [{ name: file.name, content }] });
    expect(await query('SELECT order_id, date, amount_minor FROM {{refunds}} ORDER BY order_id')).toEqual([
      { order_id: 'gid://shopify/Order/5610281140003', date: '2026-03-05', amount_minor: 2000 },
      { order_id: 'gid://shopify/Order/5610281140004', date: '2026-03-07', amount_minor: 3400 },
    ]);
  });

  it.each([
    ['twenty', '"Refunded Amount" should be an amount, not "twenty"'],
    ['-20.00', '"Refunded Amount" should be 0 or more, not "-20.00"'],
    ['123.44', '"Refunded Amount" is 123.44, more than the order\'s "Total" of 123.43'],
  ])(
    'a "Refunded Amount" of %s is refused with its place, and nothing is written',
    async (amount, message) => {
      const { run, preview, count } = await setup();
      const file = fixture('valid/shopify-orders-export.csv');
      const content = file.content.replace('c28413562099749.1,20.00,', `c28413562099749.1,${amount},`);
      expect(content).not.toBe(file.content);
      const request = { source: 'shopify' as const, files: [{ name: file.name, content }] };
      // #1043 is on line 5; its "Refunded Amount" cell starts at character 454.
      expect((await preview(request)).problems).toEqual([
        { file: 'shopify-orders-export.csv', line: 5, column: 454, message },
      ]);
      await expect(run(request)).rejects.toThrow(message);
      expect([await count('orders'), await count('order_lines'), await count('refunds')]).toEqual([0, 0, 0]);
    },
  );
});

describe('Shopify catalog CSV exports', () => {
  const view = (p: {
    title: string;
    variantTitle?: string;
    sku?: string;
    priceMinor: number;
    unitCostMinor?: number;
    status: string;
  }) => [p.title, p.variantTitle ?? null, p.sku, p.priceMinor, p.unitCostMinor, p.status];

  it.each([['valid/shopify-products-classic.csv'], ['valid/shopify-products-2025.csv']])(
    '%s: the classic and the 2025 header sets give the same variants',
    async (file) => {
      const { api, ctx, run } = await setup();
      await run({ source: 'shopify', files: [fixture(file)] });
      const products = await api.deps.store.products.list(ctx, 'b1');
      expect(products.map(view).sort()).toEqual(
        [
          ['Camp Mug', null, 'CM-BLK', 2200, 610, 'draft'],
          ['Trail Runner', '42', 'TR-42', 11000, 4850, 'active'],
          ['Trail Runner', '43', 'TR-43', 11000, 4850, 'active'],
        ].sort(),
      );
    },
  );

  it('a products export is previewed as a sample of variants, headed in words (SKU, not sku)', async () => {
    const { preview } = await setup();
    const { sample } = await preview({
      source: 'shopify',
      files: [fixture('valid/shopify-products-classic.csv')],
    });
    expect(sample.columns).toEqual([
      { header: 'Product', kind: 'text' },
      { header: 'Variant', kind: 'text' },
      { header: 'SKU', kind: 'text' },
      { header: 'Price', kind: 'text' },
    ]);
    expect(sample.rows).toContainEqual(['Trail Runner', '42', 'TR-42', '110.00']);
  });

  it('the 2024+ "All quantity types" export (BOM, CRLF) keeps On hand apart from Available and skips "not stocked"', async () => {
    const { api, ctx, run, query } = await setup();
    await run({ source: 'shopify', files: [fixture('valid/shopify-products-2025.csv')] });
    await run({ source: 'shopify', files: [fixture('valid/shopify-inventory-2024-all-quantities.csv')] });
    const levels = await api.deps.store.inventory.list(ctx, 'b1');
    expect(
      levels.map((l) => [l.locationName, l.available, l.onHand, l.committed, l.incoming]).sort(),
    ).toEqual(
      [
        ['Main Warehouse', 10, 12, 2, 0],
        ['Main Warehouse', 3, 4, 0, 24],
        ['Main Warehouse', 135, 140, 5, 0],
      ].sort(),
    );
    expect(
      await query('SELECT date, SUM(on_hand) AS on_hand FROM {{inventory_snapshots}} GROUP BY date'),
    ).toEqual([{ date: '2026-04-20', on_hand: 156 }]);
  });

  it('the 2023 export reads the same quantities (and a zero level where the 2024 file says not stocked)', async () => {
    const { api, ctx, run } = await setup();
    await run({ source: 'shopify', files: [fixture('valid/shopify-inventory-2023.csv')] });
    const levels = await api.deps.store.inventory.list(ctx, 'b1');
    expect(levels.map((l) => [l.locationName, l.available, l.onHand]).sort()).toEqual(
      [
        ['Main Warehouse', 10, 12],
        ['Main Warehouse', 3, 4],
        ['Main Warehouse', 135, 140],
        ['Pop-up Store', 0, 0],
      ].sort(),
    );
  });
});
