import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { storefrontHtml } from '../../infra/sandbox/shopify/storefront';
import { aBrand } from '../../test/support/builders';
import { type ContentTestBed, contentTestBed } from '../../test/support/content-bed';
import type { ProductSignal } from '../domain/content/pick';
import { tenantSchema } from '../domain/entities';
import { createTokenLedger } from '../insights/ledger';
import { LOCAL_ANALYST_MODEL } from '../insights/local-analyst';
import type { LlmClient, LlmRequest } from '../ports/llm';
import type { Warehouse } from '../ports/warehouse';
import { createPostImageRenderer, loadDefaultFonts } from './render';
import { createStudio } from './studio';
import { createContentWriter } from './writer';

const SIGNALS: ProductSignal[] = [
  {
    variantId: 'v-out',
    sku: 'PP-TRAIL-BOTTLE-OS',
    title: 'Trail Bottle',
    priceMinor: 3400,
    unitCostMinor: 900,
    currency: 'USD',
    stock: 0,
    daysOfCover: 0,
    status: 'stockout',
    unitsSold: 90,
  },
  {
    variantId: 'v-over',
    sku: 'PP-ALPINE-THROW-OS',
    title: 'Alpine Throw',
    priceMinor: 8900,
    unitCostMinor: 3100,
    currency: 'USD',
    stock: 2600,
    daysOfCover: 900,
    status: 'overstock',
    unitsSold: 12,
  },
  {
    variantId: 'v-tee',
    title: 'Merino Tee',
    priceMinor: 5900,
    unitCostMinor: 1900,
    currency: 'USD',
    stock: 300,
    daysOfCover: 50,
    status: 'healthy',
    unitsSold: 60,
  },
  {
    variantId: 'v-mug',
    title: 'Camp Mug',
    priceMinor: 2400,
    unitCostMinor: 600,
    currency: 'USD',
    stock: 200,
    daysOfCover: 60,
    status: 'healthy',
    unitsSold: 20,
  },
];
const storefrontFetch = (async () =>
  new Response(storefrontHtml('https://demo-brand.myshopify.com'), {
    headers: { 'content-type': 'text/html' },
  })) as unknown as typeof fetch;
const quietWarehouse = { insertOps: async () => {} } as unknown as Warehouse;

let bed: ContentTestBed;
let fonts: Awaited<ReturnType<typeof loadDefaultFonts>>;
beforeEach(async () => {
  bed = await contentTestBed();
  fonts ??= await loadDefaultFonts();
  const at = bed.clock.now().toISOString();
  await bed.store.tenants.upsert(
    bed.scope.ctx,
    tenantSchema.parse({ id: 't_content', name: 'T', createdAt: at, updatedAt: at }),
  );
  await bed.store.brands.upsert(bed.scope.ctx, aBrand('b1', { name: 'Demo Brand' }));
});
afterEach(async () => {
  await bed.close();
});

function studioWith(llm: LlmClient) {
  const ledger = createTokenLedger({
    store: bed.store,
    warehouse: quietWarehouse,
    clock: bed.clock,
    ids: { next: () => crypto.randomUUID() },
    logger: bed.logger,
  });
  return createStudio({
    documents: bed.documents,
    store: bed.store,
    media: bed.media,
    writer: createContentWriter({ llm, ledger, logger: bed.logger }),
    renderer: createPostImageRenderer(fonts),
    productSignals: async () => SIGNALS,
    clock: bed.clock,
    ids: { next: () => crypto.randomUUID().slice(0, 8) },
    fetch: storefrontFetch,
  });
}
const localLlm: LlmClient = {
  model: LOCAL_ANALYST_MODEL,
  createMessage: async () => {
    throw new Error('the local path makes no model call');
  },
};

describe('briefs', () => {
  it('a brief is created, updated as a new version, listed and kept in history', async () => {
    const studio = studioWith(localLlm);
    await studio.saveBrief(bed.scope, { month: '2026-12', goals: 'Clear winter stock', postsPerWeek: 2 });
    bed.clock.advance(60_000);
    const v2 = await studio.saveBrief(bed.scope, {
      month: '2026-12',
      goals: 'Clear winter stock',
      offers: 'Free shipping over $75',
      postsPerWeek: 3,
    });
    expect(v2).toMatchObject({
      version: 2,
      postsPerWeek: 3,
      channels: ['facebook', 'instagram'],
      language: 'en',
    });
    expect((await studio.listBriefs(bed.scope)).map((b) => b.version)).toEqual([2]);
    expect((await studio.briefHistory(bed.scope, '2026-12')).map((b) => [b.version, b.postsPerWeek])).toEqual(
      [
        [2, 3],
        [1, 2],
      ],
    );
  });

  it('a brief with a bad month or too many posts is refused, naming the field', async () => {
    const studio = studioWith(localLlm);
    await expect(studio.saveBrief(bed.scope, { month: '2026-13' })).rejects.toThrow(/month: YYYY-MM/);
    await expect(studio.saveBrief(bed.scope, { month: '2026-12', postsPerWeek: 50 })).rejects.toThrow(
      /postsPerWeek/,
    );
  });
});

