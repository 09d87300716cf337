import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseLlm } from '../../infra/compose/llm';
import type { LocalRuntime } from '../../infra/local/runtime';
import { DEMO_BRAND, DEMO_TENANT } from '../../infra/local/seed';
import {
  GRAPH_SANDBOX_PAGES,
  GRAPH_SANDBOX_TOKEN,
  type GraphSandbox,
  startGraphSandbox,
} from '../../infra/sandbox/meta-graph/server';
import { posts } from '../../shared/content/documents';
import { createContent } from '../../shared/content/index';
import type { FeaturedProduct, Post } from '../../shared/domain/content/post';
import { systemContext } from '../../shared/domain/tenancy';
import { toLocalDate, wallClockToInstant } from '../../shared/domain/time';
import { launchChromium } from './browser';
import { shootBothSizes, signInToDemo, startWebRuntime, type WebRuntime } from './web-runtime';

/**
 * The content studio's pages in Chromium, over a demo brand whose studio has a brief, a profile,
 * posts in every state (one published to the Graph sandbox, one stopped because the Page changed)
 * and rendered images. Screenshots at desktop and phone sizes go to test-results/screenshots for a person to read.
 */
const product = (
  title: string,
  kind: FeaturedProduct['kind'],
  priceMinor: number,
  stock: number,
  cover: number,
) =>
  ({
    variantId: `gid://shopify/ProductVariant/${title.length}${priceMinor}`,
    sku: `PP-${title.toUpperCase().replace(/\W+/g, '-')}`,
    title,
    priceMinor,
    currency: 'USD',
    stock,
    daysOfCover: cover,
    kind,
    reason: `${kind}: ${stock} in stock`,
  }) satisfies FeaturedProduct;

const PRODUCTS = [
  product('Alpine Throw', 'overstock', 8900, 2600, 900),
  product('Merino Tee', 'margin', 5900, 140, 60),
  product('Daypack 22L', 'bestseller', 11900, 80, 45),
  product('Summit Beanie', 'margin', 2900, 300, 120),
];

