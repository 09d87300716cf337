import { describe, expect, it } from 'vitest';
import { ATTRIBUTE_QUEUE } from '../../shared/attribution/attribute-job';
import { CUSTOMERS_REFRESH_QUEUE } from '../../shared/customers/refresh-after-import';
import { STEP_QUEUE } from '../../shared/engagement/automations';
import { CAMPAIGN_QUEUE } from '../../shared/engagement/campaign-runs';
import { AD_PLATFORM_REGISTRY, adPlatformEntries, adSyncFunctionName } from '../../shared/platforms/registry';
import { SYNC_QUEUES } from '../../shared/platforms/sync-requests';
import { manifest } from '../manifest';
import { type Reach, reachOf } from './function-reach';
import { FUNCTION_ACCESS, type FunctionAccess } from './permissions';

/**
 * The access manifest (permissions.ts) against the code: every topic, queue, secret operation and
 * warehouse use a function's code can reach is declared, so production never answers
 * PERMISSION_DENIED on a path the tests did not walk; and every declared one is reachable, so no
 * grant outlives the code that needed it. Reach is per module (function-reach.ts); where a function
 * loads a module for one export and so "reaches" a call it never makes, the call is excused below
 * with the reason, and an excuse the code no longer needs fails.
 */
const AD_SYNCS = adPlatformEntries(AD_PLATFORM_REGISTRY).map(adSyncFunctionName);
const builderOf = (fn: string) => (AD_SYNCS.includes(fn) ? 'syncAds' : fn);

/** What each queue expression the code passes to `tasks.enqueue` may name. */
const QUEUES: Readonly<Record<string, readonly string[]>> = {
  ATTRIBUTE_QUEUE: [ATTRIBUTE_QUEUE],
  STEP_QUEUE: [STEP_QUEUE],
  CAMPAIGN_QUEUE: [CAMPAIGN_QUEUE],
  CUSTOMERS_REFRESH_QUEUE: [CUSTOMERS_REFRESH_QUEUE],
  'SYNC_QUEUES[platform]': Object.values(SYNC_QUEUES),
};

const ONLY_PASS_RUNS = 'runPass shares attribute-job.ts with onBrandSynced; only attribute-pass runs it';
const QUEUE_CONSTANT =
  'request-pass.ts imports ATTRIBUTE_QUEUE from attribute-job.ts; runPass never runs here';
const SYNC_SCHEMA = 'imports syncTaskSchema from sync-requests.ts; never requests a sync';
const ENGAGEMENT_WIRING =
  'createEngagement wires the sender (timeline, unsubscribe links, quiet-hours release)';

/** Reached through a shared module but never called by this function. */
const EXCUSED: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  attribute: {
    'publishes:attribution.completed': ONLY_PASS_RUNS,
    tenantWarehouse: ONLY_PASS_RUNS,
  },
  'attribute-pass': {
    'enqueues:ATTRIBUTE_QUEUE': 'onBrandSynced is the attribute function’s half of the job',
  },
  'attribute-incremental': { 'publishes:attribution.completed': QUEUE_CONSTANT },
  'refresh-customers': {
    'enqueues:CUSTOMERS_REFRESH_QUEUE':
      'refresh-after-import.ts also holds the request an import makes; the refresh function only runs the task',
  },
  api: { 'publishes:attribution.completed': QUEUE_CONSTANT },
  'sync-shopify': { 'enqueues:SYNC_QUEUES[platform]': SYNC_SCHEMA },
  ...Object.fromEntries(AD_SYNCS.map((fn) => [fn, { 'enqueues:SYNC_QUEUES[platform]': SYNC_SCHEMA }])),
  'stripe-webhooks': {
    'secrets:get':
      'createBillingAdapters builds the Shopify billing provider; the receiver only verifies Stripe',
  },
  recommend: {
    'enqueues:STEP_QUEUE':
      'stockout-pause.ts reads automationSchema from automations.ts; pausing an automation enqueues nothing',
    'enqueues:CAMPAIGN_QUEUE':
      'stockout-pause.ts reads the run schema and counts from campaign-runs.ts; pausing a campaign enqueues nothing (resuming it, in the API, does)',
  },
  'apply-shopify-webhook': {
    'enqueues:CAMPAIGN_QUEUE':
      'customers/redact (engagement/personal-data.ts) reads the run schema from campaign-runs.ts to cut back a paging key; erasure enqueues nothing',
  },
  'weekly-summary': { 'opsReads:ai_token_usage': 'ledger.usage is read by the API’s AI-usage route only' },
  'engagement-webhooks': {
    'enqueues:STEP_QUEUE': `${ENGAGEMENT_WIRING}; webhooks record statuses, replies and consent only`,
    'enqueues:CAMPAIGN_QUEUE': `${ENGAGEMENT_WIRING}; webhooks record statuses, replies and consent only`,
  },
  'engagement-steps': {
    'enqueues:CAMPAIGN_QUEUE': `${ENGAGEMENT_WIRING}; campaign sends are started by the API only`,
  },
  'engagement-triggers': {
    'publishes:customer.events': `${ENGAGEMENT_WIRING}; triggers only queue the first step`,
    'secrets:get': `${ENGAGEMENT_WIRING}; triggers only queue the first step`,
    'secrets:put': `${ENGAGEMENT_WIRING}; triggers only queue the first step`,
    'enqueues:CAMPAIGN_QUEUE': `${ENGAGEMENT_WIRING}; triggers only queue the first step`,
  },
};

