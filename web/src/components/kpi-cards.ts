import type { Format } from '../format';
import type { KpiCardProps } from './kpi-card';

/** The totals every KPI row shows, as the dashboard (`kpis`) and a drill-down (`totals`) send them. */
type Measure = 'spendMinor' | 'revenueMinor' | 'profitMinor' | 'orders';
/** What the API reports a too-thin comparison for: ROAS by the dashboard's name, units as orders. */
type ComparedKey = Measure | 'blendedRoas';

/**
 * Which ROAS a row shows. The dashboard's `blendedRoas` is the store's revenue over all ad spend.
 * A drill-down's `roas` is its own revenue over its spend: for a channel or a campaign that is
 * revenue attributed to it ("ROAS"); a region's or a product's revenue includes orders no ad
 * drove, so over the ad spend it is blended ROAS, and labelled so.
 */
export interface RoasChoice<F extends string> {
  field: F;
  label: 'ROAS' | 'Blended ROAS';
}

/**
 * The KPI cards of a page: spend, revenue, ROAS, profit, orders, and units when the totals have
 * them, each with its change against the comparison period.
 */
export function kpiCards<F extends 'roas' | 'blendedRoas'>(input: {
  totals: Record<Measure, number | null> & Record<F, number | null> & { units?: number };
  change: Record<Measure | F, number | null> & { units?: number | null };
  incompleteComparison: readonly ComparedKey[];
  roas: RoasChoice<F>;
  /** How the comparison period is named ("the previous period"). */
  against: string;
  fmt: Format;
}): KpiCardProps[] {
  const { totals, change, fmt } = input;
  const card = (
    label: string,
    value: number | null | undefined,
    changed: number | null | undefined,
    compared: ComparedKey,
    format: (v: number) => string,
    upIsGood?: boolean,
  ): KpiCardProps => ({
    label,
    value: value ?? null,
    change: changed ?? null,
    incomplete: input.incompleteComparison.includes(compared),
    format,
    formatChange: fmt.change,
    against: input.against,
    ...(upIsGood === undefined ? {} : { upIsGood }),
  });
  const roas = input.roas.field;
  return [
    card('Spend', totals.spendMinor, change.spendMinor, 'spendMinor', fmt.money),
    card('Revenue', totals.revenueMinor, change.revenueMinor, 'revenueMinor', fmt.money, true),
    card(input.roas.label, totals[roas], change[roas], 'blendedRoas', fmt.ratio, true),
    card('Profit', totals.profitMinor, change.profitMinor, 'profitMinor', fmt.money, true),
    card('Orders', totals.orders, change.orders, 'orders', fmt.integer, true),
    ...(totals.units === undefined
      ? []
      : [card('Units', totals.units, change.units, 'orders', fmt.integer, true)]),
  ];
}
