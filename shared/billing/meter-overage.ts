import type { MeterOutboxEntry } from '../domain/billing/account';
import { overageByEntry } from '../domain/billing/overage';
import { effectiveLimits, PLANS } from '../domain/billing/plans';
import type { BillingProviderKind } from '../domain/billing/subscription';
import { systemContext, type TenantContext } from '../domain/tenancy';
import type { Logger } from '../kernel/logging/logger';
import type { BillingProvider } from '../ports/billing-provider';
import type { Clock } from '../ports/clock';
import type { OperationalStore, SystemDirectory } from '../ports/operational-store';

export interface MeterOverageJobDeps {
  store: Pick<OperationalStore, 'billing'>;
  directory: Pick<SystemDirectory, 'listTenantIds'>;
  providers: Partial<Record<BillingProviderKind, BillingProvider>>;
  clock: Clock;
  logger: Logger;
}

/** The provider's idempotency key for one ledger entry, stable across runs. */
export const meterIdentifier = (tenantId: string, entryId: string) => `pp:${tenantId}:ai:${entryId}`;

/**
 * `meter-ai-overage` (cron): reports AI use past the included budget to the billing provider,
 * once per ledger entry. Two steps make it crash-safe: first every overage is written to the
 * tenant's meter outbox (its amount frozen there), then each pending entry is sent with the
 * entry's identifier and marked sent. A crash before the send leaves it pending for the next run;
 * a crash after the send but before the mark re-sends the same identifier, which the provider
 * refuses as a duplicate (Stripe: 400 "already exists"), so nothing is counted twice.
 */
export function createMeterOverageJob(deps: MeterOverageJobDeps) {
  async function runForTenant(
    ctx: TenantContext,
    month: string,
  ): Promise<{ enqueued: number; sent: number }> {
    const account = await deps.store.billing.account(ctx);
    const sub = account?.subscription;
    if (!account || !sub) return { enqueued: 0, sent: 0 };
    const provider = deps.providers[account.provider];
    if (!provider) {
      deps.logger.warn('no billing provider configured for tenant', {
        tenant: ctx.tenantId,
        provider: account.provider,
      });
      return { enqueued: 0, sent: 0 };
    }
    let enqueued = 0;
    // Hard-capped tenants are refused at the budget, so they have no overage to enqueue; what
    // an earlier metered period already enqueued is still sent below.
    if (PLANS[sub.planId].aiOverage && account.aiOverage === 'metered') {
      const included = effectiveLimits(sub.planId, sub.addOns).aiBudgetMicros;
      const entries = await deps.store.billing.ledgerEntries(ctx, month);
      const overs = overageByEntry(entries, included);
      enqueued = await deps.store.billing.enqueue(
        ctx,
        overs.map(
          (o): MeterOutboxEntry => ({
            entryId: o.id,
            identifier: meterIdentifier(ctx.tenantId, o.id),
            month,
            at: o.at,
            overageMicros: o.overageMicros,
            status: 'pending',
          }),
        ),
      );
    }
    const pending = (await deps.store.billing.outbox(ctx, month))
      .filter((e) => e.status === 'pending')
      .sort((a, b) => a.at.localeCompare(b.at) || a.entryId.localeCompare(b.entryId));
    let sent = 0;
    const ref = {
      ...(account.customerId ? { customerId: account.customerId } : {}),
      subscriptionId: sub.id,
      ...(account.shopBrandId ? { shopBrandId: account.shopBrandId } : {}),
    };
    for (const entry of pending) {
      await provider.reportUsage(ctx, ref, {
        identifier: entry.identifier,
        overageMicros: entry.overageMicros,
        at: new Date(entry.at),
      });
      await deps.store.billing.markSent(ctx, entry.entryId, deps.clock.now().toISOString());
      sent++;
    }
    return { enqueued, sent };
  }

  /** This month and the last (entries recorded at a month's end are still reported). */
  async function run(): Promise<{ tenants: number; sent: number; failed: number }> {
    const now = deps.clock.now();
    const months = [
      new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)).toISOString().slice(0, 7),
      now.toISOString().slice(0, 7),
    ];
    let sent = 0;
    let failed = 0;
    const tenants = await deps.directory.listTenantIds();
    for (const tenantId of tenants) {
      const ctx = systemContext(tenantId, 'meter-ai-overage');
      for (const month of months) {
        try {
          sent += (await runForTenant(ctx, month)).sent;
        } catch (err) {
          // One tenant's provider failure must not hold up the others; its entries stay pending.
          failed++;
          deps.logger.error('AI overage metering failed', { tenant: tenantId, month, error: err });
        }
      }
    }
    return { tenants: tenants.length, sent, failed };
  }

  return { run, runForTenant };
}
export type MeterOverageJob = ReturnType<typeof createMeterOverageJob>;
