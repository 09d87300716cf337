import type { BrandScope } from '../../analytics/rows';
import { canAccessBrand } from '../../domain/tenancy';
import { NotFoundError } from '../../errors';
import { paths } from '../../store/paths';

/** Firestore paths of a brand's identity documents (the SQLite backend stores the same paths). */
export const CUSTOMER_COLLECTIONS = {
  profiles: 'customerProfiles',
  identifiers: 'customerIdentifiers',
  merges: 'customerMerges',
  reviews: 'customerReviews',
} as const;
export type CustomerCollection = keyof typeof CUSTOMER_COLLECTIONS;

export function collectionPath(scope: BrandScope, name: CustomerCollection): string {
  if (!canAccessBrand(scope.ctx, scope.brandId)) throw new NotFoundError(`brand ${scope.brandId} not found`);
  return paths.brandCollection(scope.ctx.tenantId, scope.brandId, CUSTOMER_COLLECTIONS[name]);
}

export function docPath(scope: BrandScope, name: CustomerCollection, id: string): string {
  return paths.doc(collectionPath(scope, name), id);
}
