import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import { createSqliteDocumentDb } from '../../shared/adapters/embedded/sqlite-document-db';
import { createFirestoreRateLimiter } from '../../shared/adapters/gcp/firestore-rate-limiter';
import { createMemoryRateLimiter } from '../../shared/api/rate-limit/token-bucket';
import { describeRateLimiterConformance } from './rate-limiter.suite';

describeRateLimiterConformance('in-memory token buckets (embedded)', async (clock) =>
  createMemoryRateLimiter({ clock }),
);

// The Firestore limiter's window arithmetic and all-or-nothing rule, on the embedded DocumentDb
// (whose transactions serialize); rate-limiter.firestore.test.ts runs it on Google's emulator.
describeRateLimiterConformance('windowed counters on the SQLite DocumentDb', async (clock) => {
  const dir = mkdtempSync(join(tmpdir(), 'pp-rl-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  const db = createSqliteDocumentDb(join(dir, 'store.sqlite'));
  onTestFinished(() => db.close());
  return createFirestoreRateLimiter({ db, clock });
});
