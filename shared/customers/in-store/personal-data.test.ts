import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOperationalStore } from '../../adapters/document-store/document-store';
import { createSqliteDocumentDb } from '../../adapters/embedded/sqlite-document-db';
import type { Alert } from '../../domain/entities';
import { systemContext } from '../../domain/tenancy';
import type { DocumentDb } from '../../ports/document-db';
import { eraseInStoreAlerts } from './personal-data';

const ctx = systemContext('t1', 'test');
const scope = { ctx, brandId: 'b1' };
let dir: string;
let db: DocumentDb;
let store: ReturnType<typeof createOperationalStore>;

const anAlert = (id: string, type: Alert['type'], profileId: string | null): Alert => ({
  id,
  brandId: 'b1',
  dedupeKey: id,
  type,
  severity: 'info',
  title: id,
  explanation: '',
  recommendedAction: '',
  evidence: { profile_id: profileId },
  status: 'open',
  createdAt: '2026-02-03T10:00:00Z',
  updatedAt: '2026-02-03T10:00:00Z',
});

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pp-instore-erase-'));
  db = createSqliteDocumentDb(join(dir, 'db.sqlite'));
  store = createOperationalStore(db);
  await store.alerts.upsertMany(ctx, 'b1', [
    anAlert('rosa-soho', 'customer_in_store', 'p-rosa'),
    anAlert('rosa-old-profile', 'customer_in_store', 'p-rosa-merged'),
    anAlert('sam-soho', 'customer_in_store', 'p-sam'),
    anAlert('roas', 'roas_drop', null),
  ]);
});
afterEach(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

const left = async () => (await store.alerts.list(ctx, 'b1')).map((a) => a.id).sort();

describe('erasing in-store alerts', () => {
  it('customers/redact deletes the alerts about the erased profiles only', async () => {
    expect(await eraseInStoreAlerts(store.alerts, scope, new Set(['p-rosa', 'p-rosa-merged']))).toBe(2);
    expect(await left()).toEqual(['roas', 'sam-soho']);
  });

  it('shop/redact deletes every in-store alert of the brand and leaves the others', async () => {
    expect(await eraseInStoreAlerts(store.alerts, scope, 'all')).toBe(3);
    expect(await left()).toEqual(['roas']);
  });
});
