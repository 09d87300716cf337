/** Firestore document paths (ARCHITECTURE §4); the SQLite backend stores the same paths. */
const seg = (id: string): string => {
  if (id === '' || id === '.' || id === '..') throw new RangeError(`invalid document id "${id}"`);
  return encodeURIComponent(id);
};

export const paths = {
  tenant: (t: string) => `tenants/${seg(t)}`,
  users: (t: string) => `tenants/${seg(t)}/users`,
  brands: (t: string) => `tenants/${seg(t)}/brands`,
  brand: (t: string, b: string) => `tenants/${seg(t)}/brands/${seg(b)}`,
  brandCollection: (t: string, b: string, name: string) => `tenants/${seg(t)}/brands/${seg(b)}/${name}`,
  /** Beside the performance freshness document (shared/reporting/freshness.ts). */
  catalogVersion: (t: string, b: string) => `tenants/${seg(t)}/brands/${seg(b)}/freshness/catalog`,
  auditEvents: (t: string) => `tenants/${seg(t)}/auditEvents`,
  aiUsage: (t: string) => `tenants/${seg(t)}/aiUsage`,
  aiUsageMonths: (t: string) => `tenants/${seg(t)}/aiUsageMonths`,
  webhookReceipts: () => 'webhookReceipts',
  shopDomains: () => 'shopDomains',
  apiKeys: (t: string) => `tenants/${seg(t)}/apiKeys`,
  apiKeyHashes: () => 'apiKeyHashes',
  writeKeys: () => 'writeKeys',
  doc: (collection: string, id: string) => `${collection}/${seg(id)}`,
};
