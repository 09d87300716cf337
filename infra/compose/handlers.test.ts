import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { issueLocalToken } from '../../shared/adapters/embedded/local-identity';
import * as apiApp from '../../shared/api/app';
import * as attributeJob from '../../shared/attribution/attribute-job';
import * as collectFunction from '../../shared/customers/events/collect-function';
import { systemContext } from '../../shared/domain/tenancy';
import * as insightsService from '../../shared/insights/service';
import { loadConfig } from '../../shared/kernel/config';
import { createMemoryLogger } from '../../shared/kernel/logging/logger';
import * as syncAdsJob from '../../shared/platforms/ads/sync-job';
import { createEmbeddedDeps, type EmbeddedRuntimeDeps } from '../local/embedded-deps';
import { buildHandler } from './handlers';

// Spies over the real factories: the builders' dynamic imports get these same module instances.
vi.mock('../../shared/api/app', async (importOriginal) => {
  const actual = await importOriginal<typeof apiApp>();
  return { ...actual, createApiApp: vi.fn(actual.createApiApp) };
});
vi.mock('../../shared/attribution/attribute-job', async (importOriginal) => {
  const actual = await importOriginal<typeof attributeJob>();
  return { ...actual, createAttributeJob: vi.fn(actual.createAttributeJob) };
});
vi.mock('../../shared/insights/service', async (importOriginal) => {
  const actual = await importOriginal<typeof insightsService>();
  return { ...actual, createInsightsService: vi.fn(actual.createInsightsService) };
});
vi.mock('../../shared/customers/events/collect-function', async (importOriginal) => {
  const actual = await importOriginal<typeof collectFunction>();
  return { ...actual, createCollectFunction: vi.fn(actual.createCollectFunction) };
});
vi.mock('../../shared/platforms/ads/sync-job', async (importOriginal) => {
  const actual = await importOriginal<typeof syncAdsJob>();
  return { ...actual, createSyncAdsJob: vi.fn(actual.createSyncAdsJob) };
});

let dir: string;
let embedded: EmbeddedRuntimeDeps;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pp-compose-'));
  embedded = await createEmbeddedDeps(loadConfig({ PULSEPOINT_DATA_DIR: dir }), {
    logger: createMemoryLogger(),
  });
});
afterAll(async () => {
  await embedded.close(1_000);
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => vi.clearAllMocks());

const options = { version: 'test', startedAt: new Date() };

describe('building one function', () => {
  it('sync-meta builds its sync job only: never the API, the attribution pass or the insights agent', async () => {
    const handler = await buildHandler('sync-meta', embedded.deps, options);
    expect(handler.kind).toBe('task');
    expect(syncAdsJob.createSyncAdsJob).toHaveBeenCalledTimes(1);
    expect(vi.mocked(syncAdsJob.createSyncAdsJob).mock.calls[0]![1]).toBe('meta');
    expect(apiApp.createApiApp).not.toHaveBeenCalled();
    expect(attributeJob.createAttributeJob).not.toHaveBeenCalled();
    expect(insightsService.createInsightsService).not.toHaveBeenCalled();
  });

  it('api builds the Hono app and no job (the spies above do see a factory being called)', async () => {
    const handler = await buildHandler('api', embedded.deps, options);
    expect(handler.kind).toBe('http');
    expect(apiApp.createApiApp).toHaveBeenCalledTimes(1);
    expect(syncAdsJob.createSyncAdsJob).not.toHaveBeenCalled();
    expect(attributeJob.createAttributeJob).not.toHaveBeenCalled();
  });

  it('weekly-summary builds the insights service with a model chosen here, not by the feature', async () => {
    await buildHandler('weekly-summary', embedded.deps, options);
    const [deps] = vi.mocked(insightsService.createInsightsService).mock.calls[0]!;
    expect(deps.llm.model).toBe('local-analyst');
    expect(apiApp.createApiApp).not.toHaveBeenCalled();
  });

  it("api limits requests with the backend's shared rate limiter when it has one (Firestore on Google Cloud)", async () => {
    const taken: string[][] = [];
    const rateLimiter = {
      take: async (buckets: ReadonlyArray<{ key: string }>) => {
        taken.push(buckets.map((b) => b.key));
        return { ok: false as const, retryAfterMs: 2_000 };
      },
    };
    const token = await issueLocalToken(embedded.authKey, { tenantId: 'demo', role: 'owner' });
    await embedded.deps.store.tenants.upsert(systemContext('demo', 'test'), {
      id: 'demo',
      name: 'Demo',
      plan: 'agency',
      aiMonthlyBudgetMicros: 0,
      createdAt: '2026-11-01T00:00:00.000Z',
      updatedAt: '2026-11-01T00:00:00.000Z',
    });
    await embedded.deps.store.users.upsert(systemContext('demo', 'test'), {
      uid: 'local:demo:owner',
      role: 'owner',
      createdAt: '2026-11-01T00:00:00.000Z',
    });
    const handler = await buildHandler('api', { ...embedded.deps, rateLimiter }, options);
    if (handler.kind !== 'http') throw new Error('expected an http handler');
    const res = await handler.fetch(
      new Request('http://local/api/brands', { headers: { authorization: `Bearer ${token}` } }),
    );
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('2');
    expect(taken).toEqual([['default:user:demo:local:demo:owner', 'default:tenant:demo']]);
  });

  it("collect limits write keys with the backend's shared rate limiter when it has one", async () => {
    const rateLimiter = { take: async () => ({ ok: true as const }) };
    await buildHandler('collect', { ...embedded.deps, rateLimiter }, options);
    expect(vi.mocked(collectFunction.createCollectFunction).mock.calls[0]![0].limiter).toBe(rateLimiter);
    await buildHandler('collect', embedded.deps, options);
    const local = vi.mocked(collectFunction.createCollectFunction).mock.calls[1]![0].limiter;
    expect(local).not.toBe(rateLimiter); // without one: this instance's own buckets
  });

  it('refuses a name the manifest does not have', () => {
    expect(() => buildHandler('sync-myspace', embedded.deps, options)).toThrow(/no handler builder/);
  });
});
