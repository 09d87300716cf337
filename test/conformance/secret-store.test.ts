import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEncryptedFileSecretStore } from '../../shared/adapters/embedded/encrypted-file-secret-store';
import { describeSecretStoreConformance } from './secret-store.suite';

describeSecretStoreConformance('AES-256-GCM file (embedded)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pp-secrets-'));
  const secrets = createEncryptedFileSecretStore(join(dir, 'secrets.json'), randomBytes(32));
  return {
    secrets,
    raw: async () => secrets.rawFile(),
    close: async () => rmSync(dir, { recursive: true, force: true }),
  };
});
