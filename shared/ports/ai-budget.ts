import type { TenantContext } from '../domain/tenancy';

/**
 * Decides whether a tenant may make another AI call given what it has used this month (USD
 * micros). Billing implements it from the plan; the token ledger asks it before every call and
 * falls back to the tenant's own monthly budget when none is given.
 */
export interface AiBudgetGate {
  assertWithinBudget(ctx: TenantContext, usedMicros: number): Promise<void>;
}
