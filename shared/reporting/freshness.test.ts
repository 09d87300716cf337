import { describe, expect, it } from 'vitest';
import { createMemoryDocumentDb } from '../../test/doubles/memory-document-db';
import { systemContext } from '../domain/tenancy';
import { type LocalDate, localDate } from '../domain/time';
import { CHANGES_KEPT, createPerformanceFreshness } from './freshness';

const ctx = systemContext('t_fresh', 'test');
const at = new Date('2026-11-20T00:00:00Z');
const day = (d: number) => localDate(`2026-11-${String(d).padStart(2, '0')}`);
const fresh = () => createPerformanceFreshness(createMemoryDocumentDb());
const touch = (f: ReturnType<typeof fresh>, version: string, days?: LocalDate[]) =>
  f.touch(ctx, 'b1', { version, at, ...(days ? { days } : {}) });

describe('performance freshness', () => {
  it('gives the days every change since a version named, once each and in order', async () => {
    const f = fresh();
    await touch(f, 'v1', [day(3)]);
    await touch(f, 'v2', [day(5), day(3)]);
    await touch(f, 'v3', [day(1)]);
    expect(await f.changesSince(ctx, 'b1', 'v1')).toEqual({ version: 'v3', days: [day(1), day(3), day(5)] });
    expect(await f.changesSince(ctx, 'b1', 'v2')).toEqual({ version: 'v3', days: [day(1)] });
    expect(await f.changesSince(ctx, 'b1', 'v3')).toEqual({ version: 'v3', days: [] });
  });

  it('does not know the days when a change since named none (a full pass)', async () => {
    const f = fresh();
    await touch(f, 'v1', [day(3)]);
    await touch(f, 'v2');
    await touch(f, 'v3', [day(4)]);
    expect(await f.changesSince(ctx, 'b1', 'v1')).toEqual({ version: 'v3', days: null });
    expect(await f.changesSince(ctx, 'b1', 'v2')).toEqual({ version: 'v3', days: [day(4)] });
  });

  it('does not know the days for a version older than the changes it keeps, or for none', async () => {
    const f = fresh();
    for (let i = 0; i <= CHANGES_KEPT; i++) await touch(f, `v${i}`, [day(1 + (i % 28))]);
    expect((await f.changesSince(ctx, 'b1', 'v0')).days).toBeNull();
    expect((await f.changesSince(ctx, 'b1', 'v1')).days).toHaveLength(28);
    expect((await f.changesSince(ctx, 'b1', null)).days).toBeNull();
    expect(await f.version(ctx, 'b1')).toBe(`v${CHANGES_KEPT}`);
  });

  it('gives a cache loaded before any change the days of every change, until the log drops one', async () => {
    const f = fresh();
    await touch(f, 'v1', [day(3)]);
    await touch(f, 'v2', [day(5)]);
    expect(await f.changesSince(ctx, 'b1', null)).toEqual({ version: 'v2', days: [day(3), day(5)] });
    for (let i = 3; i <= CHANGES_KEPT; i++) await touch(f, `v${i}`, [day(1)]);
    expect((await f.changesSince(ctx, 'b1', null)).days).toEqual([day(1), day(3), day(5)]);
    // The 33rd change drops the first from the log: its day is no longer known.
    await touch(f, `v${CHANGES_KEPT + 1}`, [day(7)]);
    expect((await f.changesSince(ctx, 'b1', null)).days).toBeNull();
    await touch(f, 'later', [day(8)]);
    expect((await f.changesSince(ctx, 'b1', null)).days).toBeNull();
  });

  it('does not know the days since nothing when a change named none, or the log predates completeness', async () => {
    const f = fresh();
    await touch(f, 'v1', [day(3)]);
    await touch(f, 'v2');
    expect((await f.changesSince(ctx, 'b1', null)).days).toBeNull();
    const documents = createMemoryDocumentDb();
    await documents.set('tenants/t_fresh/brands/b1/freshness/performance', {
      version: 'old',
      changes: [{ version: 'old', days: [day(2)] }],
    });
    expect((await createPerformanceFreshness(documents).changesSince(ctx, 'b1', null)).days).toBeNull();
  });

  it('keeps both of two changes recorded at once', async () => {
    const f = fresh();
    await touch(f, 'v0', [day(1)]);
    await Promise.all([touch(f, 'va', [day(2)]), touch(f, 'vb', [day(3)])]);
    expect((await f.changesSince(ctx, 'b1', 'v0')).days).toEqual([day(2), day(3)]);
  });
});
