import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import * as apiApp from '../../shared/api/app';
import * as attributeJob from '../../shared/attribution/attribute-job';
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

  it('refuses a name the manifest does not have', () => {
    expect(() => buildHandler('sync-myspace', embedded.deps, options)).toThrow(/no handler builder/);
  });
});
