import type { ExportedConsent } from '../../domain/engagement/consent';
import type { Brand, InventoryLevel, Order, Product } from '../../domain/entities';
import { formatMinor } from '../../domain/money';
import { amount, counted, day } from '../../domain/phrasing';
import type { TenantContext } from '../../domain/tenancy';
import { type LocalDate, parseInstant, toLocalDate } from '../../domain/time';
import type { ImportProblems } from '../../kernel/util/import-problems';
import type { Clock } from '../../ports/clock';
import type { OperationalStore } from '../../ports/operational-store';
import type { Warehouse } from '../../ports/warehouse';
import { readBulkJsonl } from '../shopify/exports/bulk-orders';
import { parseInventoryCsv, parseProductsCsv } from '../shopify/exports/catalog-csv';
import { isCustomersHeader, parseCustomersCsv } from '../shopify/exports/customers-csv';
import { parseOrdersCsv } from '../shopify/exports/orders-csv';
import { inventorySnapshotRow, orderFromShopify, productEntities } from '../shopify/mapping';
import { writeOrders } from '../shopify/sync/write-orders';
import type { ImportPlan } from './plan';
import { sampleOf } from './sample';
import type { ImportRequest } from './types';

export interface ShopifyPlanDeps {
  store: Pick<OperationalStore, 'products' | 'inventory'>;
  warehouse: Warehouse;
  clock: Clock;
  /**
   * Writes the marketing states a customers export gives into the brand's consent records (the
   * engagement feature's, supplied by the composition: decision 1025).
   */
  recordExportedConsents(
    ctx: TenantContext,
    brandId: string,
    states: readonly ExportedConsent[],
  ): Promise<{ optedIn: number; withdrawn: number; kept: number }>;
}

type FileKind = 'bulk' | 'orders-csv' | 'products-csv' | 'inventory-csv' | 'customers-csv';

/** Tells Shopify's exports apart by their content: JSONL lines, or the CSV's header names. */
export function shopifyFileKind(content: string): FileKind | undefined {
  const start = content.replace(/^\uFEFF/, '').trimStart();
  if (start.startsWith('{')) return 'bulk';
  const nl = start.search(/\r?\n/);
  const header = nl < 0 ? start : start.slice(0, nl);
  const has = (name: string) => header.includes(name);
  if (has('Lineitem quantity')) return 'orders-csv';
  if (isCustomersHeader(header)) return 'customers-csv';
  if (has('Location') && (has('Available') || has('On hand'))) return 'inventory-csv';
  if ((has('Handle') || has('URL handle')) && has('Title')) return 'products-csv';
  return undefined;
}

const KIND_LABEL: Record<FileKind, string> = {
  bulk: 'orders (bulk-operation JSONL)',
  'orders-csv': 'orders (admin CSV export)',
  'products-csv': 'products (CSV export)',
  'inventory-csv': 'inventory (CSV export)',
  'customers-csv': 'customers (CSV export: marketing consent)',
};

