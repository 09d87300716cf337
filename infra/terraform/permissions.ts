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
  | 'manage-users';

export const FUNCTION_CAPABILITIES: Readonly<Record<string, readonly Capability[]>> = {
  api: ['store', 'warehouse', 'publish', 'enqueue', 'read-secrets', 'write-secrets', 'manage-users'],
  'shopify-webhooks': ['store', 'publish'],
  'apply-shopify-webhook': ['store', 'warehouse', 'publish'],
  'schedule-syncs': ['store', 'enqueue'],
  'sync-shopify': ['store', 'warehouse', 'publish', 'read-secrets'],
  'sync-meta': ['store', 'warehouse', 'publish', 'read-secrets'],
  'sync-tiktok': ['store', 'warehouse', 'publish', 'read-secrets'],
  'sync-google-ads': ['store', 'warehouse', 'publish', 'read-secrets'],
  attribute: ['enqueue'],
  'attribute-pass': ['store', 'warehouse', 'publish'],
  recommend: ['store', 'warehouse', 'publish'],
  'weekly-summary': ['store', 'warehouse', 'publish'],
  // Reads brands (store: the tenant and brand list), reads orders and writes its tables (warehouse).
  'customer-analytics': ['store', 'warehouse'],
  notify: ['store', 'read-secrets'],
};

/** Project-level roles per capability; `${...}` references resolve in terraform/iam.tf. */
export const CAPABILITY_ROLES: Readonly<Record<Capability, readonly string[]>> = {
  store: ['roles/datastore.user'],
  warehouse: [tf('google_project_iam_custom_role.warehouse.id')],
  publish: ['roles/pubsub.publisher'],
  enqueue: ['roles/cloudtasks.enqueuer'],
  'read-secrets': ['roles/secretmanager.secretAccessor'],
  'write-secrets': [tf('google_project_iam_custom_role.secret_writer.id')],
  'manage-users': ['roles/firebaseauth.admin'],
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
