import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOperationalStore } from '../../shared/adapters/document-store/document-store';
import { createLocalIdentityVerifier } from '../../shared/adapters/embedded/local-identity';
import { createSqliteDocumentDb } from '../../shared/adapters/embedded/sqlite-document-db';
import { systemContext } from '../../shared/domain/tenancy';
import { explainStartFailure, runCli } from './cli';
import { authSigningKey } from './keys';

const dir = mkdtempSync(join(tmpdir(), 'pp-cli-'));
const env = { PULSEPOINT_DATA_DIR: dir };
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const storeOf = () => createSqliteDocumentDb(join(dir, 'store.sqlite'));
beforeAll(async () => {
  const db = storeOf();
  const at = '2026-11-01T00:00:00.000Z';
  await createOperationalStore(db).tenants.upsert(systemContext('demo', 'test'), {
    id: 'demo',
    name: 'Demo',
    plan: 'agency',
    aiMonthlyBudgetMicros: 0,
    createdAt: at,
    updatedAt: at,
  });
  await db.close();
});

describe('pulsepoint CLI', () => {
  it('token prints a bearer token the server key verifies, with the requested claims', async () => {
    const out = await runCli(
      ['token', '--tenant', 'demo', '--role', 'analyst', '--brands', 'demo-brand,b2'],
      env,
    );
    expect(out.exitCode).toBe(0);
    const verified = await createLocalIdentityVerifier(authSigningKey(dir)).verify(out.stdout!.trim());
    expect(verified).toMatchObject({
      ok: true,
      value: { tenantId: 'demo', role: 'analyst', brandIds: ['demo-brand', 'b2'] },
    });
  });

  it("token makes the token's user a member of the tenant, with its role and brands", async () => {
    await runCli(['token', '--tenant', 'demo', '--role', 'viewer', '--uid', 'someone'], env);
    const db = storeOf();
    const user = await createOperationalStore(db).users.get(systemContext('demo', 'test'), 'someone');
    await db.close();
    expect(user).toMatchObject({ uid: 'someone', role: 'viewer' });
  });

  it.each([[[]], [['--help']], [['-h']], [['help']]])('%j prints the usage and succeeds', async (argv) => {
    const out = await runCli(argv, env);
    expect(out).toMatchObject({ exitCode: 0, stdout: expect.stringMatching(/^usage: pulsepoint <command>/) });
  });

  it('token refuses a tenant that does not exist', async () => {
    const out = await runCli(['token', '--tenant', 'nobody', '--role', 'owner'], env);
    expect(out).toMatchObject({
      exitCode: 2,
      stderr: expect.stringMatching(/tenant "nobody" does not exist/),
    });
  });

  it.each([
    [['token', '--role', 'owner'], /--tenant/],
    [['token', '--tenant', 'demo', '--role', 'god'], /--role: expected one of owner, admin, analyst, viewer/],
    [['token', '--tenant', 'Bad Tenant!', '--role', 'owner'], /--tenant: tenant id/],
    [['import', 'nowhere', 'file.csv', '--brand', 'b1'], /usage: pulsepoint import/],
    [['frobnicate'], /unknown command "frobnicate"/],
  ])('%j fails with a message saying what is wrong', async (argv, message) => {
    const out = await runCli(argv, env);
    expect(out.exitCode).toBe(2);
    expect(out.stderr).toMatch(message);
  });

  it('a bad environment value is named on the way out', async () => {
    const out = await runCli(['token', '--tenant', 'demo', '--role', 'owner'], {
      ...env,
      PULSEPOINT_SECRET_KEY: 'short',
    });
    expect(out.exitCode).toBe(2);
    expect(out.stderr).toMatch(/PULSEPOINT_SECRET_KEY: expected 32 bytes/);
  });
});

describe('a start that cannot begin', () => {
  const config = { PULSEPOINT_DATA_DIR: '/srv/pp', PORT: 8080 };
  it('names the other Pulsepoint holding the data folder, from DuckDB’s lock error', () => {
    const err = new Error(
      'IO Error: Could not set lock on file "/srv/pp/warehouse.duckdb": Conflicting lock is held in /usr/bin/node (PID 7341). See also https://duckdb.org/docs/stable/connect/concurrency',
    );
    expect(explainStartFailure(err, config)).toBe(
      'another Pulsepoint (process 7341) is using the data folder /srv/pp: stop it first, or set PULSEPOINT_DATA_DIR to another folder',
    );
  });
  it('names the port another program listens on', () => {
    const err = Object.assign(new Error('listen EADDRINUSE: address already in use 127.0.0.1:8080'), {
      code: 'EADDRINUSE',
    });
    expect(explainStartFailure(err, config)).toBe(
      'port 8080 is already in use: stop what is listening there, or set PORT to another port',
    );
  });
  it('leaves any other failure to its own stack trace', () => {
    expect(explainStartFailure(new Error('boom'), config)).toBeUndefined();
  });
});
