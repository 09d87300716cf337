import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalRuntime, startLocalRuntime } from '../../infra/local/runtime';
import { DEMO_BRAND, DEMO_TENANT } from '../../infra/local/seed';
import { PLANTED } from '../../infra/sandbox/world';
import { issueLocalToken } from '../../shared/adapters/embedded/local-identity';
import { posts as postDocs } from '../../shared/content/documents';
import type { Post } from '../../shared/domain/content/post';
import { systemContext } from '../../shared/domain/tenancy';
import { loadConfig } from '../../shared/kernel/config';
import { createMemoryLogger } from '../../shared/kernel/logging/logger';
import { ensureMember } from '../support/members';
import { backfillAndAttribute, getJson, waitFor } from './demo-ready';

/**
 * The content studio's part of `npm start`, read through the API: the demo brand ends up with a
 * brief, a profile extracted from the sandbox storefront, a month of drafted posts featuring what
 * the store needs to sell (the planted overstock, never the stocked-out bottle), rendered images
 * and posts published in the Graph sandbox. The attribution pass is run directly rather than after
 * the two-minute debounce; the first pass the runtime runs on its own may come before the Shopify
 * backfill, which the demo must wait out rather than draft an empty month.
 */
const base = `/api/brands/${DEMO_BRAND}/content`;
let dir: string;
let runtime: LocalRuntime;
let token: string;
const logger = createMemoryLogger('INFO');
/** What `npm start` prints when its log level hides the INFO line. */
const told: string[] = [];

const get = <T>(path: string) => getJson<T>(runtime.url, token, path);
const posts = async () => (await get<{ posts: Post[] }>(`${base}/posts`)).posts;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pp-content-demo-'));
  runtime = await startLocalRuntime(loadConfig({ PULSEPOINT_DATA_DIR: dir, LOG_LEVEL: 'ERROR' }), {
    webDist: join(dir, 'no-web'),
    port: 0,
    logger,
    onDemoReady: (line) => told.push(line),
  });
  const { deps, authKey } = runtime.embedded;
  const ctx = systemContext(DEMO_TENANT, 'test');
  await backfillAndAttribute(runtime, ['shopify'], 420_000);
  const now = deps.clock.now();
  await ensureMember(deps.store, { tenantId: DEMO_TENANT, role: 'owner', uid: 'content-e2e' }, now);
  token = await issueLocalToken(authKey, { tenantId: DEMO_TENANT, role: 'owner', uid: 'content-e2e', now });
  // Read the store, not the API, while the demo renders: a busy server resets idle keep-alive sockets.
  const scope = { ctx, brandId: DEMO_BRAND };
  await waitFor('the demo posts published', 240_000, async () =>
    (await postDocs.list(deps.documents, scope)).some((p) => p.status === 'published'),
  );
}, 660_000);

afterAll(async () => {
  await runtime?.close(1_000);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('npm start at the terminal', () => {
  it('says when the demo is ready, with the address to open', async () => {
    // "content demo ready" and "engagement demo ready" may come first: the line is the one naming the address.
    const ready = () => logger.lines.find((l) => l.includes('"demo ready — open'));
    await waitFor('the demo-ready line', 60_000, async () => Boolean(ready()));
    expect(JSON.parse(ready()!).message).toBe(
      `demo ready — open ${runtime.url} and press "Sign in to the demo"`,
    );
    expect(told).toEqual([`demo ready — open ${runtime.url} and press "Sign in to the demo"`]);
  });
});

describe('the content demo on npm start', () => {
  it('has this month’s brief and a profile extracted from the sandbox storefront', async () => {
    const { briefs } = await get<{ briefs: Array<{ month: string; postsPerWeek: number }> }>(
      `${base}/briefs`,
    );
    expect(briefs).toHaveLength(1);
    const profile = await get<{ source: string; site?: { url: string; title?: string }; palette: string[] }>(
      `${base}/profile`,
    );
    expect(profile.source).toBe('local');
    expect(profile.site?.title).toBeTruthy();
    expect(profile.palette.length).toBeGreaterThan(0);
  });

  it('drafts a month of posts featuring the overstock and never the stocked-out SKU', async () => {
    const all = await posts();
    // 3 posts a week over the month, one draft per post.
    expect(all.length).toBeGreaterThanOrEqual(12);
    const skus = all.map((p) => p.product.sku);
    expect(skus).toContain(PLANTED.OVERSTOCK);
    expect(skus).not.toContain(PLANTED.STOCKED_OUT);
    expect(all.every((p) => p.imageKey)).toBe(true);
  });

  it('renders each post’s image as a PNG', async () => {
    const [first] = await posts();
    const res = await fetch(`${runtime.url}${base}/posts/${first!.id}/image`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.headers.get('content-type')).toBe('image/png');
    const png = new Uint8Array(await res.arrayBuffer());
    expect([...png.slice(1, 4)].map((c) => String.fromCharCode(c)).join('')).toBe('PNG');
    expect(png.length).toBeGreaterThan(5_000);
  });

  it('publishes a few approved posts to the Graph sandbox, each once', async () => {
    const published = (await posts()).filter((p) => p.status === 'published');
    expect(published.length).toBe(3);
    for (const p of published) expect(Object.keys(p.publishedIds).sort()).toEqual(['facebook', 'instagram']);
    const { entries } = await get<{ entries: Array<{ action: string; target: string }> }>(`${base}/log`);
    const done = entries.filter((e) => e.action === 'content.published').map((e) => e.target);
    expect(done.sort()).toEqual(published.map((p) => `post:${p.id}`).sort());
  });
});
