import type { Product } from '../../../domain/entities';
import { parseDecimalToMinor } from '../../../domain/money';
import type { FileProblems } from '../../../kernel/util/import-problems';
import type { ShopifyOrder } from '../schemas';
import { decimal, eachRow, integer, type Row, readTable, shopifyTime, text } from './table';

/**
 * Shopify's admin "Export orders" CSV: one row per line item; order-level columns are filled on the
 * first row of each order (rows share `Name`). Rows become the same order nodes a sync reads, so
 * one mapping writes both. The export has no line item ids, customer id or journey: lines get ids
 * derived from the order. Its `Refunded Amount` (the order's refunds so far: one sum, no date, no
 * lines) becomes one refund of the order, as a bulk file's `totalRefundedSet` does (decision 983).
 */
const REQUIRED = [
  'Id',
  'Name',
  'Created at',
  'Currency',
  'Subtotal',
  'Total',
  'Lineitem quantity',
  'Lineitem price',
];

const bag = (amount: string, currency: string) => ({
  shopMoney: { amount, currencyCode: currency },
  presentmentMoney: { amount, currencyCode: currency },
});

export function parseOrdersCsv(
  content: string,
  problems: FileProblems,
  productsBySku: ReadonlyMap<string, Product>,
): ShopifyOrder[] {
  const orders = new Map<string, ShopifyOrder>();
  let current: ShopifyOrder | undefined;
  const table = readTable(content, problems, REQUIRED);
  eachRow(table?.rows ?? [], (row) => {
    const name = row.require('Name', text, 'an order name');
    if (!current || current.name !== name) {
      if (orders.has(name)) row.fail('Name', `: order ${name} appears again after other orders`);
      current = orderFrom(row, name);
      orders.set(name, current);
      // After the order is known, so a bad amount is one problem, not one per further row.
      current.refunds = exportRefund(row, current);
    }
    const n = current.lineItems.nodes.length + 1;
    const sku = row.get('Lineitem sku') || null;
    const product = sku ? productsBySku.get(sku) : undefined;
    current.lineItems.nodes.push({
      id: `${current.id}/line/${n}`,
      title: row.get('Lineitem name'),
      sku,
      quantity: row.require('Lineitem quantity', integer, 'a whole number'),
      variant: product ? { id: product.id, product: { id: product.productId } } : null,
      originalUnitPriceSet: bag(row.require('Lineitem price', decimal, 'an amount'), current.currencyCode),
      totalDiscountSet: bag(
        row.optional('Lineitem discount', decimal, 'an amount') ?? '0',
        current.currencyCode,
      ),
    });
    return true;
  });
  return [...orders.values()];
}

/**
 * The export's `Refunded Amount` as one refund without lines, as bulk-normalize.ts reads a bulk
 * file's `totalRefundedSet`: the same id derived from the order (a re-import replaces it, and a
 * sync's real refunds replace it, since children are written with their order), dated at the
 * order's latest time the file gives: `Cancelled at` when set, else `Created at` (decision 983).
 */
function exportRefund(row: Row, order: ShopifyOrder): ShopifyOrder['refunds'] {
  const amount = row.optional('Refunded Amount', decimal, 'an amount');
  if (amount === undefined) return [];
  const currency = order.currencyCode;
  const minor = parseDecimalToMinor(amount, currency);
  if (minor < 0) row.fail('Refunded Amount', `should be 0 or more, not "${amount}"`);
  const total = parseDecimalToMinor(order.totalPriceSet.shopMoney.amount, currency);
  if (minor > total)
    row.fail(
      'Refunded Amount',
      `is ${amount}, more than the order's "Total" of ${order.totalPriceSet.shopMoney.amount}`,
    );
  if (minor === 0) return [];
  return [
    {
      id: `${order.id}/refund/total`,
      createdAt: order.updatedAt,
      totalRefundedSet: bag(amount, currency),
      refundLineItems: { nodes: [] },
    },
  ];
}

function orderFrom(row: Row, name: string): ShopifyOrder {
  const id = `gid://shopify/Order/${row.require('Id', integer, 'the numeric order id')}`;
  const currency = row.require(
    'Currency',
    (v) => (/^[A-Z]{3}$/.test(v) ? v : undefined),
    'an ISO currency code',
  );
  const money = (h: string) => bag(row.optional(h, decimal, 'an amount') ?? '0', currency);
  const createdAt = row.require('Created at', shopifyTime, 'a time like 2024-01-15 10:23:45 -0500');
  const cancelledAt =
    row.optional('Cancelled at', shopifyTime, 'a time like 2024-01-15 10:23:45 -0500') ?? null;
  const codes = row.get('Discount Code');
  const country = row.get('Shipping Country') || null;
  return {
    id,
    name,
    createdAt,
    // The export has no updated_at; the latest time it shows stands in (a sync later overrides it).
    updatedAt: cancelledAt && cancelledAt > createdAt ? cancelledAt : createdAt,
    cancelledAt,
    email: row.get('Email') || null,
    customer: null,
    billingAddress: row.get('Billing Name') ? { name: row.get('Billing Name') } : null,
    currencyCode: currency,
    presentmentCurrencyCode: currency,
    displayFinancialStatus: row.get('Financial Status').toUpperCase() || null,
    displayFulfillmentStatus: (row.get('Fulfillment Status') || 'unfulfilled').toUpperCase(),
    sourceName: row.get('Source') || null,
    discountCodes: codes ? codes.split(',').map((c) => c.trim()) : [],
    subtotalPriceSet: money('Subtotal'),
    totalDiscountsSet: money('Discount Amount'),
    totalShippingPriceSet: money('Shipping'),
    totalTaxSet: money('Taxes'),
    totalPriceSet: money('Total'),
    currentTotalPriceSet: money('Total'),
    shippingAddress: country
      ? {
          countryCode: country,
          provinceCode: row.get('Shipping Province') || null,
          // The full export carries the name in its own column, after "Duties"; older files
          // lack it (absent columns read as ''). Fixture and evidence: decision 973.
          province: row.get('Shipping Province Name') || null,
          city: row.get('Shipping City') || null,
          address1: row.get('Shipping Address1') || null,
          address2: row.get('Shipping Address2') || null,
          // The export writes a zip as '94105 so a spreadsheet keeps its leading zero.
          zip: row.get('Shipping Zip').replace(/^'/, '') || null,
        }
      : null,
    customerJourneySummary: null,
    lineItems: { nodes: [] },
    refunds: [],
  };
}
