import { z } from 'zod';
import {
  type MetaErrorKind,
  metaErrorKind,
  metaErrorSchema,
  metaErrorWords,
} from '../../domain/meta-graph-errors';
import { RetryableError, UpstreamError } from '../../kernel/errors';
import { parseRetryAfter } from '../../kernel/http';
import { backoffDelay } from '../../kernel/util/retry';

/**
 * The Meta Graph API calls content publishing makes (Pages photos, Instagram containers and
 * publishing, the publishing limit). Not the shared HTTP client: that one retries any 5xx, and a
 * POST that creates a post must not be repeated blindly — a 5xx after a create may mean the post
 * exists. So here only throttles (rejected, nothing applied) are retried in place; an ambiguous
 * POST failure (a 5xx, or Meta's transient codes 1 and 2) becomes a GraphUnconfirmedError and the
 * publisher reconciles before trying again. Meta's 368 ("temporarily blocked") is retried hours
 * later; a refused token or permission is final, with its kind, for the publisher to ask the
 * merchant to reconnect. Decisions 883, 1005.
 */
export const GRAPH_VERSION = 'v24.0';
export const GRAPH_PUBLIC_URL = 'https://graph.facebook.com';

/** Instagram's publishing limit (code 9 / 2207042): not a throttle — waiting minutes does not help. */
export const isPublishLimit = (e: unknown) =>
  e instanceof GraphError && e.graphCode === 9 && e.subcode === 2207042;
/** How long a post waits after Meta's 368 ("temporarily blocked … wait and retry"): hours, not seconds. */
export const BLOCKED_RETRY_MS = 3_600_000;

/**
 * A Graph answer that is final (a refused token or permission, a wrong id, the publishing limit).
 * `kind` is what Meta's documentation says to do about it (shared/domain/meta-graph-errors.ts).
 */
export class GraphError extends UpstreamError {
  constructor(
    message: string,
    readonly httpStatus: number,
    readonly graphCode: number,
    readonly subcode?: number,
    /** Meta's words for a person (`error_user_msg`, else `message`), without the request path the log keeps. */
    readonly said?: string,
    readonly kind: MetaErrorKind = 'final',
  ) {
    super(message);
  }
}
/** Meta's 368, "temporarily blocked for policies violations": nothing was applied; try again hours later. */
export class GraphBlockedError extends RetryableError {
  constructor(
    message: string,
    /** Meta's words for a person (`error_user_msg`, else `message`). */
    readonly said: string,
  ) {
    super(message, BLOCKED_RETRY_MS);
  }
}
/** A create call whose outcome is unknown (5xx or network error after sending). */
export class GraphUnconfirmedError extends RetryableError {}

const pageSchema = z.object({
  id: z.string(),
  name: z.string(),
  instagram_business_account: z.object({ id: z.string() }).optional(),
});
const idSchema = z.object({ id: z.string() });
const photoCreatedSchema = z.object({ id: z.string(), post_id: z.string().optional() });
const photosSchema = z.object({
  data: z.array(
    z.object({ id: z.string(), name: z.string().optional(), created_time: z.string().optional() }),
  ),
});
const containerStatusSchema = z.object({
  id: z.string(),
  status_code: z.enum(['EXPIRED', 'ERROR', 'FINISHED', 'IN_PROGRESS', 'PUBLISHED']),
});
const limitSchema = z.object({
  data: z.array(
    z.object({
      quota_usage: z.number(),
      config: z.object({ quota_total: z.number(), quota_duration: z.number() }).optional(),
    }),
  ),
});
const mediaSchema = z.object({
  data: z.array(
    z.object({ id: z.string(), caption: z.string().optional(), timestamp: z.string().optional() }),
  ),
});

