import { afterEach, describe, expect, it } from 'vitest';
import { type SmtpSandbox, startSmtpSandbox } from '../../../infra/sandbox/smtp/server';
import { createTestApi, type TestApi } from '../../../test/support/api';
import { NO_RATE_LIMITS } from '../../../test/support/rate-limits';
import { type LocalIdentityAdmin, localUidForEmail } from '../../adapters/embedded/local-identity-admin';
import { createSmtpEmailChannel } from '../../adapters/smtp/email-channel';
import { INVITATION_TTL_MS } from '../../members/invitations';
import type { MessageChannel } from '../../ports/message-channel';

let api: TestApi | undefined;
let smtp: SmtpSandbox | undefined;
let mail: MessageChannel | undefined;
afterEach(async () => {
  await api?.close();
  await mail?.close?.();
  await smtp?.close();
  api = smtp = mail = undefined;
});

async function setUp(o: { mail?: boolean } = { mail: true }) {
  if (o.mail) {
    smtp = await startSmtpSandbox();
    mail = createSmtpEmailChannel({
      host: smtp.host,
      port: smtp.port,
      from: 'Pulsepoint <no-reply@pp.example>',
    });
  }
  const t = await createTestApi({
    rateLimits: NO_RATE_LIMITS,
    env: { PUBLIC_URL: 'https://app.pp.example' },
    ...(mail ? { mail } : {}),
  });
  api = t;
  await t.seedTenant('acme', [{ id: 'north' }, { id: 'south' }]);
  const owner = await t.token({ tenantId: 'acme', role: 'owner', uid: 'founder' });
  const invite = (json: unknown, token = owner) =>
    t.request('/api/invitations', { method: 'POST', token, json });
  const accept = (token: string) => t.request('/api/invitations/accept', { method: 'POST', json: { token } });
  return { t, owner, invite, accept };
}

/** The accept link in the one message the sandbox received for `to`, and its token. */
function mailedLink(to: string) {
  const messages = smtp!.received.filter((m) => m.to.includes(to));
  expect(messages).toHaveLength(1);
  // Quoted-printable: soft line breaks ("=\r\n") and "=3D" for "=" (RFC 2045 §6.7).
  const body = messages[0]!.raw
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
  const url = /https:\/\/app\.pp\.example\/invitations\/accept#token=([\w.-]+)/.exec(body);
  expect(url, body).not.toBeNull();
  return { url: url![0], token: url![1]! };
}

async function errorOf(res: Response) {
  return ((await res.json()) as { error: { code: string; message: string; details?: { reason?: string } } })
    .error;
}

