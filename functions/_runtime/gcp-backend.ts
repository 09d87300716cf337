import type { Backend } from '../../infra/compose/backend';
import {
  createOperationalStore,
  createSystemDirectory,
} from '../../shared/adapters/document-store/document-store';
import { createBigQueryWarehouse } from '../../shared/adapters/gcp/bigquery-warehouse';
import { createCloudTasksQueue } from '../../shared/adapters/gcp/cloud-tasks-queue';
import { createFirebaseIdentityAdmin } from '../../shared/adapters/gcp/firebase-identity-admin';
import { createFirebaseIdentityVerifier } from '../../shared/adapters/gcp/firebase-identity-verifier';
import { createFirestoreDocumentDb } from '../../shared/adapters/gcp/firestore-document-db';
import { createFirestoreRateLimiter } from '../../shared/adapters/gcp/firestore-rate-limiter';
import { createLazyGcsMediaStore } from '../../shared/adapters/gcp/gcs-media-store';
import { createPubSubEventBus } from '../../shared/adapters/gcp/pubsub-event-bus';
import { createSecretManagerSecretStore } from '../../shared/adapters/gcp/secret-manager-secret-store';
import type { Config } from '../../shared/kernel/config';
import { ConfigError } from '../../shared/kernel/errors';
import { createLogger, type Logger } from '../../shared/kernel/logging/logger';
import { type Clock, type Ids, randomIds, systemClock } from '../../shared/ports/clock';

export interface GcpBackendOptions {
  /** Task queue name → URL of the function that handles it (from the manifest). */
  queueTargets: Readonly<Record<string, string>>;
  logger?: Logger;
  clock?: Clock;
  ids?: Ids;
  fetch?: typeof fetch;
}

/** The service account Cloud Tasks signs as; terraform/iam.tf creates it under this name. */
export const tasksInvokerAccount = (projectId: string) =>
  `pp-tasks-invoker@${projectId}.iam.gserviceaccount.com`;

/** gen2 functions keep the 1st-gen style URL, which is stable and known before deployment. */
export const functionUrl = (projectId: string, region: string, name: string) =>
  `https://${region}-${projectId}.cloudfunctions.net/${name}`;

/**
 * The Google Cloud composition: Firestore, BigQuery, Pub/Sub, Cloud Tasks, Secret Manager,
 * Firebase Auth and Cloud Storage (media). Building this is cheap; each adapter creates its client on first use.
 */
export function createGcpBackend(
  config: Config,
  options: GcpBackendOptions,
): Backend & { close(): Promise<void> } {
  const projectId = config.GOOGLE_CLOUD_PROJECT;
  if (!projectId) throw new ConfigError('GOOGLE_CLOUD_PROJECT is required when PULSEPOINT_BACKEND=gcp');
  const clock = options.clock ?? systemClock;
  const db = createFirestoreDocumentDb({
    projectId,
    ...(config.FIRESTORE_EMULATOR_HOST ? { emulatorHost: config.FIRESTORE_EMULATOR_HOST } : {}),
  });
  const warehouse = createBigQueryWarehouse({
    projectId,
    location: config.BIGQUERY_LOCATION,
    ...(config.BIGQUERY_API_ENDPOINT ? { apiEndpoint: config.BIGQUERY_API_ENDPOINT } : {}),
    ...(config.BIGQUERY_MAX_BYTES_BILLED ? { maximumBytesBilled: config.BIGQUERY_MAX_BYTES_BILLED } : {}),
  });
  const bus = createPubSubEventBus({
    projectId,
    clock,
    ...(config.PUBSUB_EMULATOR_HOST ? { emulatorHost: config.PUBSUB_EMULATOR_HOST } : {}),
  });
  return {
    config,
    store: createOperationalStore(db),
    documents: db,
    directory: createSystemDirectory(db),
    warehouse,
    bus,
    tasks: createCloudTasksQueue({
      projectId,
      region: config.GCP_REGION,
      targets: options.queueTargets,
      invokerServiceAccount: tasksInvokerAccount(projectId),
      clock,
    }),
    secrets: createSecretManagerSecretStore({ projectId }),
    identity: createFirebaseIdentityVerifier({ projectId }),
    identityAdmin: createFirebaseIdentityAdmin({
      projectId,
      ...(config.PUBLIC_URL ? { continueUrl: config.PUBLIC_URL } : {}),
    }),
    clock,
    ids: options.ids ?? randomIds,
    logger:
      options.logger ??
      createLogger({
        level: config.LOG_LEVEL,
        format: config.LOG_FORMAT ?? 'json',
        project: projectId,
        labels: { service: 'pulsepoint' },
      }),
    fetch: options.fetch ?? fetch,
    // Rendered post images: the media bucket when Terraform named one (docs/decisions/889).
    ...(config.PULSEPOINT_MEDIA_BUCKET
      ? { media: createLazyGcsMediaStore({ projectId, bucket: config.PULSEPOINT_MEDIA_BUCKET }) }
      : {}),
    // API rate limits shared by every instance (an in-memory limiter would count per instance).
    rateLimiter: createFirestoreRateLimiter({ db, clock }),
    async close() {
      await Promise.all([db.close(), warehouse.close(), bus.close()]);
    },
  };
}
export type GcpBackend = ReturnType<typeof createGcpBackend>;
