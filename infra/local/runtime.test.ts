import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueLocalToken } from '../../shared/adapters/embedded/local-identity';
import { loadConfig } from '../../shared/kernel/config';
import { ensureMember } from '../../test/support/members';
import { type LocalRuntime, startLocalRuntime } from './runtime';

let runtime: LocalRuntime;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pp-runtime-'));
  runtime = await startLocalRuntime(
    loadConfig({ PULSEPOINT_DATA_DIR: dir, LOG_LEVEL: 'ERROR', PULSEPOINT_SANDBOXES: 'false' }),
    { webDist: join(dir, 'no-web'), port: 0 },
  );
});
afterAll(async () => {
  await runtime?.close(1_000);
  rmSync(dir, { recursive: true, force: true });
});

const get = (path: string, token?: string) =>
  fetch(`${runtime.url}${path}`, token ? { headers: { authorization: `Bearer ${token}` } } : {});

describe('local runtime', () => {
  it('answers /health with every backend ok', async () => {
    const res = await get('/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      status: 'ok',
      checks: { store: 'ok', warehouse: 'ok', secrets: 'ok' },
    });
  });

  it('seeds the demo brand and shows it to a token from the local issuer', async () => {
    const token = await issueLocalToken(runtime.embedded.authKey, { tenantId: 'demo', role: 'owner' });
    const res = await get('/api/brands', token);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { brands: { id: string; shopDomain: string }[] };
    expect(body.brands.map((b) => [b.id, b.shopDomain])).toEqual([
      ['demo-brand', 'demo-brand.myshopify.com'],
    ]);
  });

  it.each([
    ['absent', async () => undefined, 'missing bearer token'],
    [
      'expired',
      async () =>
        issueLocalToken(runtime.embedded.authKey, {
          tenantId: 'demo',
          role: 'owner',
          ttlSeconds: 1,
          now: new Date(Date.now() - 60_000),
        }),
      'token has expired',
    ],
    [
      'signed with another key',
      async () => issueLocalToken(randomBytes(32), { tenantId: 'demo', role: 'owner' }),
      'token signature is not valid',
    ],
  ])('rejects a token that is %s with 401 and a JSON error', async (_case, token, message) => {
    const res = await get('/api/brands', await token());
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { code: 'unauthenticated', message } });
  });

  it('another tenant sees none of the demo brands', async () => {
    const uid = await ensureMember(
      runtime.embedded.deps.store,
      { tenantId: 'other', role: 'owner' },
      new Date(),
    );
    const token = await issueLocalToken(runtime.embedded.authKey, { tenantId: 'other', role: 'owner', uid });
    expect(await (await get('/api/brands', token)).json()).toEqual({ brands: [] });
  });

  it('names its version and echoes a request id', async () => {
    const res = await get('/version');
    expect(res.headers.get('x-request-id')).toBeTruthy();
    expect(await res.json()).toMatchObject({ name: 'pulsepoint' });
  });
});
