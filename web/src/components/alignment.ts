import { ALIGNMENT_LABELS } from '../../../shared/domain/inventory/alignment';
import type { InventoryRow } from '../api/schemas';

/** Inventory-vs-spend alignment: one label and one colour each (4.5:1 or better on white). */
export const ALIGNMENT_STYLE: Record<InventoryRow['alignment'], { label: string; color: string }> = {
  spending_on_stockout: { label: ALIGNMENT_LABELS.spending_on_stockout, color: '#b42318' },
  overspending_low_stock: { label: ALIGNMENT_LABELS.overspending_low_stock, color: '#b54708' },
  underspending_overstock: { label: ALIGNMENT_LABELS.underspending_overstock, color: '#175cd3' },
  aligned: { label: ALIGNMENT_LABELS.aligned, color: '#067647' },
};
