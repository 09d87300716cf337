import type { BillingAccount, MeterOutboxEntry } from '../domain/billing/account';
import type { UpdateDecision } from '../domain/billing/subscription';
import type { AiUsage } from '../domain/entities';
import type { TenantContext } from '../domain/tenancy';
import type { BillingEvent } from './billing-provider';

export type CountedUsage = 'postsPerMonth' | 'messagesPerMonth';

/**
 * Billing's operational state (Firestore / SQLite, like every repository): the account with its
 * subscription, processed provider events, monthly counters, and the meter outbox.
 */
export interface BillingRepository {
  account(ctx: TenantContext): Promise<BillingAccount | undefined>;
  saveAccount(ctx: TenantContext, account: BillingAccount): Promise<void>;
  /**
   * In one transaction: claim the event id (false = already processed, nothing changes), then
   * apply the subscription if `decide` says so. Also keeps `tenants/{t}.plan` in step.
   */
  applyEvent(
    ctx: TenantContext,
    event: BillingEvent,
    receivedAt: string,
    decide: (account: BillingAccount | undefined) => UpdateDecision | undefined,
  ): Promise<{ claimed: boolean; decision?: UpdateDecision }>;
  usage(ctx: TenantContext, month: string): Promise<Record<CountedUsage, number>>;
  /**
   * Adds `n` to a monthly counter if `allow(current)` says so, atomically (two concurrent sends
   * cannot both take the last unit). Returns the counter before the addition.
   */
  consume(
    ctx: TenantContext,
    month: string,
    counter: CountedUsage,
    n: number,
    allow: (current: number) => boolean,
  ): Promise<{ ok: boolean; before: number }>;
  /** The month's ledger entries (for metering). */
  ledgerEntries(ctx: TenantContext, month: string): Promise<AiUsage[]>;
  outbox(ctx: TenantContext, month: string): Promise<MeterOutboxEntry[]>;
  /** Creates entries that do not exist yet; an existing entry (pending or sent) is left as it is. */
  enqueue(ctx: TenantContext, entries: readonly MeterOutboxEntry[]): Promise<number>;
  markSent(ctx: TenantContext, entryId: string, sentAt: string): Promise<void>;
  /** Records which tenant a provider's customer belongs to (SystemDirectory.resolveBillingCustomer reads it). */
  linkCustomer(ctx: TenantContext, provider: string, customerId: string): Promise<void>;
}
