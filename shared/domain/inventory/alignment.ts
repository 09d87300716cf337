import type { StockStatus } from './cover';

export const ALIGNMENTS = [
  'spending_on_stockout',
  'overspending_low_stock',
  'underspending_overstock',
  'aligned',
] as const;
export type Alignment = (typeof ALIGNMENTS)[number];

/** Each alignment in the app's words: the inventory view's legend and the Ask page's sources. */
export const ALIGNMENT_LABELS: Readonly<Record<Alignment, string>> = {
  spending_on_stockout: 'Spending on stockout',
  overspending_low_stock: 'Overspending, low stock',
  underspending_overstock: 'Underspending, overstock',
  aligned: 'Aligned',
};

export interface AlignmentThresholds {
  /** A share of the brand's spend that counts as real money behind a SKU. */
  readonly materialSpendShare: number;
  /** Below this share a SKU is, in effect, not advertised. */
  readonly negligibleSpendShare: number;
}

export const ALIGNMENT_DEFAULTS: AlignmentThresholds = {
  materialSpendShare: 0.05,
  negligibleSpendShare: 0.01,
};

/**
 * Whether spend matches what stock can carry: any spend on a SKU that cannot ship is waste; a
 * material share on one about to run out buys stockouts; an overstocked SKU nobody promotes is
 * cash sitting on shelves.
 */
export function spendAlignment(
  status: StockStatus,
  spendMinor: number,
  spendShare: number,
  t: AlignmentThresholds = ALIGNMENT_DEFAULTS,
): Alignment {
  if (status === 'stockout' && spendMinor > 0) return 'spending_on_stockout';
  if (status === 'low' && spendShare >= t.materialSpendShare) return 'overspending_low_stock';
  if (status === 'overstock' && spendShare < t.negligibleSpendShare) return 'underspending_overstock';
  return 'aligned';
}
