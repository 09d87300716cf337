import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { type Context, Hono } from 'hono';

/**
 * A loopback Meta Graph API for content publishing, written from Meta's documentation (the
 * shapes are the fixtures in shared/content/graph/fixtures.ts, each citing its page): Pages and
 * their uploaded photos, Instagram containers (`/{ig-user-id}/media`, `status_code`),
 * `/media_publish` with the 50-posts-per-moving-24-hours limit, and `content_publishing_limit`.
 * Faults: throttles (429 with Graph's code 4), final errors, and a lost response (the post is
 * made, the answer is a 500) so tests can prove a retried publish posts once.
 */
export const GRAPH_SANDBOX_TOKEN = 'EAAGsandboxPageToken';
export const GRAPH_SANDBOX_PAGES = [
  { id: '102030405060708', name: 'Demo Brand', igUserId: '17841400000000001', igUsername: 'demobrand' },
  {
    id: '908070605040302',
    name: 'Demo Brand Outlet',
    igUserId: '17841400000000002',
    igUsername: 'demobrand.outlet',
  },
] as const;

export interface GraphSandboxOptions {
  port?: number;
  /** Epoch ms; default Date.now. */
  now?: () => number;
  /** Instagram's publishing limit per moving 24 hours. */
  quotaTotal?: number;
  /** A new container reports IN_PROGRESS on this many status reads before FINISHED. */
  containerPolls?: number;
}

interface Photo {
  id: string;
  post_id: string;
  name: string;
  url: string;
  created_time: string;
}
interface Container {
  id: string;
  igUserId: string;
  image_url: string;
  caption: string;
  polls: number;
  status_code: 'IN_PROGRESS' | 'FINISHED' | 'PUBLISHED' | 'ERROR' | 'EXPIRED';
}
interface Media {
  id: string;
  caption: string;
  timestamp: string;
  at: number;
}

type CreateKind = 'photo' | 'container' | 'publish';

const graphTime = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+0000');

