import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEmbeddedDeps, type EmbeddedRuntimeDeps } from '../../infra/local/embedded-deps';
import { type IssueOptions, issueLocalToken } from '../../shared/adapters/embedded/local-identity';
import { type ApiApp, type ApiDeps, type ApiOptions, createApiApp } from '../../shared/api/app';
import { backendHealthChecks } from '../../shared/api/routes/health';
import type { Brand } from '../../shared/domain/entities';
import { systemContext } from '../../shared/domain/tenancy';
import { CAMPAIGN_QUEUE } from '../../shared/engagement/campaign-runs';
import { createEngagement } from '../../shared/engagement/index';
import { createLocalAnalyst } from '../../shared/insights/local-analyst';
import { loadConfig } from '../../shared/kernel/config';
import { createMemoryLogger } from '../../shared/kernel/logging/logger';
import { createBudgetActions } from '../../shared/platforms/ads/budget-actions';
import { fixedClock, sequentialIds } from '../../shared/ports/clock';
import { aBrand } from './builders';
import { ensureMember } from './members';

/**
 * An API over real embedded backends in a temp dir, for tests and benchmarks: call
 * `api.request(path, init)` without a server, with tokens minted by `token()`.
 */
export async function createTestApi(
  options: Partial<ApiOptions> & {
    now?: string;
    mount?: (app: ApiApp) => void;
    /** Extra environment for loadConfig (e.g. NODE_ENV=production). */
    env?: Record<string, string>;
    /** Billing providers (e.g. Stripe on its sandbox); none by default. */
    billingProviders?: ApiDeps['billingProviders'];
    /** The email channel for invitations (e.g. SMTP on its sandbox); none by default. */
    mail?: ApiDeps['mail'];
    /** The engagement feature over the test backends (channels on sandboxes); by default no channels, dry run. */
    engagement?: (deps: EmbeddedRuntimeDeps['deps']) => NonNullable<ApiDeps['engagement']>;
  } = {},
) {
  const dir = mkdtempSync(join(tmpdir(), 'pp-'));
  const clock = fixedClock(options.now ?? '2026-11-20T12:00:00Z');
  const logger = createMemoryLogger('INFO');
  const embedded = await createEmbeddedDeps(
    loadConfig({
      PULSEPOINT_DATA_DIR: dir,
      NODE_ENV: 'test',
      PULSEPOINT_AUTH_SECRET: 'x'.repeat(32),
      ...options.env,
    }),
    { clock, ids: sequentialIds('id'), logger },
  );
  const { deps } = embedded;
  // Engagement is always mounted, so suites that walk every route reach its handlers; without
  // a factory it has no channels and only records what it would send (dry run).
  const engagement = options.engagement
    ? options.engagement(deps)
    : createEngagement({
        ...deps,
        channels: {},
        publicUrl: 'https://app.pulsepoint.example',
        ratePerSecond: 50,
        dryRun: true,
      });
  // Queued campaign sends are run by their batch tasks, as the engagement-campaigns function runs them.
  embedded.tasks.handle(
    CAMPAIGN_QUEUE,
    async (payload, attempt) =>
      void (await engagement.runCampaignTask(
        payload,
        (t) => systemContext(t, 'engagement-campaigns'),
        attempt,
      )),
    { concurrency: 1 },
  );
  const app = createApiApp(
    {
      ...deps,
      llm: createLocalAnalyst(),
      budgetActions: createBudgetActions(deps),
      ...(options.billingProviders ? { billingProviders: options.billingProviders } : {}),
      ...(options.mail ? { mail: options.mail } : {}),
      engagement,
    },
    {
      version: 'test',
      startedAt: clock.now(),
      healthChecks: backendHealthChecks(deps),
      ...options,
    },
  );
  // Routes of other areas (or stand-ins) must be added before the first request builds the router.
  options.mount?.(app);
  return {
    app,
    deps,
    clock,
    logger,
    embedded,
    /**
     * A signed token of a member of the tenant (see ensureMember), or with `member: false` only the
     * signed token, its tenant and user left as they are.
     */
    async token(o: Omit<IssueOptions, 'now'> & { member?: boolean }) {
      const { member = true, ...claims } = o;
      const uid = member ? await ensureMember(deps.store, claims, clock.now()) : claims.uid;
      return issueLocalToken(embedded.authKey, { ...claims, ...(uid ? { uid } : {}), now: clock.now() });
    },
    async request(path: string, init: RequestInit & { token?: string; json?: unknown } = {}) {
      const { token, json, ...rest } = init;
      const headers = new Headers(rest.headers);
      if (token) headers.set('authorization', `Bearer ${token}`);
      if (json !== undefined) headers.set('content-type', 'application/json');
      return app.request(path, {
        ...rest,
        headers,
        ...(json !== undefined ? { body: JSON.stringify(json) } : {}),
      });
    },
    /** A tenant with an owner and the given brands, written straight to the store. */
    async seedTenant(tenantId: string, brands: Array<Partial<Brand> & { id: string }>) {
      const ctx = systemContext(tenantId, 'test');
      const now = clock.now().toISOString();
      await deps.store.tenants.upsert(ctx, {
        id: tenantId,
        name: `Tenant ${tenantId}`,
        plan: 'agency',
        aiMonthlyBudgetMicros: 1,
        createdAt: now,
        updatedAt: now,
      });
      for (const b of brands)
        await deps.store.brands.upsert(ctx, aBrand(b.id, { createdAt: now, updatedAt: now, ...b }));
      return ctx;
    },
    async close() {
      await app.opsEvents.flush();
      await embedded.close(1_000);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
export type TestApi = Awaited<ReturnType<typeof createTestApi>>;
