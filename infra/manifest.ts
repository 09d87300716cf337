import {
  AD_PLATFORM_REGISTRY,
  type AdPlatformRegistry,
  type AdSyncFunctionName,
  adPlatformEntries,
  adSyncFunctionName,
} from '../shared/platforms/registry';
import type { Topic } from '../shared/ports/events';

/**
 * Every deployable function, once. Three consumers read this and a test proves they agree:
 * `functions/<name>/index.ts` (each exports `entryPoint`), the local runtime (`infra/local`),
 * and Terraform (`terraform/functions.tf.json` is generated from it).
 */
export type Trigger =
  | { kind: 'http'; routes: string[] }
  | { kind: 'topic'; topic: Topic }
  | { kind: 'schedule'; cron: string; timeZone: string }
  /** Cloud Tasks queue → HTTP function; the queue's rate limit protects the platform API. */
  | { kind: 'task'; queue: string; maxDispatchesPerSecond: number; maxConcurrentDispatches: number };

export interface FunctionSpec {
  name: string;
  /** The export of functions/<name>/index.ts the Functions Framework calls. */
  entryPoint: string;
  description: string;
  trigger: Trigger;
  memoryMb: 256 | 512 | 1024 | 2048 | 4096;
  timeoutSeconds: number;
  maxInstances: number;
  /** Secret Manager secrets mounted as environment variables. */
  secrets: string[];
  /** How many delivery attempts before a message is dead-lettered. */
  maxAttempts?: number;
}

const syncFn = (platform: string, queue: string, rate: number, secrets: readonly string[]): FunctionSpec => ({
  name: `sync-${platform}`,
  entryPoint: 'handler',
  description: `Syncs one brand from ${platform} per task`,
  trigger: { kind: 'task', queue, maxDispatchesPerSecond: rate, maxConcurrentDispatches: 4 },
  memoryMb: 1024,
  timeoutSeconds: 540,
  maxInstances: 20,
  secrets: [...secrets],
  maxAttempts: 5,
});

/** One `sync-<slug>` function per registered ad platform, on the platform's own rate-limited queue. */
export const adSyncFunctions = (registry: AdPlatformRegistry): FunctionSpec[] =>
  adPlatformEntries(registry).map((e) => ({
    ...syncFn(e.slug, e.sync.queue, e.sync.maxDispatchesPerSecond, e.sync.secrets),
    name: adSyncFunctionName(e),
  }));

