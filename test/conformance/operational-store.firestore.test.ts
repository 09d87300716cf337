import { afterAll, beforeAll, describe, inject, it } from 'vitest';
import { createFirestoreDocumentDb } from '../../shared/adapters/gcp/firestore-document-db';
import type { DocumentDb } from '../../shared/ports/document-db';
import { startLocalFirestore } from './local-firestore';
import { type DbFactory, operationalStoreChecks } from './operational-store.suite';

/**
 * The OperationalStore suite on FirestoreDocumentDb, on one target: Google's emulator when
 * FIRESTORE_EMULATOR_HOST is set (Cloud Build sets it; the run's global setup starts the emulator
 * with gcloud where it is installed, ./google-emulators.setup.ts), all checks; otherwise
 * @firestore-emulator/server (no Java), minus what it does not implement. Every factory call gets
 * its own project, so checks never see each other's data.
 */
// The client probes the GCE metadata server for credentials it does not need against an emulator.
process.env.METADATA_SERVER_DETECTION ??= 'none';

let project = 0;
const factory =
  (host: () => string): DbFactory =>
  async (): Promise<DocumentDb> =>
    createFirestoreDocumentDb({ projectId: `demo-pp-${process.pid}-${++project}`, emulatorHost: host() });

/** What @firestore-emulator/server does not implement, and so cannot be checked against it. */
const LOCAL_GAPS: Record<string, string> = {
  'deleting a tenant removes everything below it and its shop domains':
    'recursiveDelete uses the BatchWrite RPC, which @firestore-emulator/server does not implement',
  'two concurrent writers do not lose updates':
    '@firestore-emulator/server hands out dummy transaction ids and never aborts a conflicting commit',
  'a webhook receipt is claimed once however often it is delivered':
    '@firestore-emulator/server does not isolate transactions, so concurrent claims all commit',
  'a monthly counter never passes its limit under concurrent consumers':
    '@firestore-emulator/server does not isolate transactions, so concurrent consumers all commit',
};

// The Firestore client lets FIRESTORE_EMULATOR_HOST override any host it is given, so with the
// variable set this block would silently run against Google's emulator; the block below does that.
const emulator = process.env.FIRESTORE_EMULATOR_HOST;
const why = inject('googleEmulators')?.firestore.note ?? 'FIRESTORE_EMULATOR_HOST unset';

describe.skipIf(emulator)(
  `OperationalStore conformance: Firestore (@firestore-emulator/server; skipped when Google's emulator runs)`,
  () => {
    let local: Awaited<ReturnType<typeof startLocalFirestore>>;
    beforeAll(async () => {
      local = await startLocalFirestore();
    });
    afterAll(() => local.stop());
    for (const [name, check] of Object.entries(operationalStoreChecks)) {
      if (LOCAL_GAPS[name]) it.skip(`${name} (skipped: ${LOCAL_GAPS[name]})`, () => {});
      else it(name, () => check(factory(() => local.host)));
    }
  },
);

describe.skipIf(!emulator)(
  `OperationalStore conformance: Firestore (Google's emulator at FIRESTORE_EMULATOR_HOST${emulator ? '' : `; skipped: ${why}`})`,
  () => {
    for (const [name, check] of Object.entries(operationalStoreChecks))
      it(name, () => check(factory(() => emulator!)));
  },
);
