import { createCustomer360 } from '../customers/profiles/customer-360';
import type { Brand, Question } from '../domain/entities';
import type { TenantContext } from '../domain/tenancy';
import { NotFoundError } from '../kernel/errors';
import type { Logger } from '../kernel/logging/logger';
import type { AiBudgetGate } from '../ports/ai-budget';
import type { Clock, Ids } from '../ports/clock';
import type { DocumentDb } from '../ports/document-db';
import type { LlmClient } from '../ports/llm';
import type { OperationalStore } from '../ports/operational-store';
import type { Warehouse } from '../ports/warehouse';
import { createPerformanceQueries } from '../reporting/read-model/performance-queries';
import { createInsightsAgent, type InsightsAgent } from './agent';
import { createTokenLedger } from './ledger';
import { INSIGHT_TOOLS } from './tools';
import { callLabels, callUnits } from './tools/types';

/**
 * A question recorded before tools declared their units gets the tool's current declaration, so
 * its numbers read as money and ratios too; a field renamed since then simply matches nothing. One
 * recorded with units gets the current declaration of what it left undeclared (an id declared
 * `internal` since), so no earlier answer shows what a new one would hide. Likewise its labels
 * (evidence keys, by the rules' current declarations), where its tool writes any.
 */
function withUnits(q: Question): Question {
  return {
    ...q,
    toolCalls: q.toolCalls.map((c) => {
      const tool = INSIGHT_TOOLS.find((t) => t.name === c.name);
      const units = { ...(tool ? callUnits(tool, c.output) : {}), ...c.units };
      const labels = c.labels ?? (tool && callLabels(tool, c.output));
      return { ...c, units, ...(labels ? { labels } : {}) };
    }),
  };
}

export interface InsightsServiceDeps {
  store: OperationalStore;
  warehouse: Warehouse;
  clock: Clock;
  ids: Ids;
  logger: Logger;
  /** Claude or the local analyst: the composition root chooses (infra/compose/llm.ts). */
  llm: LlmClient;
  /** Customer profiles for find_customer / get_customer; absent: those tools say so. */
  documents?: DocumentDb;
  /** The plan's AI gate (billing); absent: only the tenant's own monthly budget applies. */
  aiBudget?: AiBudgetGate;
}

export const WEEKLY_SUMMARY_QUESTION =
  'Write the weekly summary: how this week compared with last week and why, which products are at risk of stocking out, and the most important recommendations.';

/** Ad-hoc questions and weekly summaries, answered by the agent and kept as Question records. */
export function createInsightsService(deps: InsightsServiceDeps) {
  const ledger = createTokenLedger(deps);
  const agent: InsightsAgent = createInsightsAgent({
    llm: deps.llm,
    ledger,
    queries: createPerformanceQueries(deps.warehouse),
    warehouse: deps.warehouse,
    store: deps.store,
    clock: deps.clock,
    ...(deps.documents
      ? { customers: createCustomer360({ db: deps.documents, warehouse: deps.warehouse, clock: deps.clock }) }
      : {}),
  });

  async function brandOf(ctx: TenantContext, brandId: string): Promise<Brand> {
    const brand = await deps.store.brands.get(ctx, brandId);
    if (!brand) throw new NotFoundError(`brand ${brandId} not found`);
    return brand;
  }

  async function answer(ctx: TenantContext, brand: Brand, id: string, question: string, operation: string) {
    const a = await agent.ask(ctx, brand, question, operation);
    if (!a.grounded)
      deps.logger.warn('answer failed the groundedness check', {
        brand: brand.id,
        numbers: a.ungroundedNumbers,
      });
    const record: Question = {
      id,
      brandId: brand.id,
      uid: ctx.uid,
      question,
      answer: a.answer,
      toolCalls: a.toolCalls,
      grounded: a.grounded,
      ungroundedNumbers: a.ungroundedNumbers,
      model: a.model,
      // Every prompt token processed, cached or not; the ledger keeps the split (and prices it).
      inputTokens: a.usage.inputTokens + a.usage.cacheCreationInputTokens + a.usage.cacheReadInputTokens,
      outputTokens: a.usage.outputTokens,
      costMicros: a.costMicros,
      createdAt: deps.clock.now().toISOString(),
    };
    await deps.store.questions.upsert(ctx, brand.id, record);
    return record;
  }

  return {
    ledger,
    async ask(ctx: TenantContext, brandId: string, question: string): Promise<Question> {
      return answer(ctx, await brandOf(ctx, brandId), deps.ids.next(), question, 'ask');
    },

    async list(ctx: TenantContext, brandId: string, limit: number): Promise<Question[]> {
      await brandOf(ctx, brandId);
      return (await deps.store.questions.list(ctx, brandId, { limit })).map(withUnits);
    },

    async feedback(
      ctx: TenantContext,
      brandId: string,
      id: string,
      feedback: NonNullable<Question['feedback']>,
    ): Promise<Question> {
      await brandOf(ctx, brandId);
      const q = await deps.store.questions.get(ctx, brandId, id);
      if (!q) throw new NotFoundError(`question ${id} not found`);
      const next = { ...q, feedback };
      await deps.store.questions.upsert(ctx, brandId, next);
      return next;
    },

    /** One summary per brand and week: the id is the week, so a re-run finds it and spends nothing. */
    async weeklySummary(
      ctx: TenantContext,
      brand: Brand,
      weekStart: string,
    ): Promise<{ question: Question; created: boolean }> {
      const id = `weekly-summary-${weekStart}`;
      const existing = await deps.store.questions.get(ctx, brand.id, id);
      if (existing) return { question: existing, created: false };
      return {
        question: await answer(ctx, brand, id, WEEKLY_SUMMARY_QUESTION, 'weekly_summary'),
        created: true,
      };
    },
  };
}
export type InsightsService = ReturnType<typeof createInsightsService>;
