import { afterEach, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../../../test/support/api';
import { NO_RATE_LIMITS } from '../../../test/support/rate-limits';
import { type LocalIdentityAdmin, localUidForEmail } from '../../adapters/embedded/local-identity-admin';

let api: TestApi;
afterEach(async () => api?.close());

async function setUp() {
  api = await createTestApi({ rateLimits: NO_RATE_LIMITS });
  await api.seedTenant('acme', [{ id: 'north' }, { id: 'south' }]);
  const owner = await api.token({ tenantId: 'acme', role: 'owner', uid: 'founder' });
  return { owner, accounts: api.deps.identityAdmin as LocalIdentityAdmin };
}

/** A token the invitee's account would sign in with: issued now, claims as the account holds them. */
async function signIn(email: string) {
  const uid = localUidForEmail(email);
  const account = await (api.deps.identityAdmin as LocalIdentityAdmin).account(uid);
  if (!account?.claims) throw new Error(`${email} has no claims`);
  return api.token({ uid, ...account.claims, member: false });
}

describe('members API', () => {
  it('an owner invites an analyst by email: the account gets claims, the member signs in as analyst', async () => {
    const { owner, accounts } = await setUp();
    const res = await api.request('/api/members', {
      method: 'POST',
      token: owner,
      json: { email: 'Ana@Agency.example', role: 'analyst' },
    });
    expect(res.status).toBe(201);
    const { member } = (await res.json()) as { member: { uid: string; email: string; role: string } };
    expect(member).toMatchObject({ email: 'ana@agency.example', role: 'analyst' });
    expect(await accounts.account(member.uid)).toMatchObject({
      claims: { tenantId: 'acme', role: 'analyst' },
    });
    const me = await api.request('/api/me', { token: await signIn('ana@agency.example') });
    expect(await me.json()).toMatchObject({ uid: member.uid, role: 'analyst', tenantId: 'acme' });
    const list = (await (await api.request('/api/members', { token: owner })).json()) as {
      members: Array<{ email?: string }>;
    };
    expect(list.members.map((m) => m.email)).toContain('ana@agency.example');
    const again = await api.request('/api/members', {
      method: 'POST',
      token: owner,
      json: { email: 'ana@agency.example', role: 'viewer' },
    });
    expect(again.status).toBe(409);
  });

  it('confines an agency client to its brand allow-list and refuses an unknown brand', async () => {
    const { owner } = await setUp();
    const res = await api.request('/api/members', {
      method: 'POST',
      token: owner,
      json: { email: 'client@north.example', role: 'viewer', brandIds: ['north'] },
    });
    expect(res.status).toBe(201);
    const client = await signIn('client@north.example');
    const brands = (await (await api.request('/api/brands', { token: client })).json()) as {
      brands: Array<{ id: string }>;
    };
    expect(brands.brands.map((b) => b.id)).toEqual(['north']);
    expect((await api.request('/api/brands/south/dashboard', { token: client })).status).toBe(404);
    const unknown = await api.request('/api/members', {
      method: 'POST',
      token: owner,
      json: { email: 'x@y.example', role: 'viewer', brandIds: ['nowhere'] },
    });
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({ error: { code: 'invalid_request' } });
  });

  it('refuses what the caller may not grant: admins inviting owners, analysts managing members', async () => {
    const { owner } = await setUp();
    const admin = await api.token({ tenantId: 'acme', role: 'admin', uid: 'adm' });
    const analyst = await api.token({ tenantId: 'acme', role: 'analyst', uid: 'ana' });
    const asAdmin = await api.request('/api/members', {
      method: 'POST',
      token: admin,
      json: { email: 'boss@x.example', role: 'owner' },
    });
    expect(asAdmin.status).toBe(403);
    expect((await api.request('/api/members', { token: analyst })).status).toBe(403);
    expect((await api.request('/api/members/founder', { method: 'DELETE', token: admin })).status).toBe(403);
    expect((await api.request('/api/members', { token: owner })).status).toBe(200);
  });

  it('refuses an address whose account already belongs to another tenant', async () => {
    const { owner } = await setUp();
    await api.seedTenant('rival', []);
    const rivalOwner = await api.token({ tenantId: 'rival', role: 'owner', uid: 'r1' });
    const invite = (token: string) =>
      api.request('/api/members', {
        method: 'POST',
        token,
        json: { email: 'sam@x.example', role: 'viewer' },
      });
    expect((await invite(rivalOwner)).status).toBe(201);
    const res = await invite(owner);
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ error: { code: 'conflict' } });
  });

  it('a role change signs the member out everywhere; the next sign-in carries the new role', async () => {
    const { owner } = await setUp();
    const created = await api.request('/api/members', {
      method: 'POST',
      token: owner,
      json: { email: 'ed@x.example', role: 'admin' },
    });
    const { member } = (await created.json()) as { member: { uid: string } };
    const before = await signIn('ed@x.example');
    expect((await api.request('/api/me', { token: before })).status).toBe(200);
    const patched = await api.request(`/api/members/${encodeURIComponent(member.uid)}`, {
      method: 'PATCH',
      token: owner,
      json: { role: 'viewer' },
    });
    expect(patched.status).toBe(200);
    const refused = await api.request('/api/me', { token: before });
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ error: { message: expect.stringMatching(/revoked/) } });
    // Role and brands come from the membership record; this instance dropped its cached look-up.
    api.clock.advance(2_000);
    const after = await api.request('/api/me', { token: await signIn('ed@x.example') });
    expect(await after.json()).toMatchObject({ role: 'viewer' });
  });

  it("a removed member's still-valid token is refused, and its claims are cleared", async () => {
    const { owner, accounts } = await setUp();
    const created = await api.request('/api/members', {
      method: 'POST',
      token: owner,
      json: { email: 'gone@x.example', role: 'analyst' },
    });
    const { member } = (await created.json()) as { member: { uid: string } };
    const token = await signIn('gone@x.example');
    expect((await api.request('/api/me', { token })).status).toBe(200);
    const removed = await api.request(`/api/members/${encodeURIComponent(member.uid)}`, {
      method: 'DELETE',
      token: owner,
    });
    expect(removed.status).toBe(204);
    expect((await accounts.account(member.uid))?.claims).toBeUndefined();
    expect((await api.request('/api/me', { token })).status).toBe(401);
    api.clock.advance(2_000);
    // Minted after the revocation with the old claims: only the membership check stands in the way,
    // at once on this instance (others within MEMBERSHIP_CACHE_MS).
    const later = await api.token({ uid: member.uid, tenantId: 'acme', role: 'analyst', member: false });
    const late = await api.request('/api/me', { token: later });
    expect(late.status).toBe(401);
    expect(await late.json()).toMatchObject({ error: { message: expect.stringMatching(/member/) } });
  });

  it('keeps at least one owner', async () => {
    const { owner } = await setUp();
    const demote = await api.request('/api/members/founder', {
      method: 'PATCH',
      token: owner,
      json: { role: 'admin' },
    });
    expect(demote.status).toBe(409);
    expect((await api.request('/api/members/founder', { method: 'DELETE', token: owner })).status).toBe(409);
  });
});
