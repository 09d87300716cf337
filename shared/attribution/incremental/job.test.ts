import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { benchCatalog, generateBenchTenant } from '../../../test/bench/attribution-data';
import { createTestBrand, type TestBrand } from '../../../test/support/attribution-pass';
import { createInProcessTaskQueue } from '../../adapters/embedded/in-process-task-queue';
import { createSqliteDocumentDb } from '../../adapters/embedded/sqlite-document-db';
import { createSqliteQueue, type SqliteQueue } from '../../adapters/embedded/sqlite-queue';
import { brandTargetsSchema } from '../../domain/entities/brand';
import { sequentialIds } from '../../ports/clock';
import type { DocumentDb } from '../../ports/document-db';
import { createPerformanceFreshness } from '../../reporting/freshness';
import { ATTRIBUTE_QUEUE } from '../attribute-job';
import { runAttributionPass } from '../pass/run';
import { createIncrementalAttributionJob } from './job';

const NOW = '2026-03-31T23:00:00Z';
const changed = (days: string[], key = 'k1') => ({
  tenantId: 't_attr',
  brandId: 'b1',
  idempotencyKey: key,
  days,
});

describe('attribute-incremental job', () => {
  let w: TestBrand;
  let queue: SqliteQueue;
  let documents: DocumentDb;
  let job: ReturnType<typeof createIncrementalAttributionJob>;
  beforeEach(async () => {
    w = await createTestBrand(NOW, {
      timezone: 'Etc/UTC',
      targets: brandTargetsSchema.parse({ attributionWindowDays: 7 }),
    });
    const catalog = benchCatalog(NOW);
    await w.deps.store.products.upsertMany(w.ctx, 'b1', catalog.products);
    await generateBenchTenant(w.deps.warehouse, w.ctx, 'b1', 1_000);
    queue = createSqliteQueue({
      filename: join(w.dir, 'q.sqlite'),
      clock: w.deps.clock,
      logger: w.deps.logger,
    });
    documents = createSqliteDocumentDb(join(w.dir, 'd.sqlite'));
    job = createIncrementalAttributionJob({
      ...w.deps,
      documents,
      tasks: createInProcessTaskQueue(queue, sequentialIds('task')),
      ids: sequentialIds('v'),
    });
  });
  afterEach(async () => {
    await queue.close(0);
    await documents.close();
    await w.close();
  });

  it('before any full pass, queues one instead of crediting', async () => {
    const outcome = await job.onOrdersChanged(changed(['2026-03-30']));
    expect(outcome).toEqual({ ok: false, reason: 'no_fit' });
    expect(queue.backlog(`tasks/${ATTRIBUTE_QUEUE}`)).toBe(1);
    expect(await createPerformanceFreshness(documents).version(w.ctx, 'b1')).toBeNull();
  });

  it('rebuilds the changed days and moves the brand’s version for every API instance', async () => {
    await runAttributionPass(w.deps, w.ctx, 'b1');
    const freshness = createPerformanceFreshness(documents);
    const first = await job.onOrdersChanged(changed(['2026-03-30', '2026-03-28', '2026-03-30']));
    expect(first).toMatchObject({
      ok: true,
      ranges: [
        { from: '2026-03-28', to: '2026-03-28' },
        { from: '2026-03-30', to: '2026-03-30' },
      ],
    });
    const v1 = await freshness.version(w.ctx, 'b1');
    expect(v1).not.toBeNull();
    await job.onOrdersChanged(changed(['2026-03-30'], 'k2'));
    expect(await freshness.version(w.ctx, 'b1')).not.toBe(v1);
    expect(queue.backlog(`tasks/${ATTRIBUTE_QUEUE}`)).toBe(0);
  });
});
