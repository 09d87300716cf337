import type { Config } from '../../shared/kernel/config';
import type { Logger } from '../../shared/kernel/logging/logger';
import type { BudgetActions } from '../../shared/ports/budget-actions';
import type { Clock, Ids } from '../../shared/ports/clock';
import type { EventBus } from '../../shared/ports/events';
import type { IdentityVerifier } from '../../shared/ports/identity';
import type { LlmClient } from '../../shared/ports/llm';
import type { OperationalStore, SystemDirectory } from '../../shared/ports/operational-store';
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
  directory: SystemDirectory;
  warehouse: Warehouse;
  bus: EventBus;
  tasks: TaskQueue;
  secrets: SecretStore;
  identity: IdentityVerifier;
  clock: Clock;
  ids: Ids;
  logger: Logger;
  /** The HTTP client connectors use (tests and sandboxes pass their own). */
  fetch: typeof fetch;
  /** A model chosen by the caller (tests); absent: `chooseLlm(config)`. */
  llm?: LlmClient;
  /** Budget changes chosen by the caller (tests); absent: the ad platforms' own APIs. */
  budgetActions?: BudgetActions;
}
