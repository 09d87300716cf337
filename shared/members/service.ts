import { tenantSchema, type User, userSchema } from '../domain/entities';
import { canAccessBrand, type Role, systemContext, type TenantContext } from '../domain/tenancy';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../kernel/errors';
import type { Clock } from '../ports/clock';
import type { IdentityAdmin, IdentityClaims } from '../ports/identity';
import type { OperationalStore } from '../ports/operational-store';

export interface MemberServiceDeps {
  store: Pick<OperationalStore, 'tenants' | 'users' | 'brands'>;
  identityAdmin: IdentityAdmin;
  clock: Clock;
  /** Told after a member's record changed (the API drops its cached membership look-up). */
  onChanged?: (ctx: TenantContext, uid: string) => void;
}

export interface Invitation {
  email: string;
  role: Role;
  /** Agency client users: only these brands. Absent: every brand (or the inviter's own list). */
  brandIds?: string[];
}

export interface MemberChange {
  role?: Role;
  /** null lifts a brand restriction. */
  brandIds?: string[] | null;
}

const RANK: Record<Role, number> = { viewer: 0, analyst: 1, admin: 2, owner: 3 };

/**
 * Membership: the record (`tenants/{t}/users/{uid}`) the API checks on every request, and the
 * account's claims that carry the tenant into its tokens, changed together. An account belongs to
 * one tenant (its claims name one); a change revokes the account's sessions so the next token
 * carries the new claims (docs/decisions/921).
 */
