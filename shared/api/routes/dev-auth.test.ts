import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEmbeddedDeps, type EmbeddedRuntimeDeps } from '../../../infra/local/embedded-deps';
import { seedDemo } from '../../../infra/local/seed';
import { issueLocalToken } from '../../adapters/embedded/local-identity';
import { createLocalAnalyst } from '../../insights/local-analyst';
import { loadConfig } from '../../kernel/config';
import { fixedClock } from '../../ports/clock';
import { createApiApp } from '../app';
import { type DevSignIn, devAuthEnabled } from './dev-auth';

const clock = fixedClock('2026-03-02T12:00:00Z');

describe('development sign-in', () => {
  let dir: string;
  let embedded: EmbeddedRuntimeDeps;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pp-'));
    embedded = await createEmbeddedDeps(loadConfig({ PULSEPOINT_DATA_DIR: dir }), { clock });
    await seedDemo(embedded.deps);
  });
  afterEach(async () => {
    await embedded.close(100);
    rmSync(dir, { recursive: true, force: true });
  });

  const signIn = (): DevSignIn => ({
    tenantId: 'demo',
    ttlSeconds: 3600,
    issue: (o) => issueLocalToken(embedded.authKey, { ...o, now: clock.now() }),
  });
  const appWith = (env: Record<string, string>, devSignIn: DevSignIn | undefined) =>
    createApiApp(
      {
        ...embedded.deps,
        llm: createLocalAnalyst(),
        config: loadConfig({ PULSEPOINT_DATA_DIR: dir, ...env }),
      },
      { version: 'test', startedAt: clock.now(), healthChecks: [], ...(devSignIn ? { devSignIn } : {}) },
    );
  const requestToken = (app: ReturnType<typeof appWith>, body?: unknown) =>
    app.request('/api/auth/dev-token', {
      method: 'POST',
      ...(body === undefined
        ? {}
        : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });

  it('issues an owner token for the demo tenant that the API accepts', async () => {
    const app = appWith({}, signIn());
    const res = await requestToken(app);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { token: string; expiresAt: string; identity: unknown };
    expect(body.identity).toEqual({ uid: 'local:demo:owner', tenantId: 'demo', role: 'owner' });
    expect(body.expiresAt).toBe('2026-03-02T13:00:00.000Z');
    const brands = await app.request('/api/brands', { headers: { authorization: `Bearer ${body.token}` } });
    expect(brands.status).toBe(200);
    expect(((await brands.json()) as { brands: { id: string }[] }).brands.map((b) => b.id)).toEqual([
      'demo-brand',
    ]);
  });

  it('issues a token with the requested role', async () => {
    const res = await requestToken(appWith({}, signIn()), { role: 'viewer' });
    const body = (await res.json()) as { token: string };
    const verified = await embedded.deps.identity.verify(body.token);
    expect(verified).toMatchObject({ ok: true, value: { role: 'viewer', tenantId: 'demo' } });
  });

  it('refuses a role that does not exist', async () => {
    const res = await requestToken(appWith({}, signIn()), { role: 'superuser' });
    expect(res.status).toBe(400);
  });

  it.each([
    ['in production', { NODE_ENV: 'production' }, true],
    ['without an issuer', {}, false],
  ])('is not offered %s: the path needs a real token', async (_name, env, withIssuer) => {
    const res = await requestToken(appWith(env, withIssuer ? signIn() : undefined));
    expect(res.status).toBe(401);
  });

  it.each([
    [{ PULSEPOINT_BACKEND: 'embedded', NODE_ENV: 'development' }, true],
    [{ PULSEPOINT_BACKEND: 'embedded', NODE_ENV: 'test' }, true],
    [{ PULSEPOINT_BACKEND: 'embedded', NODE_ENV: 'production' }, false],
    [{ PULSEPOINT_BACKEND: 'gcp', NODE_ENV: 'development' }, false],
  ] as const)('is enabled for %o: %s', (config, enabled) => {
    expect(devAuthEnabled(config)).toBe(enabled);
  });
});