describe('the content studio pages in a browser', () => {
  let web: WebRuntime;
  let runtime: LocalRuntime;
  let graph: GraphSandbox;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  const ids: Record<string, string> = {};
  const base = () => `${runtime.url}/brands/${DEMO_BRAND}/content`;

  beforeAll(async () => {
    graph = await startGraphSandbox();
    web = await startWebRuntime();
    runtime = web.runtime;
    const { deps } = runtime.embedded;
    const media = deps.media!;
    const scope = { ctx: systemContext(DEMO_TENANT, 'content-web-test'), brandId: DEMO_BRAND };
    const { studio, scheduling, publisher } = createContent({ ...deps, media, llm: chooseLlm(deps.config) });
    const brand = (await deps.store.brands.get(scope.ctx, DEMO_BRAND))!;
    const month = toLocalDate(new Date(), brand.timezone).slice(0, 7);
    await studio.saveBrief(scope, {
      month,
      goals: 'Clear the winter overstock',
      offers: 'Free shipping over $75',
      postsPerWeek: 3,
    });
    await studio.editProfile(scope, {
      name: 'Demo Brand',
      voice: 'Warm, practical, outdoorsy',
      audience: 'Hikers and campers who buy gear that lasts',
      pillars: ['Gear that lasts', 'Weekend trips'],
      palette: ['#1f3a2e', '#e07a2f', '#f6f1e7'],
      dos: ['Name the product and its price'],
      donts: ['Invent discounts'],
    });
    // Four drafts, rendered like the studio renders them.
    const { createDefaultPostImageRenderer } = await import('../../shared/content/render');
    const renderer = createDefaultPostImageRenderer();
    const now = new Date().toISOString();
    for (const [i, p] of PRODUCTS.entries()) {
      const post: Post = {
        id: `post-web-${i}`,
        brandId: DEMO_BRAND,
        planMonth: month,
        status: 'draft',
        channels: ['facebook', 'instagram'],
        caption: `${p.title}, ready for the trail. Now ${(p.priceMinor / 100).toFixed(2)} dollars.`,
        hashtags: ['#DemoBrand', '#Outdoors'],
        callToAction: 'Shop now, link in bio.',
        product: p,
        imageKey: `posts/post-web-${i}.png`,
        publishedIds: {},
        comments: [],
        history: [{ at: now, uid: 'system:content', status: 'draft' }],
        createdAt: now,
        updatedAt: now,
      };
      await media.put(
        scope,
        post.imageKey!,
        await renderer.render({
          brandName: 'Demo Brand',
          palette: ['#1f3a2e', '#e07a2f', '#f6f1e7'],
          product: p,
          offer: 'Free shipping over $75',
        }),
        'image/png',
      );
      await posts.put(deps.documents, scope, post.id, post);
      ids[p.title] = post.id;
    }
    // Publish the Alpine Throw to the sandbox; the Daypack is scheduled, then the Page changes and it is stopped.
    await scheduling.connect(scope, {
      pageId: GRAPH_SANDBOX_PAGES[0]!.id,
      accessToken: GRAPH_SANDBOX_TOKEN,
      apiBaseUrl: graph.url,
    });
    for (const t of ['Alpine Throw', 'Daypack 22L', 'Summit Beanie'])
      await studio.approvePost(scope, ids[t]!);
    await scheduling.schedule(scope, ids['Alpine Throw']!, new Date(Date.now() + 1_000));
    await scheduling.schedule(scope, ids['Daypack 22L']!, new Date(Date.now() + 1_000));
    await scheduling.schedule(scope, ids['Summit Beanie']!, new Date(Date.now() + 3 * 86_400_000));
    await new Promise((r) => setTimeout(r, 1_200));
    await publisher.publishPost(scope, ids['Alpine Throw']!);
    await scheduling.connect(scope, {
      pageId: GRAPH_SANDBOX_PAGES[1]!.id,
      accessToken: GRAPH_SANDBOX_TOKEN,
      apiBaseUrl: graph.url,
    });
    await publisher.publishPost(scope, ids['Daypack 22L']!);

    browser = await launchChromium();
    ({ page, errors } = await signInToDemo(browser, runtime.url));
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await web?.close();
    await graph?.close();
  });

  async function shoot(name: string) {
    await shootBothSizes(page, `content-${name}`, '.state.loading, .post-image.missing[role="status"]');
    // Names, not ids: no variant gids, post ids or raw action names on the page.
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).not.toMatch(/gid:\/\/|post-web-|content\.[a-z_]+|system:/);
  }

  it('lists the posts by name with status, why each product, and rendered images', async () => {
    await page.getByRole('link', { name: 'Content', exact: true }).click();
    await page.getByRole('heading', { name: 'Content', level: 1 }).waitFor();
    const cards = page.locator('.post-card');
    await expect.poll(() => cards.count()).toBe(4);
    const published = page.locator('.post-card', { hasText: 'Alpine Throw' });
    expect(await published.locator('.post-status').textContent()).toBe('Published');
    const failed = page.locator('.post-card', { hasText: 'Daypack 22L' });
    expect(await failed.locator('.post-status').textContent()).toBe('Failed');
    expect(await failed.textContent()).toMatch(/Was due .*now points at Page "Demo Brand Outlet"/);
    await page.waitForFunction(
      () =>
        [...document.querySelectorAll<HTMLImageElement>('img.post-image')].filter(
          (i) => i.complete && i.naturalWidth > 0,
        ).length === 4,
    );
    await shoot('posts');
  });

  it('offers to connect the connected Page again with a new token, its id filled in (what a refused token asks for)', async () => {
    await page.getByRole('link', { name: 'Content', exact: true }).click();
    await page.getByRole('heading', { name: 'Content', level: 1 }).waitFor();
    const reconnect = page.locator('details.reconnect-page');
    await reconnect.locator('summary', { hasText: 'Connect the Page again with a new token' }).click();
    expect(await reconnect.getByLabel('Facebook Page id').inputValue()).toBe(GRAPH_SANDBOX_PAGES[1]!.id);
    expect(await reconnect.getByLabel('Page access token').inputValue()).toBe('');
    await shoot('posts-reconnect');
    await reconnect.locator('summary').click();
  });

  it('edits a draft, which then an owner approves, with the image previewed', async () => {
    await page.getByRole('link', { name: 'Merino Tee' }).click();
    await page.getByRole('heading', { name: 'Merino Tee', level: 1 }).waitFor();
    await page.waitForFunction(() => {
      const img = document.querySelector<HTMLImageElement>('img.post-image.large');
      return img?.complete && img.naturalWidth === 1080;
    });
    await page.getByLabel('Caption').fill('Merino Tee: soft on the trail, $59.');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Saved.').waitFor();
    await page.getByRole('button', { name: 'Approve' }).click();
    await page.getByText('Approved.').waitFor();
    // The post reloads after the answer: its status pill follows.
    await page.locator('.post-form .rec-head .post-status', { hasText: 'Approved' }).waitFor();
    await page.getByLabel('Add a comment').fill('Looks good for Tuesday.');
    await page.getByRole('button', { name: 'Comment' }).click();
    await page.getByText('Looks good for Tuesday.').waitFor();
    await shoot('post');
  });

  it('schedules the approved post at a time the owner picks on the brand’s clock', async () => {
    const field = page.getByLabel(/Publish on/);
    const picked = await field.inputValue(); // tomorrow 10:00 in the brand's timezone
    expect(picked).toMatch(/^\d{4}-\d{2}-\d{2}T10:00$/);
    await page.getByRole('button', { name: 'Schedule', exact: true }).click();
    await page.getByText('Scheduled.').waitFor();
    await page.locator('.post-form .rec-head .post-status', { hasText: 'Scheduled' }).waitFor();
    const { deps } = runtime.embedded;
    const scope = { ctx: systemContext(DEMO_TENANT, 'content-web-test'), brandId: DEMO_BRAND };
    const brand = (await deps.store.brands.get(scope.ctx, DEMO_BRAND))!;
    const stored = await posts.get(deps.documents, scope, ids['Merino Tee']!);
    expect(stored?.scheduledFor).toBe(wallClockToInstant(picked, brand.timezone).toISOString());
    expect(await page.getByLabel(/Publish on/).count()).toBe(0); // a scheduled post is not rescheduled here
  });

  it('shows scheduled and published posts on the brand’s days in the calendar', async () => {
    await page.goto(`${base()}/calendar`);
    await page.getByRole('heading', { name: 'Calendar', level: 1 }).waitFor();
    const alpine = page.locator('.calendar-post', { hasText: 'Alpine Throw' });
    await alpine.waitFor();
    expect(await alpine.locator('.post-status').textContent()).toBe('Published');
    await shoot('calendar');
  });

  it('saves a new version of the brief and lists its history', async () => {
    await page.goto(`${base()}/brief`);
    await page.getByRole('heading', { name: 'History' }).waitFor();
    // The channels in the shared words (web/src/labels.ts): the Page, not just "Facebook".
    const channels = page.getByRole('group', { name: 'Channels' });
    expect(await channels.getByRole('checkbox').count()).toBe(2);
    expect(await channels.getByRole('checkbox', { name: 'Facebook Page' }).isChecked()).toBe(true);
    expect(await channels.getByRole('checkbox', { name: 'Instagram' }).isChecked()).toBe(true);
    await page.getByLabel('Tone').fill('Warm and practical');
    await page.getByRole('button', { name: 'Save a new version' }).click();
    await page.getByText('Saved as version 2.').waitFor();
    await page.getByText('Version 2', { exact: true }).waitFor();
    expect(await page.getByText('Version 1', { exact: true }).count()).toBe(1);
    await shoot('brief');
  });

  it('edits the brand profile', async () => {
    await page.goto(`${base()}/profile`);
    await page.getByLabel('Voice').fill('Warm, practical and brief');
    await page.getByRole('button', { name: 'Save the profile' }).click();
    await page.getByText('Saved.').waitFor();
    await page.getByText('Edited by your team', { exact: false }).waitFor();
    await shoot('profile');
  });

  it('logs every step by product name, with why a post was stopped', async () => {
    await page.goto(`${base()}/log`);
    await page.getByRole('heading', { name: 'Publishing log', level: 1 }).waitFor();
    const rows = page.locator('table.content-log tbody tr');
    await expect.poll(() => rows.count()).toBeGreaterThan(8);
    const published = page.locator('tr', { hasText: 'Published' }).filter({ hasText: 'Alpine Throw' });
    expect(await published.count()).toBe(1);
    expect(await published.textContent()).toMatch(/on Facebook( and Instagram)?$/);
    const stopped = page.locator('tr', { hasText: 'Stopped before posting' });
    expect(await stopped.textContent()).toMatch(/Daypack 22L.*now points at Page/);
    await shoot('log');
    expect(errors).toEqual([]);
  });

  it('a viewer reads the studio but cannot approve or edit', async () => {
    const viewer = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'en-US' });
    await viewer.goto(`${runtime.url}/`);
    await viewer.locator('select[name="role"]').selectOption('viewer');
    await viewer.getByRole('button', { name: 'Sign in to the demo' }).click();
    await viewer.getByRole('navigation', { name: 'Main' }).waitFor();
    await viewer.goto(`${base()}/posts/${ids['Summit Beanie']}`);
    await viewer.getByRole('heading', { name: 'Summit Beanie', level: 1 }).waitFor();
    expect(await viewer.getByLabel('Caption').isDisabled()).toBe(true);
    expect(await viewer.getByRole('button', { name: 'Approve' }).count()).toBe(0);
    expect(await viewer.getByRole('button', { name: 'Save changes' }).count()).toBe(0);
    await viewer.goto(`${base()}`);
    await viewer.locator('.post-card').first().waitFor();
    expect(await viewer.getByRole('button', { name: /Draft|Schedule/ }).count()).toBe(0);
    await viewer.close();
  });
});