export function createMemberService(deps: MemberServiceDeps) {
  const now = () => deps.clock.now().toISOString();
  const claimsOf = (tenantId: string, m: Pick<User, 'role' | 'brandIds'>): IdentityClaims => ({
    tenantId,
    role: m.role,
    ...(m.brandIds ? { brandIds: m.brandIds } : {}),
  });

  /** An actor may act on a role only at or below its own, as for API keys. */
  function assertMayGrant(ctx: TenantContext, role: Role) {
    if (ctx.role !== 'system' && RANK[ctx.role] < RANK[role])
      throw new ForbiddenError(`a ${ctx.role} may not manage ${role}s`);
  }

  /** A brand-limited actor sees, and hands out, only members confined to its brands. */
  const visibleTo = (ctx: TenantContext, m: Pick<User, 'brandIds'>) =>
    !ctx.brandIds || (m.brandIds?.every((b) => canAccessBrand(ctx, b)) ?? false);

  async function brandsFor(ctx: TenantContext, requested: string[] | undefined) {
    const brandIds = requested ?? (ctx.brandIds ? [...ctx.brandIds] : undefined);
    for (const b of brandIds ?? []) {
      if (!canAccessBrand(ctx, b)) throw new ForbiddenError(`brand ${b} is not one you can access`);
      if (!(await deps.store.brands.get(ctx, b)))
        throw new ValidationError(`brand ${b} does not exist`, {
          details: [{ in: 'json', path: 'brandIds', message: `unknown brand ${b}` }],
        });
    }
    return brandIds ? [...new Set(brandIds)] : undefined;
  }

  async function visibleMember(ctx: TenantContext, uid: string) {
    const member = await deps.store.users.get(ctx, uid);
    if (!member || !visibleTo(ctx, member)) throw new NotFoundError(`member ${uid} not found`);
    return member;
  }

  async function assertKeepsAnOwner(ctx: TenantContext, leaving: User) {
    if (leaving.role !== 'owner') return;
    const owners = (await deps.store.users.list(ctx)).filter((u) => u.role === 'owner');
    if (owners.length <= 1) throw new ConflictError('a tenant keeps at least one owner');
  }

  /** The account for `email`, refused when its claims already name another tenant. */
  async function accountFor(tenantId: string, email: string) {
    const account = await deps.identityAdmin.accountForEmail(email);
    if (account.claims && account.claims.tenantId !== tenantId)
      throw new ConflictError(`${email} already belongs to another workspace`);
    return account;
  }

  return {
    async list(ctx: TenantContext): Promise<User[]> {
      return (await deps.store.users.list(ctx)).filter((m) => visibleTo(ctx, m));
    },

    /**
     * The checks of `invite` that need no account (an emailed invitation makes none until it is
     * accepted): the role, the brands, and that the address is not a member already.
     */
    async vetInvitation(ctx: TenantContext, invitation: Invitation): Promise<Invitation> {
      assertMayGrant(ctx, invitation.role);
      const brandIds = await brandsFor(ctx, invitation.brandIds);
      const email = invitation.email.trim().toLowerCase();
      const members = await deps.store.users.list(ctx);
      if (members.some((m) => m.email?.toLowerCase() === email))
        throw new ConflictError(`${invitation.email} is already a member`);
      return { email, role: invitation.role, ...(brandIds ? { brandIds } : {}) };
    },

    async invite(ctx: TenantContext, invitation: Invitation) {
      assertMayGrant(ctx, invitation.role);
      const brandIds = await brandsFor(ctx, invitation.brandIds);
      const account = await accountFor(ctx.tenantId, invitation.email);
      if (await deps.store.users.get(ctx, account.uid))
        throw new ConflictError(`${invitation.email} is already a member`);
      const member = userSchema.parse({
        uid: account.uid,
        email: account.email,
        role: invitation.role,
        ...(brandIds ? { brandIds } : {}),
        createdAt: now(),
      });
      await deps.identityAdmin.setClaims(account.uid, claimsOf(ctx.tenantId, member));
      await deps.store.users.upsert(ctx, member);
      // Only a new account needs a password; an existing one signs in as it always has.
      const signInLink = account.created
        ? await deps.identityAdmin.passwordSetupLink(account.email)
        : undefined;
      return { member, ...(signInLink ? { signInLink } : {}) };
    },

    async update(ctx: TenantContext, uid: string, change: MemberChange): Promise<User> {
      const member = await visibleMember(ctx, uid);
      assertMayGrant(ctx, member.role);
      if (change.role) assertMayGrant(ctx, change.role);
      if (change.role && change.role !== 'owner') await assertKeepsAnOwner(ctx, member);
      const brandIds =
        change.brandIds === undefined ? member.brandIds : await brandsFor(ctx, change.brandIds ?? undefined);
      // A brand-limited actor may not lift a restriction it is itself under.
      if (!brandIds && ctx.brandIds) throw new ForbiddenError('you may not grant every brand');
      const { brandIds: _old, ...rest } = member;
      const next = { ...rest, role: change.role ?? member.role, ...(brandIds ? { brandIds } : {}) };
      await deps.identityAdmin.setClaims(uid, claimsOf(ctx.tenantId, next));
      await deps.store.users.upsert(ctx, next);
      deps.onChanged?.(ctx, uid);
      await deps.identityAdmin.revokeSessions(uid);
      return next;
    },

    async remove(ctx: TenantContext, uid: string): Promise<void> {
      const member = await visibleMember(ctx, uid);
      assertMayGrant(ctx, member.role);
      await assertKeepsAnOwner(ctx, member);
      // The record first: the API refuses the account from here on, whatever its claims say.
      await deps.store.users.delete(ctx, uid);
      deps.onChanged?.(ctx, uid);
      await deps.identityAdmin.setClaims(uid, null);
      await deps.identityAdmin.revokeSessions(uid);
    },

    /**
     * The first owner (`pulsepoint owner`): the tenant created when absent, the account for
     * `email` created when absent, its claims set and its membership recorded. Running it again
     * changes nothing but a new password-setup link.
     */
    async bootstrapOwner(o: { tenantId: string; tenantName?: string; email: string }) {
      const ctx = systemContext(o.tenantId, 'owner-bootstrap');
      const tenantCreated = !(await deps.store.tenants.get(ctx));
      if (tenantCreated)
        await deps.store.tenants.upsert(
          ctx,
          tenantSchema.parse({
            id: o.tenantId,
            name: o.tenantName ?? o.tenantId,
            createdAt: now(),
            updatedAt: now(),
          }),
        );
      const account = await accountFor(o.tenantId, o.email);
      const existing = await deps.store.users.get(ctx, account.uid);
      const member = userSchema.parse({
        uid: account.uid,
        email: account.email,
        role: 'owner',
        createdAt: existing?.createdAt ?? now(),
      });
      await deps.identityAdmin.setClaims(account.uid, claimsOf(o.tenantId, member));
      await deps.store.users.upsert(ctx, member);
      const signInLink = await deps.identityAdmin.passwordSetupLink(account.email);
      return {
        member,
        tenantCreated,
        accountCreated: account.created,
        ...(signInLink ? { signInLink } : {}),
      };
    },
  };
}
export type MemberService = ReturnType<typeof createMemberService>;
