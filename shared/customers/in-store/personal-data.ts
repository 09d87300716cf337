import type { Alert } from '../../domain/entities';
import type { ActionCollection } from '../../ports/operational-store';
import type { BrandScope } from '../../ports/warehouse-rows';

export type InStoreAlertStore = Pick<ActionCollection<Alert>, 'list' | 'delete'>;

/**
 * The in-store alerts about these profiles (or all of the brand's): they name the person and what
 * they looked at, so they are exported and erased with them (decision 932). Requests are rare, so
 * the brand's alerts are scanned rather than indexed by profile.
 */
export async function inStoreAlertsAbout(
  alerts: Pick<InStoreAlertStore, 'list'>,
  scope: BrandScope,
  profileIds: ReadonlySet<string> | 'all',
): Promise<Alert[]> {
  return (await alerts.list(scope.ctx, scope.brandId)).filter(
    (a) =>
      a.type === 'customer_in_store' &&
      (profileIds === 'all' || profileIds.has(String(a.evidence.profile_id))),
  );
}

export async function eraseInStoreAlerts(
  alerts: InStoreAlertStore,
  scope: BrandScope,
  profileIds: ReadonlySet<string> | 'all',
): Promise<number> {
  const about = await inStoreAlertsAbout(alerts, scope, profileIds);
  for (const a of about) await alerts.delete(scope.ctx, scope.brandId, a.id);
  return about.length;
}
