import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { AiUsage } from '../../domain/entities';
import { systemContext } from '../../domain/tenancy';
import { createSqliteDocumentDb } from '../embedded/sqlite-document-db';
import { createOperationalStore } from './document-store';

const dir = mkdtempSync(join(tmpdir(), 'pp-'));
const db = createSqliteDocumentDb(join(dir, 'store.sqlite'));
const store = createOperationalStore(db);
afterAll(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

const aCall = (id: string, costMicros: number, month = '2026-11'): AiUsage => ({
  id,
  at: `${month}-21T12:00:00.000Z`,
  month,
  uid: 'u1',
  operation: 'ask',
  model: 'claude-sonnet-4-5',
  inputTokens: 100,
  outputTokens: 10,
  cacheCreationTokens: 0,
  cacheReadTokens: 0,
  costMicros,
  pricingVersion: 'v',
  latencyMs: 5,
});

describe('AI usage ledger in the store', () => {
  it('adds every call to its month once, even when calls land concurrently', async () => {
    const a = systemContext('tenant_a', 'test');
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.aiUsage.record(a, aCall(`c${i}`, 1_000))));
    await store.aiUsage.record(a, aCall('dec', 7, '2026-12'));
    expect(await store.aiUsage.month(a, '2026-11')).toEqual({
      month: '2026-11',
      costMicros: 20_000,
      calls: 20,
    });
    expect(await store.aiUsage.month(a, '2026-12')).toEqual({ month: '2026-12', costMicros: 7, calls: 1 });
  });

  it("keeps each tenant's total to itself", async () => {
    const b = systemContext('tenant_b', 'test');
    expect(await store.aiUsage.month(b, '2026-11')).toEqual({ month: '2026-11', costMicros: 0, calls: 0 });
  });
});
