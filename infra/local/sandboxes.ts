import { addDays, toLocalDate } from '../../shared/domain/time';
import type { Config } from '../../shared/kernel/config';
import type { Clock } from '../../shared/ports/clock';
import type { OperationalStore } from '../../shared/ports/operational-store';
import type { SecretStore } from '../../shared/ports/secret-store';
import type { TaskQueue } from '../../shared/ports/task-queue';
import { type AdSandboxes, connectDemoBrandToAds, startAdSandboxes } from '../sandbox/ads';
import { connectDemoBrandToShopify } from '../sandbox/shopify/connect-demo';
import { startShopifySandbox } from '../sandbox/shopify/server';
import { STORE } from '../sandbox/world';

/**
 * The platform sandboxes of `npm start`: loopback servers speaking each platform's wire format
 * from the seeded demo world, ending yesterday in the store's timezone (a generated day is a whole
 * day, so ending today would put orders in the future); the store's clock is the real one. The ad sandboxes are cheap and
 * start first (they also serve the FX reference rates the ad sync converts with); the Shopify store
 * takes a moment to generate, so it starts after the API is already answering.
 */
export async function startDemoSandboxes(config: Config, now: Date) {
  const endDate = addDays(toLocalDate(now, STORE.timezone), -1);
  const ads: AdSandboxes = await startAdSandboxes({ endDate });
  let shopify: Awaited<ReturnType<typeof startShopifySandbox>> | undefined;
  return {
    /** The configuration the embedded deps should use: FX rates from the sandbox, not the ECB. */
    config: { ...config, PULSEPOINT_FX_RATES_URL: ads.fxUrl } satisfies Config,
    /** Starts the store and connects the demo brand to every platform (requests the backfills). */
    async connectDemo(deps: {
      store: OperationalStore;
      secrets: SecretStore;
      tasks: TaskQueue;
      clock: Clock;
    }): Promise<void> {
      shopify = await startShopifySandbox({
        endDate,
        apiKey: config.SHOPIFY_API_KEY,
        apiSecret: config.SHOPIFY_API_SECRET,
      });
      await connectDemoBrandToShopify(deps, shopify.url);
      await connectDemoBrandToAds(deps, ads.urls);
    },
    async close(): Promise<void> {
      await Promise.all([ads.close(), shopify?.close()]);
    },
  };
}
