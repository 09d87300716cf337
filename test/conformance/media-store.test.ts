import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Storage } from '@google-cloud/storage';
import { createLocalMediaStore } from '../../shared/adapters/embedded/local-media-store';
import { createGcsMediaStore } from '../../shared/adapters/gcp/gcs-media-store';
import { describeMediaStoreConformance } from './media-store.suite';

describeMediaStoreConformance('files in the data dir (embedded)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pp-media-'));
  const key = randomBytes(32);
  const media = createLocalMediaStore({ root: dir, publicUrl: 'http://localhost:8080', signingKey: key });
  return {
    media,
    // What the app's /media route does with the request (shared/api/routes/content-media.ts).
    async fetchSigned(url) {
      const u = new URL(url);
      const obj = await media.openSigned?.(u.pathname.replace(/^\/media\//, ''), u.searchParams, new Date());
      return obj ? { status: 200, body: obj.body } : { status: 403 };
    },
    close: async () => rmSync(dir, { recursive: true, force: true }),
  };
});

// Cloud Storage through an emulator (fake-gcs-server) when STORAGE_EMULATOR_HOST names one.
const emulator = process.env.STORAGE_EMULATOR_HOST;
if (emulator) {
  describeMediaStoreConformance('Cloud Storage (emulator)', async () => {
    const storage = new Storage({ apiEndpoint: emulator, projectId: 'pulsepoint-test' });
    const bucket = `pp-media-${randomBytes(4).toString('hex')}`;
    await storage.createBucket(bucket);
    return {
      media: createGcsMediaStore(storage, bucket),
      close: async () => {
        await storage.bucket(bucket).deleteFiles({ force: true });
        await storage.bucket(bucket).delete();
      },
    };
  });
}
