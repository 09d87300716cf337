import { describe, expect, it } from 'vitest';
import { RetryableError, UpstreamError } from './errors';
import { createHttpClient } from './http';

type Reply = { status: number; body?: unknown; headers?: Record<string, string> } | Error;

function scripted(replies: Reply[]) {
  const calls: string[] = [];
  const fetchFn = (async (url: string | URL | Request) => {
    calls.push(String(url));
    const r = replies.shift() ?? { status: 200, body: {} };
    if (r instanceof Error) throw r;
    return new Response(r.body === undefined ? '' : JSON.stringify(r.body), {
      status: r.status,
      headers: { 'content-type': 'application/json', ...r.headers },
    });
  }) as typeof fetch;
  return { fetchFn, calls };
}

describe('http client', () => {
  it('retries 429 and 5xx, honouring Retry-After, then returns the body', async () => {
    const waits: number[] = [];
    const { fetchFn, calls } = scripted([
      { status: 429, headers: { 'retry-after': '2' } },
      { status: 503 },
      { status: 200, body: { ok: 1 } },
    ]);
    const http = createHttpClient({
      fetch: fetchFn,
      sleep: async (ms) => void waits.push(ms),
      random: () => 0.5,
    });
    const res = await http.request({ url: 'https://api.example.com/x' });
    expect(res.body).toEqual({ ok: 1 });
    expect(calls).toHaveLength(3);
    expect(waits[0]).toBe(2000);
  });

  it('gives up after maxRetries with a RetryableError the queue can act on', async () => {
    const { fetchFn, calls } = scripted(Array.from({ length: 10 }, () => ({ status: 500 })));
    const http = createHttpClient({ fetch: fetchFn, maxRetries: 2, sleep: async () => {} });
    await expect(http.request({ url: 'https://api.example.com/x' })).rejects.toBeInstanceOf(RetryableError);
    expect(calls).toHaveLength(3);
  });

  it('does not retry a client error', async () => {
    const { fetchFn, calls } = scripted([{ status: 400, body: { error: 'bad' } }]);
    const http = createHttpClient({ fetch: fetchFn, sleep: async () => {} });
    await expect(http.request({ url: 'https://api.example.com/x' })).rejects.toBeInstanceOf(UpstreamError);
    expect(calls).toHaveLength(1);
  });

  it('retries a throttle signalled inside a 200 body, and network errors', async () => {
    const { fetchFn, calls } = scripted([
      { status: 200, body: { errors: [{ extensions: { code: 'THROTTLED' } }] } },
      new TypeError('socket hang up'),
      { status: 200, body: { data: 1 } },
    ]);
    const http = createHttpClient({
      fetch: fetchFn,
      sleep: async () => {},
      classify: (r) =>
        JSON.stringify(r.body).includes('THROTTLED')
          ? { retry: true, reason: 'throttled', afterMs: 10 }
          : { retry: false },
    });
    expect(
      (await http.request({ url: 'https://shop.example.com/graphql', body: { query: '{}' } })).body,
    ).toEqual({ data: 1 });
    expect(calls).toHaveLength(3);
  });
});
