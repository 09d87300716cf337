import { describe } from 'vitest';
import { createFirestoreDocumentDb } from '../../shared/adapters/gcp/firestore-document-db';
import { createFirestoreRateLimiter } from '../../shared/adapters/gcp/firestore-rate-limiter';
import { describeRateLimiterConformance } from './rate-limiter.suite';

/**
 * The shared production limiter on Google's Firestore emulator, when FIRESTORE_EMULATOR_HOST is set
 * (Cloud Build; `npm test` where gcloud and Java are installed). @firestore-emulator/server does
 * not isolate transactions, so it could not show the one property that matters here.
 */
process.env.METADATA_SERVER_DETECTION ??= 'none';
const emulator = process.env.FIRESTORE_EMULATOR_HOST;

describe.skipIf(!emulator)('Firestore rate limiter (Google emulator)', () => {
  let project = 0;
  describeRateLimiterConformance('Firestore windowed counters', async (clock) =>
    createFirestoreRateLimiter({
      db: createFirestoreDocumentDb({
        projectId: `demo-pp-rl-${process.pid}-${++project}`,
        emulatorHost: emulator!,
      }),
      clock,
    }),
  );
});