/** The declared uses a scan can see (Firestore is not scanned: nearly every function uses it). */
const declaredKeys = (a: FunctionAccess) =>
  [
    ...(a.tenantWarehouse ? ['tenantWarehouse'] : []),
    ...(a.manageUsers ? ['manageUsers'] : []),
    ...(a.media ? ['media'] : []),
    ...(a.opsAppends ?? []).map((t) => `opsAppends:${t}`),
    ...(a.opsReads ?? []).map((t) => `opsReads:${t}`),
    ...(a.publishes ?? []).map((t) => `publishes:${t}`),
    ...(a.secrets ?? []).map((op) => `secrets:${op}`),
  ].sort();

const reaches = new Map<string, Reach>();
const reach = (fn: string) => {
  if (!reaches.has(fn)) reaches.set(fn, reachOf(builderOf(fn)));
  return reaches.get(fn)!;
};
/** What the function's code reaches and calls: the reach minus its excuses. */
const used = (fn: string) => [...reach(fn).keys()].filter((k) => !Object.hasOwn(EXCUSED[fn] ?? {}, k)).sort();

describe("each function's access, derived from its code", () => {
  it.each(manifest.map((f) => [f.name]))(
    '%s declares exactly the topics, secrets, warehouse, user and media calls its code makes',
    (fn) => {
      const where = Object.fromEntries([...reach(fn)].map(([k, files]) => [k, [...files]]));
      expect(declaredKeys(FUNCTION_ACCESS[fn]!), `reached: ${JSON.stringify(where, null, 1)}`).toEqual(
        used(fn).filter((k) => !k.startsWith('enqueues:')),
      );
    },
  );

  it.each(manifest.map((f) => [f.name]))(
    '%s may enqueue on every queue its code names, and on no other',
    (fn) => {
      const declared = FUNCTION_ACCESS[fn]!.enqueues ?? [];
      const expressions = used(fn)
        .filter((k) => k.startsWith('enqueues:'))
        .map((k) => k.slice('enqueues:'.length));
      for (const expr of expressions) {
        const queues = QUEUES[expr];
        expect(queues, `teach this test what ${expr} (in ${fn}) may name`).toBeDefined();
        expect(
          declared.some((q) => queues!.includes(q)),
          `${fn} enqueues on ${expr} without a grant`,
        ).toBe(true);
      }
      const named = new Set(expressions.flatMap((e) => QUEUES[e] ?? []));
      for (const q of declared)
        expect(named.has(q), `${fn} holds an enqueuer grant on ${q} it never uses`).toBe(true);
    },
  );

  it('keeps no excuse the code no longer needs', () => {
    for (const [fn, excuses] of Object.entries(EXCUSED))
      for (const key of Object.keys(excuses)) {
        expect(reach(fn).has(key), `${fn} no longer reaches ${key}: drop its excuse`).toBe(true);
        expect(
          declaredKeys(FUNCTION_ACCESS[fn]!),
          `${fn} declares ${key}: it is not an excuse`,
        ).not.toContain(key);
      }
  });

  it('finds what a few functions are known to do (the scan is not blind)', () => {
    expect([...reach('recommend').keys()]).toEqual(
      expect.arrayContaining([
        'publishes:alert.raised',
        'publishes:recommendations.generated',
        'tenantWarehouse',
      ]),
    );
    expect([...reach('notify').keys()]).toEqual(expect.arrayContaining(['secrets:get', 'secrets:put']));
    expect([...reach('stripe-webhooks').keys()]).toContain('opsAppends:billing_invoices');
    expect([...reach('api').keys()]).toContain('opsReads:ai_token_usage');
    expect([...reach('schedule-syncs').keys()]).toEqual(['enqueues:SYNC_QUEUES[platform]']);
  });
});
