import { describe, expect, it } from 'vitest';
import { createMemoryDocumentDb } from '../../../test/doubles/memory-document-db';
import { aBrand } from '../../../test/support/builders';
import { createOperationalStore } from '../../adapters/document-store/document-store';
import type { AdPlatform } from '../../domain/entities';
import { systemContext } from '../../domain/tenancy';
import { RetryableError } from '../../kernel/errors';
import { createMemoryLogger } from '../../kernel/logging/logger';
import { fixedClock, sequentialIds } from '../../ports/clock';
import type { FxRates } from '../../ports/fx-rates';
import { integrationSecretName, type SecretStore } from '../../ports/secret-store';
import type { Warehouse } from '../../ports/warehouse';
import * as google from '../google-ads/fixtures/errors';
import * as meta from '../meta/fixtures/graph-errors';
import { createSyncAdsJob } from './sync-job';

/**
 * What an ad sync does with each class of error the platforms document (fixtures written from
 * their documentation): a refused token or a missing permission ends the task — the queue would
 * only repeat the refusal — and the integration says in words what the merchant must do;
 * throttling and outages go back to the queue. Decision 1015.
 */
const ctx = systemContext('t1', 'test');
const BRAND = 'b1';

/** Every request answered with the same error: what the platform keeps saying. */
function alwaysAnswering(status: number, body: unknown) {
  const seen: string[] = [];
  const fetchFn = (async (url: string | URL) => {
    seen.push(String(url));
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;
  return { fetchFn, seen };
}

/** Reached only after every account was read; a test that gets there has failed already. */
const unreachable = <T extends object>(what: string) =>
  new Proxy({} as T, {
    get: () => () => {
      throw new Error(`${what} is not used when the platform refuses`);
    },
  });

async function syncAgainst(platform: AdPlatform, status: number, body: unknown) {
  const store = createOperationalStore(createMemoryDocumentDb());
  const secrets = new Map<string, string>();
  const secretStore: SecretStore = {
    async put(_ctx, name, value) {
      secrets.set(name, value);
      return name;
    },
    async get(_ctx, name) {
      return secrets.get(name);
    },
    async delete(_ctx, name) {
      secrets.delete(name);
    },
  };
  await store.brands.upsert(ctx, aBrand(BRAND));
  await store.integrations.upsert(ctx, BRAND, {
    platform,
    status: 'connected',
    accountIds: [platform === 'meta' ? 'act_1' : '1234567890'],
    apiBaseUrl: 'https://ads.example.test',
    updatedAt: '2026-03-01T00:00:00Z',
  });
  await secretStore.put(ctx, integrationSecretName(BRAND, platform), JSON.stringify({ accessToken: 't' }));
  const { fetchFn, seen } = alwaysAnswering(status, body);
  const published: unknown[] = [];
  const job = createSyncAdsJob(
    {
      store,
      secrets: secretStore,
      clock: fixedClock('2026-03-10T17:00:00Z'),
      logger: createMemoryLogger('ERROR'),
      fetch: fetchFn,
      warehouse: unreachable<Warehouse>('the warehouse'),
      fx: unreachable<FxRates>('fx'),
      bus: {
        async publish(_topic, message) {
          published.push(message);
          return 'm1';
        },
      },
      ids: sequentialIds('run'),
    },
    platform,
    { retry: { sleep: async () => {}, maxRetries: 2 } },
  );
  const outcome = await job({
    tenantId: 't1',
    brandId: BRAND,
    platform,
    idempotencyKey: 'k1',
    mode: 'incremental',
  }).then(
    (value) => ({ settled: 'acknowledged' as const, value }),
    (error: unknown) => ({ settled: 'handed back' as const, error }),
  );
  const integration = await store.integrations.getPlatform(ctx, BRAND, platform);
  const [run] = await store.syncRuns.list(ctx, BRAND);
  return { outcome, integration, run, seen, published };
}

describe('an ad sync refused for good is not retried, and the integration says what to do', () => {
  it.each(Object.entries(meta.PERMISSION_ERRORS))(
    'Meta %s: acknowledged after one request; reconnect granting ads_read',
    async (_, body) => {
      const { outcome, integration, run, seen, published } = await syncAgainst('meta', 403, body);
      expect(outcome).toEqual({ settled: 'acknowledged', value: undefined });
      expect(seen).toHaveLength(1);
      expect(integration?.status).toBe('error');
      expect(integration?.lastError).toMatch(
        /^Meta refused to share your ad reports: the connection lacks a permission\. Disconnect Meta in Settings → Integrations and connect it again, granting permission to read ads \(ads_read\)\./,
      );
      // Meta's own words follow, for whoever helps the merchant.
      expect(integration?.lastError).toContain(body.error.message);
      expect(run).toMatchObject({ status: 'failed' });
      expect(published).toEqual([]);
    },
  );

  it.each(Object.entries(meta.TOKEN_ERRORS))(
    'Meta %s: acknowledged; reconnect, with Meta’s words kept through the failed refresh',
    async (_, body) => {
      const { outcome, integration, published } = await syncAgainst('meta', 400, body);
      expect(outcome).toEqual({ settled: 'acknowledged', value: undefined });
      expect(integration?.lastError).toMatch(
        /^Meta no longer accepts Pulsepoint's sign-in\. Disconnect Meta in Settings → Integrations and connect it again\./,
      );
      expect(integration?.lastError).toContain(body.error.message);
      expect(published).toEqual([]);
    },
  );

  it.each(Object.entries(google.PERMISSION_DENIED_ERRORS))(
    'Google Ads %s: acknowledged after one request; reconnect with a login that can see the account',
    async (_, body) => {
      const { outcome, integration, seen } = await syncAgainst('google_ads', 403, body);
      expect(outcome).toEqual({ settled: 'acknowledged', value: undefined });
      expect(seen).toHaveLength(1);
      expect(integration?.lastError).toMatch(
        /^Google Ads refused to share your ad reports: the connection lacks a permission\. Disconnect Google Ads in Settings → Integrations and connect it again, granting access to this Google Ads account/,
      );
      // Google's GoogleAdsFailure words, not its generic "The caller does not have permission".
      expect(integration?.lastError).toContain(body.error.details[0]!.errors[0]!.message);
    },
  );
});

describe('an ad sync throttled or cut off is handed back to the queue', () => {
  it.each([
    ...Object.entries(meta.THROTTLE_ERRORS).map(
      ([name, body]) => [`Meta ${name}`, 'meta', 400, body] as const,
    ),
    ...Object.entries(meta.TRANSIENT_ERRORS).map(
      ([name, body]) => [`Meta ${name}`, 'meta', 400, body] as const,
    ),
    ...Object.entries(google.RETRYABLE_ERRORS).map(
      ([name, e]) => [`Google Ads ${name}`, 'google_ads', e.status, e.body] as const,
    ),
  ])(
    '%s: retried in place, then handed back; the integration says it will try again',
    async (_, platform, status, body) => {
      const { outcome, integration, seen, published } = await syncAgainst(platform, status, body);
      expect(outcome.settled).toBe('handed back');
      expect(outcome.settled === 'handed back' && outcome.error).toBeInstanceOf(RetryableError);
      expect(seen).toHaveLength(3); // the first try and maxRetries (2) in place
      expect(integration?.lastError).toMatch(
        /is busy or briefly unavailable; the sync will try again by itself\./,
      );
      expect(published).toEqual([]);
    },
  );
});
