import type { TenantContext } from '../domain/tenancy';

/**
 * Platform tokens and other secrets. Callers keep only the returned reference; the value is read
 * when needed and never logged or stored elsewhere. Names are scoped to the tenant.
 */
export interface SecretStore {
  /**
   * Stores a new version and destroys the previous ones (a refreshed token leaves no readable
   * copy); returns the reference to keep (e.g. on the integration).
   */
  put(ctx: TenantContext, name: string, value: string): Promise<string>;
  /** The latest version's value, or undefined when there is none. */
  get(ctx: TenantContext, name: string): Promise<string | undefined>;
  /** Destroys every version. */
  delete(ctx: TenantContext, name: string): Promise<void>;
}

/** `brands/<brand>/<platform>-token`: one secret per integration token. */
export function integrationSecretName(brandId: string, platform: string): string {
  return `brands/${brandId}/${platform}-token`;
}
