import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { aBrand } from '../../../test/support/builders';
import { anEventRow } from '../../../test/support/identity-records';
import { createTestWarehouse } from '../../../test/support/warehouse';
import { createOperationalStore } from '../../adapters/document-store/document-store';
import { createSqliteDocumentDb } from '../../adapters/embedded/sqlite-document-db';
import type { Alert } from '../../domain/entities';
import { systemContext } from '../../domain/tenancy';
import { localDate } from '../../domain/time';
import { createMemoryLogger } from '../../kernel/logging/logger';
import { fixedClock } from '../../ports/clock';
import type { DocumentDb } from '../../ports/document-db';
import { createResolveIdentitiesJob } from '../identity/resolve-identities';
import { collectionPath } from './paths';
import { exportCustomerProfiles, redactCustomerProfiles, redactIndexedEvents } from './privacy';

const ctx = systemContext('t1', 'test');
const scope = { ctx, brandId: 'b1' };
const PERSONAL = ['rosa@example.com', '+447700900456', 'Rosa', 'Quigley', '12 Canal Street', 'M1 3HE'];
let dir: string;
let db: DocumentDb;
let store: ReturnType<typeof createOperationalStore>;
let wh: Awaited<ReturnType<typeof createTestWarehouse>>;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pp-privacy-'));
  db = createSqliteDocumentDb(join(dir, 'db.sqlite'));
  wh = await createTestWarehouse();
  await wh.warehouse.ensureTenant(ctx);
  store = createOperationalStore(db);
  await store.brands.upsert(ctx, aBrand('b1', { currency: 'GBP' }));
  const person = {
    first_name: 'Rosa',
    last_name: 'Quigley',
    address1: '12 Canal Street',
    city: 'Manchester',
    postcode: 'M1 3HE',
  };
  const events = [
    anEventRow('b1', 'e1', '2026-02-01T10:00:00Z', {
      identifiers: [{ kind: 'email', value: 'rosa@example.com' }],
      person,
    }),
    anEventRow('b1', 'e2', '2026-02-01T11:00:00Z', {
      source: 'pos',
      identifiers: [{ kind: 'phone', value: '07700 900456' }],
    }),
    anEventRow('b1', 'e3', '2026-02-01T12:00:00Z', {
      identifiers: [
        { kind: 'email', value: 'rosa@example.com' },
        { kind: 'phone', value: '+44 7700 900456' },
      ],
    }),
    anEventRow('b1', 'e4', '2026-02-01T13:00:00Z', {
      identifiers: [{ kind: 'email', value: 'sam@example.com' }],
      person: { first_name: 'Sam' },
    }),
  ];
  await wh.warehouse.replaceRange(
    ctx,
    'events',
    { brandId: 'b1', from: localDate('2026-02-01'), to: localDate('2026-02-01') },
    events,
  );
  const job = createResolveIdentitiesJob({
    db,
    warehouse: wh.warehouse,
    brands: store.brands,
    clock: fixedClock('2026-02-02T00:00:00Z'),
    logger: createMemoryLogger('DEBUG'),
  });
  await job({ tenantId: 't1', brandId: 'b1', idempotencyKey: 'k', eventIds: ['e1', 'e2', 'e3', 'e4'] });
});
afterEach(async () => {
  await wh.close();
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The in-store alert the visit of the person behind `profileId` raised (decision 932). */
const inStoreAlert = (profileId: string, name: string): Alert => ({
  id: `alert-${profileId}`,
  brandId: 'b1',
  dedupeKey: `customer_in_store:${profileId}:Soho:2026-02-03`,
  type: 'customer_in_store',
  severity: 'info',
  title: `${name} is in the store at Soho`,
  explanation: `${name} is a Champions customer.`,
  recommendedAction: `Greet ${name} by name.`,
  evidence: { profile_id: profileId, location: 'Soho' },
  status: 'open',
  createdAt: '2026-02-03T10:00:00Z',
  updatedAt: '2026-02-03T10:00:00Z',
});

/** Alerts about Rosa under both her profiles (the survivor and the one merged into it), one about Sam. */
async function seedInStoreAlerts() {
  for (const d of await db.query(collectionPath(scope, 'profiles'))) {
    const sam = JSON.stringify(d.data).includes('sam@');
    await store.alerts.upsert(ctx, 'b1', inStoreAlert(d.id, sam ? 'Sam' : 'Rosa Quigley'));
  }
}

async function everything(): Promise<string> {
  const alerts = await store.alerts.list(ctx, 'b1');
  const docs = [];
  for (const name of ['profiles', 'identifiers', 'merges', 'reviews'] as const)
    docs.push(...(await db.query(collectionPath(scope, name))));
  const events = await wh.warehouse.query(ctx, 'SELECT * FROM {{events}}');
  const index = await wh.warehouse.query(ctx, 'SELECT * FROM {{event_identifiers}}');
  return JSON.stringify({ docs, events, index, alerts });
}

describe('customer privacy', () => {
  it('data_request exports the profile, its merge history, its in-store alerts and its events', async () => {
    await seedInStoreAlerts();
    const data = await exportCustomerProfiles(
      { db, warehouse: wh.warehouse, alerts: store.alerts },
      scope,
      { email: 'ROSA@example.com' },
      'GB',
    );
    expect(data.profiles).toHaveLength(2); // the survivor and the phone-only profile merged into it
    expect(data.merges).toHaveLength(1);
    expect(data.inStoreAlerts.map((a) => a.title)).toEqual([
      'Rosa Quigley is in the store at Soho',
      'Rosa Quigley is in the store at Soho',
    ]);
    expect(data.eventIds.sort()).toEqual(['e1', 'e2', 'e3']);
  });

  it('redact removes the email, phone, name and address from the store and the warehouse, events included', async () => {
    await seedInStoreAlerts();
    const before = await everything();
    for (const value of [...PERSONAL, 'Rosa Quigley is in the store']) expect(before).toContain(value);
    const result = await redactCustomerProfiles(
      {
        db,
        warehouse: wh.warehouse,
        redactEvents: redactIndexedEvents({ db, warehouse: wh.warehouse }),
        alerts: store.alerts,
      },
      scope,
      { phone: '07700 900456' },
      'GB',
      'erased:1',
    );
    expect(result).toMatchObject({ profiles: 2, merges: 1, events: 3, alerts: 2 });
    const after = await everything();
    for (const value of [...PERSONAL, 'Rosa Quigley is in the store']) expect(after).not.toContain(value);
    expect(after).toContain('sam@example.com');
    expect((await store.alerts.list(ctx, 'b1')).map((a) => a.title)).toEqual(['Sam is in the store at Soho']);
  });
});
