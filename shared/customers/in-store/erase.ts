import type { Alert } from '../../domain/entities';
import type { ActionCollection } from '../../ports/operational-store';
import type { BrandScope } from '../../ports/warehouse-rows';

export type InStoreAlertStore = Pick<ActionCollection<Alert>, 'list' | 'delete'>;

/**
 * Deletes the in-store alerts about these profiles (or all of the brand's): they name the person
 * and what they looked at (decision 932). Erasure is rare, so the brand's alerts are scanned
 * rather than indexed by profile.
 */
export async function eraseInStoreAlerts(
  alerts: InStoreAlertStore,
  scope: BrandScope,
  profileIds: ReadonlySet<string> | 'all',
): Promise<number> {
  const about = (await alerts.list(scope.ctx, scope.brandId)).filter(
    (a) =>
      a.type === 'customer_in_store' &&
      (profileIds === 'all' || profileIds.has(String(a.evidence.profile_id))),
  );
  for (const a of about) await alerts.delete(scope.ctx, scope.brandId, a.id);
  return about.length;
}
