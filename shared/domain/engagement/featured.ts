import { z } from 'zod';

/**
 * The products a campaign or automation features (variant or product ids, as the catalog holds
 * them). The templates only say `{{product}}`, so this list is what ties a message to stock: a
 * product out of stock pauses what features it (shared/engagement/stockout-pause.ts).
 */
export const featuredProductsSchema = z.array(z.string().min(1).max(200)).max(50).optional();

/** Whether a message featuring `productIds` features this product (by its variant or parent id). */
export function featuresProduct(
  productIds: readonly string[] | undefined,
  product: { variantId: string; productId: string | null },
): boolean {
  return (productIds ?? []).some((id) => id === product.variantId || id === product.productId);
}
