import type { Order } from '../../../domain/entities';
import type { TenantContext } from '../../../domain/tenancy';
import type { LocalDate } from '../../../domain/time';
import type { Warehouse, WarehouseRow } from '../../../ports/warehouse';
import { orderRows } from '../../order-rows';

/**
 * Writes orders and everything hanging off them (lines, refunds, journey touchpoints) to the
 * warehouse, replacing by order id: re-writing the same orders is a no-op, so a sync or webhook
 * can be repeated at will. An order whose stored `updated_at` is newer than the incoming one is
 * left alone (webhooks arrive out of order; a late, older payload must not win): the comparison
 * and the write are one compare-and-set in the warehouse (replaceNewer), so two deliveries applied
 * concurrently cannot both pass the check and let the older one land last (docs/decisions/811).
 */
export interface WriteOrdersResult {
  orders: number;
  lines: number;
  refunds: number;
  touchpoints: number;
  stale: number;
  /** Local days the written rows fall on (orders' and refunds' days). */
  range?: { from: LocalDate; to: LocalDate };
  /** The same days one by one (an old order's refund today is two days, not the months between). */
  days?: LocalDate[];
}

export const emptyWrite = (): WriteOrdersResult => ({
  orders: 0,
  lines: 0,
  refunds: 0,
  touchpoints: 0,
  stale: 0,
});

type DayRange = { from: LocalDate; to: LocalDate };

/** The smallest range covering both (LocalDate strings order like the days they name). */
export function spanOf(a: DayRange | undefined, b: DayRange | undefined): DayRange | undefined {
  if (!a || !b) return a ?? b;
  const days = [a.from, a.to, b.from, b.to].sort();
  return { from: days[0]!, to: days[3]! };
}

export function mergeWrites(a: WriteOrdersResult, b: WriteOrdersResult): WriteOrdersResult {
  const range = spanOf(a.range, b.range);
  const days = [...new Set([...(a.days ?? []), ...(b.days ?? [])])].sort();
  return {
    orders: a.orders + b.orders,
    lines: a.lines + b.lines,
    refunds: a.refunds + b.refunds,
    touchpoints: a.touchpoints + b.touchpoints,
    stale: a.stale + b.stale,
    ...(range ? { range } : {}),
    ...(days.length ? { days } : {}),
  };
}

export interface WriteOrdersOptions {
  /** Variant id → unit cost (minor units), stamped on order lines for COGS. */
  unitCosts?: ReadonlyMap<string, number>;
  /**
   * Whether an order with the same updated_at as the stored one is rewritten. Syncs do (a re-run
   * must converge); webhooks do not (a payload without the customer journey must not replace the
   * synced order it merely repeats).
   */
  replaceEqual?: boolean;
  /**
   * Whether the orders' touchpoints replace the stored ones. Webhooks write theirs (the landing
   * visit) only while none are stored, so they never replace a synced journey.
   */
  touchpoints?: boolean;
}

export async function writeOrders(
  warehouse: Warehouse,
  ctx: TenantContext,
  brand: { id: string; timezone: string },
  orders: readonly Order[],
  options: WriteOrdersOptions = {},
): Promise<WriteOrdersResult> {
  const { unitCosts = new Map(), replaceEqual = true, touchpoints: withTouchpoints = true } = options;
  const newest = new Map<string, Order>();
  for (const o of orders) {
    const seen = newest.get(o.id);
    if (!seen || Date.parse(o.updatedAt) >= Date.parse(seen.updatedAt)) newest.set(o.id, o);
  }
  const all = [...newest.values()].map((o) => {
    const f = orderRows(brand.id, o, brand.timezone);
    return { ...f, lines: f.lines.map((l) => withUnitCost(l, unitCosts)) };
  });
  if (all.length === 0) return emptyWrite();
  // Children are replaced with their order or not at all; the order row is written last.
  const { written } = await warehouse.replaceNewer(ctx, {
    brandId: brand.id,
    table: 'orders',
    keyColumn: 'order_id',
    versionColumn: 'updated_at',
    replaceEqual,
    rows: all.map((f) => f.order),
    children: [
      { table: 'order_lines', rows: all.flatMap((f) => f.lines) },
      { table: 'refunds', rows: all.flatMap((f) => f.refunds) },
      ...(withTouchpoints
        ? [{ table: 'touchpoints' as const, rows: all.flatMap((f) => f.touchpoints) }]
        : []),
    ],
  });
  const kept = new Set(written);
  const fresh = all.filter((f) => kept.has(String(f.order.order_id)));
  const stale = all.length - fresh.length;
  if (fresh.length === 0) return { ...emptyWrite(), stale };
  const lines = fresh.flatMap((f) => f.lines);
  const refunds = fresh.flatMap((f) => f.refunds);
  const touchpoints = fresh.flatMap((f) => f.touchpoints);
  const days = [
    ...new Set([...fresh.map((f) => String(f.order.date)), ...refunds.map((r) => String(r.date))]),
  ].sort() as LocalDate[];
  return {
    orders: fresh.length,
    lines: lines.length,
    refunds: refunds.length,
    touchpoints: withTouchpoints ? touchpoints.length : 0,
    stale,
    range: { from: days[0]!, to: days[days.length - 1]! },
    days,
  };
}

function withUnitCost(line: WarehouseRow, unitCosts: ReadonlyMap<string, number>): WarehouseRow {
  const cost = line.variant_id ? unitCosts.get(String(line.variant_id)) : undefined;
  return cost === undefined ? line : { ...line, unit_cost_minor: cost };
}
