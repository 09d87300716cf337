import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalRuntime, startLocalRuntime } from '../../infra/local/runtime';
import { DEMO_BRAND, DEMO_TENANT } from '../../infra/local/seed';
import { type AdSandboxes, connectDemoBrandToAds, startAdSandboxes } from '../../infra/sandbox/ads';
import { STORE } from '../../infra/sandbox/world';
import { systemContext } from '../../shared/domain/tenancy';
import { toLocalDate } from '../../shared/domain/time';
import { loadConfig } from '../../shared/kernel/config';

/**
 * The manifest functions `sync-meta`, `sync-tiktok`, `sync-google-ads` are wired in the embedded
 * runtime: connecting the demo brand to the sandboxes enqueues backfills that the task queue runs.
 */
describe('ad syncs in the local runtime', () => {
  let dir: string;
  let runtime: LocalRuntime;
  let sandboxes: AdSandboxes;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pp-'));
    sandboxes = await startAdSandboxes({ endDate: toLocalDate(new Date(), 'America/New_York') });
    runtime = await startLocalRuntime(
      loadConfig({
        PULSEPOINT_DATA_DIR: dir,
        LOG_LEVEL: 'ERROR',
        PULSEPOINT_SANDBOXES: 'false',
        PULSEPOINT_FX_RATES_URL: sandboxes.fxUrl,
      }),
      { webDist: join(dir, 'no-web'), port: 0 },
    );
  });
  afterAll(async () => {
    await runtime?.close(1_000);
    await sandboxes?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('connecting the demo brand fills ad_performance for all three platforms', {
    timeout: 180_000,
  }, async () => {
    const { deps } = runtime.embedded;
    await connectDemoBrandToAds(deps, sandboxes.urls);
    const ctx = systemContext(DEMO_TENANT, 'test');
    const synced = async () => {
      const all = await deps.store.integrations.list(ctx, DEMO_BRAND);
      return all.filter((i) => i.lastSyncAt).map((i) => i.platform);
    };
    // Generous: on a loaded machine three backfills through the sandboxes took longer than 25 s.
    const deadline = Date.now() + 120_000;
    while ((await synced()).length < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect((await synced()).sort()).toEqual(['google_ads', 'meta', 'tiktok']);
    const rows = await deps.warehouse.query<{ platform: string; days: number }>(
      ctx,
      'SELECT platform, COUNT(DISTINCT date) AS days FROM {{ad_performance}} GROUP BY platform ORDER BY platform',
    );
    expect(rows).toEqual([
      { platform: 'google_ads', days: STORE.days },
      { platform: 'meta', days: STORE.days },
      { platform: 'tiktok', days: STORE.days },
    ]);
  });
});
