import { type AiUsageMonth, aiUsageMonthSchema, aiUsageSchema } from '../../domain/entities';
import type { DocTransaction, DocumentDb } from '../../ports/document-db';
import type { AiUsageLedger } from '../../ports/operational-store';
import { paths } from './paths';

/**
 * Calls under `tenants/{t}/aiUsage/{id}`, totals under `tenants/{t}/aiUsageMonths/{YYYY-MM}`. The
 * budget check reads one small document instead of summing a month of calls, and the total is
 * updated in the same transaction as the call is stored, so two concurrent calls cannot both
 * add to a stale total.
 */
export function createAiUsageLedger(access: DocTransaction, root: DocumentDb): AiUsageLedger {
  const monthPath = (tenantId: string, month: string) => paths.doc(paths.aiUsageMonths(tenantId), month);
  const readMonth = async (tx: DocTransaction, tenantId: string, month: string): Promise<AiUsageMonth> => {
    const doc = await tx.get(monthPath(tenantId, month));
    return doc ? aiUsageMonthSchema.parse(doc.data) : { month, costMicros: 0, calls: 0 };
  };
  return {
    async record(ctx, usage) {
      const parsed = aiUsageSchema.parse(usage);
      const run = async (tx: DocTransaction) => {
        const total = await readMonth(tx, ctx.tenantId, parsed.month);
        await tx.set(paths.doc(paths.aiUsage(ctx.tenantId), parsed.id), parsed);
        await tx.set(monthPath(ctx.tenantId, parsed.month), {
          month: parsed.month,
          costMicros: total.costMicros + parsed.costMicros,
          calls: total.calls + 1,
        });
      };
      await (access === root ? root.runTransaction(run) : run(access));
    },
    month: (ctx, month) => readMonth(access, ctx.tenantId, month),
  };
}
