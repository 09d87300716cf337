import { type ContentDeps, createContent } from '../../shared/content/index';
import { systemContext } from '../../shared/domain/tenancy';
import { toLocalDate } from '../../shared/domain/time';
import { GRAPH_SANDBOX_PAGES, GRAPH_SANDBOX_TOKEN } from '../sandbox/meta-graph/server';
import { DEMO_BRAND, DEMO_TENANT } from './seed';

/** How many of the drafted posts the demo approves and publishes at start. */
const DEMO_PUBLISHED = 3;

/**
 * The content studio's part of the demo: once the demo brand's first attribution pass has filled
 * the inventory read model, it gets a brief for this month, a profile extracted from the sandbox
 * storefront, a month of drafted posts with images, its Page connected in the Graph sandbox, and
 * a few posts approved, scheduled and published there. Runs once: a brand with posts is left alone.
 */
export async function runContentDemo(deps: ContentDeps, graphUrl: string, tenantId: string, brandId: string) {
  if (tenantId !== DEMO_TENANT || brandId !== DEMO_BRAND) return;
  const scope = { ctx: systemContext(DEMO_TENANT, 'content-demo'), brandId: DEMO_BRAND };
  const { studio, scheduling, publisher } = createContent(deps);
  if ((await studio.listPosts(scope)).length > 0) return;
  const brand = await deps.store.brands.get(scope.ctx, DEMO_BRAND);
  if (!brand) return;
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
  deps.logger.info('content demo ready', {
    drafted: drafted.length,
    published: results.filter((r) => r.outcome === 'published').length,
  });
}