export async function startGraphSandbox(options: GraphSandboxOptions = {}) {
  const now = options.now ?? Date.now;
  const quotaTotal = options.quotaTotal ?? 50;
  let seq = 1_000_000;
  const nextId = (prefix: string) => `${prefix}${++seq}`;
  const tokens = new Map<string, Set<string>>([
    [GRAPH_SANDBOX_TOKEN, new Set(GRAPH_SANDBOX_PAGES.map((p) => p.id))],
  ]);
  const pages = new Map<string, { id: string; name: string; igUserId: string; photos: Photo[] }>(
    GRAPH_SANDBOX_PAGES.map((p) => [p.id, { id: p.id, name: p.name, igUserId: p.igUserId, photos: [] }]),
  );
  const igUsers = new Map<string, { pageId: string; media: Media[] }>(
    GRAPH_SANDBOX_PAGES.map((p) => [p.igUserId, { pageId: p.id, media: [] }]),
  );
  const containers = new Map<string, Container>();
  const faults = { throttle: 0, lostResponses: 0, errors: 0, lostKind: undefined as CreateKind | undefined };
  const stats = { requests: 0, throttled: 0, lost: 0 };

  const fail = (
    c: Context,
    status: number,
    code: number,
    message: string,
    extra: Record<string, unknown> = {},
  ) =>
    c.json(
      { error: { message, type: 'OAuthException', code, ...extra, fbtrace_id: `sandbox${stats.requests}` } },
      status as 400,
    );
  const params = async (c: Context): Promise<Record<string, string>> => {
    const query = Object.fromEntries(new URL(c.req.url).searchParams);
    if (c.req.method !== 'POST') return query;
    const type = c.req.header('content-type') ?? '';
    const body = type.includes('json')
      ? ((await c.req.json()) as Record<string, string>)
      : Object.fromEntries(new URLSearchParams(await c.req.text()));
    return { ...query, ...body };
  };
  const tokenOf = (c: Context, p: Record<string, string>) =>
    (c.req.header('authorization') ?? '').replace(/^(Bearer|OAuth) /, '') || p.access_token || '';

  const app = new Hono();
  app.use('*', async (c, next) => {
    stats.requests++;
    if (faults.throttle > 0) {
      faults.throttle--;
      stats.throttled++;
      c.header('retry-after', '0');
      return fail(c, 429, 4, '(#4) Application request limit reached', { is_transient: true });
    }
    if (faults.errors > 0) {
      faults.errors--;
      return fail(c, 400, 100, '(#100) Invalid parameter');
    }
    await next();
  });

  /** The page an object id belongs to, and whether the token may act on it. */
  const allowed = (token: string, pageId: string) => tokens.get(token)?.has(pageId) ?? false;
  /** Lost response: the write happened, the caller sees a 500 (Graph's transient code 2). */
  const answer = (c: Context, kind: CreateKind, body: Record<string, unknown>) => {
    if (faults.lostResponses > 0 && (faults.lostKind === undefined || faults.lostKind === kind)) {
      faults.lostResponses--;
      stats.lost++;
      return fail(c, 500, 2, 'An unexpected error has occurred. Please retry your request later.', {
        is_transient: true,
      });
    }
    return c.json(body);
  };

  app.get('/:version/:id', async (c) => {
    const p = await params(c);
    const token = tokenOf(c, p);
    const id = c.req.param('id');
    const page = pages.get(id);
    if (page) {
      if (!allowed(token, id)) return fail(c, 400, 190, 'Error validating access token');
      return c.json({ id: page.id, name: page.name, instagram_business_account: { id: page.igUserId } });
    }
    const container = containers.get(id);
    if (container) {
      const owner = igUsers.get(container.igUserId);
      if (!owner || !allowed(token, owner.pageId)) return fail(c, 400, 190, 'Error validating access token');
      if (container.status_code === 'IN_PROGRESS' && ++container.polls > (options.containerPolls ?? 0))
        container.status_code = 'FINISHED';
      return c.json({ status_code: container.status_code, id: container.id });
    }
    return fail(c, 400, 100, `(#100) Unsupported get request. Object with ID '${id}' does not exist`);
  });

  app.post('/:version/:pageId/photos', async (c) => {
    const p = await params(c);
    const page = pages.get(c.req.param('pageId'));
    if (!page || !allowed(tokenOf(c, p), page.id)) return fail(c, 400, 200, '(#200) Permissions error');
    if (!p.url) return fail(c, 400, 100, '(#100) Missing url or source');
    const photo: Photo = {
      id: nextId('55'),
      post_id: `${page.id}_${nextId('77')}`,
      name: p.caption ?? p.message ?? '',
      url: p.url,
      created_time: graphTime(now()),
    };
    page.photos.push(photo);
    return answer(c, 'photo', { id: photo.id, post_id: photo.post_id });
  });
  app.get('/:version/:pageId/photos', async (c) => {
    const p = await params(c);
    const page = pages.get(c.req.param('pageId'));
    if (!page || !allowed(tokenOf(c, p), page.id)) return fail(c, 400, 200, '(#200) Permissions error');
    return c.json({
      data: [...page.photos]
        .reverse()
        .map((ph) => ({ id: ph.id, name: ph.name, created_time: ph.created_time })),
    });
  });

  const igUserFor = (c: Context, p: Record<string, string>) => {
    const user = igUsers.get(c.req.param('igUserId') ?? '');
    return user && allowed(tokenOf(c, p), user.pageId) ? user : undefined;
  };
  const usage = (media: Media[]) => media.filter((m) => m.at > now() - 86_400_000).length;

  app.post('/:version/:igUserId/media', async (c) => {
    const p = await params(c);
    if (!igUserFor(c, p))
      return fail(c, 400, 10, '(#10) Application does not have permission for this action');
    if (!p.image_url) return fail(c, 400, 100, 'The parameter image_url is required');
    const container: Container = {
      id: nextId('1788'),
      igUserId: c.req.param('igUserId'),
      image_url: p.image_url,
      caption: p.caption ?? '',
      polls: 0,
      status_code: 'IN_PROGRESS',
    };
    containers.set(container.id, container);
    return answer(c, 'container', { id: container.id });
  });
  app.post('/:version/:igUserId/media_publish', async (c) => {
    const p = await params(c);
    const user = igUserFor(c, p);
    if (!user) return fail(c, 400, 10, '(#10) Application does not have permission for this action');
    const container = containers.get(p.creation_id ?? '');
    if (!container || container.igUserId !== c.req.param('igUserId'))
      return fail(c, 400, 100, '(#100) Invalid parameter', { error_subcode: 2207032 });
    if (container.status_code === 'PUBLISHED')
      return fail(c, 400, 100, 'The media has already been published');
    if (container.status_code !== 'FINISHED')
      return fail(c, 400, 9007, 'Media ID is not available', { error_subcode: 2207027 });
    if (usage(user.media) >= quotaTotal)
      return fail(c, 400, 9, 'Application request limit reached', {
        error_subcode: 2207042,
        is_transient: false,
        error_user_title: 'Reached publishing limit',
      });
    container.status_code = 'PUBLISHED';
    const media: Media = {
      id: nextId('1792'),
      caption: container.caption,
      timestamp: graphTime(now()),
      at: now(),
    };
    user.media.push(media);
    return answer(c, 'publish', { id: media.id });
  });
  app.get('/:version/:igUserId/content_publishing_limit', async (c) => {
    const p = await params(c);
    const user = igUserFor(c, p);
    if (!user) return fail(c, 400, 10, '(#10) Application does not have permission for this action');
    return c.json({
      data: [{ quota_usage: usage(user.media), config: { quota_total: quotaTotal, quota_duration: 86400 } }],
    });
  });
  app.get('/:version/:igUserId/media', async (c) => {
    const p = await params(c);
    const user = igUserFor(c, p);
    if (!user) return fail(c, 400, 10, '(#10) Application does not have permission for this action');
    return c.json({
      data: [...user.media].reverse().map((m) => ({ id: m.id, caption: m.caption, timestamp: m.timestamp })),
    });
  });

  const server = serve({ fetch: app.fetch, port: options.port ?? 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    stats,
    /** The next n requests answer 429 (Graph code 4). */
    throttleNext(n: number) {
      faults.throttle += n;
    },
    /** The next n creates (of one kind, or any: photo, container, publish) happen but answer 500. */
    loseNextResponses(n: number, kind?: CreateKind) {
      faults.lostResponses += n;
      faults.lostKind = kind;
    },
    /** The next n requests answer a final 400. */
    failNext(n: number) {
      faults.errors += n;
    },
    /** What a Page shows, newest first. */
    photos: (pageId: string) => [...(pages.get(pageId)?.photos ?? [])],
    media: (igUserId: string) => [...(igUsers.get(igUserId)?.media ?? [])],
    close: () => new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}
export type GraphSandbox = Awaited<ReturnType<typeof startGraphSandbox>>;
