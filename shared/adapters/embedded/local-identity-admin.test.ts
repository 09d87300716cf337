import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../ports/clock';
import type { DocumentDb } from '../../ports/document-db';
import { createLocalIdentityVerifier, issueLocalToken } from './local-identity';
import { createLocalIdentityAdmin, SESSION_CHECK_CACHE_MS } from './local-identity-admin';
import { createSqliteDocumentDb } from './sqlite-document-db';

let dir: string;
let db: DocumentDb;
afterEach(async () => {
  await db?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function setUp() {
  dir = mkdtempSync(join(tmpdir(), 'pp-sessions-'));
  db = createSqliteDocumentDb(join(dir, 'store.sqlite'));
  const clock = fixedClock('2026-11-20T12:00:00Z');
  const key = randomBytes(32);
  const admin = createLocalIdentityAdmin(db, clock);
  const { uid } = await admin.accountForEmail('maya@example.com');
  // Issued a second before "now", so a revocation at "now" (valid from the next second) covers it.
  const token = await issueLocalToken(key, {
    uid,
    tenantId: 't_one',
    role: 'analyst',
    now: new Date(clock.now().getTime() - 1_000),
  });
  return { clock, key, admin, uid, token };
}

describe('session checks of the local identity', () => {
  it('refuse a token at once when its sessions are revoked through the same admin, though just accepted', async () => {
    const { clock, key, admin, uid, token } = await setUp();
    const verifier = createLocalIdentityVerifier(key, clock, admin);
    expect((await verifier.verify(token)).ok).toBe(true);
    await admin.revokeSessions(uid);
    expect(await verifier.verify(token)).toMatchObject({ ok: false, reason: 'revoked' });
  });

  it('see a revocation written by another process within SESSION_CHECK_CACHE_MS', async () => {
    const { clock, key, admin, uid, token } = await setUp();
    const verifier = createLocalIdentityVerifier(key, clock, admin);
    expect((await verifier.verify(token)).ok).toBe(true);
    // Another process on the same file (its own admin) revokes: this admin does not hear of it.
    await createLocalIdentityAdmin(db, clock).revokeSessions(uid);
    clock.advance(SESSION_CHECK_CACHE_MS - 1);
    expect((await verifier.verify(token)).ok).toBe(true);
    clock.advance(1);
    expect(await verifier.verify(token)).toMatchObject({ ok: false, reason: 'revoked' });
  });

  it('read an account once per window however many requests check it', async () => {
    const { clock, key, token } = await setUp();
    let reads = 0;
    const counting: DocumentDb = {
      ...db,
      get: (path) => {
        reads++;
        return db.get(path);
      },
    };
    const verifier = createLocalIdentityVerifier(key, clock, createLocalIdentityAdmin(counting, clock));
    for (let i = 0; i < 20; i++) expect((await verifier.verify(token)).ok).toBe(true);
    expect(reads).toBe(1);
    clock.advance(SESSION_CHECK_CACHE_MS);
    expect((await verifier.verify(token)).ok).toBe(true);
    expect(reads).toBe(2);
  });
});
