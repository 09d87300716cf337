import type { Config } from '../../shared/kernel/config';
import type { Logger } from '../../shared/kernel/logging/logger';
import type { BudgetActions } from '../../shared/ports/budget-actions';
import type { Clock, Ids } from '../../shared/ports/clock';
import type { DocumentDb } from '../../shared/ports/document-db';
import type { EventBus } from '../../shared/ports/events';
import type { IdentityAdmin, IdentityVerifier } from '../../shared/ports/identity';
import type { LlmClient } from '../../shared/ports/llm';
import type { MediaStore } from '../../shared/ports/media-store';
import type { OperationalStore, SystemDirectory } from '../../shared/ports/operational-store';
import type { RateLimiter } from '../../shared/ports/rate-limiter';
import type { ResidualDataPurge } from '../../shared/ports/residual-purge';
import type { SecretStore } from '../../shared/ports/secret-store';
import type { TaskQueue } from '../../shared/ports/task-queue';
import type { Warehouse } from '../../shared/ports/warehouse';

/**
 * What one backend provides: the Google Cloud one (`functions/_runtime/gcp-backend.ts`) or the
 * embedded one (`infra/local/embedded-deps.ts`). Only composition code sees this record; every job,
 * route group and service declares the few ports it uses, and the builders in ./handlers.ts pass
 * each one exactly that (structural typing checks it). Adapter clients are lazy, so building a
 * backend is cheap; what a function builds on top of it is decided per function.
 */
export interface Backend {
  config: Config;
  store: OperationalStore;
  /** The document database under `store`: feature repositories written over it (customers). */
  documents: DocumentDb;
  directory: SystemDirectory;
  warehouse: Warehouse;
  bus: EventBus;
  tasks: TaskQueue;
  secrets: SecretStore;
  identity: IdentityVerifier;
  /** Accounts and their claims: Firebase Auth (Admin SDK) or the local issuer's directory. */
  identityAdmin: IdentityAdmin;
  clock: Clock;
  ids: Ids;
  logger: Logger;
  /** The HTTP client connectors use (tests and sandboxes pass their own). */
  fetch: typeof fetch;
  /** Rendered post images: files in the data dir (embedded); Cloud Storage once a bucket is wired. */
  media?: MediaStore;
  /** A model chosen by the caller (tests); absent: `chooseLlm(config)`. */
  llm?: LlmClient;
  /** Budget changes chosen by the caller (tests); absent: the ad platforms' own APIs. */
  budgetActions?: BudgetActions;
  /**
   * The API's rate limiter. Google Cloud: Firestore counters shared by every instance; absent
   * (embedded, one process): in-memory token buckets (docs/decisions/817).
   */
  rateLimiter?: RateLimiter;
  /** What erasures run after redacting, for copies below the records (embedded only; decision 813). */
  residualPurge?: ResidualDataPurge;
}
