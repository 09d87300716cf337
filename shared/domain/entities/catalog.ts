import { z } from 'zod';

export const productSchema = z.object({
  /** Variant-level id, platform-prefixed: gid://shopify/ProductVariant/1. */
  id: z.string(),
  productId: z.string(),
  title: z.string(),
  variantTitle: z.string().optional(),
  sku: z.string().optional(),
  priceMinor: z.number().int(),
  unitCostMinor: z.number().int().optional(),
  currency: z.string(),
  status: z.enum(['active', 'draft', 'archived']).default('active'),
  inventoryItemId: z.string().optional(),
  updatedAt: z.string(),
});
export type Product = z.infer<typeof productSchema>;

export const inventoryLevelSchema = z.object({
  /** `${inventoryItemId}@${locationId}` */
  id: z.string(),
  variantId: z.string(),
  inventoryItemId: z.string(),
  locationId: z.string(),
  locationName: z.string().optional(),
  available: z.number().int(),
  onHand: z.number().int(),
  committed: z.number().int().default(0),
  incoming: z.number().int().default(0),
  updatedAt: z.string(),
});
export type InventoryLevel = z.infer<typeof inventoryLevelSchema>;
