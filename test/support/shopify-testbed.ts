import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Backend } from '../../infra/compose/backend';
import { createEmbeddedDeps } from '../../infra/local/embedded-deps';
import { DEMO_BRAND, DEMO_TENANT, seedDemo } from '../../infra/local/seed';
import { connectDemoBrandToShopify } from '../../infra/sandbox/shopify/connect-demo';
import {
  type ShopifySandboxOptions,
  sandboxFetch,
  startShopifySandbox,
} from '../../infra/sandbox/shopify/server';
import { systemContext } from '../../shared/domain/tenancy';
import { localDate } from '../../shared/domain/time';
import { loadConfig } from '../../shared/kernel/config';
import { createMemoryLogger } from '../../shared/kernel/logging/logger';
import { createSyncShopifyJob, type SyncShopifyOptions } from '../../shared/platforms/shopify/sync-job';
import { createApplyShopifyWebhookJob } from '../../shared/platforms/shopify/webhooks/apply';
import { syncTaskSchema } from '../../shared/platforms/sync-requests';
import type { EventBus } from '../../shared/ports/events';

/**
 * A test bed for anything that talks to Shopify: a temp data dir with the embedded backends, the
 * seeded demo brand connected to a fresh sandbox, and a direct way to run the sync job (tests call
 * the handler themselves instead of waiting on the queue).
 */
export const TEST_END_DATE = localDate('2026-11-20');

/**
 * Fast retries for tests: the same code paths with millisecond backoff; throttle hints (Retry-After,
 * THROTTLED cost arithmetic) are still honoured up to a second, as they must be in production.
 */
export const FAST_HTTP = { baseDelayMs: 1, maxDelayMs: 1_000, timeoutMs: 1_000, maxRetries: 6 } as const;

export async function createShopifyTestbed(
  options: Partial<ShopifySandboxOptions> & {
    env?: Record<string, string>;
    /** Connect the demo brand to the sandbox up front (default); OAuth tests connect it themselves. */
    connect?: boolean;
  } = {},
) {
  const dir = mkdtempSync(join(tmpdir(), 'pp-'));
  const sandbox = await startShopifySandbox({
    endDate: TEST_END_DATE,
    seedOrdersScale: 0.05,
    throttle: { maximumAvailable: 2_000, restoreRate: 1_000 },
    bulkDelayMs: 5,
    ...options,
  });
  const config = loadConfig({
    PULSEPOINT_DATA_DIR: dir,
    NODE_ENV: 'test',
    LOG_LEVEL: 'ERROR',
    ...options.env,
  });
  // Pulsepoint's clock agrees with the sandbox's, as it does with Shopify's in production.
  const clock = { now: () => new Date(sandbox.now()) };
  const embedded = await createEmbeddedDeps(config, {
    clock,
    fetch: sandboxFetch(sandbox.url),
    logger: createMemoryLogger('WARNING'),
  });
  const deps: Backend = embedded.deps;
  await seedDemo(deps);
  if (options.connect !== false) await connectDemoBrandToShopify(deps, sandbox.url);
  const ctx = systemContext(DEMO_TENANT, 'test');
  const task = (mode: 'backfill' | 'incremental' = 'incremental') =>
    syncTaskSchema.parse({
      tenantId: DEMO_TENANT,
      brandId: DEMO_BRAND,
      platform: 'shopify',
      mode,
      idempotencyKey: `test:${mode}`,
    });
  return {
    dir,
    deps,
    embedded,
    sandbox,
    ctx,
    brandId: DEMO_BRAND,
    task,
    /** Applies a webhook as `apply-shopify-webhook` would after the bus delivered it. */
    applyWebhook: (topic: string, payload: unknown, webhookId = `${topic}:${Math.random()}`) =>
      createApplyShopifyWebhookJob(deps)(
        { tenantId: DEMO_TENANT, brandId: DEMO_BRAND, idempotencyKey: webhookId, topic, webhookId, payload },
        { attempt: 1, messageId: webhookId },
      ),
    /** The warehouse row of one order, if any. */
    orderRow: async (orderId: string) =>
      (
        await deps.warehouse.query<Record<string, unknown>>(
          ctx,
          'SELECT * FROM {{orders}} WHERE order_id = @id',
          {
            id: orderId,
          },
        )
      )[0],
    sync: (mode?: 'backfill' | 'incremental', jobOptions: SyncShopifyOptions = {}) =>
      createSyncShopifyJob(deps, { pollIntervalMs: 5, http: FAST_HTTP, ...jobOptions })(task(mode)),
    async close() {
      await embedded.close(100);
      await sandbox.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
export type ShopifyTestbed = Awaited<ReturnType<typeof createShopifyTestbed>>;

/** A bus that records what is published, for asserting on a job's or receiver's output. */
export function recordingBus(): EventBus & { published: { topic: string; message: unknown }[] } {
  const published: { topic: string; message: unknown }[] = [];
  return {
    published,
    publish: async (topic, message) => String(published.push({ topic, message })),
  };
}
