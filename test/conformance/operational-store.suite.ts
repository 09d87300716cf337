import { describe, expect, it } from 'vitest';
import {
  createOperationalStore,
  createSystemDirectory,
} from '../../shared/adapters/document-store/document-store';
import type { Product, Recommendation, Tenant } from '../../shared/domain/entities';
import { systemContext, type TenantContext } from '../../shared/domain/tenancy';
import { NotFoundError } from '../../shared/kernel/errors';
import type { DocumentDb } from '../../shared/ports/document-db';
import type { OperationalStore } from '../../shared/ports/operational-store';
import { aBrand, aRecommendation as aBrandRecommendation } from '../support/builders';

/**
 * What every OperationalStore backend must do, as checks over a DocumentDb factory. Each check
 * throws (through `expect`) when the rule is broken; `describeOperationalStoreConformance` runs
 * them for a backend, and the meta-test runs them against broken doubles to prove they can fail.
 */
export type DbFactory = () => Promise<DocumentDb>;

const NOW = '2026-01-05T12:00:00.000Z';
const ctxA = systemContext('tenant_a', 'conformance');
const ctxB = systemContext('tenant_b', 'conformance');

export const aTenant = (id: string, over: Partial<Tenant> = {}): Tenant => ({
  id,
  name: `Tenant ${id}`,
  plan: 'growth',
  aiMonthlyBudgetMicros: 1_000,
  createdAt: NOW,
  updatedAt: NOW,
  ...over,
});

/** Several recommendations of brand b1, told apart by id (the shared builder keys by brand). */
const aRecommendation = (id: string, over: Partial<Recommendation> = {}): Recommendation =>
  aBrandRecommendation('b1', { id, dedupeKey: `reduce:${id}`, ...over });

async function withStore(make: DbFactory, fn: (store: OperationalStore, db: DocumentDb) => Promise<void>) {
  const db = await make();
  try {
    await fn(createOperationalStore(db), db);
  } finally {
    await db.close();
  }
}

