import { RESERVED_TENANT_IDS } from '../../shared/domain/tenancy';
import {
  AD_PLATFORM_REGISTRY,
  type AdPlatformRegistry,
  adPlatformEntries,
  adSyncFunctionName,
} from '../../shared/platforms/registry';
import { SYNC_QUEUES } from '../../shared/platforms/sync-requests';
import type { Topic } from '../../shared/ports/events';
import type { OpsTable } from '../../shared/ports/warehouse-tables';
import { tf } from './hcl';

/** What a function does with the integration secrets the app creates at run time (`pp-…`). */
export type SecretOp = 'get' | 'put' | 'delete';

/**
 * What one function's code touches, resource by resource. render-grants.ts turns it into IAM
 * bindings on the function's own service account, each on the narrowest resource Google can bind:
 * the topic, the queue, the ops table, the bucket, the app secret; for what the app creates at run
 * time (tenant datasets, integration secrets) the project under a condition on the resource name
 * (docs/decisions/930). Kept beside the generator rather than in the manifest because only
 * Terraform reads it; access-from-code.test.ts checks it against what each function's code calls.
 */
export interface FunctionAccess {
  /** Firestore documents. */
  store?: true;
  /** The tenant datasets `pp_<tenant>`: created on first use, their tables read and written. */
  tenantWarehouse?: true;
  /** pp_ops tables it appends rows to (streaming insert). */
  opsAppends?: readonly OpsTable[];
  /** pp_ops tables it queries. */
  opsReads?: readonly OpsTable[];
  publishes?: readonly Topic[];
  /** Cloud Tasks queues it creates tasks on (signed as the tasks invoker). */
  enqueues?: readonly string[];
  /** SecretStore calls on integration secrets (app secrets come from the manifest's `secrets`). */
  secrets?: readonly SecretOp[];
  /** Sets custom claims on Firebase users (tenant, role, brands). */
  manageUsers?: true;
  /** Objects in the media bucket, and V4 URLs for them signed as itself (docs/decisions/889). */
  media?: true;
}

/**
 * Every ad platform's sync function: read its token and store the refreshed one (a new version,
 * the old destroyed: docs/decisions/923), write the warehouse, announce the sync.
 */
const AD_SYNC_ACCESS: FunctionAccess = {
  store: true,
  tenantWarehouse: true,
  publishes: ['brand.synced'],
  secrets: ['get', 'put'],
};

/** The access of every function of a manifest built with `registry` (manifestFor). */
export function functionAccessFor(registry: AdPlatformRegistry): Readonly<Record<string, FunctionAccess>> {
  const entries = adPlatformEntries(registry);
  // The API and the schedule request a sync of any connected platform.
  const syncQueues = [SYNC_QUEUES.shopify, ...entries.map((e) => e.sync.queue)];
  return {
    ...fixedAccess(syncQueues),
    ...Object.fromEntries(entries.map((e) => [adSyncFunctionName(e), AD_SYNC_ACCESS])),
  };
}

const fixedAccess = (syncQueues: readonly string[]): Readonly<Record<string, FunctionAccess>> => ({
  api: {
    store: true,
    tenantWarehouse: true,
    // The token ledger's finance copy and the request log; the AI-usage route reads the ledger.
    opsAppends: ['ai_token_usage', 'observability_events'],
    opsReads: ['ai_token_usage'],
    // Event imports and timeline events; "publish now" raises the alert of a failed post.
    publishes: ['customer.events', 'alert.raised'],
    // Automation steps, held sends and campaign batches, syncs on connect and on demand, attribution
    // and the customers refresh after an import.
    enqueues: ['engagement-steps', 'engagement-campaigns', ...syncQueues, 'attribute', 'customers-refresh'],
    secrets: ['get', 'put', 'delete'],
    manageUsers: true,
    media: true,
  },
  'shopify-webhooks': { store: true, publishes: ['shopify.webhook'] },
  // Write keys and WooCommerce webhook secrets (get), events into the warehouse and the bus.
  collect: { store: true, tenantWarehouse: true, publishes: ['customer.events'], secrets: ['get'] },
  'apply-shopify-webhook': {
    store: true,
    tenantWarehouse: true,
    publishes: ['orders.changed', 'customer.events'],
    // bulk_operations/finish resumes the Shopify sync; app/uninstalled destroys the shop token.
    enqueues: ['sync-shopify'],
    secrets: ['delete'],
  },
  'schedule-syncs': { store: true, enqueues: syncQueues },
  'sync-shopify': {
    store: true,
    tenantWarehouse: true,
    publishes: ['brand.synced', 'orders.changed'],
    secrets: ['get'],
  },
  attribute: { enqueues: ['attribute'] },
  'attribute-pass': { store: true, tenantWarehouse: true, publishes: ['attribution.completed'] },
  // Reads brands and writes the freshness document (store), rebuilds days (warehouse), queues a first pass.
  'attribute-incremental': { store: true, tenantWarehouse: true, enqueues: ['attribute'] },
  recommend: {
    store: true,
    tenantWarehouse: true,
    publishes: ['alert.raised', 'recommendations.generated'],
  },
  // Claude's calls are copied to the ledger like the API's.
  'weekly-summary': { store: true, tenantWarehouse: true, opsAppends: ['ai_token_usage'] },
  // Reads posts and the Meta token, writes publish records and alerts, announces alert.raised.
  'publish-content': { store: true, publishes: ['alert.raised'], secrets: ['get'], media: true },
  // Reads brands (store: the tenant and brand list), reads orders and writes its tables (warehouse).
  'customer-analytics': { store: true, tenantWarehouse: true },
  // The tenant's webhook signing key is made on the first signed webhook (put).
  notify: { store: true, secrets: ['get', 'put'] },
  'resolve-identities': { store: true, tenantWarehouse: true },
  // Reads the visit, the profile and its 360 (store, warehouse), writes the alert and announces it.
  'in-store-alerts': { store: true, tenantWarehouse: true, publishes: ['alert.raised'] },
  'reresolve-identities': { store: true, tenantWarehouse: true },
  // Profiles (store) from orders and events, then the brand's analytics tables (warehouse).
  'refresh-customers': { store: true, tenantWarehouse: true },
  // A paid invoice becomes a finance row (best effort: the webhook does not fail without it).
  'stripe-webhooks': { store: true, opsAppends: ['billing_invoices'] },
  // Shopify-billed tenants' usage records go through the shop's own token.
  'meter-ai-overage': { store: true, secrets: ['get'] },
  // Consent and the outbox (store), timeline events (warehouse, bus), the unsubscribe key.
  'engagement-webhooks': {
    store: true,
    tenantWarehouse: true,
    publishes: ['customer.events'],
    secrets: ['get', 'put'],
  },
  // Reads the new events and the customer's orders, and queues the automation's first step.
  'engagement-triggers': { store: true, tenantWarehouse: true, enqueues: ['engagement-steps'] },
  'engagement-steps': {
    store: true,
    tenantWarehouse: true,
    publishes: ['customer.events'],
    enqueues: ['engagement-steps'],
    secrets: ['get', 'put'],
  },
  // As the steps, plus the audience (warehouse), the next batch, and the release of a message held
  // for the customer's quiet hours (a task on the steps queue).
  'engagement-campaigns': {
    store: true,
    tenantWarehouse: true,
    publishes: ['customer.events'],
    enqueues: ['engagement-campaigns', 'engagement-steps'],
    secrets: ['get', 'put'],
  },
});

