import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createOperationalStore,
  createSystemDirectory,
} from '../../shared/adapters/document-store/document-store';
import { createDuckdbWarehouse } from '../../shared/adapters/embedded/duckdb-warehouse';
import { createEncryptedFileSecretStore } from '../../shared/adapters/embedded/encrypted-file-secret-store';
import { createLocalIdentityVerifier, issueLocalToken } from '../../shared/adapters/embedded/local-identity';
import { createLocalIdentityAdmin } from '../../shared/adapters/embedded/local-identity-admin';
import { createSqliteDocumentDb } from '../../shared/adapters/embedded/sqlite-document-db';
import type { ApiDeps } from '../../shared/api/app';
import type { Brand } from '../../shared/domain/entities';
import type { Role } from '../../shared/domain/tenancy';
import { systemContext } from '../../shared/domain/tenancy';
import { addDays, localDate } from '../../shared/domain/time';
import { createInsightsAgent } from '../../shared/insights/agent';
import { createTokenLedger } from '../../shared/insights/ledger';
import { createLocalAnalyst } from '../../shared/insights/local-analyst';
import { loadConfig } from '../../shared/kernel/config';
import { createMemoryLogger } from '../../shared/kernel/logging/logger';
import { fixedClock, sequentialIds } from '../../shared/ports/clock';
import type { EventBus, Topic, TopicInput } from '../../shared/ports/events';
import type { LlmClient } from '../../shared/ports/llm';
import type { OperationalStore } from '../../shared/ports/operational-store';
import type { Warehouse } from '../../shared/ports/warehouse';
import { createRecommendJob } from '../../shared/recommendations/recommend-job';
import { createPerformanceQueries } from '../../shared/reporting/read-model/performance-queries';
import { ensureMember } from './members';
import {
  WORLD,
  WORLD_FROM,
  worldBrand,
  worldCampaignRows,
  worldInventoryRows,
  worldProducts,
  worldRows,
} from './world';

/** A bus that records what was published, for assertions. */
export function recordingBus() {
  const published: Array<{ topic: Topic; message: Record<string, unknown> }> = [];
  const bus: EventBus = {
    async publish<T extends Topic>(topic: T, message: TopicInput<T>) {
      published.push({ topic, message: message as Record<string, unknown> });
      return `m${published.length}`;
    },
  };
  return { bus, published };
}

/** Writes the world's tenant, brand, catalog and warehouse rows into any store and warehouse. */
export async function seedWorld(
  deps: { store: OperationalStore; warehouse: Warehouse },
  now: string,
  budgetMicros = 20_000_000,
  brand: Brand = worldBrand(now),
) {
  const ctx = systemContext(WORLD.tenantId, 'test');
  await deps.store.tenants.upsert(ctx, {
    id: WORLD.tenantId,
    name: 'World',
    plan: 'growth',
    aiMonthlyBudgetMicros: budgetMicros,
    createdAt: now,
    updatedAt: now,
  });
  await deps.store.brands.upsert(ctx, brand);
  await deps.store.products.upsertMany(ctx, WORLD.brandId, worldProducts(now));
  const range = { brandId: WORLD.brandId, from: WORLD_FROM, to: WORLD.asOf };
  await deps.warehouse.replaceRange(ctx, 'unified_performance', range, worldRows());
  await deps.warehouse.replaceRange(ctx, 'campaigns', range, worldCampaignRows());
  await deps.warehouse.replaceRange(ctx, 'inventory_status', range, worldInventoryRows());
}

/**
 * The embedded store and warehouse in a temp dir, holding the planted test world. Each test file
 * gets its own and calls `close()` after.
 */
export async function openWorld(options: { budgetMicros?: number; now?: string } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'pp-'));
  const db = createSqliteDocumentDb(join(dir, 'store.sqlite'));
  const store = createOperationalStore(db);
  const warehouse = await createDuckdbWarehouse(join(dir, 'warehouse.duckdb'));
  const clock = fixedClock(options.now ?? '2026-11-21T12:00:00.000Z');
  const ids = sequentialIds('w');
  const logger = createMemoryLogger('WARNING');
  const { bus, published } = recordingBus();
  const ctx = systemContext(WORLD.tenantId, 'test');
  await seedWorld({ store, warehouse }, clock.now().toISOString(), options.budgetMicros);
  return {
    dir,
    db,
    store,
    directory: createSystemDirectory(db),
    warehouse,
    clock,
    ids,
    logger,
    bus,
    published,
    ctx,
    async close() {
      await warehouse.close();
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
export type World = Awaited<ReturnType<typeof openWorld>>;

/** Full Backend over a world for API and MCP tests: local token issuer, file secret store, no task queue. */
export function worldDeps(w: World, extra: Partial<ApiDeps> = {}) {
  const authKey = randomBytes(32);
  const deps: ApiDeps = {
    config: loadConfig({ NODE_ENV: 'test' }),
    store: w.store,
    documents: w.db,
    directory: w.directory,
    warehouse: w.warehouse,
    bus: w.bus,
    tasks: { enqueue: async () => 'unused' },
    secrets: createEncryptedFileSecretStore(join(w.dir, 'secrets.json'), randomBytes(32)),
    identity: createLocalIdentityVerifier(authKey, w.clock),
    identityAdmin: createLocalIdentityAdmin(w.db, w.clock),
    clock: w.clock,
    ids: w.ids,
    logger: w.logger,
    fetch,
    llm: createLocalAnalyst(),
    ...extra,
  };
  /** A token of a member of the tenant (created when absent), as the API's membership check wants. */
  const token = async (role: Role, tenantId: string = WORLD.tenantId, brandIds?: string[]) => {
    const claims = { tenantId, role, ...(brandIds ? { brandIds } : {}) };
    const uid = await ensureMember(w.store, claims, w.clock.now());
    return issueLocalToken(authKey, { ...claims, uid, now: w.clock.now() });
  };
  return { deps, token };
}

/** Runs the recommend job over the whole world, as attribution finishing would. */
export async function recommendWorld(w: World, to: string = WORLD.asOf, idempotencyKey = 'k') {
  return createRecommendJob(w)({
    tenantId: WORLD.tenantId,
    brandId: WORLD.brandId,
    idempotencyKey,
    range: { from: addDays(localDate(to), -30), to },
  });
}

/** The insights agent over a world, with the given model (the local analyst unless a test brings one). */
export function worldAgent(w: World, llm: LlmClient, options: { maxToolRounds?: number } = {}) {
  return createInsightsAgent({
    llm,
    ledger: createTokenLedger(w),
    queries: createPerformanceQueries(w.warehouse),
    store: w.store,
    clock: w.clock,
    ...options,
  });
}
