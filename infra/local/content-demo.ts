import { type ContentDeps, createContent } from '../../shared/content/index';
import { createProductSignals } from '../../shared/content/signals';
import { isPromotable } from '../../shared/domain/content/pick';
import { systemContext } from '../../shared/domain/tenancy';
import { toLocalDate } from '../../shared/domain/time';
import { GRAPH_SANDBOX_PAGES, GRAPH_SANDBOX_TOKEN } from '../sandbox/meta-graph/server';
import { DEMO_BRAND, DEMO_TENANT } from './seed';

/** How many of the drafted posts the demo approves and publishes at start. */
const DEMO_PUBLISHED = 3;

export type ContentDemoOutcome =
  | { outcome: 'not_demo' | 'already_drafted' | 'waiting_for_stock' }
  | { outcome: 'ready'; drafted: number; published: number };

/**
 * The content studio's part of the demo, run on each `attribution.completed` until it has posts:
 * once a pass has written stock numbers for the demo brand's catalogue, the brand gets a brief
 * for this month, a profile extracted from the sandbox storefront, a month of drafted posts with
 * images, its Page connected in the Graph sandbox, and a few posts approved, scheduled and
 * published there. The first pass often runs before the Shopify backfill has landed (the ads
 * sync first): drafting then would pick from a catalogue with no stock and draft nothing, so it
 * waits for the next pass without writing anything. A brand with posts is left alone.
 */
export async function runContentDemo(
  deps: ContentDeps,
  graphUrl: string,
  tenantId: string,
  brandId: string,
): Promise<ContentDemoOutcome> {
  if (tenantId !== DEMO_TENANT || brandId !== DEMO_BRAND) return { outcome: 'not_demo' };
  const scope = { ctx: systemContext(DEMO_TENANT, 'content-demo'), brandId: DEMO_BRAND };
  const { studio, scheduling, publisher } = createContent(deps);
  if ((await studio.listPosts(scope)).length > 0) return { outcome: 'already_drafted' };
  const brand = await deps.store.brands.get(scope.ctx, DEMO_BRAND);
  if (!brand) return { outcome: 'not_demo' };
  const signals = await createProductSignals(deps)(scope);
  if (!signals.some(isPromotable)) {
    deps.logger.info('content demo waits for a pass with stock numbers', { products: signals.length });
    return { outcome: 'waiting_for_stock' };
  }
  const month = toLocalDate(deps.clock.now(), brand.timezone).slice(0, 7);
  await studio.saveBrief(scope, {
    month,
    goals: 'Clear winter overstock and keep best sellers visible',
    offers: 'Free shipping over $75',
    tone: 'Warm, practical, outdoorsy',
    postsPerWeek: 3,
  });
  await studio.extractProfile(scope);
  const drafted = await studio.draftMonth(scope, month);
  await scheduling.connect(scope, {
    pageId: GRAPH_SANDBOX_PAGES[0].id,
    accessToken: GRAPH_SANDBOX_TOKEN,
    apiBaseUrl: graphUrl,
  });
  const at = new Date(deps.clock.now().getTime() + 2_000);
  for (const post of drafted.slice(0, DEMO_PUBLISHED)) {
    await studio.approvePost(scope, post.id);
    await scheduling.schedule(scope, post.id, at);
  }
  await new Promise((r) => setTimeout(r, Math.max(0, at.getTime() - deps.clock.now().getTime()) + 50));
  const results = await publisher.publishDue(scope);
  const published = results.filter((r) => r.outcome === 'published').length;
  deps.logger.info('content demo ready', {
    drafted: drafted.length,
    published,
    featured: [...new Set(drafted.map((p) => p.product.sku ?? p.product.title))],
  });
  return { outcome: 'ready', drafted: drafted.length, published };
}