export interface GraphClientOptions {
  fetch: typeof fetch;
  /** Sandbox base URL; default graph.facebook.com. */
  baseUrl?: string;
  version?: string;
  maxRetries?: number;
  baseDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

export function createGraphClient(options: GraphClientOptions) {
  const base = `${(options.baseUrl ?? GRAPH_PUBLIC_URL).replace(/\/$/, '')}/${options.version ?? GRAPH_VERSION}`;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const maxRetries = options.maxRetries ?? 5;
  const policy = { baseMs: options.baseDelayMs ?? 1_000, maxMs: 60_000, jitter: [0.5, 1] as const };

  async function call<T>(
    schema: z.ZodType<T>,
    token: string,
    method: 'GET' | 'POST',
    path: string,
    params: Record<string, string> = {},
  ): Promise<T> {
    const url = new URL(`${base}/${path}`);
    const body = new URLSearchParams(params);
    if (method === 'GET') for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
    for (let attempt = 0; ; attempt++) {
      let res: Response;
      try {
        res = await options.fetch(url, {
          method,
          // The token travels in a header, never in a URL that could be logged.
          headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
          ...(method === 'POST' ? { body } : {}),
        });
      } catch (err) {
        if (method === 'POST')
          throw new GraphUnconfirmedError(`graph ${path}: ${(err as Error).message}`, 5_000);
        if (attempt >= maxRetries)
          throw new RetryableError(`graph ${path}: ${(err as Error).message}`, 5_000);
        await sleep(backoffDelay(policy, attempt));
        continue;
      }
      const text = await res.text();
      let json: unknown;
      try {
        json = text ? JSON.parse(text) : {};
      } catch {
        json = undefined;
      }
      if (res.ok && json !== undefined) return schema.parse(json);
      const parsed = metaErrorSchema.safeParse(json);
      const err = parsed.success ? parsed.data.error : undefined;
      const kind = err ? metaErrorKind(err) : undefined;
      if (res.status === 429 || kind === 'throttled') {
        // Rejected before anything was applied: safe to repeat, GET or POST.
        if (attempt >= maxRetries) throw new RetryableError(`graph ${path}: still throttled`, 60_000);
        const hint = parseRetryAfter(res.headers.get('retry-after'));
        await sleep(hint ?? backoffDelay(policy, attempt));
        continue;
      }
      if (kind === 'blocked')
        // Meta: "Temporarily blocked for policies violations. Wait and retry the operation."
        throw new GraphBlockedError(`graph ${path}: ${err!.message}`, metaErrorWords(err!));
      // Codes 1 and 2 ("temporary issue due to downtime") may come with a 4xx: a 5xx all the same.
      if (res.status >= 500 || json === undefined || kind === 'transient') {
        if (method === 'POST') throw new GraphUnconfirmedError(`graph ${path}: HTTP ${res.status}`, 5_000);
        if (attempt >= maxRetries) throw new RetryableError(`graph ${path}: HTTP ${res.status}`, 5_000);
        await sleep(backoffDelay(policy, attempt));
        continue;
      }
      throw new GraphError(
        `graph ${path}: ${err?.message ?? `HTTP ${res.status}`}`,
        res.status,
        err?.code ?? 0,
        err?.error_subcode,
        err ? metaErrorWords(err) : undefined,
        kind,
      );
    }
  }

  return {
    page: (token: string, pageId: string) =>
      call(pageSchema, token, 'GET', encodeURIComponent(pageId), {
        fields: 'id,name,instagram_business_account',
      }),
    postPhoto: (token: string, pageId: string, photo: { url: string; caption: string }) =>
      call(photoCreatedSchema, token, 'POST', `${encodeURIComponent(pageId)}/photos`, {
        url: photo.url,
        caption: photo.caption,
        published: 'true',
      }),
    uploadedPhotos: (token: string, pageId: string) =>
      call(photosSchema, token, 'GET', `${encodeURIComponent(pageId)}/photos`, {
        type: 'uploaded',
        fields: 'id,name,created_time',
        limit: '50',
      }),
    createContainer: (token: string, igUserId: string, media: { imageUrl: string; caption: string }) =>
      call(idSchema, token, 'POST', `${encodeURIComponent(igUserId)}/media`, {
        image_url: media.imageUrl,
        caption: media.caption,
      }),
    containerStatus: (token: string, containerId: string) =>
      call(containerStatusSchema, token, 'GET', encodeURIComponent(containerId), { fields: 'status_code' }),
    publishContainer: (token: string, igUserId: string, containerId: string) =>
      call(idSchema, token, 'POST', `${encodeURIComponent(igUserId)}/media_publish`, {
        creation_id: containerId,
      }),
    publishingLimit: async (token: string, igUserId: string) => {
      const r = await call(
        limitSchema,
        token,
        'GET',
        `${encodeURIComponent(igUserId)}/content_publishing_limit`,
        {
          fields: 'quota_usage,config',
        },
      );
      const row = r.data[0];
      return { used: row?.quota_usage ?? 0, total: row?.config?.quota_total ?? 50 };
    },
    recentMedia: (token: string, igUserId: string) =>
      call(mediaSchema, token, 'GET', `${encodeURIComponent(igUserId)}/media`, {
        fields: 'id,caption,timestamp',
        limit: '50',
      }),
  };
}
export type GraphClient = ReturnType<typeof createGraphClient>;
