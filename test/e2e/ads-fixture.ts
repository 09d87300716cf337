import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEmbeddedDeps } from '../../infra/local/embedded-deps';
import { DEMO_BRAND, DEMO_TENANT, seedDemo } from '../../infra/local/seed';
import { connectDemoBrandToAds, startAdSandboxes } from '../../infra/sandbox/ads';
import type { FaultPlan } from '../../infra/sandbox/ads/faults';
import type { AdPlatform } from '../../shared/domain/entities';
import { systemContext } from '../../shared/domain/tenancy';
import { loadConfig } from '../../shared/kernel/config';
import { createHttpClient } from '../../shared/kernel/http';
import { createMemoryLogger } from '../../shared/kernel/logging/logger';
import { createSyncAdsJob } from '../../shared/platforms/ads/sync-job';
import { createEcbFxRates } from '../../shared/platforms/fx/ecb';
import { fixedClock } from '../../shared/ports/clock';
import type { EventBus, TopicInput } from '../../shared/ports/events';

/**
 * One embedded Pulsepoint (temp data dir) with the demo brand connected to the three ad
 * sandboxes. The clock is fixed at noon New York on `endDate`, the sandboxes' last day.
 */
export async function startAdsWorld(options: { endDate: string; faults?: FaultPlan }) {
  const dir = mkdtempSync(join(tmpdir(), 'pp-'));
  const clock = fixedClock(`${options.endDate}T17:00:00Z`);
  const logger = createMemoryLogger('INFO');
  const embedded = await createEmbeddedDeps(loadConfig({ PULSEPOINT_DATA_DIR: dir, LOG_LEVEL: 'ERROR' }), {
    clock,
    logger,
  });
  const published: Array<TopicInput<'brand.synced'>> = [];
  const bus: EventBus = {
    async publish(topic, message) {
      if (topic === 'brand.synced') published.push(message as TopicInput<'brand.synced'>);
      return `m-${published.length}`;
    },
  };
  const deps = { ...embedded.deps, bus };
  await seedDemo(deps);
  const sandboxes = await startAdSandboxes({
    endDate: options.endDate,
    ...(options.faults ? { faults: options.faults } : {}),
  });
  await connectDemoBrandToAds(deps, sandboxes.urls, {
    tenantId: DEMO_TENANT,
    brandId: DEMO_BRAND,
    requestSyncs: false,
  });
  const fx = createEcbFxRates({ http: createHttpClient({ fetch }), baseUrl: sandboxes.fxUrl });
  const ctx = systemContext(DEMO_TENANT, 'test');
  let key = 0;
  const sync = (platform: AdPlatform, mode: 'incremental' | 'backfill' = 'incremental') =>
    createSyncAdsJob({ ...deps, fx }, platform, {
      // Under the faults' 1 s hang (so those still time out), above a year of Google Ads rows per ad
      // group in one searchStream response on a busy machine.
      retry: { baseDelayMs: 1, maxDelayMs: 5, timeoutMs: 900, maxRetries: 8 },
      pollIntervalMs: 1,
    })({
      tenantId: DEMO_TENANT,
      brandId: DEMO_BRAND,
      platform,
      idempotencyKey: `k${++key}`,
      mode,
    });
  return {
    deps,
    fx,
    ctx,
    clock,
    logger,
    sandboxes,
    published,
    sync,
    async close() {
      await sandboxes.close();
      await embedded.close(100);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
export type AdsWorld = Awaited<ReturnType<typeof startAdsWorld>>;
