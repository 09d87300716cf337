import type { IssueOptions } from '../../shared/adapters/embedded/local-identity';
import { systemContext } from '../../shared/domain/tenancy';
import type { OperationalStore } from '../../shared/ports/operational-store';

/**
 * The API checks on every request that a token's tenant exists and its user is a member (role and
 * brands from the membership record). Test helpers that mint tokens make that true first: the
 * tenant is created when absent, and the user recorded with the token's role and brands. A uid
 * is derived from the claims, so two tokens with different roles or brands are two members.
 */
export async function ensureMember(
  store: Pick<OperationalStore, 'tenants' | 'users'>,
  o: Pick<IssueOptions, 'tenantId' | 'role' | 'brandIds' | 'uid'>,
  now: Date,
): Promise<string> {
  const ctx = systemContext(o.tenantId, 'test');
  const at = now.toISOString();
  const uid = o.uid ?? memberUid(o);
  if (!(await store.tenants.get(ctx)))
    await store.tenants.upsert(ctx, {
      id: o.tenantId,
      name: `Tenant ${o.tenantId}`,
      plan: 'agency',
      aiMonthlyBudgetMicros: 1,
      createdAt: at,
      updatedAt: at,
    });
  await store.users.upsert(ctx, {
    uid,
    role: o.role,
    ...(o.brandIds ? { brandIds: o.brandIds } : {}),
    createdAt: at,
  });
  return uid;
}

export function memberUid(o: Pick<IssueOptions, 'tenantId' | 'role' | 'brandIds'>): string {
  return `local:${o.tenantId}:${o.role}${o.brandIds ? `:${o.brandIds.join('+')}` : ''}`;
}