describe('invitations by email', () => {
  it('mails an accept link; accepting binds the member with the invited role and brands', async () => {
    const { t, invite, accept } = await setUp();
    const res = await invite({ email: 'Ana@Agency.example', role: 'analyst', brandIds: ['north'] });
    expect(res.status).toBe(201);
    const body = (await res.json()) as {
      emailed: boolean;
      acceptUrl?: string;
      invitation: { expiresAt: string };
    };
    expect(body.emailed).toBe(true);
    // Mailed, not handed to the inviter: only the address's owner can accept.
    expect(body.acceptUrl).toBeUndefined();
    expect(Date.parse(body.invitation.expiresAt) - t.clock.now().getTime()).toBe(INVITATION_TTL_MS);
    const { token } = mailedLink('ana@agency.example');
    const uid = localUidForEmail('ana@agency.example');
    // Nothing is bound until the link is used.
    expect(await t.deps.store.users.get({ tenantId: 'acme', uid: 'x', role: 'owner' }, uid)).toBeUndefined();

    const ok = await accept(token);
    expect(ok.status).toBe(200);
    const result = (await ok.json()) as { tenantId: string; member: { uid: string }; signInLink?: string };
    expect(result).toMatchObject({ tenantId: 'acme', member: { uid, role: 'analyst', brandIds: ['north'] } });
    const account = await (t.deps.identityAdmin as LocalIdentityAdmin).account(uid);
    expect(account?.claims).toEqual({ tenantId: 'acme', role: 'analyst', brandIds: ['north'] });
    const session = await t.token({ uid, ...account!.claims!, member: false });
    expect(await (await t.request('/api/me', { token: session })).json()).toMatchObject({
      uid,
      role: 'analyst',
    });
    expect((await t.request('/api/brands/south/dashboard', { token: session })).status).toBe(404);
  });

  it('refuses a link used twice, and a pending invitation disappears from the list once accepted', async () => {
    const { t, owner, invite, accept } = await setUp();
    await invite({ email: 'vic@example.com', role: 'viewer' });
    const pending = async () =>
      ((await (await t.request('/api/invitations', { token: owner })).json()) as { invitations: unknown[] })
        .invitations;
    expect(await pending()).toHaveLength(1);
    const { token } = mailedLink('vic@example.com');
    expect((await accept(token)).status).toBe(200);
    const again = await accept(token);
    expect(again.status).toBe(410);
    expect(await errorOf(again)).toMatchObject({ code: 'invitation_closed', details: { reason: 'used' } });
    expect(await pending()).toEqual([]);
  });

  it('refuses an expired link and binds nobody', async () => {
    const { t, invite, accept } = await setUp();
    await invite({ email: 'late@example.com', role: 'viewer' });
    const { token } = mailedLink('late@example.com');
    t.clock.advance(INVITATION_TTL_MS + 1000);
    const res = await accept(token);
    expect(res.status).toBe(410);
    expect(await errorOf(res)).toMatchObject({ code: 'invitation_closed', details: { reason: 'expired' } });
    const uid = localUidForEmail('late@example.com');
    expect(await t.deps.store.users.get({ tenantId: 'acme', uid: 'x', role: 'owner' }, uid)).toBeUndefined();
  });

  it('refuses a revoked link, a wrong secret and a forged tenant as not found or closed', async () => {
    const { t, owner, invite, accept } = await setUp();
    const created = (await (await invite({ email: 'rev@example.com', role: 'viewer' })).json()) as {
      invitation: { id: string };
    };
    const { token } = mailedLink('rev@example.com');
    const [tenant, id, secret] = token.split('.');
    expect((await accept(`${tenant}.${id}.${secret!.slice(1)}x`)).status).toBe(404);
    expect((await accept(`other.${id}.${secret}`)).status).toBe(404);
    expect((await accept('not-a-token-at-all')).status).toBe(404);
    const del = await t.request(`/api/invitations/${created.invitation.id}`, {
      method: 'DELETE',
      token: owner,
    });
    expect(del.status).toBe(204);
    const res = await accept(token);
    expect(res.status).toBe(410);
    expect(await errorOf(res)).toMatchObject({ details: { reason: 'revoked' } });
  });

  it('applies the direct add’s rules when inviting: role at or below the inviter’s, known brands, not a member', async () => {
    const { t, invite } = await setUp();
    const admin = await t.token({ tenantId: 'acme', role: 'admin', uid: 'adm' });
    expect((await invite({ email: 'boss@example.com', role: 'owner' }, admin)).status).toBe(403);
    expect((await invite({ email: 'x@example.com', role: 'viewer', brandIds: ['nowhere'] })).status).toBe(
      400,
    );
    await t.request('/api/members', {
      method: 'POST',
      token: await t.token({ tenantId: 'acme', role: 'owner', uid: 'founder' }),
      json: { email: 'member@example.com', role: 'viewer' },
    });
    expect((await invite({ email: 'Member@Example.com', role: 'viewer' })).status).toBe(409);
    const analyst = await t.token({ tenantId: 'acme', role: 'analyst', uid: 'ana' });
    const refused = await invite({ email: 'y@example.com', role: 'viewer' }, analyst);
    expect(refused.status).toBe(403);
    expect(await errorOf(refused)).toMatchObject({ code: 'forbidden' });
    expect(smtp!.received).toEqual([]);
  });

  it('shows and lets revoke, to an admin limited to some brands, only invitations confined to them', async () => {
    const { t, owner, invite } = await setUp();
    const all = (await (await invite({ email: 'all@example.com', role: 'viewer' })).json()) as {
      invitation: { id: string };
    };
    await invite({ email: 'south@example.com', role: 'viewer', brandIds: ['south'] });
    await invite({ email: 'north@example.com', role: 'viewer', brandIds: ['north'] });
    const northAdmin = await t.token({ tenantId: 'acme', role: 'admin', uid: 'na', brandIds: ['north'] });
    const seen = (await (await t.request('/api/invitations', { token: northAdmin })).json()) as {
      invitations: Array<{ email: string }>;
    };
    expect(seen.invitations.map((i) => i.email)).toEqual(['north@example.com']);
    const revoke = await t.request(`/api/invitations/${all.invitation.id}`, {
      method: 'DELETE',
      token: northAdmin,
    });
    expect(revoke.status).toBe(404);
    const ownerView = (await (await t.request('/api/invitations', { token: owner })).json()) as {
      invitations: unknown[];
    };
    expect(ownerView.invitations).toHaveLength(3);
  });

  it('without a mail channel hands the inviter the link to pass on, and it works the same', async () => {
    const { invite, accept } = await setUp({ mail: false });
    const res = await invite({ email: 'nomail@example.com', role: 'viewer' });
    const body = (await res.json()) as { emailed: boolean; acceptUrl: string };
    expect(body.emailed).toBe(false);
    expect(body.acceptUrl).toMatch(/^https:\/\/app\.pp\.example\/invitations\/accept#token=acme\./);
    const token = body.acceptUrl.split('#token=')[1]!;
    expect((await accept(token)).status).toBe(200);
  });
});