export const FUNCTION_ACCESS = functionAccessFor(AD_PLATFORM_REGISTRY);

/** BigQuery jobs are needed to query; a streaming insert into an ops table runs none. */
export const runsQueries = (a: FunctionAccess) => Boolean(a.tenantWarehouse || a.opsReads?.length);

/** Roles the grants use; `${...}` references resolve in terraform/iam.tf. */
export const ROLES = {
  store: 'roles/datastore.user',
  jobs: 'roles/bigquery.jobUser',
  datasetCreator: tf('google_project_iam_custom_role.warehouse_datasets.id'),
  tenantData: tf('google_project_iam_custom_role.warehouse.id'),
  opsAppender: tf('google_project_iam_custom_role.ops_appender.id'),
  opsReader: 'roles/bigquery.dataViewer',
  publisher: 'roles/pubsub.publisher',
  enqueuer: 'roles/cloudtasks.enqueuer',
  secretReader: 'roles/secretmanager.secretAccessor',
  secretCreator: tf('google_project_iam_custom_role.secret_creator.id'),
  secretWriter: tf('google_project_iam_custom_role.secret_writer.id'),
  manageUsers: 'roles/firebaseauth.admin',
  media: 'roles/storage.objectUser',
} as const;

/**
 * The only project-level grants a function account holds without a condition, and why none can be
 * narrower. least-privilege.test.ts fails on any other unconditioned project grant.
 */
export const UNCONDITIONED_PROJECT_ROLES: Readonly<Record<string, string>> = {
  [ROLES.store]: 'Firestore has one (default) database and no IAM on collections or documents',
  [ROLES.jobs]:
    'a BigQuery job belongs to the project; the query in it still reads only tables the account may read',
  [ROLES.datasetCreator]:
    'datasets.insert checks bigquery.datasets.create on the project: a dataset not yet made has no name to condition on',
  [ROLES.secretCreator]:
    'secrets.create is checked on the parent project; an empty secret holds nothing, and adding a version needs the conditioned writer role',
  [ROLES.manageUsers]: 'Firebase Auth users belong to the project',
};

export interface IamCondition {
  title: string;
  description: string;
  expression: string;
}

/** BigQuery names datasets and tables by project id: `projects/<id>/datasets/<d>[/tables/<t>]`. */
const datasets = `projects/${tf('var.project_id')}/datasets/`;
/** Secret Manager names secrets by project number: `projects/<number>/secrets/<id>[/versions/<v>]`. */
const secrets = `projects/${tf('data.google_project.this.number')}/secrets/`;

/** Tenant datasets are `pp_<tenant>` (tenantDatasetName); a reserved id names a shared dataset. */
const TENANT_DATASET_PREFIX = 'pp_';
const SHARED_DATASETS = RESERVED_TENANT_IDS.map((id) => `${TENANT_DATASET_PREFIX}${id}`);

export const CONDITIONS = {
  /**
   * `pp_<tenant>` and its tables, never a shared dataset such as pp_ops (decision 922 reserves its
   * id); a tenant called `opsx` still matches, hence the exact comparisons rather than a prefix.
   */
  tenantDatasets: {
    title: 'tenant datasets only',
    description: 'Datasets pp_<tenant> and their tables; not the shared pp_ops',
    expression: [
      `resource.name.startsWith("${datasets}${TENANT_DATASET_PREFIX}")`,
      ...SHARED_DATASETS.flatMap((d) => [
        `resource.name != "${datasets}${d}"`,
        `!resource.name.startsWith("${datasets}${d}/")`,
      ]),
    ].join(' && '),
  },
  /** Integration tokens and keys the SecretStore makes (`pp-<tenant>-<name>-<hash>`). */
  integrationSecrets: {
    title: 'integration tokens only',
    description: 'Secrets named pp-* (one per tenant and name)',
    expression: `resource.name.startsWith("${secrets}pp-")`,
  },
} as const satisfies Record<string, IamCondition>;
