import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { aBrand, anOrderRow } from '../../../test/support/builders';
import { loadFebrl } from '../../../test/support/febrl';
import { anEventRow } from '../../../test/support/identity-records';
import { createTestWarehouse } from '../../../test/support/warehouse';
import { createOperationalStore } from '../../adapters/document-store/document-store';
import { createSqliteDocumentDb } from '../../adapters/embedded/sqlite-document-db';
import { pairKey, pairMetrics } from '../../domain/customers/matcher';
import { customerProfileSchema } from '../../domain/customers/profile';
import { reviewSchema } from '../../domain/customers/records';
import { systemContext } from '../../domain/tenancy';
import { createMemoryLogger } from '../../kernel/logging/logger';
import { fixedClock } from '../../ports/clock';
import type { DocumentDb } from '../../ports/document-db';
import type { Warehouse } from '../../ports/warehouse';
import { collectionPath } from '../profiles/paths';
import { createReresolveIdentitiesJob } from './reresolve-identities';
import { createResolveIdentitiesJob } from './resolve-identities';

const ctx = systemContext('t1', 'test');
const scope = { ctx, brandId: 'b1' };
let dir: string;
let db: DocumentDb;
let wh: Awaited<ReturnType<typeof createTestWarehouse>>;
let warehouse: Warehouse;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pp-identity-jobs-'));
  db = createSqliteDocumentDb(join(dir, 'db.sqlite'));
  wh = await createTestWarehouse();
  warehouse = wh.warehouse;
  await warehouse.ensureTenant(ctx);
  await createOperationalStore(db).brands.upsert(ctx, aBrand('b1', { currency: 'GBP' }));
});
afterEach(async () => {
  await wh.close();
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

function deps() {
  const store = createOperationalStore(db);
  return {
    db,
    warehouse,
    brands: store.brands,
    clock: fixedClock('2026-03-01T00:00:00Z'),
    logger: createMemoryLogger('DEBUG'),
  };
}
async function active() {
  return (await db.query(collectionPath(scope, 'profiles')))
    .map((d) => customerProfileSchema.parse(d.data))
    .filter((p) => p.status === 'active');
}
async function loadEvents(rows: ReturnType<typeof anEventRow>[]) {
  const days = rows.map((r) => r.day).sort();
  await warehouse.replaceRange(
    ctx,
    'events',
    { brandId: 'b1', from: days[0]! as never, to: days.at(-1)! as never },
    rows,
  );
}

describe('resolve-identities', () => {
  it('reads the events named in the message and links a till purchase to the later online visit', async () => {
    await loadEvents([
      anEventRow('b1', 'pos-1', '2026-02-01T10:00:00Z', {
        source: 'pos',
        type: 'store_visit',
        identifiers: [
          { kind: 'phone', value: '07700 900123' },
          { kind: 'card_last4', value: '4242' },
        ],
      }),
      anEventRow('b1', 'px-1', '2026-02-03T10:00:00Z', {
        clientId: 'cid-9',
        identifiers: [
          { kind: 'phone', value: '+44 7700 900123' },
          { kind: 'email', value: 'Jo@Example.com' },
        ],
        person: { first_name: 'Jo', last_name: 'Bloggs', city: 'Leeds' },
      }),
    ]);
    const job = createResolveIdentitiesJob(deps());
    const result = await job({
      tenantId: 't1',
      brandId: 'b1',
      idempotencyKey: 'k',
      eventIds: ['pos-1', 'px-1'],
    });
    expect(result).toMatchObject({ resolved: 2 });
    const profiles = await active();
    expect(profiles).toHaveLength(1);
    expect(profiles[0]!.identifiers.map((i) => `${i.kind}:${i.value}`)).toEqual([
      'card_last4:4242',
      'email:jo@example.com',
      'phone:+447700900123',
      'shopify_client_id:cid-9',
    ]);
    expect(profiles[0]!.person).toMatchObject({ firstName: 'Jo', lastName: 'Bloggs' });
  });
});

describe('reresolve-identities', () => {
  it('makes one profile per Shopify customer from the orders already in the warehouse, and a re-run changes nothing', async () => {
    await wh.load(ctx, 'orders', 'b1', [
      anOrderRow('b1', 'o1', '2026-01-05', 1000, {
        customer_id: 'gid://shopify/Customer/1',
        email: 'a@x.co',
        customer_name: 'Ann Lee',
      }),
      anOrderRow('b1', 'o2', '2026-01-09', 2000, {
        customer_id: 'gid://shopify/Customer/1',
        email: 'ann@x.co',
      }),
      anOrderRow('b1', 'o3', '2026-01-10', 3000, {
        customer_id: 'gid://shopify/Customer/2',
        email: 'b@x.co',
      }),
      anOrderRow('b1', 'o4', '2026-01-11', 3000, {}),
    ]);
    const job = createReresolveIdentitiesJob(deps());
    const report = await job.reresolve(scope, 'GB');
    expect(report).toMatchObject({ records: 3, graphProfiles: 2 });
    const profiles = await active();
    expect(profiles).toHaveLength(2);
    const ann = profiles.find((p) => p.identifiers.some((i) => i.value === 'a@x.co'))!;
    expect(ann.identifiers.map((i) => i.value).sort()).toEqual([
      'a@x.co',
      'ann@x.co',
      'gid://shopify/Customer/1',
    ]);
    expect(ann.person).toMatchObject({ firstName: 'Ann', lastName: 'Lee' });
    const again = await job.reresolve(scope, 'GB');
    expect(again).toMatchObject({ resolvedMissing: 0, merges: 0, reviews: 0 });
  });

  it('files person matches without a shared identifier for review, never merging them (Febrl dataset 1)', async () => {
    const { records, truePairs } = loadFebrl('dataset1');
    await loadEvents(
      records.map((r, i) =>
        anEventRow(
          'b1',
          `ev-${i}`,
          `2026-01-01T00:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}Z`,
          {
            type: 'customer_created',
            source: 'api',
            identifiers: [{ kind: 'email', value: `record${i}@example.com` }],
            person: {
              first_name: r.firstName,
              last_name: r.lastName,
              address1: r.address1,
              address2: r.address2,
              city: r.city,
              postcode: r.postcode,
              date_of_birth: r.dateOfBirth,
            },
          },
        ),
      ),
    );
    const job = createReresolveIdentitiesJob(deps());
    const report = await job.reresolve(scope, 'GB');
    expect(report.merges).toBe(0);
    expect(await active()).toHaveLength(1000);
    const reviews = (await db.query(collectionPath(scope, 'reviews'))).map((d) => reviewSchema.parse(d.data));
    expect(reviews.every((r) => r.reason === 'probabilistic' && r.status === 'pending')).toBe(true);
    const recordOf = new Map(
      (await active()).map((p) => [p.id, Number(/^record(\d+)@/.exec(p.identifiers[0]!.value)![1])]),
    );
    const proposed = new Set(
      reviews.map((r) => pairKey(recordOf.get(r.profileIds[0]!)!, recordOf.get(r.profileIds[1]!)!)),
    );
    const metrics = pairMetrics(proposed, truePairs);
    expect(metrics.precision).toBeGreaterThanOrEqual(0.95);
    expect(metrics.recall).toBeGreaterThanOrEqual(0.95);
  }, 60_000);
});