/** The manifest with a given ad platform registry (the registry test adds a fake platform). */
export const manifestFor = (registry: AdPlatformRegistry): readonly FunctionSpec[] => [
  {
    name: 'api',
    entryPoint: 'handler',
    description: 'REST API, OAuth and MCP (Hono)',
    trigger: {
      kind: 'http',
      routes: ['/api/**', '/mcp', '/oauth/**', '/openapi.json', '/docs', '/health', '/version'],
    },
    memoryMb: 512,
    timeoutSeconds: 60,
    maxInstances: 50,
    secrets: ['SHOPIFY_API_SECRET', 'ANTHROPIC_API_KEY', 'STRIPE_SECRET_KEY'],
  },
  {
    name: 'shopify-webhooks',
    entryPoint: 'handler',
    description: 'Verifies Shopify webhooks (HMAC), dedupes, hands the work to the bus',
    trigger: { kind: 'http', routes: ['/webhooks/shopify'] },
    memoryMb: 256,
    timeoutSeconds: 10,
    maxInstances: 50,
    secrets: ['SHOPIFY_API_SECRET'],
  },
  {
    name: 'collect',
    entryPoint: 'handler',
    description:
      'Public first-party event collection (pixel batches under a write key) and WooCommerce webhooks',
    trigger: { kind: 'http', routes: ['/collect', '/collect/**'] },
    memoryMb: 512,
    timeoutSeconds: 30,
    maxInstances: 100,
    secrets: [],
  },
  {
    name: 'stripe-webhooks',
    entryPoint: 'handler',
    description: 'Verifies Stripe webhooks (constructEvent), applies subscription changes once and in order',
    trigger: { kind: 'http', routes: ['/webhooks/stripe'] },
    memoryMb: 256,
    timeoutSeconds: 30,
    maxInstances: 20,
    secrets: ['STRIPE_SECRET_KEY', 'STRIPE_WEBHOOK_SECRET'],
  },
  {
    name: 'engagement-webhooks',
    entryPoint: 'handler',
    description:
      "Twilio delivery statuses and inbound messages (X-Twilio-Signature checked; STOP/START at once), RFC 8058 one-click unsubscribe, click tracking (signed links, redirect to the message's own link) and open tracking (signed 1x1 image in HTML email)",
    trigger: { kind: 'http', routes: ['/webhooks/twilio/**', '/unsubscribe/**', '/click/**', '/open/**'] },
    memoryMb: 256,
    timeoutSeconds: 30,
    maxInstances: 20,
    secrets: ['TWILIO_AUTH_TOKEN'],
  },
  {
    name: 'engagement-steps',
    entryPoint: 'handler',
    description:
      'Runs one automation step for one customer (a named Cloud Task per step: a duplicate trigger sends nothing new)',
    trigger: {
      kind: 'task',
      queue: 'engagement-steps',
      maxDispatchesPerSecond: 10,
      maxConcurrentDispatches: 4,
    },
    memoryMb: 256,
    timeoutSeconds: 60,
    maxInstances: 10,
    secrets: ['TWILIO_AUTH_TOKEN', 'SMTP_URL'],
    maxAttempts: 8,
  },
  {
    name: 'engagement-campaigns',
    entryPoint: 'handler',
    description:
      'Sends one batch of a queued campaign send, paced to the channel rate limit, then enqueues the next (once per customer through the send ledger)',
    // One batch at a time for the whole deployment: its one Twilio account and SMTP relay have one
    // rate limit, which each batch's pacer keeps to (docs/decisions/918).
    trigger: {
      kind: 'task',
      queue: 'engagement-campaigns',
      maxDispatchesPerSecond: 1,
      maxConcurrentDispatches: 1,
    },
    memoryMb: 512,
    timeoutSeconds: 540,
    maxInstances: 2,
    secrets: ['TWILIO_AUTH_TOKEN', 'SMTP_URL'],
    maxAttempts: 10,
  },
  {
    name: 'meter-ai-overage',
    entryPoint: 'handler',
    description:
      'Every 15 minutes: AI use past the plan budget to the billing provider, once per ledger entry',
    trigger: { kind: 'schedule', cron: '*/15 * * * *', timeZone: 'Etc/UTC' },
    memoryMb: 256,
    timeoutSeconds: 300,
    maxInstances: 1,
    secrets: ['STRIPE_SECRET_KEY'],
  },
  {
    name: 'apply-shopify-webhook',
    entryPoint: 'handler',
    description: 'Applies a verified Shopify webhook to store and warehouse',
    trigger: { kind: 'topic', topic: 'shopify.webhook' },
    memoryMb: 512,
    timeoutSeconds: 120,
    maxInstances: 20,
    secrets: [],
    maxAttempts: 8,
  },
  {
    name: 'schedule-syncs',
    entryPoint: 'handler',
    description: 'Hourly: one sync task per brand × connected platform',
    trigger: { kind: 'schedule', cron: '0 * * * *', timeZone: 'Etc/UTC' },
    memoryMb: 256,
    timeoutSeconds: 120,
    maxInstances: 1,
    secrets: [],
  },
  syncFn('shopify', 'sync-shopify', 2, ['SHOPIFY_API_SECRET']),
  ...adSyncFunctions(registry),
  {
    name: 'attribute',
    entryPoint: 'handler',
    description: 'Debounces brand.synced: one named, delayed attribute-pass task per brand and window',
    trigger: { kind: 'topic', topic: 'brand.synced' },
    memoryMb: 256,
    timeoutSeconds: 60,
    maxInstances: 10,
    secrets: [],
  },
  {
    name: 'attribute-pass',
    entryPoint: 'handler',
    description: 'Runs one debounced attribution pass per brand (named Cloud Task from `attribute`)',
    trigger: { kind: 'task', queue: 'attribute', maxDispatchesPerSecond: 2, maxConcurrentDispatches: 4 },
    memoryMb: 4096,
    timeoutSeconds: 540,
    maxInstances: 10,
    secrets: [],
    maxAttempts: 5,
  },
  {
    name: 'attribute-incremental',
    entryPoint: 'handler',
    description:
      'Re-credits the orders of the days a webhook or sync page changed and rebuilds those days of unified performance with the last full pass fit (decision 305)',
    trigger: { kind: 'topic', topic: 'orders.changed' },
    memoryMb: 1024,
    timeoutSeconds: 120,
    maxInstances: 20,
    secrets: [],
  },
  {
    name: 'recommend',
    entryPoint: 'handler',
    description: 'Recommendations and alerts after attribution',
    trigger: { kind: 'topic', topic: 'attribution.completed' },
    memoryMb: 512,
    timeoutSeconds: 300,
    maxInstances: 10,
    secrets: [],
  },
  {
    name: 'publish-content',
    entryPoint: 'handler',
    description: 'Every 5 minutes: publishes due scheduled posts to Meta; retries with backoff, then alerts',
    trigger: { kind: 'schedule', cron: '*/5 * * * *', timeZone: 'Etc/UTC' },
    memoryMb: 512,
    timeoutSeconds: 300,
    maxInstances: 1,
    secrets: [],
  },
  {
    name: 'weekly-summary',
    entryPoint: 'handler',
    description: 'Monday morning: the AI weekly summary per brand',
    trigger: { kind: 'schedule', cron: '0 7 * * 1', timeZone: 'Etc/UTC' },
    memoryMb: 512,
    timeoutSeconds: 540,
    maxInstances: 1,
    secrets: ['ANTHROPIC_API_KEY'],
  },
  {
    name: 'customer-analytics',
    entryPoint: 'handler',
    description: 'Nightly: lifetime-value model, RFM segments and cohorts per brand',
    trigger: { kind: 'schedule', cron: '30 3 * * *', timeZone: 'Etc/UTC' },
    memoryMb: 4096,
    timeoutSeconds: 540,
    maxInstances: 1,
    secrets: [],
  },
  {
    name: 'notify',
    entryPoint: 'handler',
    description: 'Sends a raised alert to the brand webhook (signed; Slack / n8n)',
    trigger: { kind: 'topic', topic: 'alert.raised' },
    memoryMb: 256,
    timeoutSeconds: 60,
    maxInstances: 10,
    secrets: [],
    maxAttempts: 8,
  },
  {
    name: 'engagement-triggers',
    entryPoint: 'handler',
    description:
      'Starts automation runs for newly stored customer events (e.g. checkout started), one per event',
    trigger: { kind: 'topic', topic: 'customer.events' },
    memoryMb: 256,
    timeoutSeconds: 60,
    maxInstances: 10,
    secrets: [],
    maxAttempts: 8,
  },
  {
    name: 'in-store-alerts',
    entryPoint: 'handler',
    description:
      'Raises an in-store alert when a high-value customer or one with open product intent visits or scans a QR code',
    trigger: { kind: 'topic', topic: 'customer.events' },
    memoryMb: 512,
    timeoutSeconds: 60,
    maxInstances: 10,
    secrets: [],
    maxAttempts: 8,
  },
  {
    name: 'resolve-identities',
    entryPoint: 'handler',
    description: 'Resolves the identifiers of newly stored customer events into profiles (identifier index)',
    trigger: { kind: 'topic', topic: 'customer.events' },
    memoryMb: 512,
    timeoutSeconds: 120,
    maxInstances: 20,
    secrets: [],
    maxAttempts: 8,
  },
  {
    name: 'reresolve-identities',
    entryPoint: 'handler',
    description: 'Batch identity re-resolution of a brand from its orders and events after a Shopify sync',
    trigger: { kind: 'topic', topic: 'brand.synced' },
    memoryMb: 4096,
    timeoutSeconds: 540,
    maxInstances: 5,
    secrets: [],
    maxAttempts: 3,
  },
  {
    name: 'refresh-customers',
    entryPoint: 'handler',
    description:
      "After a Shopify file import (named, debounced task per brand): identity re-resolution, then that brand's customer analytics (decision 1010)",
    trigger: {
      kind: 'task',
      queue: 'customers-refresh',
      maxDispatchesPerSecond: 1,
      maxConcurrentDispatches: 2,
    },
    memoryMb: 4096,
    timeoutSeconds: 540,
    maxInstances: 5,
    secrets: [],
    maxAttempts: 3,
  },
];

export const manifest: readonly FunctionSpec[] = manifestFor(AD_PLATFORM_REGISTRY);

export function functionSpec(name: string): FunctionSpec {
  const spec = manifest.find((f) => f.name === name);
  if (!spec) throw new Error(`no function named ${name} in the manifest`);
  return spec;
}

/**
 * The name of every manifest function. `infra/compose/handlers.ts` is keyed by it (a function
 * without a builder does not compile) and infra/manifest.test.ts checks it against `manifest`.
 */
export type FunctionName =
  | 'api'
  | 'shopify-webhooks'
  | 'collect'
  | 'apply-shopify-webhook'
  | 'schedule-syncs'
  | 'sync-shopify'
  | AdSyncFunctionName
  | 'attribute'
  | 'attribute-pass'
  | 'attribute-incremental'
  | 'recommend'
  | 'weekly-summary'
  | 'publish-content'
  | 'customer-analytics'
  | 'notify'
  | 'resolve-identities'
  | 'in-store-alerts'
  | 'reresolve-identities'
  | 'refresh-customers'
  | 'stripe-webhooks'
  | 'meter-ai-overage'
  | 'engagement-webhooks'
  | 'engagement-steps'
  | 'engagement-campaigns'
  | 'engagement-triggers';
