import { decideSubscriptionUpdate } from '../domain/billing/subscription';
import { systemContext, type TenantContext } from '../domain/tenancy';
import type { Logger } from '../kernel/logging/logger';
import type { BillingWebhookVerifier, Invoice } from '../ports/billing-provider';
import type { Clock } from '../ports/clock';
import type { OperationalStore, SystemDirectory } from '../ports/operational-store';
import type { Warehouse } from '../ports/warehouse';

export interface BillingWebhookDeps {
  verifier: BillingWebhookVerifier;
  directory: Pick<SystemDirectory, 'resolveBillingCustomer'>;
  store: Pick<OperationalStore, 'billing'>;
  clock: Clock;
  logger: Logger;
  /** Where paid invoices go for the finance views (pp_ops.billing_invoices); optional in tests. */
  warehouse?: Pick<Warehouse, 'insertOps'>;
}

const MAX_BODY_BYTES = 1024 * 1024;
const json = (body: unknown, status: number) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const refusal = (code: string, message: string, status: number) => json({ error: { code, message } }, status);

/**
 * `stripe-webhooks` (POST /webhooks/stripe): verify the signature over the raw bytes before
 * anything is parsed, find the tenant by customer, then in one transaction claim the event id
 * (a replay changes nothing) and apply the subscription if it is newer than what is stored (an
 * out-of-order delivery cannot roll it back). Stripe retries anything but a 2xx, so only a
 * failure worth retrying answers 5xx.
 */
export function createBillingWebhookReceiver(deps: BillingWebhookDeps) {
  return async function receiveBillingWebhook(request: Request): Promise<Response> {
    if (request.method !== 'POST') return refusal('method_not_allowed', 'POST only', 405);
    const raw = await request.text();
    if (Buffer.byteLength(raw) > MAX_BODY_BYTES)
      return refusal('payload_too_large', 'webhook body too large', 413);
    const receivedAt = deps.clock.now();
    const verified = deps.verifier.verify(raw, request.headers.get('stripe-signature'), receivedAt);
    if (!verified.ok) {
      deps.logger.warn('billing webhook refused', { reason: verified.reason });
      const status = verified.reason === 'malformed' ? 400 : 401;
      return refusal(verified.reason, verified.message ?? verified.reason, status);
    }
    const event = verified.value;
    const tenantId = event.customerId
      ? await deps.directory.resolveBillingCustomer(event.provider, event.customerId)
      : undefined;
    if (!tenantId) {
      deps.logger.info('billing webhook for no known customer', { type: event.type, event: event.id });
      return json({ status: 'ignored' }, 200);
    }
    const ctx = systemContext(tenantId, 'stripe-webhooks');
    const { claimed, decision } = await deps.store.billing.applyEvent(
      ctx,
      event,
      receivedAt.toISOString(),
      (account) =>
        event.subscription
          ? decideSubscriptionUpdate(account?.subscription, event.subscription, event.created)
          : undefined,
    );
    if (!claimed) return json({ status: 'duplicate' }, 200);
    if (event.paidInvoice && deps.warehouse)
      await recordRevenue(deps, ctx, event.provider, event.paidInvoice);
    if (decision && !decision.apply)
      deps.logger.info('billing webhook kept the newer state', { event: event.id, reason: decision.reason });
    return json(
      { status: decision === undefined ? 'recorded' : decision.apply ? 'applied' : decision.reason },
      200,
    );
  };
}

/**
 * A paid invoice becomes a finance row once (only the delivery that claimed the event writes it),
 * under the plan the tenant is on when it is paid. Like the token ledger's copy, it is best effort:
 * the webhook is not failed (and retried by Stripe) for the warehouse.
 */
async function recordRevenue(
  deps: BillingWebhookDeps,
  ctx: TenantContext,
  provider: string,
  invoice: Invoice,
) {
  try {
    const account = await deps.store.billing.account(ctx);
    const paidAt = deps.clock.now();
    await deps.warehouse?.insertOps('billing_invoices', [
      {
        date: paidAt.toISOString().slice(0, 10),
        at: paidAt.toISOString(),
        tenant_id: ctx.tenantId,
        provider,
        invoice_id: invoice.id,
        plan_id: account?.subscription?.planId ?? 'free',
        currency: invoice.currency,
        total_minor: invoice.totalMinor,
        amount_paid_minor: invoice.amountPaidMinor,
      },
    ]);
  } catch (err) {
    deps.logger.error('could not record a paid invoice for finance', { error: err, invoice: invoice.id });
  }
}
