import { z } from 'zod';
import { costMicros, PRICING_VERSION, priceOf } from '../domain/ai/pricing';
import type { AiUsage } from '../domain/entities';
import { amount } from '../domain/phrasing';
import type { TenantContext } from '../domain/tenancy';
import { BudgetExceededError, NotFoundError } from '../kernel/errors';
import type { Logger } from '../kernel/logging/logger';
import type { AiBudgetGate } from '../ports/ai-budget';
import type { Clock, Ids } from '../ports/clock';
import type { LlmClient, LlmUsage } from '../ports/llm';
import type { OperationalStore } from '../ports/operational-store';
import type { Warehouse } from '../ports/warehouse';

export interface LedgerDeps {
  store: OperationalStore;
  warehouse: Warehouse;
  clock: Clock;
  ids: Ids;
  logger: Logger;
  /** The plan's gate (billing), checked before the tenant's own monthly budget. */
  aiBudget?: AiBudgetGate;
}

/** What a call is for, recorded with it. */
export interface CallMeta {
  operation: string;
  brandId?: string;
}

const usageRow = z.object({
  date: z.string(),
  operation: z.string(),
  model: z.string(),
  calls: z.coerce.number(),
  input_tokens: z.coerce.number(),
  output_tokens: z.coerce.number(),
  cache_creation_tokens: z.coerce.number(),
  cache_read_tokens: z.coerce.number(),
  cost_micros: z.coerce.number(),
});
export type UsageRow = z.infer<typeof usageRow>;

/**
 * The token ledger: a tenant's monthly budget is checked before every call and every call is
 * recorded — in the store (the running total the budget check reads) and in the warehouse's
 * `pp_ops.ai_token_usage` (what finance reads). Over budget is a BudgetExceededError (HTTP 429).
 */
export function createTokenLedger(deps: LedgerDeps) {
  const monthOf = (d: Date) => d.toISOString().slice(0, 7);

  async function status(ctx: TenantContext) {
    const tenant = await deps.store.tenants.get(ctx);
    if (!tenant) throw new NotFoundError(`tenant ${ctx.tenantId} not found`);
    const month = monthOf(deps.clock.now());
    const used = await deps.store.aiUsage.month(ctx, month);
    return {
      month,
      usedMicros: used.costMicros,
      budgetMicros: tenant.aiMonthlyBudgetMicros,
      calls: used.calls,
    };
  }

  return {
    status,

    async assertWithinBudget(ctx: TenantContext): Promise<void> {
      const s = await status(ctx);
      // The plan first (402, names the limit and the upgrade), then the owner's own monthly cap.
      if (deps.aiBudget) await deps.aiBudget.assertWithinBudget(ctx, s.usedMicros);
      if (s.usedMicros >= s.budgetMicros)
        throw new BudgetExceededError(
          `the AI budget for ${s.month} is used up (${amount(Math.round(s.usedMicros / 1e4), 'USD')} of ${amount(Math.round(s.budgetMicros / 1e4), 'USD')}); it resets next month or can be raised in Settings`,
          { details: s },
        );
    },

    async record(
      ctx: TenantContext,
      meta: CallMeta,
      call: { model: string; usage: LlmUsage; latencyMs: number },
    ): Promise<AiUsage> {
      const at = deps.clock.now();
      const { known } = priceOf(call.model);
      if (!known)
        deps.logger.warn('no price for model; charged at the highest known rate', { model: call.model });
      const entry: AiUsage = {
        id: deps.ids.next(),
        at: at.toISOString(),
        month: monthOf(at),
        ...(meta.brandId ? { brandId: meta.brandId } : {}),
        uid: ctx.uid,
        operation: meta.operation,
        model: call.model,
        inputTokens: call.usage.inputTokens,
        outputTokens: call.usage.outputTokens,
        cacheCreationTokens: call.usage.cacheCreationInputTokens,
        cacheReadTokens: call.usage.cacheReadInputTokens,
        costMicros: costMicros(call.model, call.usage),
        pricingVersion: PRICING_VERSION,
        latencyMs: Math.max(0, Math.round(call.latencyMs)),
        ...(ctx.requestId ? { requestId: ctx.requestId } : {}),
      };
      await deps.store.aiUsage.record(ctx, entry);
      try {
        await deps.warehouse.insertOps('ai_token_usage', [
          {
            date: at.toISOString().slice(0, 10),
            at: entry.at,
            tenant_id: ctx.tenantId,
            brand_id: entry.brandId ?? null,
            uid: entry.uid,
            operation: entry.operation,
            model: entry.model,
            input_tokens: entry.inputTokens,
            output_tokens: entry.outputTokens,
            cache_creation_tokens: entry.cacheCreationTokens,
            cache_read_tokens: entry.cacheReadTokens,
            cost_micros: entry.costMicros,
            pricing_version: entry.pricingVersion,
            latency_ms: entry.latencyMs,
            request_id: entry.requestId ?? null,
          },
        ]);
      } catch (err) {
        // The store already holds the call and the budget counts it; the finance copy is best effort.
        deps.logger.error('could not copy AI usage to the warehouse', { error: err, usageId: entry.id });
      }
      return entry;
    },

    /** Usage by UTC day × operation × model for one tenant (the finance view, per tenant). */
    async usage(ctx: TenantContext, from: string, to: string): Promise<UsageRow[]> {
      const rows = await deps.warehouse.queryOps(
        `SELECT CAST(date AS STRING) AS date, operation, model, COUNT(*) AS calls,
                SUM(input_tokens) AS input_tokens, SUM(output_tokens) AS output_tokens,
                SUM(cache_creation_tokens) AS cache_creation_tokens, SUM(cache_read_tokens) AS cache_read_tokens,
                SUM(cost_micros) AS cost_micros
         FROM {{ai_token_usage}}
         WHERE tenant_id = @tenant AND date BETWEEN CAST(@from AS DATE) AND CAST(@to AS DATE)
         GROUP BY date, operation, model
         ORDER BY date, operation, model`,
        { tenant: ctx.tenantId, from, to },
      );
      return rows.map((r) => usageRow.parse(r));
    },
  };
}
export type TokenLedger = ReturnType<typeof createTokenLedger>;

/** An LlmClient that checks the budget before and records the call after, for one context. */
export function meteredLlm(
  llm: LlmClient,
  ledger: TokenLedger,
  ctx: TenantContext,
  meta: CallMeta,
): LlmClient {
  return {
    model: llm.model,
    async createMessage(request, options) {
      await ledger.assertWithinBudget(ctx);
      const started = performance.now();
      const response = await llm.createMessage(request, options);
      await ledger.record(ctx, meta, {
        model: response.model,
        usage: response.usage,
        latencyMs: performance.now() - started,
      });
      return response;
    },
  };
}
