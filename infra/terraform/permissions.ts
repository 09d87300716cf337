import {
  AD_PLATFORM_REGISTRY,
  type AdPlatformRegistry,
  adPlatformEntries,
  adSyncFunctionName,
} from '../../shared/platforms/registry';
import { tf } from './hcl';

/**
 * What each function may touch, as capabilities; terraform-functions.ts turns them into IAM
 * bindings on the function's own service account. Kept beside the generator rather than in the
 * manifest because only Terraform reads it. A function gets nothing it does not list here.
 */
export type Capability =
  /** Firestore read/write (roles/datastore.user). */
  | 'store'
  /** BigQuery jobs and tenant datasets (custom role ppWarehouse). */
  | 'warehouse'
  /** Publish to Pub/Sub topics. */
  | 'publish'
  /** Create Cloud Tasks, signed as the tasks invoker. */
  | 'enqueue'
  /** Read integration tokens. */
  | 'read-secrets'
  /** Create, version and destroy integration tokens (custom role ppSecretWriter). */
  | 'write-secrets'
  /** Set custom claims on Firebase users (tenant, role, brands). */
  | 'manage-users'
  /**
   * Read and write objects in the media bucket (roles/storage.objectUser on that bucket only) and
   * sign V4 URLs for them as itself (docs/decisions/889).
   */
  | 'media';

/**
 * Every ad platform's sync function: read its token, store the refreshed one (a new version, the
 * old destroyed: docs/decisions/923), write the warehouse, announce the sync.
 */
const AD_SYNC_CAPABILITIES: readonly Capability[] = [
  'store',
  'warehouse',
  'publish',
  'read-secrets',
  'write-secrets',
];

/** The capabilities of every function of a manifest built with `registry` (manifestFor). */
export const functionCapabilitiesFor = (
  registry: AdPlatformRegistry,
): Readonly<Record<string, readonly Capability[]>> => ({
  ...FIXED_CAPABILITIES,
  ...Object.fromEntries(
    adPlatformEntries(registry).map((e) => [adSyncFunctionName(e), AD_SYNC_CAPABILITIES]),
  ),
});

const FIXED_CAPABILITIES: Readonly<Record<string, readonly Capability[]>> = {
  api: ['store', 'warehouse', 'publish', 'enqueue', 'read-secrets', 'write-secrets', 'manage-users', 'media'],
  'shopify-webhooks': ['store', 'publish'],
  collect: ['store', 'warehouse', 'publish', 'read-secrets'],
  'apply-shopify-webhook': ['store', 'warehouse', 'publish'],
  'schedule-syncs': ['store', 'enqueue'],
  'sync-shopify': ['store', 'warehouse', 'publish', 'read-secrets'],
  attribute: ['enqueue'],
  'attribute-pass': ['store', 'warehouse', 'publish'],
  // Reads brands and writes the freshness document (store), rebuilds days (warehouse), queues a first pass.
  'attribute-incremental': ['store', 'warehouse', 'enqueue'],
  recommend: ['store', 'warehouse', 'publish'],
  'weekly-summary': ['store', 'warehouse', 'publish'],
  // Reads posts and the Meta token, writes publish records and alerts, announces alert.raised.
  'publish-content': ['store', 'publish', 'read-secrets', 'media'],
  // Reads brands (store: the tenant and brand list), reads orders and writes its tables (warehouse).
  'customer-analytics': ['store', 'warehouse'],
  notify: ['store', 'read-secrets'],
  'resolve-identities': ['store', 'warehouse'],
  'reresolve-identities': ['store', 'warehouse'],
  'stripe-webhooks': ['store'],
  // Shopify-billed tenants' usage records go through the shop's own token.
  'meter-ai-overage': ['store', 'read-secrets'],
  // Consent and the outbox (store), timeline events (warehouse, publish), the unsubscribe key.
  'engagement-webhooks': ['store', 'warehouse', 'publish', 'read-secrets', 'write-secrets'],
  'engagement-triggers': ['store', 'warehouse', 'enqueue'],
  'engagement-steps': ['store', 'warehouse', 'publish', 'enqueue', 'read-secrets', 'write-secrets'],
};

export const FUNCTION_CAPABILITIES = functionCapabilitiesFor(AD_PLATFORM_REGISTRY);

/** Project-level roles per capability; `${...}` references resolve in terraform/iam.tf. */
export const CAPABILITY_ROLES: Readonly<Record<Capability, readonly string[]>> = {
  store: ['roles/datastore.user'],
  warehouse: [tf('google_project_iam_custom_role.warehouse.id')],
  publish: ['roles/pubsub.publisher'],
  enqueue: ['roles/cloudtasks.enqueuer'],
  'read-secrets': ['roles/secretmanager.secretAccessor'],
  'write-secrets': [tf('google_project_iam_custom_role.secret_writer.id')],
  'manage-users': ['roles/firebaseauth.admin'],
  // Granted on the media bucket, not the project (render.ts).
  media: [],
};

/**
 * Narrower grants where IAM conditions can express them. Reading secrets is limited to the
 * integration tokens the app creates (`pp-…`); the app's own secrets (Shopify app secret, Claude
 * key) are granted per secret to the functions whose manifest entry mounts them.
 */
export const CAPABILITY_CONDITIONS: Readonly<
  Partial<Record<Capability, { title: string; description: string; expression: string }>>
> = {
  'read-secrets': {
    title: 'integration tokens only',
    description: 'Secrets named pp-* (one per brand and platform)',
    expression: `resource.name.startsWith("projects/\${data.google_project.this.number}/secrets/pp-")`,
  },
};