export const operationalStoreChecks: Record<string, (make: DbFactory) => Promise<void>> = {
  'a transaction that throws rolls back every write': (make) =>
    withStore(make, async (store) => {
      await store.tenants.upsert(ctxA, aTenant('tenant_a'));
      await expect(
        store.transaction(ctxA, async (tx) => {
          await tx.brands.upsert(ctxA, aBrand('b1'));
          await tx.tenants.upsert(ctxA, aTenant('tenant_a', { name: 'changed' }));
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await store.brands.get(ctxA, 'b1')).toBeUndefined();
      expect((await store.tenants.get(ctxA))?.name).toBe('Tenant tenant_a');
    }),

  'upserting the same document twice leaves one, with the second value': (make) =>
    withStore(make, async (store) => {
      await store.brands.upsert(ctxA, aBrand('b1'));
      await store.brands.upsert(ctxA, aBrand('b1', { name: 'Renamed' }));
      await store.recommendations.upsertMany(ctxA, 'b1', [
        aRecommendation('r1'),
        aRecommendation('r1', { score: 20 }),
      ]);
      const brands = await store.brands.list(ctxA);
      expect(brands.map((b) => [b.id, b.name])).toEqual([['b1', 'Renamed']]);
      const recs = await store.recommendations.list(ctxA, 'b1');
      expect(recs.map((r) => [r.id, r.score])).toEqual([['r1', 20]]);
    }),

  'queries never cross tenants': (make) =>
    withStore(make, async (store) => {
      await store.brands.upsert(ctxA, aBrand('b1'));
      await store.recommendations.upsert(ctxA, 'b1', aRecommendation('r1'));
      await store.users.upsert(ctxA, { uid: 'u1', role: 'owner', createdAt: NOW });
      expect(await store.brands.list(ctxB)).toEqual([]);
      expect(await store.brands.get(ctxB, 'b1')).toBeUndefined();
      expect(await store.recommendations.list(ctxB, 'b1')).toEqual([]);
      expect(await store.recommendations.listByStatus(ctxB, 'b1', { status: 'open' })).toEqual([]);
      expect(await store.recommendations.findByDedupeKey(ctxB, 'b1', 'reduce:r1')).toBeUndefined();
      expect(await store.users.list(ctxB)).toEqual([]);
    }),

  'a brand outside the allow-list is not found': (make) =>
    withStore(make, async (store) => {
      await store.brands.upsert(ctxA, aBrand('b1'));
      await store.brands.upsert(ctxA, aBrand('b2'));
      await store.recommendations.upsert(ctxA, 'b2', aRecommendation('r2', { brandId: 'b2' }));
      const agencyClient: TenantContext = {
        tenantId: 'tenant_a',
        uid: 'client',
        role: 'viewer',
        brandIds: ['b1'],
      };
      expect((await store.brands.list(agencyClient)).map((b) => b.id)).toEqual(['b1']);
      expect(await store.brands.get(agencyClient, 'b2')).toBeUndefined();
      await expect(store.recommendations.list(agencyClient, 'b2')).rejects.toBeInstanceOf(NotFoundError);
    }),

  'two concurrent writers do not lose updates': (make) =>
    withStore(make, async (store) => {
      await store.tenants.upsert(ctxA, aTenant('tenant_a', { aiMonthlyBudgetMicros: 0 }));
      const increment = () =>
        store.transaction(ctxA, async (tx) => {
          const t = (await tx.tenants.get(ctxA))!;
          await tx.tenants.upsert(ctxA, { ...t, aiMonthlyBudgetMicros: t.aiMonthlyBudgetMicros + 1 });
        });
      await Promise.all(Array.from({ length: 10 }, increment));
      expect((await store.tenants.get(ctxA))?.aiMonthlyBudgetMicros).toBe(10);
    }),

  'a webhook receipt is claimed once however often it is delivered': (make) =>
    withStore(make, async (store) => {
      const receipt = { id: 'wh-1', topic: 'orders/create', receivedAt: NOW, expiresAt: NOW };
      const results = await Promise.all([1, 2, 3].map(() => store.webhookReceipts.claim(ctxA, receipt)));
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await store.webhookReceipts.claim(ctxB, receipt)).toBe(true);
    }),

  'many ids are read at once (past one query chunk), only the brand and tenant asked for': (make) =>
    withStore(make, async (store) => {
      const ids = Array.from({ length: 45 }, (_, i) => `r${i}`);
      await store.recommendations.upsertMany(
        ctxA,
        'b1',
        ids.map((id) => aRecommendation(id)),
      );
      await store.recommendations.upsertMany(ctxB, 'b1', [aRecommendation('r0', { title: 'tenant b' })]);
      const found = await store.recommendations.getMany(ctxA, 'b1', [...ids, 'r0', 'missing']);
      expect([...found.keys()].sort()).toEqual([...ids].sort());
      expect(found.get('r7')?.id).toBe('r7');
      expect((await store.recommendations.getMany(ctxB, 'b1', ids)).get('r0')?.title).toBe('tenant b');
      expect((await store.recommendations.getMany(ctxB, 'b1', ids)).size).toBe(1);
      expect((await store.recommendations.getMany(ctxA, 'b2', ids)).size).toBe(0);
      expect((await store.recommendations.getMany(ctxA, 'b1', [])).size).toBe(0);
    }),
  'every product write moves its brand’s catalogue version, and no other brand’s or tenant’s': (make) =>
    withStore(make, async (store) => {
      const tee = (id: string, over: Partial<Product> = {}): Product => ({
        id,
        productId: 'gid://shopify/Product/1',
        title: 'Trail Tee',
        priceMinor: 2_500,
        currency: 'USD',
        status: 'active',
        updatedAt: NOW,
        ...over,
      });
      const version = () => store.products.version(ctxA, 'b1');
      expect(await version()).toBeNull();
      const seen = new Set<string | null>([null]);
      const moves = async (write: () => Promise<unknown>) => {
        await write();
        const v = await version();
        expect(seen.has(v)).toBe(false);
        seen.add(v);
      };
      await moves(() => store.products.upsert(ctxA, 'b1', tee('v1')));
      await moves(() =>
        store.products.upsertMany(ctxA, 'b1', [tee('v2'), tee('v1', { unitCostMinor: 900 })]),
      );
      await moves(() => store.transaction(ctxA, (tx) => tx.products.upsertMany(ctxA, 'b1', [tee('v3')])));
      await moves(() => store.products.delete(ctxA, 'b1', 'v2'));
      const last = await version();
      await store.products.upsertMany(ctxA, 'b1', []);
      expect(await version()).toBe(last);
      await expect(
        store.transaction(ctxA, async (tx) => {
          await tx.products.upsert(ctxA, 'b1', tee('v4'));
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await version()).toBe(last);
      expect(await store.products.version(ctxA, 'b2')).toBeNull();
      expect(await store.products.version(ctxB, 'b1')).toBeNull();
    }),
  'statuses and dedupe keys find the right documents': (make) =>
    withStore(make, async (store) => {
      await store.recommendations.upsertMany(ctxA, 'b1', [
        aRecommendation('r1', { status: 'open', updatedAt: '2026-01-01T00:00:00.000Z' }),
        aRecommendation('r2', { status: 'dismissed' }),
        aRecommendation('r3', {
          status: 'open',
          dedupeKey: 'promote:x',
          updatedAt: '2026-01-03T00:00:00.000Z',
        }),
      ]);
      const open = await store.recommendations.listByStatus(ctxA, 'b1', { status: 'open' });
      expect(open.map((r) => r.id)).toEqual(['r3', 'r1']);
      expect((await store.recommendations.findByDedupeKey(ctxA, 'b1', 'promote:x'))?.id).toBe('r3');
    }),

  'deleting a tenant removes everything below it and its shop domains': (make) =>
    withStore(make, async (store, db) => {
      await store.tenants.upsert(ctxA, aTenant('tenant_a'));
      await store.brands.upsert(ctxA, aBrand('b1'));
      await store.recommendations.upsert(ctxA, 'b1', aRecommendation('r1'));
      await store.writeKeys.create(ctxA, aWriteKey('w1', `pp_wk_${'c'.repeat(32)}`));
      await store.tenants.upsert(ctxB, aTenant('tenant_b'));
      const directory = createSystemDirectory(db);
      expect(await directory.resolveShop('b1.myshopify.com')).toEqual({
        tenantId: 'tenant_a',
        brandId: 'b1',
      });
      await store.tenants.delete(ctxA);
      expect(await store.tenants.get(ctxA)).toBeUndefined();
      expect(await store.recommendations.list(ctxA, 'b1')).toEqual([]);
      expect(await directory.resolveShop('b1.myshopify.com')).toBeUndefined();
      expect(await directory.resolveWriteKey(`pp_wk_${'c'.repeat(32)}`)).toBeUndefined();
      expect(await directory.listTenantIds()).toEqual(['tenant_b']);
    }),

  'a billing event applies once, keeps the tenant plan in step, and its customer resolves': (make) =>
    withStore(make, async (store, db) => {
      await store.tenants.upsert(ctxA, aTenant('tenant_a'));
      await store.billing.linkCustomer(ctxA, 'stripe', 'cus_1');
      const snapshot = {
        provider: 'stripe' as const,
        id: 'sub_1',
        customerId: 'cus_1',
        status: 'active' as const,
        planId: 'agency' as const,
        currency: 'USD' as const,
        addOns: [],
        createdAt: NOW,
        cancelAtPeriodEnd: false,
      };
      const event = {
        id: 'evt_1',
        type: 'customer.subscription.created',
        created: 100,
        provider: 'stripe' as const,
      };
      const decide = () => ({ apply: true as const, next: { ...snapshot, eventCreated: 100 } });
      expect((await store.billing.applyEvent(ctxA, event, NOW, decide)).claimed).toBe(true);
      expect((await store.billing.applyEvent(ctxA, event, NOW, decide)).claimed).toBe(false);
      expect((await store.billing.account(ctxA))?.subscription).toMatchObject({
        id: 'sub_1',
        planId: 'agency',
      });
      expect((await store.tenants.get(ctxA))?.plan).toBe('agency');
      expect(await createSystemDirectory(db).resolveBillingCustomer('stripe', 'cus_1')).toBe('tenant_a');
      expect(await store.billing.account(ctxB)).toBeUndefined();
    }),

  'a monthly counter never passes its limit under concurrent consumers': (make) =>
    withStore(make, async (store) => {
      const take = () =>
        store.billing.consume(ctxA, '2026-01', 'messagesPerMonth', 1, (used) => used + 1 <= 3);
      const results = await Promise.all([take(), take(), take(), take(), take()]);
      expect(results.filter((r) => r.ok)).toHaveLength(3);
      expect((await store.billing.usage(ctxA, '2026-01')).messagesPerMonth).toBe(3);
    }),

  'the meter outbox keeps an entry’s first amount and remembers it was sent': (make) =>
    withStore(make, async (store) => {
      const entry = {
        entryId: 'u1',
        identifier: 'pp:tenant_a:ai:u1',
        month: '2026-01',
        at: NOW,
        overageMicros: 500,
        status: 'pending' as const,
      };
      expect(await store.billing.enqueue(ctxA, [entry])).toBe(1);
      expect(await store.billing.enqueue(ctxA, [{ ...entry, overageMicros: 900 }])).toBe(0);
      await store.billing.markSent(ctxA, 'u1', NOW);
      expect(await store.billing.outbox(ctxA, '2026-01')).toEqual([
        { ...entry, status: 'sent', sentAt: NOW },
      ]);
      expect(await store.billing.outbox(ctxB, '2026-01')).toEqual([]);
    }),
};

/** A publishable write key of brand b1 (shared/domain/customers/write-key.ts). */
const aWriteKey = (id: string, key: string) => ({
  id,
  brandId: 'b1',
  name: `key ${id}`,
  key,
  allowedOrigins: [],
  requestsPerMinute: 600,
  createdBy: 'conformance',
  createdAt: NOW,
});

operationalStoreChecks['a write key finds its brand until it is revoked'] = (make) =>
  withStore(make, async (store, db) => {
    const directory = createSystemDirectory(db);
    const k1 = `pp_wk_${'a'.repeat(32)}`;
    const k2 = `pp_wk_${'b'.repeat(32)}`;
    await store.tenants.upsert(ctxA, aTenant('tenant_a'));
    await store.brands.upsert(ctxA, aBrand('b1'));
    await store.writeKeys.create(ctxA, aWriteKey('w1', k1));
    await store.writeKeys.create(ctxA, aWriteKey('w2', k2));
    expect(await directory.resolveWriteKey(k1)).toEqual({ tenantId: 'tenant_a', brandId: 'b1', keyId: 'w1' });
    expect(await store.writeKeys.list(ctxB, 'b1')).toEqual([]);
    const revoked = await store.writeKeys.revoke(ctxA, 'b1', 'w1', '2026-01-06T00:00:00.000Z');
    expect(revoked?.revokedAt).toBe('2026-01-06T00:00:00.000Z');
    expect(await directory.resolveWriteKey(k1)).toBeUndefined();
    expect((await store.writeKeys.get(ctxA, 'b1', 'w1'))?.revokedAt).toBe('2026-01-06T00:00:00.000Z');
    expect((await directory.resolveWriteKey(k2))?.keyId).toBe('w2');
  });

export function describeOperationalStoreConformance(backend: string, make: DbFactory): void {
  describe(`OperationalStore conformance: ${backend}`, () => {
    for (const [name, check] of Object.entries(operationalStoreChecks)) it(name, () => check(make));
  });
}
