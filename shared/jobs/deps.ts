import type { Config } from '../kernel/config';
import type { Logger } from '../kernel/logging/logger';
import type { BudgetActions } from '../ports/budget-actions';
import type { Clock, Ids } from '../ports/clock';
import type { EventBus } from '../ports/events';
import type { IdentityVerifier } from '../ports/identity';
import type { LlmClient } from '../ports/llm';
import type { OperationalStore, SystemDirectory } from '../ports/operational-store';
import type { SecretStore } from '../ports/secret-store';
import type { TaskQueue } from '../ports/task-queue';
import type { Warehouse } from '../ports/warehouse';

/** Everything a job or the API may use, passed in by a composition root. */
export interface Deps {
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
  /** The language model; absent means: Claude when ANTHROPIC_API_KEY is set, else the local analyst. */
  llm?: LlmClient;
  /** Ad platform budget changes (the ads area); absent means recommendations cannot be applied. */
  budgetActions?: BudgetActions;
}
