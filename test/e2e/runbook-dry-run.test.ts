import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../infra/local/cli';
import { createEmbeddedDeps, type EmbeddedRuntimeDeps } from '../../infra/local/embedded-deps';
import { type AdSandboxes, startAdSandboxes } from '../../infra/sandbox/ads';
import { adOAuthSandboxConfig } from '../../infra/sandbox/ads/oauth-config';
import { sandboxFetch, startShopifySandbox } from '../../infra/sandbox/shopify/server';
import { type SmtpSandbox, startSmtpSandbox } from '../../infra/sandbox/smtp/server';
import {
  createOperationalStore,
  createSystemDirectory,
} from '../../shared/adapters/document-store/document-store';
import { createFirebaseIdentityAdmin } from '../../shared/adapters/gcp/firebase-identity-admin';
import { createFirebaseIdentityVerifier } from '../../shared/adapters/gcp/firebase-identity-verifier';
import { createFirestoreDocumentDb } from '../../shared/adapters/gcp/firestore-document-db';
import { createSmtpEmailChannel } from '../../shared/adapters/smtp/email-channel';
import { type ApiApp, createApiApp } from '../../shared/api/app';
import { brandSchema } from '../../shared/domain/entities';
import { systemContext } from '../../shared/domain/tenancy';
import type { LocalDate } from '../../shared/domain/time';
import { createLocalAnalyst } from '../../shared/insights/local-analyst';
import { loadConfig } from '../../shared/kernel/config';
import type { DocumentDb } from '../../shared/ports/document-db';
import type { MessageChannel } from '../../shared/ports/message-channel';
import { type AuthEmulator, emulatorSignIn, startAuthEmulator } from '../conformance/firebase-auth-emulator';
import { firestoreTestTarget } from '../conformance/local-firestore';
import { cookiesForwardedByHosting, createCookieJar } from '../support/hosting';
import { NO_RATE_LIMITS } from '../support/rate-limits';

/**
 * docs/DEPLOYMENT.md §5 and §8 run against the emulators instead of a project: `pulsepoint owner`
 * with PULSEPOINT_BACKEND=gcp (Firestore + the Firebase Auth Admin SDK), the owner signing in with
 * a Firebase ID token, inviting an analyst who then signs in (and, by email through the SMTP
 * sandbox, a viewer who accepts the link), installing the Shopify store and connecting the three
 * ad platforms through their OAuth screens (the sandboxes) with only `__session` reaching the API,
 * as behind Firebase Hosting. The warehouse, bus and queue stay embedded: they play no part in
 * sign-in or connecting.
 */
let auth: AuthEmulator;
let firestore: { host: string; stop(): void };
let sandboxes: AdSandboxes;
let shopify: Awaited<ReturnType<typeof startShopifySandbox>>;
let embedded: EmbeddedRuntimeDeps;
let smtp: SmtpSandbox;
let mail: MessageChannel;
let db: DocumentDb;
let app: ApiApp;
let dir: string;
const PUBLIC_URL = 'https://app.example.com';

