import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createOperationalStore } from '../../../shared/adapters/document-store/document-store';
import {
  createLocalIdentityVerifier,
  issueLocalToken,
} from '../../../shared/adapters/embedded/local-identity';
import {
  createLocalIdentityAdmin,
  localUidForEmail,
} from '../../../shared/adapters/embedded/local-identity-admin';
import { createSqliteDocumentDb } from '../../../shared/adapters/embedded/sqlite-document-db';
import { requireMembership } from '../../../shared/api/auth/membership';
import { systemContext } from '../../../shared/domain/tenancy';
import { systemClock } from '../../../shared/ports/clock';
import { runCli } from '../cli';
import { authSigningKey } from '../keys';

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));
const env = () => ({ PULSEPOINT_DATA_DIR: dir });

async function inStore<T>(fn: (db: ReturnType<typeof createSqliteDocumentDb>) => Promise<T>): Promise<T> {
  const db = createSqliteDocumentDb(join(dir, 'store.sqlite'));
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

describe('pulsepoint owner', () => {
  it('creates the tenant and its first owner, whose account then signs in to the API', async () => {
    dir = mkdtempSync(join(tmpdir(), 'pp-owner-'));
    const out = await runCli(
      ['owner', '--tenant', 'acme', '--email', 'Founder@Acme.example', '--name', 'Acme'],
      env(),
    );
    expect(out).toMatchObject({ exitCode: 0, stdout: expect.stringMatching(/created tenant acme/) });
    const uid = localUidForEmail('founder@acme.example');
    await inStore(async (db) => {
      const store = createOperationalStore(db);
      const ctx = systemContext('acme', 'test');
      expect(await store.tenants.get(ctx)).toMatchObject({ name: 'Acme' });
      expect(await store.users.get(ctx, uid)).toMatchObject({ role: 'owner', email: 'founder@acme.example' });
      const account = await createLocalIdentityAdmin(db, systemClock).account(uid);
      expect(account?.claims).toEqual({ tenantId: 'acme', role: 'owner' });
      // The token the account signs in with (its claims), checked as the API checks every request.
      const key = authSigningKey(dir);
      const token = await issueLocalToken(key, { uid, ...account!.claims! });
      const verifier = requireMembership(createLocalIdentityVerifier(key), { store, clock: systemClock });
      expect(await verifier.verify(token)).toMatchObject({
        ok: true,
        value: { tenantId: 'acme', role: 'owner' },
      });
    });
  });

  it('is idempotent, and refuses an address that already owns another tenant', async () => {
    dir = mkdtempSync(join(tmpdir(), 'pp-owner-'));
    expect((await runCli(['owner', '--tenant', 'acme', '--email', 'a@acme.example'], env())).exitCode).toBe(
      0,
    );
    const again = await runCli(['owner', '--tenant', 'acme', '--email', 'a@acme.example'], env());
    expect(again).toMatchObject({ exitCode: 0, stdout: expect.stringMatching(/^tenant acme/) });
    const other = await runCli(['owner', '--tenant', 'rival', '--email', 'a@acme.example'], env());
    expect(other).toMatchObject({ exitCode: 2, stderr: expect.stringMatching(/another workspace/) });
  });

  it.each([
    [['--email', 'a@b.example'], /--tenant/],
    [['--tenant', 'Bad Id', '--email', 'a@b.example'], /--tenant: tenant id/],
    [['--tenant', 'acme', '--email', 'not-an-address'], /--email: expected an email address/],
    [['--tenant', 'ops', '--email', 'a@b.example'], /--tenant: tenant id: reserved/],
  ])('refuses bad arguments %j', async (args, message) => {
    dir = mkdtempSync(join(tmpdir(), 'pp-owner-'));
    expect(await runCli(['owner', ...args], env())).toMatchObject({
      exitCode: 2,
      stderr: expect.stringMatching(message),
    });
  });
});