export async function planShopifyImport(
  deps: ShopifyPlanDeps,
  ctx: TenantContext,
  brand: Brand,
  request: ImportRequest,
  problems: ImportProblems,
): Promise<ImportPlan> {
  const now = deps.clock.now().toISOString();
  const stored = await deps.store.products.list(ctx, brand.id);
  const productsBySku = new Map(stored.flatMap((p) => (p.sku ? [[p.sku, p] as const] : [])));
  const unitCosts = new Map(
    stored.flatMap((p) => (p.unitCostMinor === undefined ? [] : [[p.id, p.unitCostMinor] as const])),
  );
  const levels = await deps.store.inventory.list(ctx, brand.id);
  const catalog = {
    currency: brand.currency,
    now,
    productsBySku,
    locationsByName: new Map(
      levels.flatMap((l) => (l.locationName ? [[l.locationName, l.locationId] as const] : [])),
    ),
  };

  const kinds = new Set<string>();
  const bulkFiles = [];
  const orders: Order[] = [];
  const products: Product[] = [];
  const inventory: InventoryLevel[] = [];
  const consents: ExportedConsent[] = [];
  let smsWithoutPhone = 0;
  for (const file of request.files) {
    const kind = shopifyFileKind(file.content);
    const fp = problems.forFile(file.name);
    if (!kind) {
      fp.add(
        { line: 1, column: 1 },
        'not a Shopify export this import reads: expected a bulk-operation result (JSONL) or the orders, products, inventory or customers CSV export',
      );
      continue;
    }
    kinds.add(KIND_LABEL[kind]);
    if (kind === 'bulk') bulkFiles.push(file);
    else if (kind === 'orders-csv')
      orders.push(...parseOrdersCsv(file.content, fp, productsBySku).map(orderFromShopify));
    else if (kind === 'products-csv') products.push(...parseProductsCsv(file.content, fp, catalog));
    else if (kind === 'customers-csv') {
      const read = parseCustomersCsv(file.content, file.name, fp);
      consents.push(...read.consents);
      smsWithoutPhone += read.smsWithoutPhone;
    } else inventory.push(...parseInventoryCsv(file.content, fp, catalog));
  }
  // Part files of one store are read together: children may sit in any file, in any order.
  const bulk = bulkFiles.length ? readBulkJsonl(bulkFiles, problems) : undefined;
  if (bulk) {
    orders.push(...bulk.orders.map(orderFromShopify));
    products.push(...bulk.products.flatMap((p) => productEntities(p, brand.currency)));
  }

  const days = orders.map((o) => toLocalDate(parseInstant(o.createdAt), brand.timezone)).sort();
  const range = days.length ? { from: days[0]!, to: days[days.length - 1]! } : undefined;
  const notes: string[] = [];
  if (bulk?.otherChildren)
    notes.push(
      `${counted(bulk.otherChildren, 'nested line', 'nested lines')} of other kinds (not line items or variants) ${bulk.otherChildren === 1 ? 'is' : 'are'} not used`,
    );
  const withoutJourney = orders.filter((o) => !o.firstVisit && !o.lastVisit).length;
  if (withoutJourney)
    notes.push(
      `${withoutJourney} of ${orders.length} orders have no customer journey (UTM, landing page): they can only be attributed by discount code`,
    );
  if (orders.length) {
    const totals = new Map<string, number>();
    for (const o of orders) {
      totals.set(o.currency, (totals.get(o.currency) ?? 0) + o.totalMinor);
    }
    notes.push(
      `order totals as Shopify states them (after discounts, with shipping and tax): ${[...totals].map(([c, m]) => amount(m, c)).join(', ')}`,
    );
  }
  // A refund known only as a sum ("Refunded Amount", totalRefundedSet) cannot say how much of it was
  // goods, shipping or tax; net sales count only refunded goods (832), so it cannot lower them.
  const unitemized = orders.filter((o) => o.refunds.some((r) => r.lines.length === 0 && r.totalMinor > 0));
  if (unitemized.length && brand.targets.revenueBasis === 'net_sales')
    notes.push(
      unitemized.length === 1
        ? "1 order's refund comes as an amount only, without the refunded items: revenue counted as net sales does not drop by it until a sync from Shopify brings the items"
        : `${unitemized.length} orders' refunds come as amounts only, without the refunded items: revenue counted as net sales does not drop by them until a sync from Shopify brings the items`,
    );
  const today = toLocalDate(deps.clock.now(), brand.timezone);
  if (inventory.length) notes.push(`inventory becomes the stock snapshot of ${day(today)}`);
  const optIns = (channel: ExportedConsent['channel']) =>
    consents.filter((c) => c.channel === channel && c.state === 'subscribed').length;
  if (consents.length)
    notes.push(
      'each "yes" becomes a marketing opt-in from this file, its line kept as proof; "no" and empty cells record nothing, except that "no" withdraws an opt-in an earlier export gave; unsubscribes and opt-ins already recorded are kept',
    );
  if (smsWithoutPhone)
    notes.push(
      `${counted(smsWithoutPhone, 'customer accepts', 'customers accept')} SMS marketing without a phone number in international form (+ and country code): no SMS consent is recorded for them`,
    );

  return {
    kinds: [...kinds],
    counts: {
      orders: orders.length,
      lineItems: orders.reduce((s, o) => s + o.lines.length, 0),
      refunds: orders.reduce((s, o) => s + o.refunds.length, 0),
      products: products.length,
      inventoryLevels: inventory.length,
      emailOptIns: optIns('email'),
      smsOptIns: optIns('sms'),
    },
    ...(range ? { range } : {}),
    sample: orders.length
      ? sampleOf(orders.slice(0, 5), [
          { header: 'Order', cell: (o) => o.number },
          {
            header: 'Date',
            kind: 'date',
            cell: (o) => toLocalDate(parseInstant(o.createdAt), brand.timezone),
          },
          { header: 'Total', cell: (o) => formatMinor(o.totalMinor, o.currency) },
          { header: 'Currency', cell: (o) => o.currency },
          { header: 'Country', cell: (o) => o.shippingAddress?.country ?? null },
          { header: 'UTM campaign', cell: (o) => o.lastVisit?.utm?.campaign ?? null },
        ])
      : products.length
        ? sampleOf(products.slice(0, 5), [
            { header: 'Product', cell: (p) => p.title },
            { header: 'Variant', cell: (p) => p.variantTitle ?? null },
            { header: 'SKU', cell: (p) => p.sku ?? null },
            { header: 'Price', cell: (p) => formatMinor(p.priceMinor, brand.currency) },
          ])
        : consents.length && !inventory.length
          ? sampleOf(consents.slice(0, 5), [
              { header: 'Customer', cell: (c) => c.address },
              { header: 'Channel', cell: (c) => (c.channel === 'email' ? 'Email' : 'SMS') },
              { header: 'Accepts marketing', cell: (c) => (c.state === 'subscribed' ? 'yes' : 'no') },
              { header: 'Line', kind: 'number', cell: (c) => c.evidence.line },
            ])
          : sampleOf(inventory.slice(0, 5), [
              { header: 'Location', cell: (l) => l.locationName ?? l.locationId },
              { header: 'Variant', cell: (l) => l.variantId },
              { header: 'Available', kind: 'number', cell: (l) => l.available },
              { header: 'On hand', kind: 'number', cell: (l) => l.onHand },
            ]),
    notes,
    async commit() {
      const parts: string[] = [];
      if (products.length) {
        await deps.store.products.upsertMany(ctx, brand.id, products);
        parts.push(`${products.length} product variants`);
      }
      let written: { from: LocalDate; to: LocalDate } | undefined;
      if (orders.length) {
        const result = await writeOrders(deps.warehouse, ctx, brand, orders, { unitCosts });
        written = result.range;
        parts.push(
          `${result.orders} orders (${result.lines} lines, ${result.refunds} refund rows${result.stale ? `, ${result.stale} older than stored and kept as stored` : ''})`,
        );
      }
      if (inventory.length) {
        await deps.store.inventory.upsertMany(ctx, brand.id, inventory);
        // The export is the whole stock: it becomes today's snapshot, merged over what is stored.
        const byId = new Map([...levels, ...inventory].map((l) => [l.id, l]));
        await deps.warehouse.replaceRange(
          ctx,
          'inventory_snapshots',
          { brandId: brand.id, from: today, to: today },
          [...byId.values()].map((l) => inventorySnapshotRow(brand.id, today, l)),
        );
        parts.push(`${inventory.length} inventory levels`);
      }
      if (consents.length) {
        const c = await deps.recordExportedConsents(ctx, brand.id, consents);
        parts.push(
          `marketing consent of ${counted(c.optedIn + c.withdrawn + c.kept, 'address', 'addresses')} (${c.optedIn} opted in, ${c.withdrawn} withdrawn, ${c.kept} left as they were)`,
        );
      }
      return { summary: parts.join(', ') || 'nothing', ...(written ? { range: written } : {}) };
    },
  };
}