beforeAll(async () => {
  auth = await startAuthEmulator();
  process.env.FIREBASE_AUTH_EMULATOR_HOST = auth.host;
  firestore = await firestoreTestTarget();
  sandboxes = await startAdSandboxes({ endDate: '2026-11-19' });
  shopify = await startShopifySandbox({
    endDate: '2026-11-19' as LocalDate,
    seedOrdersScale: 0.05,
    bulkDelayMs: 5,
  });
  smtp = await startSmtpSandbox();
  mail = createSmtpEmailChannel({
    host: smtp.host,
    port: smtp.port,
    from: 'Pulsepoint <no-reply@example.com>',
  });
  dir = mkdtempSync(join(tmpdir(), 'pp-runbook-'));
  const config = loadConfig({
    PULSEPOINT_DATA_DIR: dir,
    NODE_ENV: 'test',
    PUBLIC_URL,
    PULSEPOINT_AUTH_SECRET: 'x'.repeat(32),
    ...adOAuthSandboxConfig(sandboxes.urls),
  });
  // Shopify's hosts (<shop>.myshopify.com) reach the sandbox; everything else goes out as is.
  embedded = await createEmbeddedDeps(config, { fetch: sandboxFetch(shopify.url) });
  db = createFirestoreDocumentDb({ projectId: auth.projectId, emulatorHost: firestore.host });
  const firebase = { projectId: auth.projectId };
  app = createApiApp(
    {
      ...embedded.deps,
      store: createOperationalStore(db),
      documents: db,
      directory: createSystemDirectory(db),
      identity: createFirebaseIdentityVerifier(firebase),
      identityAdmin: createFirebaseIdentityAdmin(firebase),
      llm: createLocalAnalyst(),
      mail,
    },
    { version: 'test', startedAt: new Date(), healthChecks: [], rateLimits: NO_RATE_LIMITS },
  );
}, 120_000);

