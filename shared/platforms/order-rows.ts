import { CLICK_ID_PARAMS } from '../domain/attribution/channels';
import { lineTotalMinor, type Order, type OrderRefund, type OrderVisit } from '../domain/entities/order';
import { type LocalDate, parseInstant, toLocalDate } from '../domain/time';
import type { TenantRow } from '../ports/warehouse-tables';

/**
 * Domain orders → warehouse rows: the one mapping every order source shares (sync, bulk export,
 * webhook, export file). Pure: the brand's timezone comes in as a value. `total_minor` is the
 * order's original total: refunds are rows of their own on the refund's local day, so
 * subtracting them here too would count them twice.
 */
export interface OrderRows {
  order: TenantRow<'orders'>;
  lines: TenantRow<'order_lines'>[];
  refunds: TenantRow<'refunds'>[];
  touchpoints: TenantRow<'touchpoints'>[];
}

const iso = (value: string) => parseInstant(value).toISOString();
const day = (value: string, timeZone: string): LocalDate => toLocalDate(parseInstant(value), timeZone);

/**
 * The click id a landing page URL carries (Meta fbclid, TikTok ttclid, Google gclid and its iOS
 * twins: every registered platform's parameters), if any.
 */
export function clickIdOf(
  landingPage: string | null,
  params: readonly string[] = CLICK_ID_PARAMS,
): { id: string; type: string } | undefined {
  const query = landingQuery(landingPage);
  for (const type of params) {
    const id = query?.get(type);
    if (id) return { id, type };
  }
  return undefined;
}

/**
 * The UTM parameters of a landing page URL, as Shopify's `UTMParameters` holds them for a
 * CustomerVisit (source, medium, campaign, content, term); null when it carries none. Shopify's
 * REST `landing_site` is often a path (`/products/x?utm_source=…`), so relative URLs are read too.
 */
export function utmOf(landingPage: string | null): OrderVisit['utm'] {
  const query = landingQuery(landingPage);
  if (!query) return null;
  const utm = {
    source: query.get('utm_source') || null,
    medium: query.get('utm_medium') || null,
    campaign: query.get('utm_campaign') || null,
    content: query.get('utm_content') || null,
    term: query.get('utm_term') || null,
  };
  return Object.values(utm).some((v) => v !== null) ? utm : null;
}

function landingQuery(landingPage: string | null): URLSearchParams | undefined {
  if (!landingPage) return undefined;
  try {
    return new URL(landingPage, 'https://shop.invalid').searchParams;
  } catch {
    return undefined;
  }
}

function touchpoint(
  brandId: string,
  order: Order,
  visit: OrderVisit,
  kind: 'first_visit' | 'last_visit',
  timeZone: string,
): TenantRow<'touchpoints'> {
  const click = clickIdOf(visit.landingPage);
  return {
    brand_id: brandId,
    touchpoint_id: `${order.id}:${kind}`,
    customer_id: order.customer?.id ?? null,
    order_id: order.id,
    date: day(visit.occurredAt, timeZone),
    occurred_at: iso(visit.occurredAt),
    kind,
    utm_source: visit.utm?.source ?? null,
    utm_medium: visit.utm?.medium ?? null,
    utm_campaign: visit.utm?.campaign ?? null,
    utm_content: visit.utm?.content ?? null,
    utm_term: visit.utm?.term ?? null,
    landing_page: visit.landingPage,
    referrer: visit.referrer,
    click_id: click?.id ?? null,
    click_id_type: click?.type ?? null,
  };
}

/**
 * One row per refunded line plus, when the refund covers more than its lines (shipping, tax,
 * manual amounts), one row with the rest: the rows always sum to the refund's total. Each carries
 * its order's local day, or null when the writer does not know it yet (decision 1006).
 */
export function refundRows(
  brandId: string,
  order: { id: string; date: LocalDate | null },
  refund: OrderRefund,
  currency: string,
  timeZone: string,
): TenantRow<'refunds'>[] {
  const base = {
    brand_id: brandId,
    refund_id: refund.id,
    order_id: order.id,
    date: day(refund.createdAt, timeZone),
    created_at: iso(refund.createdAt),
    currency,
    order_date: order.date,
  };
  const rows: TenantRow<'refunds'>[] = refund.lines.map((rl) => ({
    ...base,
    variant_id: rl.variantId,
    quantity: rl.quantity,
    amount_minor: rl.amountMinor,
    kind: 'line',
  }));
  const rest = refund.totalMinor - rows.reduce((s, row) => s + row.amount_minor, 0);
  if (rest !== 0 || rows.length === 0)
    rows.push({ ...base, variant_id: null, quantity: 0, amount_minor: rest, kind: 'other' });
  return rows;
}

export function orderRows(brandId: string, order: Order, timeZone: string): OrderRows {
  const date = day(order.createdAt, timeZone);
  const { currency } = order;
  const lines = order.lines.map(
    (l): TenantRow<'order_lines'> => ({
      brand_id: brandId,
      order_id: order.id,
      line_id: l.id,
      date,
      variant_id: l.variantId,
      product_id: l.productId,
      sku: l.sku,
      title: l.title,
      quantity: l.quantity,
      price_minor: l.unitPriceMinor,
      discount_minor: l.discountMinor,
      total_minor: lineTotalMinor(l),
      unit_cost_minor: null,
      currency,
    }),
  );
  const refunds = order.refunds.flatMap((r) =>
    refundRows(brandId, { id: order.id, date }, r, currency, timeZone),
  );
  const touchpoints: TenantRow<'touchpoints'>[] = [];
  const { firstVisit: first, lastVisit: last } = order;
  if (first) touchpoints.push(touchpoint(brandId, order, first, 'first_visit', timeZone));
  if (last && last.id !== first?.id)
    touchpoints.push(touchpoint(brandId, order, last, 'last_visit', timeZone));
  const address = order.shippingAddress;
  return {
    order: {
      brand_id: brandId,
      order_id: order.id,
      order_number: order.number,
      date,
      created_at: iso(order.createdAt),
      updated_at: iso(order.updatedAt),
      customer_id: order.customer?.id ?? null,
      email: order.email,
      customer_name: order.customer?.name ?? order.billingName ?? null,
      currency,
      presentment_currency: order.presentmentCurrency,
      subtotal_minor: order.subtotalMinor,
      discount_minor: order.discountMinor,
      shipping_minor: order.shippingMinor,
      tax_minor: order.taxMinor,
      total_minor: order.totalMinor,
      financial_status: order.financialStatus,
      fulfillment_status: order.fulfillmentStatus,
      cancelled_at: order.cancelledAt ? iso(order.cancelledAt) : null,
      country: address?.country ?? null,
      region: address?.country && address.province ? `${address.country}-${address.province}` : null,
      city: address?.city ?? null,
      region_name: address?.country && address.province ? (address.provinceName ?? null) : null,
      address1: address?.address1 ?? null,
      address2: address?.address2 ?? null,
      postcode: address?.postcode ?? null,
      discount_codes: order.discountCodes.length ? order.discountCodes.join(',') : null,
      landing_site: last?.landingPage ?? null,
      referring_site: last?.referrer ?? null,
      source_name: order.sourceName,
    },
    lines,
    refunds,
    touchpoints,
  };
}
