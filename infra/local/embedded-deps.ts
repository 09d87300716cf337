import { closeSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import {
  createOperationalStore,
  createSystemDirectory,
} from '../../shared/adapters/document-store/document-store';
import { createDuckdbWarehouse } from '../../shared/adapters/embedded/duckdb-warehouse';
import { createEncryptedFileSecretStore } from '../../shared/adapters/embedded/encrypted-file-secret-store';
import { createInProcessBus } from '../../shared/adapters/embedded/in-process-bus';
import { createInProcessTaskQueue } from '../../shared/adapters/embedded/in-process-task-queue';
import { createLocalIdentityVerifier } from '../../shared/adapters/embedded/local-identity';
import { createLocalIdentityAdmin } from '../../shared/adapters/embedded/local-identity-admin';
import { createLocalMediaStore } from '../../shared/adapters/embedded/local-media-store';
import {
  createEmbeddedResidualPurge,
  restrictDataFiles,
} from '../../shared/adapters/embedded/residual-purge';
import { createSqliteDocumentDb } from '../../shared/adapters/embedded/sqlite-document-db';
import { createSqliteQueue } from '../../shared/adapters/embedded/sqlite-queue';
import type { Config } from '../../shared/kernel/config';
import { createLogger, type Logger } from '../../shared/kernel/logging/logger';
import { type Clock, type Ids, randomIds, systemClock } from '../../shared/ports/clock';
import type { Backend } from '../compose/backend';
import { authSigningKey, loadOrCreateKey, secretStoreKey } from './keys';

export interface EmbeddedOverrides {
  clock?: Clock;
  ids?: Ids;
  logger?: Logger;
  fetch?: typeof fetch;
  /** Retry backoff of the queue (tests shorten it). */
  baseBackoffMs?: number;
}

/** The embedded composition root: SQLite + DuckDB + persistent in-process bus, all under the data dir. */
export async function createEmbeddedDeps(config: Config, overrides: EmbeddedOverrides = {}) {
  const dir = config.PULSEPOINT_DATA_DIR;
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  // Created owner-only before SQLite opens them (a new file would get the umask's 0644; SQLite
  // gives its journals the main file's mode). DuckDB refuses an empty file: it is restricted below.
  for (const file of ['store.sqlite', 'queue.sqlite']) closeSync(openSync(join(dir, file), 'a', 0o600));
  restrictDataFiles(dir);
  const clock = overrides.clock ?? systemClock;
  const ids = overrides.ids ?? randomIds;
  const logger =
    overrides.logger ??
    createLogger({
      level: config.LOG_LEVEL,
      format: config.LOG_FORMAT ?? 'text',
      labels: { service: 'pulsepoint' },
    });
  const db = createSqliteDocumentDb(join(dir, 'store.sqlite'));
  const warehouse = await createDuckdbWarehouse(join(dir, 'warehouse.duckdb'));
  const queue = createSqliteQueue({
    filename: join(dir, 'queue.sqlite'),
    clock,
    logger,
    ...(overrides.baseBackoffMs !== undefined ? { baseBackoffMs: overrides.baseBackoffMs } : {}),
  });
  const bus = createInProcessBus(queue, ids);
  const tasks = createInProcessTaskQueue(queue, ids);
  const authKey = authSigningKey(dir, config.PULSEPOINT_AUTH_SECRET);
  restrictDataFiles(dir);
  const identityAdmin = createLocalIdentityAdmin(db, clock);
  const residualPurge = createEmbeddedResidualPurge({ store: db, queue, warehouse, dataDir: dir });
  const deps: Backend = {
    config,
    store: createOperationalStore(db),
    documents: db,
    directory: createSystemDirectory(db),
    warehouse,
    bus,
    tasks,
    secrets: createEncryptedFileSecretStore(
      join(dir, 'secrets.json'),
      secretStoreKey(dir, config.PULSEPOINT_SECRET_KEY),
    ),
    identity: createLocalIdentityVerifier(authKey, clock, identityAdmin),
    identityAdmin,
    clock,
    ids,
    logger,
    fetch: overrides.fetch ?? fetch,
    residualPurge,
    media: createLocalMediaStore({
      root: join(dir, 'media'),
      publicUrl: config.PUBLIC_URL ?? `http://localhost:${config.PORT}`,
      signingKey: loadOrCreateKey(dir, 'media-signing.key', undefined, 'base64'),
    }),
  };
  return {
    deps,
    /** What erasures run after redacting, to reach the copies below the records (free pages, blocks, messages). */
    residualPurge,
    bus,
    tasks,
    queue,
    authKey,
    db,
    /** Stops taking work, lets in-flight handlers finish (grace), then closes the files. */
    async close(graceMs = 10_000) {
      await queue.close(graceMs);
      await warehouse.close();
      await db.close();
      restrictDataFiles(dir);
    },
  };
}
export type EmbeddedRuntimeDeps = Awaited<ReturnType<typeof createEmbeddedDeps>>;
