import type { AlertDraft, ProductExposure } from '../domain/alerts';
import { engagementPausedAlert } from '../domain/engagement/stockout-alert';
import type { Brand } from '../domain/entities';
import type { TenantContext } from '../domain/tenancy';
import type { Clock, Ids } from '../ports/clock';
import type { OperationalStore } from '../ports/operational-store';
import type { BrandScope } from '../ports/warehouse-rows';

/**
 * What the recommend job asks of engagement when a product runs out or comes back (the
 * engagement feature's stockout-pause.ts provides it; declared here by shape so recommendations do
 * not depend on engagement, and the composition root passes it in).
 */
export interface EngagementStockoutPause {
  pauseFeaturing(
    scope: BrandScope,
    product: { variantId: string; productId: string | null; title: string },
  ): Promise<{
    stockout: { since: string };
    paused: ReadonlyArray<{
      kind: 'automation' | 'campaign';
      id: string;
      name: string;
      midSend?: { sent: number; remaining: number | null };
    }>;
  }>;
  restocked(scope: BrandScope, variantIds: readonly string[]): Promise<number>;
}

/**
 * On each pass: a product with no stock pauses the automations and draft or sending campaigns featuring it
 * (once per stockout), each pause audited as the recommend job's, and the alert saying so drafted;
 * a product back in stock ends its stockout. Returns the alerts of this pass's new pauses.
 */
export async function pauseEngagementOnStockouts(
  deps: { store: OperationalStore; pause: EngagementStockoutPause; ids: Ids; clock: Clock },
  ctx: TenantContext,
  brand: Brand,
  products: readonly ProductExposure[],
): Promise<AlertDraft[]> {
  const scope = { ctx, brandId: brand.id };
  const out = products.filter((p) => p.stockAvailable !== null && p.stockAvailable <= 0);
  await deps.pause.restocked(
    scope,
    products.filter((p) => (p.stockAvailable ?? 0) > 0).map((p) => p.productId),
  );
  if (out.length === 0) return [];
  const catalog = new Map((await deps.store.products.list(ctx, brand.id)).map((p) => [p.id, p]));
  const alerts: AlertDraft[] = [];
  for (const p of out) {
    const product = {
      variantId: p.productId,
      productId: catalog.get(p.productId)?.productId ?? null,
      title: p.title,
    };
    const { stockout, paused } = await deps.pause.pauseFeaturing(scope, product);
    if (paused.length === 0) continue;
    const at = deps.clock.now().toISOString();
    for (const item of paused)
      await deps.store.auditEvents.append(ctx, {
        id: deps.ids.next(),
        brandId: brand.id,
        actor: ctx.uid,
        // The names the API's own pause and resume are audited under.
        action: item.kind === 'automation' ? 'automation.paused' : 'engagement_campaign.paused',
        target: `brands/${brand.id}/${item.kind === 'automation' ? 'automations' : 'engagementCampaigns'}/${item.id}`,
        details: {
          reason: 'out_of_stock',
          productId: p.productId,
          product: p.title,
          stockAvailable: p.stockAvailable,
          name: item.name,
          ...(item.midSend
            ? { midSend: true, sentBeforePause: item.midSend.sent, heldBack: item.midSend.remaining }
            : {}),
        },
        at,
      });
    alerts.push(engagementPausedAlert({ brandId: brand.id, product, since: stockout.since, paused }));
  }
  return alerts;
}
