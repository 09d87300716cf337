import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { createSqliteDocumentDb } from '../../shared/adapters/embedded/sqlite-document-db';
import { describeOperationalStoreConformance } from './operational-store.suite';

const dir = mkdtempSync(join(tmpdir(), 'pp-store-'));
let n = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeOperationalStoreConformance('SQLite (embedded)', async () =>
  createSqliteDocumentDb(join(dir, `store-${++n}.sqlite`)),
);
