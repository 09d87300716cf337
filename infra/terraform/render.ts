import { tableResource } from '../../shared/adapters/gcp/bigquery-rows';
import { TOPICS } from '../../shared/ports/events';
import { OPS_TABLES } from '../../shared/ports/warehouse-tables';
import type { FunctionSpec } from '../manifest';
import { secretId, tf, tfId } from './hcl';
import { FUNCTION_ACCESS, type FunctionAccess } from './permissions';
import { renderGrants } from './render-grants';

/**
 * terraform/functions.auto.tf.json from the manifest: per function its service account and
 * IAM, source archive, Cloud Function (2nd gen) and trigger plumbing: a Pub/Sub push
 * subscription with dead-lettering, a Cloud Tasks queue with the manifest's rate limit, or a
 * Cloud Scheduler job. Topics and their dead-letter topics come from the event schemas.
 * Terraform JSON syntax: https://developer.hashicorp.com/terraform/language/syntax/json
 */
type Block = Record<string, unknown>;

export { secretId, tfId };
export const deadLetterTopic = (topic: string) => `${topic}.dead-letter`;
/** Account ids are 6-30 characters: `pp-fn-` + the function name fits every manifest name. */
export const functionAccountId = (name: string) => `pp-fn-${name}`.slice(0, 30);

const RETRY = { minimum_backoff: '10s', maximum_backoff: '600s' };

export function renderFunctionsTf(
  manifest: readonly FunctionSpec[],
  access: Readonly<Record<string, FunctionAccess>> = FUNCTION_ACCESS,
): Record<string, unknown> {
  const resource: Record<string, Record<string, Block>> = {};
  const data: Record<string, Record<string, Block>> = {};
  const output: Record<string, Block> = {};
  const add = (type: string, id: string, body: Block, into = resource) => {
    into[type] ??= {};
    into[type][id] = body;
  };

  for (const topic of TOPICS) {
    add('google_pubsub_topic', tfId(topic), {
      name: topic,
      message_retention_duration: '86400s',
      depends_on: ['google_project_service.enabled'],
    });
    add('google_pubsub_topic', tfId(deadLetterTopic(topic)), {
      name: deadLetterTopic(topic),
      depends_on: ['google_project_service.enabled'],
    });
    // Dead letters are kept a week in a pull subscription for inspection and replay.
    add('google_pubsub_subscription', tfId(deadLetterTopic(topic)), {
      name: deadLetterTopic(topic),
      topic: `\${google_pubsub_topic.${tfId(deadLetterTopic(topic))}.id}`,
      message_retention_duration: '604800s',
      expiration_policy: { ttl: '' },
    });
    add('google_pubsub_topic_iam_member', `${tfId(deadLetterTopic(topic))}_agent`, {
      topic: `\${google_pubsub_topic.${tfId(deadLetterTopic(topic))}.id}`,
      role: 'roles/pubsub.publisher',
      member: tf('local.pubsub_agent'),
    });
  }

  const secrets = [...new Set(manifest.flatMap((f) => f.secrets))].sort();
  for (const env of secrets)
    add('google_secret_manager_secret', tfId(secretId(env)), {
      secret_id: secretId(env),
      replication: { auto: {} },
      labels: { app: 'pulsepoint' },
      depends_on: ['google_project_service.enabled'],
    });

  for (const def of Object.values(OPS_TABLES))
    add('google_bigquery_table', `ops_${def.name}`, {
      dataset_id: tf('google_bigquery_dataset.ops.dataset_id'),
      table_id: def.name,
      description: def.description,
      time_partitioning: { type: 'DAY', field: def.partitionBy },
      clustering: [...def.clusterBy],
      schema: JSON.stringify(tableResource(def).schema.fields),
      deletion_protection: true,
    });

  const queues = new Set(manifest.flatMap((f) => (f.trigger.kind === 'task' ? [f.trigger.queue] : [])));
  for (const spec of manifest) renderFunction(spec, access[spec.name], queues, add, data, output);
  return { data, resource, output };
}

