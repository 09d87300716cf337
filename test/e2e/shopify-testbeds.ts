import { afterEach } from 'vitest';
import { createShopifyTestbed, type ShopifyTestbed } from '../support/shopify-testbed';

/** Shopify test beds for one test file, each closed (sandbox, data dir) after its test. */
export function shopifyTestbeds() {
  const beds: ShopifyTestbed[] = [];
  afterEach(async () => {
    for (const b of beds.splice(0)) await b.close();
  });
  const fresh = async (options: Parameters<typeof createShopifyTestbed>[0] = {}) => {
    const b = await createShopifyTestbed(options);
    beds.push(b);
    return b;
  };
  return {
    fresh,
    /** A bed whose demo brand has been backfilled once. */
    async synced(options: Parameters<typeof createShopifyTestbed>[0] = {}) {
      const b = await fresh(options);
      await b.sync();
      return b;
    },
  };
}