describe('brand profile and drafting without a key', () => {
  it('extracts a profile from the storefront, drafts a month around the overstock and never the stockout, with images', async () => {
    const studio = studioWith(localLlm);
    const profile = await studio.extractProfile(bed.scope);
    expect(profile).toMatchObject({ name: 'Demo Brand', source: 'local' });
    expect(profile.palette[0]).toBe('#1f3a2e');
    expect(profile.pillars).toContain('Gear for weekends outside');

    await studio.saveBrief(bed.scope, {
      month: '2026-12',
      postsPerWeek: 3,
      offers: 'Free shipping over $75',
    });
    const drafted = await studio.draftMonth(bed.scope, '2026-12');
    expect(drafted).toHaveLength(13);
    const skus = drafted.map((p) => p.product.variantId);
    expect(skus).toContain('v-over');
    expect(skus).not.toContain('v-out');
    expect(drafted[0]!.caption).toContain('$89.00');
    const image = await studio.image(bed.scope, drafted[0]!.id);
    expect(image.contentType).toBe('image/png');
  });

  it('an edit of an approved post sends it back to draft; approval moves it on again', async () => {
    const studio = studioWith(localLlm);
    await studio.extractProfile(bed.scope);
    await studio.saveBrief(bed.scope, { month: '2026-12', postsPerWeek: 1 });
    const [post] = await studio.draftMonth(bed.scope, '2026-12');
    expect((await studio.approvePost(bed.scope, post!.id)).status).toBe('approved');
    const edited = await studio.editPost(bed.scope, post!.id, { caption: 'New words' });
    expect(edited).toMatchObject({ status: 'draft', caption: 'New words' });
    await studio.commentPost(bed.scope, post!.id, 'Looks good now');
    const approved = await studio.approvePost(bed.scope, post!.id);
    expect(approved.history.map((h) => h.status)).toEqual(['draft', 'approved', 'draft', 'approved']);
    expect(approved.comments.map((c) => c.text)).toEqual(['Looks good now']);
  });

  it('re-drafting replaces drafts but keeps approved posts', async () => {
    const studio = studioWith(localLlm);
    await studio.extractProfile(bed.scope);
    await studio.saveBrief(bed.scope, { month: '2026-12', postsPerWeek: 1 });
    const first = await studio.draftMonth(bed.scope, '2026-12');
    await studio.approvePost(bed.scope, first[0]!.id);
    await studio.draftMonth(bed.scope, '2026-12');
    const all = await studio.listPosts(bed.scope, { month: '2026-12' });
    expect(all).toHaveLength(4);
    expect(all.filter((p) => p.status === 'approved').map((p) => p.id)).toEqual([first[0]!.id]);
  });
});

describe('with Claude', () => {
  it('the profile comes from the model, validated, and its tokens go to the ledger under content.brand_profile', async () => {
    const requests: LlmRequest[] = [];
    const claude: LlmClient = {
      model: 'claude-sonnet-4-5',
      async createMessage(request) {
        requests.push(request);
        return {
          model: 'claude-sonnet-4-5',
          stopReason: 'tool_use',
          usage: {
            inputTokens: 1200,
            outputTokens: 300,
            cacheCreationInputTokens: 0,
            cacheReadInputTokens: 0,
          },
          content: [
            {
              type: 'tool_use',
              id: 't1',
              name: 'save_brand_profile',
              input: {
                name: 'Demo Brand',
                voice: 'Calm, outdoorsy',
                audience: 'Weekend hikers',
                pillars: ['Made to last'],
                palette: ['#1f3a2e'],
                dos: ['Show gear in use'],
                donts: ['Hype'],
              },
            },
          ],
        };
      },
    };
    const studio = studioWith(claude);
    const profile = await studio.extractProfile(bed.scope);
    expect(profile).toMatchObject({ source: 'claude', voice: 'Calm, outdoorsy' });
    expect(requests[0]!.tools[0]!.name).toBe('save_brand_profile');
    const usage = await bed.store.aiUsage.month(bed.scope.ctx, '2026-12');
    expect(usage.calls).toBe(1);
    expect(usage.costMicros).toBeGreaterThan(0);
  });
});