function renderFunction(
  spec: FunctionSpec,
  access: FunctionAccess | undefined,
  queues: ReadonlySet<string>,
  add: (type: string, id: string, body: Block, into?: Record<string, Record<string, Block>>) => void,
  data: Record<string, Record<string, Block>>,
  output: Record<string, Block>,
) {
  const id = tfId(spec.name);
  const fn = `google_cloudfunctions2_function.${id}`;
  const account = `google_service_account.fn_${id}`;
  if (!access) throw new Error(`infra/terraform/permissions.ts has no access entry for ${spec.name}`);

  add('google_service_account', `fn_${id}`, {
    account_id: functionAccountId(spec.name),
    display_name: `Pulsepoint function ${spec.name}`,
  });
  // A function starts only once it may read its secrets and reach its data: it depends on every grant.
  const grants = renderGrants(spec, access, add, queues);

  data.archive_file ??= {};
  data.archive_file[id] = {
    type: 'zip',
    source_dir: `\${path.module}/../dist/functions/${spec.name}`,
    output_path: `\${path.module}/.build/${spec.name}.zip`,
  };
  add('google_storage_bucket_object', `fn_${id}`, {
    name: `functions/${spec.name}-\${data.archive_file.${id}.output_md5}.zip`,
    bucket: tf('google_storage_bucket.functions.name'),
    source: `\${data.archive_file.${id}.output_path}`,
  });

  const trigger = spec.trigger;
  add('google_cloudfunctions2_function', id, {
    name: spec.name,
    location: tf('var.region'),
    description: spec.description,
    build_config: {
      runtime: 'nodejs20',
      service_account: tf('google_service_account.build.id'),
      // Our repository, with cleanup policies (terraform/artifacts.tf), not the default gcf-artifacts.
      docker_repository: tf('google_artifact_registry_repository.functions.id'),
      entry_point: spec.entryPoint,
      source: {
        storage_source: {
          bucket: tf('google_storage_bucket.functions.name'),
          object: `\${google_storage_bucket_object.fn_${id}.name}`,
        },
      },
    },
    service_config: {
      available_memory: `${spec.memoryMb}Mi`,
      timeout_seconds: spec.timeoutSeconds,
      max_instance_count: spec.maxInstances,
      service_account_email: `\${${account}.email}`,
      ingress_settings: trigger.kind === 'http' ? 'ALLOW_ALL' : 'ALLOW_INTERNAL_ONLY',
      environment_variables: tf('local.function_env'),
      secret_environment_variables: spec.secrets.map((env) => ({
        key: env,
        project_id: tf('var.project_id'),
        secret: `\${google_secret_manager_secret.${tfId(secretId(env))}.secret_id}`,
        version: 'latest',
      })),
    },
    depends_on: ['google_project_service.enabled', 'google_project_iam_member.build', ...grants],
  });

  const invoker = (member: string) =>
    add('google_cloud_run_service_iam_member', `fn_${id}_invoker`, {
      location: `\${${fn}.location}`,
      service: `\${${fn}.name}`,
      role: 'roles/run.invoker',
      member,
    });

  switch (trigger.kind) {
    case 'http':
      // Public: Firebase Hosting rewrites and Shopify call it; the app authenticates requests.
      invoker('allUsers');
      break;
    case 'topic':
      invoker(`serviceAccount:${tf('google_service_account.pubsub_invoker.email')}`);
      add('google_pubsub_subscription', id, {
        name: spec.name,
        topic: `\${google_pubsub_topic.${tfId(trigger.topic)}.id}`,
        ack_deadline_seconds: Math.min(600, Math.max(10, spec.timeoutSeconds)),
        push_config: {
          push_endpoint: `\${${fn}.url}`,
          oidc_token: { service_account_email: tf('google_service_account.pubsub_invoker.email') },
        },
        retry_policy: RETRY,
        dead_letter_policy: {
          dead_letter_topic: `\${google_pubsub_topic.${tfId(deadLetterTopic(trigger.topic))}.id}`,
          max_delivery_attempts: spec.maxAttempts ?? 5,
        },
        expiration_policy: { ttl: '' },
      });
      add('google_pubsub_subscription_iam_member', `${id}_agent`, {
        subscription: `\${google_pubsub_subscription.${id}.name}`,
        role: 'roles/pubsub.subscriber',
        member: tf('local.pubsub_agent'),
      });
      break;
    case 'task':
      invoker(`serviceAccount:${tf('google_service_account.tasks_invoker.email')}`);
      add('google_cloud_tasks_queue', tfId(trigger.queue), {
        name: trigger.queue,
        location: tf('var.region'),
        rate_limits: {
          max_dispatches_per_second: trigger.maxDispatchesPerSecond,
          max_concurrent_dispatches: trigger.maxConcurrentDispatches,
        },
        retry_config: { max_attempts: spec.maxAttempts ?? 5, min_backoff: '10s', max_backoff: '600s' },
        depends_on: ['google_project_service.enabled'],
      });
      break;
    case 'schedule':
      invoker(`serviceAccount:${tf('google_service_account.scheduler_invoker.email')}`);
      add('google_cloud_scheduler_job', id, {
        name: spec.name,
        region: tf('var.region'),
        schedule: trigger.cron,
        time_zone: trigger.timeZone,
        attempt_deadline: `${Math.min(1800, Math.max(15, spec.timeoutSeconds))}s`,
        retry_config: { retry_count: 1 },
        http_target: {
          http_method: 'POST',
          uri: `\${${fn}.url}`,
          oidc_token: {
            service_account_email: tf('google_service_account.scheduler_invoker.email'),
            audience: `\${${fn}.url}`,
          },
        },
      });
      break;
  }
  output[`function_url_${id}`] = { description: `URL of the ${spec.name} function`, value: `\${${fn}.url}` };
}
