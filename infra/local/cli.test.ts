import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLocalIdentityVerifier } from '../../shared/adapters/embedded/local-identity';
import { runCli } from './cli';
import { authSigningKey } from './keys';

const dir = mkdtempSync(join(tmpdir(), 'pp-cli-'));
const env = { PULSEPOINT_DATA_DIR: dir };
afterAll(() => rmSync(dir, { recursive: true, force: true }));

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
