import { z } from 'zod';
import { collectBatchSchema } from '../../domain/customers/events';
import { writeKeyOrigins } from '../../domain/customers/write-key';
import { systemContext } from '../../domain/tenancy';
import type { Logger } from '../../kernel/logging/logger';
import type { OperationalStore, SystemDirectory } from '../../ports/operational-store';
import type { EventIngestion } from './ingest';

/**
 * `collect` (POST /collect): the public endpoint the storefront pixel posts batches to.
 * - The publishable write key comes in the body (`writeKey`), the `X-Pulsepoint-Write-Key` header
 *   or `?key=`. The pixel posts text/plain JSON with the key in the body: a CORS "simple" request,
 *   so browsers send no preflight. Other browser clients use `?key=` so a preflight can be answered.
 * - A browser request (one with an Origin) is served only for the brand's store origins; a request
 *   without an Origin is a server, which CORS does not concern (the key is publishable anyway).
 * - Each key has its own token bucket (requestsPerMinute).
 * - 200 with `{accepted, rejected}` when at least one event landed; 400 when none did.
 */
/** One token from a named bucket, or how long until there is one (the API's token buckets fit). */
export interface CollectLimiter {
  take(
    buckets: ReadonlyArray<{ key: string; spec: { capacity: number; refillPerSecond: number } }>,
  ): Promise<{ ok: true } | { ok: false; retryAfterMs: number }>;
}

export interface CollectDeps {
  store: Pick<OperationalStore, 'brands' | 'writeKeys'>;
  directory: Pick<SystemDirectory, 'resolveWriteKey'>;
  ingestion: Pick<EventIngestion, 'ingest'>;
  limiter: CollectLimiter;
  logger: Logger;
  /** Largest accepted body (default 1 MiB). */
  maxBodyBytes?: number;
}

const bodySchema = collectBatchSchema.extend({ writeKey: z.string().optional() });

export function createCollectHandler(deps: CollectDeps) {
  const maxBody = deps.maxBodyBytes ?? 1024 * 1024;

  async function resolve(presented: string | undefined) {
    if (!presented) return undefined;
    const found = await deps.directory.resolveWriteKey(presented);
    if (!found) return undefined;
    const ctx = systemContext(found.tenantId, 'collect');
    const [key, brand] = await Promise.all([
      deps.store.writeKeys.get(ctx, found.brandId, found.keyId),
      deps.store.brands.get(ctx, found.brandId),
    ]);
    if (!key || key.revokedAt || key.key !== presented || !brand) return undefined;
    return { ctx, key, brand, origins: writeKeyOrigins(key, brand.shopDomain) };
  }

  return async function collect(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const origin = request.headers.get('origin');
    const headerKey =
      request.headers.get('x-pulsepoint-write-key') ?? url.searchParams.get('key') ?? undefined;

    if (request.method === 'OPTIONS') {
      const found = await resolve(headerKey);
      if (!found || !origin || !found.origins.includes(origin)) return new Response(null, { status: 204 });
      return new Response(null, {
        status: 204,
        headers: {
          ...cors(origin),
          'access-control-allow-methods': 'POST, OPTIONS',
          'access-control-allow-headers': 'content-type, x-pulsepoint-write-key',
          'access-control-max-age': '86400',
        },
      });
    }
    if (request.method !== 'POST') return error(405, 'method_not_allowed', 'POST only');

    const raw = await request.arrayBuffer();
    if (raw.byteLength > maxBody) return error(413, 'payload_too_large', `body over ${maxBody} bytes`);
    let json: unknown;
    try {
      json = JSON.parse(new TextDecoder().decode(raw));
    } catch {
      return error(400, 'invalid_request', 'body is not JSON');
    }
    const body = bodySchema.safeParse(json);
    // The key is read even from a malformed batch, so its sender learns what is wrong with it.
    const bodyKey =
      json && typeof json === 'object' && 'writeKey' in json && typeof json.writeKey === 'string'
        ? json.writeKey
        : undefined;
    const found = await resolve(bodyKey ?? headerKey);
    if (!found) return error(401, 'unauthenticated', 'missing, unknown or revoked write key');
    if (origin && !found.origins.includes(origin))
      return error(403, 'origin_not_allowed', `origin ${origin} is not one of this brand's store origins`);
    const headers = origin ? cors(origin) : {};
    if (!body.success)
      return error(
        400,
        'invalid_request',
        body.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '),
        headers,
      );
    const rpm = found.key.requestsPerMinute;
    const taken = await deps.limiter.take([
      { key: `collect:${found.key.id}`, spec: { capacity: rpm, refillPerSecond: rpm / 60 } },
    ]);
    if (!taken.ok)
      return error(429, 'rate_limited', 'too many collect requests for this write key', {
        ...headers,
        'retry-after': String(Math.max(1, Math.ceil(taken.retryAfterMs / 1000))),
      });

    const result = await deps.ingestion.ingest(
      { ctx: found.ctx, brandId: found.brand.id, timeZone: found.brand.timezone },
      body.data.events,
      'pixel',
      // A browser's User-Agent is the shopper's device; a server's (no Origin) names its HTTP
      // client, so it stands in for nobody (docs/decisions/940).
      { userAgent: origin ? request.headers.get('user-agent') : null },
    );
    if (result.rejected.length)
      deps.logger.info('collect rejected events', {
        brand: found.brand.id,
        rejected: result.rejected.length,
      });
    if (result.accepted.length === 0) return json400(result, headers);
    return Response.json(result, { status: 200, headers });
  };
}

function cors(origin: string): Record<string, string> {
  return { 'access-control-allow-origin': origin, vary: 'Origin' };
}

function error(status: number, code: string, message: string, headers: Record<string, string> = {}) {
  return Response.json({ error: { code, message } }, { status, headers });
}

function json400(result: { accepted: unknown[]; rejected: unknown[] }, headers: Record<string, string>) {
  return Response.json(
    { error: { code: 'invalid_events', message: 'no event of the batch was accepted' }, ...result },
    { status: 400, headers },
  );
}
