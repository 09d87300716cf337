import { Firestore } from '@google-cloud/firestore';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firestoreTestTarget } from '../../../test/conformance/local-firestore';
import { createFirestoreDocumentDb, FIRESTORE_MAX_WRITES, TTL_FIELD } from './firestore-document-db';

process.env.METADATA_SERVER_DETECTION ??= 'none';

// Google's emulator when FIRESTORE_EMULATOR_HOST is set (in Cloud Build, and in `npm test` where
// gcloud's emulator is installed), @firestore-emulator/server otherwise.
describe('FirestoreDocumentDb (on an emulator)', () => {
  let target: Awaited<ReturnType<typeof firestoreTestTarget>>;
  let n = 0;
  beforeAll(async () => {
    target = await firestoreTestTarget();
  });
  afterAll(() => target.stop());
  const fresh = () => {
    const projectId = `demo-fs-${process.pid}-${++n}`;
    const raw = new Firestore({ projectId, host: target.host, ssl: false });
    return { raw, db: createFirestoreDocumentDb({ projectId, emulatorHost: target.host }) };
  };

  it('stamps webhook receipts with a Timestamp for the TTL policy and hides it on read', async () => {
    const { raw, db } = fresh();
    await db.set('webhookReceipts/t1:wh1', { id: 'wh1', expiresAt: '2026-11-09T10:00:00.000Z' });
    const stored = (await raw.doc('webhookReceipts/t1:wh1').get()).get(TTL_FIELD);
    expect(stored.toDate().toISOString()).toBe('2026-11-09T10:00:00.000Z');
    expect((await db.get('webhookReceipts/t1:wh1'))?.data).toEqual({
      id: 'wh1',
      expiresAt: '2026-11-09T10:00:00.000Z',
    });
    await db.set('tenants/t1', { expiresAt: '2026-11-09T10:00:00.000Z' });
    expect((await raw.doc('tenants/t1').get()).get(TTL_FIELD)).toBeUndefined();
    await Promise.all([db.close(), raw.terminate()]);
  });

  it(`writes more than ${FIRESTORE_MAX_WRITES} documents in batches Firestore accepts`, async () => {
    const { raw, db } = fresh();
    const docs = Array.from({ length: FIRESTORE_MAX_WRITES * 2 + 7 }, (_, i) => ({
      path: `c/d${String(i).padStart(4, '0')}`,
      data: { i },
    }));
    await db.setMany(docs);
    expect((await db.query('c')).length).toBe(docs.length);
    await Promise.all([db.close(), raw.terminate()]);
  });

  // The id tie-break is checked below on Google's emulator only: @firestore-emulator/server
  // ignores an orderBy on __name__ (docs/decisions/702).
  it('orders by a field and filters with in', async () => {
    const { raw, db } = fresh();
    await db.setMany([
      { path: 'r/b', data: { at: 1, s: 'x' } },
      { path: 'r/a', data: { at: 1, s: 'y' } },
      { path: 'r/c', data: { at: 2, s: 'z' } },
    ]);
    const ordered = await db.query('r', { orderBy: [['at', 'desc']] });
    expect(ordered.map((d) => d.id)[0]).toBe('c');
    expect(ordered).toHaveLength(3);
    const some = await db.query('r', { where: [['s', 'in', ['x', 'z']]], limit: 5 });
    expect(some.map((d) => d.path)).toEqual(['r/b', 'r/c']);
    await Promise.all([db.close(), raw.terminate()]);
  });

  it.skipIf(!process.env.FIRESTORE_EMULATOR_HOST)(
    "breaks ties by id ascending whatever the field's direction, as SQLite does (Google's emulator only)",
    async () => {
      const { raw, db } = fresh();
      await db.setMany([
        { path: 't/b', data: { at: 1 } },
        { path: 't/c', data: { at: 2 } },
        { path: 't/a', data: { at: 1 } },
        { path: 't/d', data: { at: 1 } },
      ]);
      const desc = await db.query('t', { orderBy: [['at', 'desc']] });
      expect(desc.map((d) => d.id)).toEqual(['c', 'a', 'b', 'd']);
      const asc = await db.query('t', { orderBy: [['at', 'asc']], limit: 2 });
      expect(asc.map((d) => d.id)).toEqual(['a', 'b']);
      await Promise.all([db.close(), raw.terminate()]);
    },
  );
});
