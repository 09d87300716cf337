import { PassThroughClient } from 'google-auth-library';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBigQueryWarehouse } from '../../shared/adapters/gcp/bigquery-warehouse';
import { readFunnel } from '../../shared/customers/funnel-query';
import { DEFAULT_FUNNEL_STEPS } from '../../shared/domain/customers/funnels';
import type { TenantContext } from '../../shared/domain/tenancy';
import { localDate } from '../../shared/domain/time';
import { startBigQueryLoopback } from './bigquery-loopback';

const ctx: TenantContext = { tenantId: 'acme', uid: 'u1', role: 'owner' };

/** The funnel's path through the BigQuery adapter (the SQL itself runs on DuckDB in funnel-query.test.ts). */
describe('funnels on BigQuery (loopback BigQuery API)', () => {
  let server: Awaited<ReturnType<typeof startBigQueryLoopback>>;

  beforeEach(async () => {
    server = await startBigQueryLoopback(() => ({
      fields: [
        { name: 'channel', type: 'STRING' },
        { name: 'device', type: 'STRING' },
        { name: 'depth', type: 'INTEGER' },
        { name: 'visitors', type: 'INTEGER' },
      ],
      rows: [
        ['meta', 'mobile', '5', '3'],
        ['direct', 'mobile', '2', '4'],
        ['direct', 'desktop', '2', '3'],
      ],
    }));
  });
  afterEach(() => server.close());

  it("is one query over the tenant's events with typed parameters, its rows read as step counts", async () => {
    const warehouse = createBigQueryWarehouse({
      projectId: 'proj',
      location: 'EU',
      apiEndpoint: server.url,
      authClient: new PassThroughClient(),
    });
    const f = await readFunnel(warehouse, ctx, {
      brandId: 'b1',
      from: localDate('2026-11-01'),
      to: localDate('2026-11-30'),
      steps: DEFAULT_FUNNEL_STEPS,
      windowDays: 7,
    });
    const queries = server.queries();
    expect(queries).toHaveLength(1);
    const q = queries[0]!;
    expect(q.sql).toContain('`proj.pp_acme.events`');
    expect(q.sql).not.toMatch(/\{\{|'2026-|'page_viewed'/);
    const types = Object.fromEntries(
      (q.parameters as Array<{ name: string; parameterType: unknown }>).map((p) => [p.name, p.parameterType]),
    );
    expect(types).toMatchObject({
      brandId: { type: 'STRING' },
      from: { type: 'STRING' },
      lookFrom: { type: 'STRING' },
      until: { type: 'STRING' },
      windowMs: { type: 'INT64' },
      step1: { type: 'ARRAY', arrayType: { type: 'STRING' } },
      step5: { type: 'ARRAY', arrayType: { type: 'STRING' } },
    });
    // meta: 3 visitors at step 5; direct: 7 at step 2 → 10, 10, 3, 3, 3.
    expect(f.steps.map((s) => s.visitors)).toEqual([10, 10, 3, 3, 3]);
    expect(f.breakdown.map((c) => c.key)).toEqual(['direct', 'meta']);
  });

  it('reads the same rows by device when asked', async () => {
    const warehouse = createBigQueryWarehouse({
      projectId: 'proj',
      location: 'EU',
      apiEndpoint: server.url,
      authClient: new PassThroughClient(),
    });
    const f = await readFunnel(warehouse, ctx, {
      brandId: 'b1',
      from: localDate('2026-11-01'),
      to: localDate('2026-11-30'),
      steps: DEFAULT_FUNNEL_STEPS,
      windowDays: 7,
      by: 'device',
    });
    expect(server.queries()[0]!.sql).toContain("device <> 'bot'");
    // mobile: 3 at step 5 + 4 at step 2 → 7, 7, 3, 3, 3; desktop: 3 at step 2 → 3, 3, 0, 0, 0.
    expect(f.breakdown.map((d) => [d.key, d.steps.map((s) => s.visitors)])).toEqual([
      ['mobile', [7, 7, 3, 3, 3]],
      ['desktop', [3, 3, 0, 0, 0]],
    ]);
  });
});
