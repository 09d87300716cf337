import { canAccessBrand } from '../../domain/tenancy';
import { NotFoundError } from '../../kernel/errors';
import type { BrandScope } from '../../ports/warehouse-rows';

/**
 * Firestore paths of a brand's identity documents, under the brand document the operational store
 * keeps (`tenants/{t}/brands/{b}`, ARCHITECTURE §4); the SQLite backend stores the same paths.
 * Segments are URI-encoded as the store's own repositories do, so `email:a@b.co` is one segment.
 */
export const CUSTOMER_COLLECTIONS = {
  profiles: 'customerProfiles',
  identifiers: 'customerIdentifiers',
  merges: 'customerMerges',
  reviews: 'customerReviews',
  /** An erasure under way: its pseudonym, until it finishes (privacy.ts `beginErasure`). */
  erasures: 'customerErasures',
} as const;
export type CustomerCollection = keyof typeof CUSTOMER_COLLECTIONS;

function segment(id: string): string {
  if (id === '' || id === '.' || id === '..') throw new RangeError(`invalid document id "${id}"`);
  return encodeURIComponent(id);
}

export function collectionPath(scope: BrandScope, name: CustomerCollection): string {
  if (!canAccessBrand(scope.ctx, scope.brandId)) throw new NotFoundError(`brand ${scope.brandId} not found`);
  return `tenants/${segment(scope.ctx.tenantId)}/brands/${segment(scope.brandId)}/${CUSTOMER_COLLECTIONS[name]}`;
}

export function docPath(scope: BrandScope, name: CustomerCollection, id: string): string {
  return `${collectionPath(scope, name)}/${segment(id)}`;
}
