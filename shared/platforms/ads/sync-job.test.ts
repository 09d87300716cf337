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
import * as tiktok from '../tiktok/fixtures/return-codes';
import { createSyncAdsJob } from './sync-job';

/**
 * What an ad sync does with each class of error the platforms document (fixtures written from
 * their documentation): a refused token or a missing permission ends the task — the queue would
 * only repeat the refusal — and the integration says in words what the merchant must do;
 * throttling and outages go back to the queue. Decisions 1015 and 1025 (Google's operator and
 * account codes, TikTok's return codes).
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
  const logger = createMemoryLogger('ERROR');
  const job = createSyncAdsJob(
    {
      store,
      secrets: secretStore,
      clock: fixedClock('2026-03-10T17:00:00Z'),
      logger,
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
  return { outcome, integration, run, seen, published, logged: logger.lines.map((l) => JSON.parse(l)) };
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
        /^Google Ads refused to share the ad reports of account 123-456-7890: the connection lacks a permission\. Disconnect Google Ads in Settings → Integrations and connect it again, granting access to this Google Ads account/,
      );
      // Google's GoogleAdsFailure words, not its generic "The caller does not have permission".
      expect(integration?.lastError).toContain(body.error.details[0]!.errors[0]!.message);
    },
  );

  it.each(Object.entries(google.ACCOUNT_ERRORS))(
    'Google Ads %s: acknowledged; fix the account in Google Ads or choose another, no reconnect',
    async (_, body) => {
      const { outcome, integration, seen, logged } = await syncAgainst('google_ads', body.error.code, body);
      expect(outcome).toEqual({ settled: 'acknowledged', value: undefined });
      expect(seen).toHaveLength(1);
      expect(integration?.lastError).toMatch(
        /^Google Ads will not serve ad account 123-456-7890 as it is set up now\. Fix the account in Google Ads as Google Ads says below, or choose another account in Settings → Integrations\./,
      );
      expect(integration?.lastError).not.toContain('connect it again');
      expect(integration?.lastError).toContain(body.error.details[0]!.errors[0]!.message);
      expect(logged.map((l) => l.message)).not.toContain('ad platform refused pulsepoint app');
    },
  );

  it.each(Object.entries(google.OPERATOR_ERRORS))(
    "Google Ads %s: acknowledged without a token refresh; the operator is alerted, the merchant told it is Pulsepoint's to fix",
    async (_, body) => {
      const { outcome, integration, seen, logged } = await syncAgainst('google_ads', body.error.code, body);
      expect(outcome).toEqual({ settled: 'acknowledged', value: undefined });
      expect(seen).toHaveLength(1);
      expect(integration?.status).toBe('error');
      expect(integration?.lastError).toMatch(
        /^Google Ads refused Pulsepoint's own access to its API, not your connection\. Pulsepoint's team has been alerted and is fixing it; you don't need to do anything, and syncs resume by themselves once it is fixed\./,
      );
      expect(integration?.lastError).not.toMatch(/Disconnect|connect it again/);
      expect(integration?.lastError).toContain(body.error.details[0]!.errors[0]!.message);
      // The line production alerts count (terraform/monitoring.tf), at ERROR with Google's words.
      const alert = logged.find((l) => l.message === 'ad platform refused pulsepoint app');
      expect(alert).toMatchObject({
        severity: 'ERROR',
        'logging.googleapis.com/labels': { platform: 'google_ads', tenant: 't1', brand: BRAND },
      });
      expect(alert?.error).toContain(body.error.details[0]!.errors[0]!.message);
    },
  );

  it.each(Object.entries(google.RECONNECT_ERRORS))(
    'Google Ads %s: acknowledged; reconnect',
    async (_, body) => {
      const { outcome, integration } = await syncAgainst('google_ads', 401, body);
      expect(outcome).toEqual({ settled: 'acknowledged', value: undefined });
      expect(integration?.lastError).toMatch(
        /^Google Ads no longer accepts Pulsepoint's sign-in\. Disconnect Google Ads/,
      );
      expect(integration?.lastError).toContain(body.error.details[0]!.errors[0]!.message);
    },
  );

  it.each(Object.entries(tiktok.PERMISSION_CODES))(
    'TikTok %s: acknowledged after one request; the advertiser named, reconnect granting report access',
    async (_, body) => {
      const { outcome, integration, seen } = await syncAgainst('tiktok', 200, body);
      expect(outcome).toEqual({ settled: 'acknowledged', value: undefined });
      expect(seen).toHaveLength(1);
      expect(integration?.lastError).toMatch(
        /^TikTok refused to share the ad reports of account 1234567890: the connection lacks a permission\. Disconnect TikTok in Settings → Integrations and connect it again, granting permission to read ad reports\./,
      );
      expect(integration?.lastError).toContain(`${body.message} (code ${body.code})`);
    },
  );

  it.each(Object.entries(tiktok.AUTH_CODES))('TikTok %s: acknowledged; reconnect', async (_, body) => {
    const { outcome, integration } = await syncAgainst('tiktok', 200, body);
    expect(outcome).toEqual({ settled: 'acknowledged', value: undefined });
    expect(integration?.lastError).toMatch(
      /^TikTok no longer accepts Pulsepoint's sign-in\. Disconnect TikTok/,
    );
    expect(integration?.lastError).toContain(body.message);
  });
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
    ...Object.entries(tiktok.RETRYABLE_CODES).map(
      ([name, body]) => [`TikTok ${name}`, 'tiktok', 200, body] as const,
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
