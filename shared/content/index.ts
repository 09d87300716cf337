import { createTokenLedger } from '../insights/ledger';
import type { Logger } from '../kernel/logging/logger';
import type { AiBudgetGate } from '../ports/ai-budget';
import type { Clock, Ids } from '../ports/clock';
import type { DocumentDb } from '../ports/document-db';
import type { LlmClient } from '../ports/llm';
import type { MediaStore } from '../ports/media-store';
import type { OperationalStore } from '../ports/operational-store';
import type { SecretStore } from '../ports/secret-store';
import type { Warehouse } from '../ports/warehouse';
import { createGraphClient } from './graph/client';
import { createPublisher } from './publish';
import { createDefaultPostImageRenderer, type PostImageRenderer } from './render';
import { createScheduling } from './schedule';
import { createProductSignals } from './signals';
import { createStudio } from './studio';
import { createContentWriter } from './writer';

export interface ContentDeps {
  documents: DocumentDb;
  store: OperationalStore;
  warehouse: Warehouse;
  secrets: SecretStore;
  media: MediaStore;
  llm: LlmClient;
  clock: Clock;
  ids: Ids;
  logger: Logger;
  fetch: typeof fetch;
  aiBudget?: AiBudgetGate;
  renderer?: PostImageRenderer;
}

/** The content studio wired from ports: studio (briefs → posts), scheduling and publishing. */
export function createContent(deps: ContentDeps) {
  const ledger = createTokenLedger(deps);
  const graph = (baseUrl: string | undefined) =>
    createGraphClient({ fetch: deps.fetch, ...(baseUrl ? { baseUrl } : {}) });
  const studio = createStudio({
    ...deps,
    writer: createContentWriter({ llm: deps.llm, ledger, logger: deps.logger }),
    renderer: deps.renderer ?? createDefaultPostImageRenderer(),
    productSignals: createProductSignals(deps),
  });
  return {
    studio,
    scheduling: createScheduling({ ...deps, graph }),
    publisher: createPublisher({ ...deps, graph }),
  };
}
export type Content = ReturnType<typeof createContent>;
