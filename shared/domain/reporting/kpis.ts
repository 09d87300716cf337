/** Ratios and changes the reports show. Null, not 0 or Infinity, when the base is zero. */
export function ratio(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : numerator / denominator;
}

/** Relative change from `previous` to `current`, as a fraction (0.25 = +25 %). */
export function change(current: number | null, previous: number | null): number | null {
  if (current === null || previous === null || previous === 0) return null;
  return (current - previous) / Math.abs(previous);
}

export interface Kpis {
  spendMinor: number;
  revenueMinor: number;
  /** Shopify net revenue over all ad spend, whatever drove the orders. */
  blendedRoas: number | null;
  /** From unified performance; null until attribution has produced rows for the period. */
  profitMinor: number | null;
  orders: number;
}

export type KpiChanges = { [K in keyof Kpis]: number | null };

export function kpiChanges(current: Kpis, previous: Kpis): KpiChanges {
  return {
    spendMinor: change(current.spendMinor, previous.spendMinor),
    revenueMinor: change(current.revenueMinor, previous.revenueMinor),
    blendedRoas: change(current.blendedRoas, previous.blendedRoas),
    profitMinor: change(current.profitMinor, previous.profitMinor),
    orders: change(current.orders, previous.orders),
  };
}
