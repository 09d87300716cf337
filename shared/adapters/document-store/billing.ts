import { z } from 'zod';
import {
  type BillingAccount,
  billingAccountSchema,
  meterOutboxEntrySchema,
} from '../../domain/billing/account';
import { aiUsageSchema, tenantSchema } from '../../domain/entities';
import type { BillingEvent } from '../../ports/billing-provider';
import type { BillingRepository, CountedUsage } from '../../ports/billing-store';
import type { DocTransaction, DocumentDb } from '../../ports/document-db';
import { paths } from './paths';

/**
 * Billing documents: `tenants/{t}/billing/account`, `tenants/{t}/billingEvents/{eventId}`
 * (processed provider events, never expired: a replay months later must still change nothing),
 * `tenants/{t}/usageMonths/{YYYY-MM}` (post and message counters), `tenants/{t}/meterOutbox/{entryId}`,
 * and the global `billingCustomers/{provider}:{customerId}` index webhooks resolve tenants with.
 */
const tenantPath = (t: string) => paths.tenant(t);
const accountPath = (t: string) => paths.doc(`${tenantPath(t)}/billing`, 'account');
const eventPath = (t: string, id: string) => paths.doc(`${tenantPath(t)}/billingEvents`, id);
const usagePath = (t: string, month: string) => paths.doc(`${tenantPath(t)}/usageMonths`, month);
const outboxColl = (t: string) => `${tenantPath(t)}/meterOutbox`;
const customerPath = (provider: string, id: string) => paths.doc('billingCustomers', `${provider}:${id}`);

const usageSchema = z.object({
  postsPerMonth: z.number().int().nonnegative().default(0),
  messagesPerMonth: z.number().int().nonnegative().default(0),
});

export function createBillingRepository(access: DocTransaction, root: DocumentDb): BillingRepository {
  const inTx = <T>(fn: (tx: DocTransaction) => Promise<T>) =>
    access === root ? root.runTransaction(fn) : fn(access);
  const readAccount = async (tx: DocTransaction, t: string) => {
    const doc = await tx.get(accountPath(t));
    return doc ? billingAccountSchema.parse(doc.data) : undefined;
  };
  const readUsage = async (tx: DocTransaction, t: string, month: string) => {
    const doc = await tx.get(usagePath(t, month));
    return usageSchema.parse(doc?.data ?? {});
  };

  return {
    account: (ctx) => readAccount(access, ctx.tenantId),
    async saveAccount(ctx, account) {
      await access.set(accountPath(ctx.tenantId), billingAccountSchema.parse(account));
    },
    applyEvent(ctx, event: BillingEvent, receivedAt, decide) {
      return inTx(async (tx) => {
        // Every read first (Firestore's transaction rule), then the writes.
        const seen = await tx.get(eventPath(ctx.tenantId, event.id));
        const account = await readAccount(tx, ctx.tenantId);
        const tenantDoc = await tx.get(tenantPath(ctx.tenantId));
        if (seen) return { claimed: false };
        const decision = decide(account);
        await tx.set(eventPath(ctx.tenantId, event.id), {
          id: event.id,
          type: event.type,
          created: event.created,
          outcome: decision === undefined ? 'ignored' : decision.apply ? 'applied' : decision.reason,
          receivedAt,
        });
        if (decision?.apply) {
          const next: BillingAccount = billingAccountSchema.parse({
            ...(account ?? { provider: event.provider }),
            ...(event.customerId ? { customerId: event.customerId } : {}),
            subscription: decision.next,
            updatedAt: receivedAt,
          });
          await tx.set(accountPath(ctx.tenantId), next);
          if (tenantDoc) {
            const tenant = tenantSchema.parse(tenantDoc.data);
            if (tenant.plan !== decision.next.planId)
              await tx.set(tenantPath(ctx.tenantId), {
                ...tenant,
                plan: decision.next.planId,
                updatedAt: receivedAt,
              });
          }
        }
        return { claimed: true, ...(decision ? { decision } : {}) };
      });
    },
    async usage(ctx, month) {
      return readUsage(access, ctx.tenantId, month);
    },
    consume(ctx, month, counter: CountedUsage, n, allow) {
      return inTx(async (tx) => {
        const usage = await readUsage(tx, ctx.tenantId, month);
        const before = usage[counter];
        if (!allow(before)) return { ok: false, before };
        await tx.set(usagePath(ctx.tenantId, month), { ...usage, [counter]: before + n });
        return { ok: true, before };
      });
    },
    async ledgerEntries(ctx, month) {
      const docs = await access.query(paths.aiUsage(ctx.tenantId), { where: [['month', '==', month]] });
      return docs.map((d) => aiUsageSchema.parse(d.data));
    },
    async outbox(ctx, month) {
      const docs = await access.query(outboxColl(ctx.tenantId), { where: [['month', '==', month]] });
      return docs.map((d) => meterOutboxEntrySchema.parse(d.data));
    },
    enqueue(ctx, entries) {
      return inTx(async (tx) => {
        const parsed = entries.map((e) => meterOutboxEntrySchema.parse(e));
        const existing = await Promise.all(
          parsed.map((e) => tx.get(paths.doc(outboxColl(ctx.tenantId), e.entryId))),
        );
        const fresh = parsed.filter((_, i) => !existing[i]);
        for (const e of fresh) await tx.set(paths.doc(outboxColl(ctx.tenantId), e.entryId), e);
        return fresh.length;
      });
    },
    markSent(ctx, entryId, sentAt) {
      return inTx(async (tx) => {
        const path = paths.doc(outboxColl(ctx.tenantId), entryId);
        const doc = await tx.get(path);
        if (!doc) throw new Error(`meter outbox entry ${entryId} does not exist`);
        const entry = meterOutboxEntrySchema.parse(doc.data);
        if (entry.status === 'sent') return;
        await tx.set(path, { ...entry, status: 'sent', sentAt });
      });
    },
    async linkCustomer(ctx, provider, customerId) {
      await access.set(customerPath(provider, customerId), { tenantId: ctx.tenantId, provider, customerId });
    },
  };
}

/** SystemDirectory's half: a webhook knows the provider's customer id, not the tenant. */
export async function resolveBillingCustomer(
  db: DocumentDb,
  provider: string,
  customerId: string,
): Promise<string | undefined> {
  const doc = await db.get(customerPath(provider, customerId));
  return doc ? String(doc.data.tenantId) : undefined;
}
