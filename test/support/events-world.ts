import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createOperationalStore,
  createSystemDirectory,
} from '../../shared/adapters/document-store/document-store';
import { createDuckdbWarehouse } from '../../shared/adapters/embedded/duckdb-warehouse';
import { createSqliteDocumentDb } from '../../shared/adapters/embedded/sqlite-document-db';
import { storedEventSchema } from '../../shared/customers/events/rows';
import type { Brand } from '../../shared/domain/entities';
import { brandTargetsSchema } from '../../shared/domain/entities';
import { systemContext } from '../../shared/domain/tenancy';
import { fixedClock, sequentialIds } from '../../shared/ports/clock';
import type { EventBus, Topic, TopicInput } from '../../shared/ports/events';

/** A tenant with one brand on real embedded backends (SQLite + DuckDB in a temp dir), for tests. */
export async function openEventsWorld(now = '2026-11-21T12:00:00.000Z') {
  const dir = mkdtempSync(join(tmpdir(), 'pp-events-'));
  const db = createSqliteDocumentDb(join(dir, 'store.sqlite'));
  const store = createOperationalStore(db);
  const warehouse = await createDuckdbWarehouse(join(dir, 'warehouse.duckdb'));
  const clock = fixedClock(now);
  const published: Array<{ topic: Topic; message: Record<string, unknown> }> = [];
  const bus: EventBus = {
    async publish<T extends Topic>(topic: T, message: TopicInput<T>) {
      published.push({ topic, message: message as Record<string, unknown> });
      return `m${published.length}`;
    },
  };
  const ctx = systemContext('t_events', 'test');
  const brand: Brand = {
    id: 'acme',
    name: 'Acme',
    shopDomain: 'acme.myshopify.com',
    currency: 'GBP',
    timezone: 'Europe/London',
    targets: brandTargetsSchema.parse({}),
    discountCodeCampaigns: {},
    createdAt: now,
    updatedAt: now,
  };
  await store.tenants.upsert(ctx, {
    id: ctx.tenantId,
    name: 'Events',
    plan: 'growth',
    aiMonthlyBudgetMicros: 0,
    createdAt: now,
    updatedAt: now,
  });
  await store.brands.upsert(ctx, brand);
  await warehouse.ensureTenant(ctx);
  return {
    dir,
    db,
    store,
    directory: createSystemDirectory(db),
    warehouse,
    clock,
    ids: sequentialIds('e'),
    bus,
    published,
    ctx,
    brand,
    scope: { ctx, brandId: brand.id, timeZone: brand.timezone },
    /** Every stored event of the brand, parsed, ordered by id. */
    async storedEvents() {
      const rows = await warehouse.query(
        ctx,
        'SELECT * FROM {{events}} WHERE brand_id = @brand ORDER BY event_id',
        { brand: brand.id },
      );
      return rows.map((r) => storedEventSchema.parse(r));
    },
    async close() {
      await warehouse.close();
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
export type EventsWorld = Awaited<ReturnType<typeof openEventsWorld>>;
