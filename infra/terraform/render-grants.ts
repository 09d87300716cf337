import type { FunctionSpec } from '../manifest';
import { secretId, tf, tfId } from './hcl';
import { CONDITIONS, type FunctionAccess, type IamCondition, ROLES, runsQueries } from './permissions';

type Block = Record<string, unknown>;
type Add = (type: string, id: string, body: Block) => void;

/**
 * The IAM grants of one function's service account, from its access (permissions.ts) and its
 * manifest secrets, each bound on the resource it is about: a topic, a queue, an ops table, the
 * media bucket, an app secret. Only what the app creates at run time (tenant datasets, integration
 * secrets) is granted on the project, under a condition on the resource name; what must stay
 * project-wide is listed in UNCONDITIONED_PROJECT_ROLES. Returns the grants' addresses: the
 * function starts only after all of them (docs/decisions/924, 930).
 */
export function renderGrants(
  spec: FunctionSpec,
  access: FunctionAccess,
  add: Add,
  queues: ReadonlySet<string>,
): string[] {
  const id = tfId(spec.name);
  const account = `google_service_account.fn_${id}`;
  const grants: string[] = [];
  const grant = (type: string, name: string, body: Block) => {
    const address = `${type}.fn_${id}_${name}`;
    if (grants.includes(address)) throw new Error(`${address} rendered twice`);
    grants.push(address);
    add(type, `fn_${id}_${name}`, { ...body, member: `serviceAccount:${tf(`${account}.email`)}` });
  };
  const onProject = (name: string, role: string, condition?: IamCondition) =>
    grant('google_project_iam_member', name, {
      project: tf('var.project_id'),
      role,
      ...(condition ? { condition } : {}),
    });
  const onOpsTable = (name: string, table: string, role: string) =>
    grant('google_bigquery_table_iam_member', name, {
      project: tf(`google_bigquery_table.ops_${table}.project`),
      dataset_id: tf(`google_bigquery_table.ops_${table}.dataset_id`),
      table_id: tf(`google_bigquery_table.ops_${table}.table_id`),
      role,
    });

  if (access.store) onProject('store', ROLES.store);
  if (runsQueries(access)) onProject('jobs', ROLES.jobs);
  if (access.tenantWarehouse) {
    onProject('datasets_create', ROLES.datasetCreator);
    onProject('tenant_data', ROLES.tenantData, CONDITIONS.tenantDatasets);
  }
  for (const table of access.opsAppends ?? []) onOpsTable(`appends_${table}`, table, ROLES.opsAppender);
  for (const table of access.opsReads ?? []) onOpsTable(`reads_${table}`, table, ROLES.opsReader);

  for (const topic of access.publishes ?? [])
    grant('google_pubsub_topic_iam_member', `publishes_${tfId(topic)}`, {
      topic: tf(`google_pubsub_topic.${tfId(topic)}.id`),
      role: ROLES.publisher,
    });

  for (const queue of access.enqueues ?? []) {
    if (!queues.has(queue))
      throw new Error(`${spec.name} enqueues on ${queue}, which no manifest function serves`);
    const q = `google_cloud_tasks_queue.${tfId(queue)}`;
    grant('google_cloud_tasks_queue_iam_member', `enqueues_${tfId(queue)}`, {
      project: tf(`${q}.project`),
      location: tf(`${q}.location`),
      name: tf(`${q}.name`),
      role: ROLES.enqueuer,
    });
  }
  // A task carries an OIDC token of the tasks invoker, so whoever creates one must act as it.
  if (access.enqueues?.length)
    grant('google_service_account_iam_member', 'acts_as_tasks_invoker', {
      service_account_id: tf('google_service_account.tasks_invoker.name'),
      role: 'roles/iam.serviceAccountUser',
    });

  const ops = new Set(access.secrets);
  if (ops.has('get')) onProject('secrets_read', ROLES.secretReader, CONDITIONS.integrationSecrets);
  if (ops.has('put')) onProject('secrets_create', ROLES.secretCreator);
  if (ops.has('put') || ops.has('delete'))
    onProject('secrets_write', ROLES.secretWriter, CONDITIONS.integrationSecrets);
  for (const env of spec.secrets)
    grant('google_secret_manager_secret_iam_member', tfId(secretId(env)), {
      secret_id: tf(`google_secret_manager_secret.${tfId(secretId(env))}.id`),
      role: ROLES.secretReader,
    });

  if (access.manageUsers) onProject('firebase_auth', ROLES.manageUsers);
  if (access.media) {
    grant('google_storage_bucket_iam_member', 'media', {
      bucket: tf('google_storage_bucket.media.name'),
      role: ROLES.media,
    });
    // V4 signed URLs are signed by the function's own account through the IAM signBlob API.
    grant('google_service_account_iam_member', 'signs_media_urls', {
      service_account_id: tf(`${account}.name`),
      role: 'roles/iam.serviceAccountTokenCreator',
    });
  }
  return grants;
}
