import type { z } from 'zod';
import { UpstreamError } from '../../kernel/errors';
import { createHttpClient, type HttpClientOptions, type HttpResponse } from '../../kernel/http';
import { type GraphqlEnvelope, graphqlEnvelopeSchema, type pageInfoSchema } from './schemas';
import { createCostThrottle } from './throttle';

/**
 * The Shopify Admin GraphQL client: one endpoint per shop and pinned API version, the token in
 * `X-Shopify-Access-Token`, cost-based throttling before each request, and Shopify's THROTTLED
 * error (which arrives in a 200 body) retried through the shared HTTP client's `classify` hook.
 */
export interface ShopifyClientOptions {
  shopDomain: string;
  accessToken: string;
  apiVersion: string;
  /** Sandbox / proxy base: `<apiBaseUrl>/admin/api/<version>/graphql.json`. */
  apiBaseUrl?: string;
  http: Omit<HttpClientOptions, 'classify'>;
  now?: () => number;
}

export function shopifyGraphqlUrl(
  options: Pick<ShopifyClientOptions, 'shopDomain' | 'apiVersion' | 'apiBaseUrl'>,
): string {
  const base = options.apiBaseUrl?.replace(/\/$/, '') ?? `https://${options.shopDomain}`;
  return `${base}/admin/api/${options.apiVersion}/graphql.json`;
}

const THROTTLED = 'THROTTLED';
const isThrottled = (body: GraphqlEnvelope) =>
  body.errors?.some((e) => e.extensions?.code === THROTTLED) ?? false;

export function createShopifyClient(options: ShopifyClientOptions) {
  const url = shopifyGraphqlUrl(options);
  const sleep = options.http.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const throttle = createCostThrottle({ now: options.now ?? Date.now });
  const http = createHttpClient({
    ...options.http,
    classify(response: HttpResponse) {
      const parsed = graphqlEnvelopeSchema.safeParse(response.body);
      if (!parsed.success || !isThrottled(parsed.data)) return { retry: false };
      const cost = parsed.data.extensions?.cost;
      return {
        retry: true,
        reason: THROTTLED,
        ...(cost ? { afterMs: throttle.retryAfterMs(cost) } : {}),
      };
    },
  });

  /** Runs one operation and returns its `data`, parsed with `schema`. */
  async function request<S extends z.ZodType>(
    operationName: string,
    query: string,
    variables: Record<string, unknown>,
    schema: S,
  ): Promise<z.infer<S>> {
    const wait = throttle.waitMs(operationName);
    if (wait > 0) await sleep(wait);
    const response = await http.request({
      method: 'POST',
      url,
      headers: { 'X-Shopify-Access-Token': options.accessToken },
      body: { query, variables, operationName },
    });
    const envelope = graphqlEnvelopeSchema.safeParse(response.body);
    if (!envelope.success)
      throw new UpstreamError(`Shopify ${operationName}: response is not a GraphQL envelope`);
    const cost = envelope.data.extensions?.cost;
    if (cost) throttle.record(operationName, cost);
    if (envelope.data.errors?.length)
      throw new UpstreamError(
        `Shopify ${operationName}: ${envelope.data.errors.map((e) => e.message).join('; ')}`,
      );
    const data = schema.safeParse(envelope.data.data);
    if (!data.success)
      throw new UpstreamError(`Shopify ${operationName}: unexpected response shape`, {
        details: data.error.issues.slice(0, 5),
      });
    return data.data;
  }

  return { request, url };
}
export type ShopifyClient = ReturnType<typeof createShopifyClient>;

/**
 * Cursor pagination over any connection: `fetchPage(after)` returns the connection, and pages are
 * yielded in order until `hasNextPage` is false. The caller can commit progress between pages.
 */
export async function* paginate<T>(
  fetchPage: (after: string | null) => Promise<{ pageInfo: z.infer<typeof pageInfoSchema>; nodes: T[] }>,
): AsyncGenerator<T[]> {
  let after: string | null = null;
  for (;;) {
    const page = await fetchPage(after);
    yield page.nodes;
    if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) return;
    after = page.pageInfo.endCursor;
  }
}
