import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  GRAPH_SANDBOX_PAGES,
  GRAPH_SANDBOX_TOKEN,
  type GraphSandbox,
  startGraphSandbox,
} from '../../../infra/sandbox/meta-graph/server';
import { createTestApi, type TestApi } from '../../../test/support/api';

let api: TestApi;
let graph: GraphSandbox;
let owner: string;
beforeEach(async () => {
  api = await createTestApi({ now: '2026-12-01T12:00:00Z' });
  graph = await startGraphSandbox();
  await api.seedTenant('acme', [{ id: 'shop', name: 'Acme Shop' }]);
  await api.seedTenant('other', [{ id: 'theirs' }]);
  owner = await api.token({ tenantId: 'acme', role: 'owner', uid: 'u-owner' });
});
afterEach(async () => {
  await graph.close();
  await api.close();
});

const B = '/api/brands/shop/content';

describe('content API', () => {
  it('saves a brief twice and shows the current version with its history', async () => {
    const first = await api.request(`${B}/briefs/2026-12`, {
      method: 'PUT',
      token: owner,
      json: { goals: 'Clear winter stock', postsPerWeek: 2 },
    });
    expect(first.status).toBe(200);
    await api.request(`${B}/briefs/2026-12`, {
      method: 'PUT',
      token: owner,
      json: { goals: 'Clear winter stock', postsPerWeek: 4 },
    });
    const res = await api.request(`${B}/briefs/2026-12`, { token: owner });
    const body = (await res.json()) as {
      brief: { version: number; postsPerWeek: number };
      history: { version: number }[];
    };
    expect(body.brief).toMatchObject({ version: 2, postsPerWeek: 4 });
    expect(body.history.map((h) => h.version)).toEqual([2, 1]);
  });

  it('a month without a brief and a brand without a profile answer 200 with null, not a 404', async () => {
    const brief = await api.request(`${B}/briefs/2026-12`, { token: owner });
    expect(brief.status).toBe(200);
    expect(await brief.json()).toEqual({ brief: null, history: [] });
    const profile = await api.request(`${B}/profile`, { token: owner });
    expect(profile.status).toBe(200);
    expect(await profile.json()).toBeNull();
    // Deleting what is not there is still a real 404 in the one error shape.
    const gone = await api.request(`${B}/briefs/2026-12`, { method: 'DELETE', token: owner });
    expect(gone.status).toBe(404);
    expect(((await gone.json()) as { error: { code: string } }).error.code).toBe('not_found');
  });

  it('bad input is a 400 with the one error shape, naming the field', async () => {
    const res = await api.request(`${B}/briefs/2026-12`, {
      method: 'PUT',
      token: owner,
      json: { postsPerWeek: 99 },
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string; details?: unknown } };
    expect(body.error.code).toBe('invalid_request');
    expect(JSON.stringify(body.error)).toMatch(/postsPerWeek/);
    expect((await api.request(`${B}/briefs/2026-13`, { token: owner })).status).toBe(400);
  });

  it("another tenant's brand is a 404, and a viewer may read but not connect a Page", async () => {
    expect((await api.request('/api/brands/theirs/content/briefs', { token: owner })).status).toBe(404);
    const viewer = await api.token({ tenantId: 'acme', role: 'viewer', uid: 'u-viewer' });
    expect((await api.request(`${B}/briefs`, { token: viewer })).status).toBe(200);
    const put = await api.request(`${B}/destination`, {
      method: 'PUT',
      token: viewer,
      json: { pageId: GRAPH_SANDBOX_PAGES[0].id, accessToken: GRAPH_SANDBOX_TOKEN, apiBaseUrl: graph.url },
    });
    expect(put.status).toBe(403);
  });

  it('a brand without a Page answers null (decision 994); the Page once connected; others a 404', async () => {
    const before = await api.request(`${B}/destination`, { token: owner });
    expect(before.status).toBe(200);
    expect(await before.json()).toBeNull();
    await api.request(`${B}/destination`, {
      method: 'PUT',
      token: owner,
      json: { pageId: GRAPH_SANDBOX_PAGES[0].id, accessToken: GRAPH_SANDBOX_TOKEN, apiBaseUrl: graph.url },
    });
    const after = await api.request(`${B}/destination`, { token: owner });
    expect(await after.json()).toMatchObject({ pageId: GRAPH_SANDBOX_PAGES[0].id, pageName: 'Demo Brand' });
    // Another tenant's brand and an unknown brand stay 404s, whether or not a Page is connected.
    const theirs = await api.token({ tenantId: 'other', role: 'owner', uid: 'u-theirs' });
    for (const [path, token] of [
      ['/api/brands/theirs/content/destination', owner],
      ['/api/brands/no-such-brand/content/destination', owner],
      [`${B}/destination`, theirs],
    ] as const) {
      const res = await api.request(path, { token });
      expect(res.status, path).toBe(404);
      expect(await res.text(), path).not.toContain('pageName');
    }
  });

  it('connects a Page verified with Meta, never echoing the token', async () => {
    const res = await api.request(`${B}/destination`, {
      method: 'PUT',
      token: owner,
      json: { pageId: GRAPH_SANDBOX_PAGES[0].id, accessToken: GRAPH_SANDBOX_TOKEN, apiBaseUrl: graph.url },
    });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(JSON.parse(text)).toMatchObject({
      pageName: 'Demo Brand',
      igUserId: GRAPH_SANDBOX_PAGES[0].igUserId,
    });
    expect(text).not.toContain(GRAPH_SANDBOX_TOKEN);
    const wrong = await api.request(`${B}/destination`, {
      method: 'PUT',
      token: owner,
      json: {
        pageId: GRAPH_SANDBOX_PAGES[0].id,
        accessToken: 'EAAG-not-a-real-token',
        apiBaseUrl: graph.url,
      },
    });
    expect(wrong.status).toBe(400);
    // Meta's own words, without the request path the log keeps ("graph 1020…: …").
    const refused = (await wrong.json()) as { error: { message: string } };
    expect(refused.error.message).toBe(
      `Meta refused Page ${GRAPH_SANDBOX_PAGES[0].id}: Error validating access token`,
    );
  });

  it('drafting without a profile is a 409 that says what to do first', async () => {
    await api.request(`${B}/briefs/2026-12`, { method: 'PUT', token: owner, json: {} });
    const res = await api.request(`${B}/plans/2026-12/draft`, { method: 'POST', token: owner });
    expect(res.status).toBe(409);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/brand profile/);
  });

  it('a signed media link serves the image without credentials; a tampered one is a 404', async () => {
    const scope = { ctx: { tenantId: 'acme', uid: 'x', role: 'system' as const }, brandId: 'shop' };
    await api.deps.media!.put(scope, 'posts/p1.png', new Uint8Array([137, 80, 78, 71]), 'image/png');
    const url = new URL(
      await api.deps.media!.signedUrl(scope, 'posts/p1.png', new Date(Date.now() + 60_000)),
    );
    const ok = await api.request(`${url.pathname}${url.search}`);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('image/png');
    const bad = await api.request(`${url.pathname.replace('acme', 'other')}${url.search}`);
    expect(bad.status).toBe(404);
  });
});
