/**
 * Inventory-vs-spend alignment of one product over a period, from its share of the brand's ad
 * spend and its days of cover. "Material" spend is a share of at least 10 %; an overstocked
 * product is "underspent" below 2 %. Thresholds of cover are the brand's own (targets).
 */
export const ALIGNMENTS = [
  'spending_on_stockout',
  'overspending_low_stock',
  'underspending_overstock',
  'aligned',
] as const;
export type Alignment = (typeof ALIGNMENTS)[number];

export const MATERIAL_SPEND_SHARE = 0.1;
export const NEGLIGIBLE_SPEND_SHARE = 0.02;

export function classifyAlignment(input: {
  spendMinor: number;
  spendShare: number;
  stockAvailable: number | null;
  daysOfCover: number | null;
  lowCoverDays: number;
  overstockCoverDays: number;
}): Alignment {
  const { spendMinor, spendShare, stockAvailable, daysOfCover } = input;
  if (stockAvailable !== null && stockAvailable <= 0 && spendMinor > 0) return 'spending_on_stockout';
  if (daysOfCover === null) return 'aligned';
  if (daysOfCover < input.lowCoverDays && spendShare >= MATERIAL_SPEND_SHARE) return 'overspending_low_stock';
  if (daysOfCover > input.overstockCoverDays && spendShare < NEGLIGIBLE_SPEND_SHARE)
    return 'underspending_overstock';
  return 'aligned';
}
