import { RetryableError, UpstreamError } from './errors';
import type { Logger } from './logging/logger';

/**
 * The one HTTP client every connector uses: JSON in and out, a timeout per attempt, retries with
 * jittered exponential backoff on 429, 5xx and network errors (honouring Retry-After), and a hard
 * cap after which a RetryableError (the queue tries again later) or UpstreamError is thrown.
 * Platform-specific throttling signals in a 200 body (Shopify's THROTTLED, Meta's code 17) are
 * reported by `classify` so they take the same retry path.
 */
export interface HttpRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  /** Serialized as JSON unless it is already a string. */
  body?: unknown;
  timeoutMs?: number;
}

export interface HttpResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

export type Classification = { retry: false } | { retry: true; afterMs?: number; reason: string };

export interface HttpClientOptions {
  fetch: typeof fetch;
  logger?: Logger;
  maxRetries?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  timeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** Inspect a response for retry signals beyond the status code. */
  classify?: (response: HttpResponse) => Classification;
}

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function parseRetryAfter(value: string | null): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

export function createHttpClient(options: HttpClientOptions) {
  const maxRetries = options.maxRetries ?? 6;
  const base = options.baseDelayMs ?? 500;
  const maxDelay = options.maxDelayMs ?? 30_000;
  const sleep = options.sleep ?? defaultSleep;
  const random = options.random ?? Math.random;

  const delayFor = (attempt: number, hint?: number) =>
    hint !== undefined
      ? Math.min(maxDelay, hint)
      : Math.min(maxDelay, base * 2 ** attempt) * (0.5 + random() / 2);

  async function once(req: HttpRequest): Promise<HttpResponse> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), req.timeoutMs ?? options.timeoutMs ?? 30_000);
    try {
      const res = await options.fetch(req.url, {
        method: req.method ?? (req.body === undefined ? 'GET' : 'POST'),
        headers: {
          accept: 'application/json',
          ...(req.body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...req.headers,
        },
        ...(req.body !== undefined
          ? { body: typeof req.body === 'string' ? req.body : JSON.stringify(req.body) }
          : {}),
        signal: controller.signal,
      });
      const text = await res.text();
      let body: unknown = text;
      if (text && (res.headers.get('content-type') ?? '').includes('json')) {
        try {
          body = JSON.parse(text);
        } catch {
          // A truncated or malformed page: retry like a 5xx, it is usually transient.
          return { status: 599, headers: res.headers, body: text };
        }
      }
      return { status: res.status, headers: res.headers, body };
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    async request<T = unknown>(req: HttpRequest): Promise<HttpResponse<T>> {
      let lastReason = '';
      for (let attempt = 0; ; attempt++) {
        let retry: Classification;
        let response: HttpResponse | undefined;
        try {
          response = await once(req);
          if (response.status === 429 || response.status >= 500) {
            retry = {
              retry: true,
              reason: `HTTP ${response.status}`,
              ...optionalAfter(parseRetryAfter(response.headers.get('retry-after'))),
            };
          } else {
            retry = options.classify?.(response) ?? { retry: false };
          }
        } catch (err) {
          retry = {
            retry: true,
            reason:
              err instanceof Error && err.name === 'AbortError'
                ? 'timeout'
                : `network error: ${(err as Error).message}`,
          };
        }
        if (!retry.retry && response) {
          if (response.status >= 400)
            throw new UpstreamError(`${new URL(req.url).host} answered HTTP ${response.status}`, {
              details: response.body,
            });
          return response as HttpResponse<T>;
        }
        if (retry.retry) lastReason = retry.reason;
        if (attempt >= maxRetries) {
          throw new RetryableError(
            `${new URL(req.url).host}: gave up after ${attempt + 1} attempts (${lastReason})`,
            delayFor(attempt),
          );
        }
        const wait = delayFor(attempt, retry.retry ? retry.afterMs : undefined);
        options.logger?.debug('http retry', {
          host: new URL(req.url).host,
          attempt: attempt + 1,
          reason: lastReason,
          waitMs: Math.round(wait),
        });
        await sleep(wait);
      }
    },
  };
}
export type HttpClient = ReturnType<typeof createHttpClient>;

function optionalAfter(ms: number | undefined): { afterMs?: number } {
  return ms === undefined ? {} : { afterMs: ms };
}