afterAll(async () => {
  delete process.env.FIREBASE_AUTH_EMULATOR_HOST;
  await db?.close();
  await embedded?.close(1_000);
  await sandboxes?.close();
  await shopify?.close();
  await mail?.close?.();
  await smtp?.close();
  firestore?.stop();
  await auth?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const request = (path: string, token: string, init: RequestInit & { json?: unknown } = {}) =>
  app.request(path, {
    ...init,
    headers: {
      authorization: `Bearer ${token}`,
      ...(init.json !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(init.json !== undefined ? { body: JSON.stringify(init.json) } : {}),
  });

describe('the DEPLOYMENT runbook against the emulators', () => {
  let owner: string;

  it('bootstraps the first owner with the CLI, who then signs in with a Firebase ID token', async () => {
    const out = await runCli(
      ['owner', '--tenant', 'acme', '--email', 'founder@acme.example', '--name', 'Acme'],
      {
        PULSEPOINT_BACKEND: 'gcp',
        GOOGLE_CLOUD_PROJECT: auth.projectId,
        FIRESTORE_EMULATOR_HOST: firestore.host,
        FIREBASE_AUTH_EMULATOR_HOST: auth.host,
        PUBLIC_URL,
      },
    );
    expect(out).toMatchObject({
      exitCode: 0,
      stdout: expect.stringMatching(/set a password and sign in: http/),
    });
    const uid = /uid ([^,)]+)/.exec(out.stdout!)![1]!;
    owner = await emulatorSignIn(auth, uid, 'founder@acme.example');
    const me = await request('/api/me', owner);
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ tenantId: 'acme', role: 'owner', tenantName: 'Acme' });
  });

  it('the owner invites an analyst, who signs in as an analyst', async () => {
    const ctx = systemContext('acme', 'test');
    const now = new Date().toISOString();
    await createOperationalStore(db).brands.upsert(
      ctx,
      brandSchema.parse({
        id: 'acme-store',
        name: 'Acme Store',
        shopDomain: 'acme-store.myshopify.com',
        currency: 'USD',
        timezone: 'America/New_York',
        createdAt: now,
        updatedAt: now,
      }),
    );
    const invited = await request('/api/members', owner, {
      method: 'POST',
      json: { email: 'ana@agency.example', role: 'analyst', brandIds: ['acme-store'] },
    });
    expect(invited.status).toBe(201);
    const { member, signInLink } = (await invited.json()) as { member: { uid: string }; signInLink?: string };
    expect(signInLink).toMatch(/^https?:\/\//);
    const analyst = await emulatorSignIn(auth, member.uid, 'ana@agency.example');
    expect(await (await request('/api/me', analyst)).json()).toMatchObject({
      role: 'analyst',
      brandIds: ['acme-store'],
    });
    expect((await request('/api/members', analyst)).status).toBe(403);
  });

  it('the owner emails an invitation; the viewer accepts it and signs in with the claims Firebase now holds', async () => {
    const invited = await request('/api/invitations', owner, {
      method: 'POST',
      json: { email: 'vic@client.example', role: 'viewer', brandIds: ['acme-store'] },
    });
    expect(invited.status).toBe(201);
    expect(await invited.json()).toMatchObject({ emailed: true });
    const [message] = smtp.received.filter((m) => m.to.includes('vic@client.example'));
    const body = message!.raw
      .replace(/=\r?\n/g, '')
      .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
    const token = new RegExp(`${PUBLIC_URL}/invitations/accept#token=([\\w.-]+)`).exec(body)![1]!;
    const accept = () =>
      app.request('/api/invitations/accept', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token }),
      });
    const accepted = await accept();
    expect(accepted.status).toBe(200);
    const result = (await accepted.json()) as { member: { uid: string }; signInLink?: string };
    // A new Firebase account: the invitee (not the inviter) gets the password-setup link.
    expect(result.signInLink).toMatch(/^https?:\/\//);
    const viewer = await emulatorSignIn(auth, result.member.uid, 'vic@client.example');
    expect(await (await request('/api/me', viewer)).json()).toMatchObject({
      role: 'viewer',
      brandIds: ['acme-store'],
    });
    expect((await accept()).status).toBe(410);
  });

  it('installs the sandbox Shopify store with only __session reaching the API', async () => {
    const browser = createCookieJar();
    const viaHosting = (path: string) =>
      app.request(path, { headers: { cookie: cookiesForwardedByHosting(`_ga=1; ${browser.header()}`) } });
    const install = await viaHosting('/oauth/shopify/install?shop=acme-store.myshopify.com');
    expect(install.status).toBe(302);
    browser.take(install);
    const consent = await sandboxFetch(shopify.url)(install.headers.get('location')!, { redirect: 'manual' });
    const back = new URL(consent.headers.get('location')!);
    const done = await viaHosting(`${back.pathname}${back.search}`);
    expect(done.headers.get('location')).toBe(`${PUBLIC_URL}/?connected=shopify&brand=acme-store`);
    const integrations = (await (await request('/api/brands/acme-store/integrations', owner)).json()) as {
      integrations: Array<{ platform: string; status: string; hasCredentials: boolean }>;
    };
    expect(integrations.integrations.find((i) => i.platform === 'shopify')).toMatchObject({
      status: 'connected',
      hasCredentials: true,
    });
  });

  it.each([
    ['meta', 'act_1001'],
    ['google_ads', '1234567890'],
    ['tiktok', '7000000000002'],
  ] as const)(
    'connects %s through its OAuth screen behind Hosting cookie rules',
    async (platform, account) => {
      const browser = createCookieJar();
      const start = await request(`/api/brands/acme-store/integrations/${platform}/oauth`, owner, {
        method: 'POST',
      });
      expect(start.status).toBe(200);
      browser.take(start);
      const { authorizeUrl } = (await start.json()) as { authorizeUrl: string };
      const back = new URL((await fetch(authorizeUrl, { redirect: 'manual' })).headers.get('location')!);
      const done = await app.request(`${back.pathname}${back.search}`, {
        headers: { cookie: cookiesForwardedByHosting(`_ga=1; ${browser.header()}`) },
      });
      expect(done.headers.get('location')).toBe(
        `${PUBLIC_URL}/brands/acme-store/settings?connected=${platform}`,
      );
      const integrations = (await (await request('/api/brands/acme-store/integrations', owner)).json()) as {
        integrations: Array<{
          platform: string;
          status: string;
          accountIds: string[];
          hasCredentials: boolean;
        }>;
      };
      expect(integrations.integrations.find((i) => i.platform === platform)).toMatchObject({
        status: 'connected',
        accountIds: [account],
        hasCredentials: true,
      });
    },
  );
});
