import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalRuntime } from '../../infra/local/runtime';
import { connectDemoBrandToShopify } from '../../infra/sandbox/shopify/connect-demo';
import type { SandboxOrder } from '../../infra/sandbox/shopify/model';
import { sandboxFetch, startShopifySandbox } from '../../infra/sandbox/shopify/server';
import { issueLocalToken } from '../../shared/adapters/embedded/local-identity';
import { systemContext } from '../../shared/domain/tenancy';
import type { LocalDate } from '../../shared/domain/time';
import { loadConfig } from '../../shared/kernel/config';
import { createMemoryLogger } from '../../shared/kernel/logging/logger';
import { ensureMember } from './members';
import { TEST_END_DATE } from './shopify-testbed';

/** A free loopback port (the config refuses port 0). */
export const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

/**
 * `npm start` on a temp dir, its demo brand connected to a Shopify sandbox of the given size and
 * backfilled: for end-to-end tests and benchmarks that send webhooks and read the API over HTTP.
 */
export async function startShopifyRuntime(options: { scale: number; backfillTimeoutMs?: number }) {
  const sandbox = await startShopifySandbox({
    endDate: TEST_END_DATE,
    seedOrdersScale: options.scale,
    bulkDelayMs: 5,
  });
  const dir = mkdtempSync(join(tmpdir(), 'pp-'));
  const config = loadConfig({
    PULSEPOINT_DATA_DIR: dir,
    PORT: String(await freePort()),
    LOG_LEVEL: 'ERROR',
    // The caller's sandbox, connected below.
    PULSEPOINT_SANDBOXES: 'false',
  });
  const clock = { now: () => new Date(sandbox.now()) };
  const runtime = await startLocalRuntime(config, {
    fetch: sandboxFetch(sandbox.url),
    clock,
    logger: createMemoryLogger('ERROR'),
    webDist: join(dir, 'no-web'),
  });
  const close = async () => {
    await runtime.close(1_000);
    await sandbox.close();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const { deps, authKey } = runtime.embedded;
    const ctx = systemContext('demo', 'test');
    await connectDemoBrandToShopify(deps, sandbox.url);
    const stored = async () =>
      (await deps.warehouse.query<{ n: number }>(ctx, 'SELECT COUNT(*) AS n FROM {{orders}}'))[0]?.n ?? 0;
    const t0 = Date.now();
    while ((await stored()) < sandbox.store.orders.length) {
      if (Date.now() - t0 > (options.backfillTimeoutMs ?? 300_000))
        throw new Error('the backfill did not finish');
      await new Promise((r) => setTimeout(r, 200));
    }
    const brand = (await deps.store.brands.get(ctx, 'demo-brand'))!;
    /** A signed token of an owner of the demo tenant. */
    const token = async (uid?: string) => {
      const member = await ensureMember(
        deps.store,
        { tenantId: 'demo', role: 'owner', ...(uid ? { uid } : {}) },
        clock.now(),
      );
      return issueLocalToken(authKey, { tenantId: 'demo', role: 'owner', uid: member, now: clock.now() });
    };
    /** The dashboard of one day: the Shopify order count and the attributed revenue over channels. */
    const dashboard = async (token: string, day: LocalDate) => {
      const res = await fetch(`${runtime.url}/api/brands/demo-brand/dashboard?from=${day}&to=${day}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      if (res.status !== 200) throw new Error(`dashboard answered ${res.status}: ${await res.text()}`);
      const d = (await res.json()) as {
        kpis: { orders: number };
        byChannel: Array<{ revenueMinor: number }>;
      };
      return { orders: d.kpis.orders, attributed: d.byChannel.reduce((a, c) => a + c.revenueMinor, 0) };
    };
    /** A new order copied from one of the store's, placed now, added to the sandbox's store. */
    const newOrder = (template: SandboxOrder, legacyId: number, day: LocalDate): SandboxOrder => {
      const at = new Date(sandbox.now()).toISOString();
      const order: SandboxOrder = {
        ...template,
        legacyId,
        name: `#N${legacyId}`,
        date: day,
        createdAt: at,
        updatedAt: at,
        cancelledAt: null,
        refunds: [],
        fulfilledAt: null,
        lines: template.lines.map((l, i) => ({ ...l, legacyId: legacyId * 10 + i })),
      };
      sandbox.store.orders.push(order);
      return order;
    };
    return { sandbox, runtime, deps, ctx, brand, clock, token, dashboard, newOrder, close };
  } catch (err) {
    await close();
    throw err;
  }
}
