import type { InventoryRow } from '../api/schemas';

/** Inventory-vs-spend alignment: one label and one colour each (4.5:1 or better on white). */
export const ALIGNMENT_STYLE: Record<InventoryRow['alignment'], { label: string; color: string }> = {
  spending_on_stockout: { label: 'Spending on stockout', color: '#b42318' },
  overspending_low_stock: { label: 'Overspending, low stock', color: '#b54708' },
  underspending_overstock: { label: 'Underspending, overstock', color: '#175cd3' },
  aligned: { label: 'Aligned', color: '#067647' },
};
