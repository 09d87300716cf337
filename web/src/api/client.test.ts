import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { ApiError, createApiClient, query } from './client';

const respond = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  vi.fn(async () => new Response(JSON.stringify(body), { status, headers }));

describe('api client', () => {
  it('sends the bearer token and parses the response with its schema', async () => {
    const fetch = respond(200, { n: 1 });
    const api = createApiClient({ fetch, token: async () => 'tok', onUnauthenticated: () => {} });
    await expect(api.get('/api/x', z.object({ n: z.number() }))).resolves.toEqual({ n: 1 });
    const init = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect((init[1].headers as Record<string, string>).authorization).toBe('Bearer tok');
  });

  it('turns the server error body into an ApiError with its code and Retry-After', async () => {
    const fetch = respond(
      429,
      { error: { code: 'rate_limited', message: 'slow down' } },
      { 'retry-after': '7' },
    );
    const api = createApiClient({ fetch, token: async () => 'tok', onUnauthenticated: () => {} });
    const err = await api.post('/api/ask', {}, z.unknown()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({
      status: 429,
      code: 'rate_limited',
      message: 'slow down',
      retryAfterSeconds: 7,
    });
  });

  it('reads again after a short Retry-After on a rate-limited read, but never repeats a write', async () => {
    vi.useFakeTimers();
    try {
      const limited = () =>
        new Response(JSON.stringify({ error: { code: 'rate_limited', message: 'slow down' } }), {
          status: 429,
          headers: { 'retry-after': '1' },
        });
      const fetch = vi
        .fn()
        .mockResolvedValueOnce(limited())
        .mockResolvedValueOnce(new Response(JSON.stringify({ n: 2 }), { status: 200 }));
      const api = createApiClient({ fetch, token: async () => 'tok', onUnauthenticated: () => {} });
      const read = api.get('/api/x', z.object({ n: z.number() }));
      await vi.advanceTimersByTimeAsync(1000);
      await expect(read).resolves.toEqual({ n: 2 });
      expect(fetch).toHaveBeenCalledTimes(2);

      const post = vi.fn().mockResolvedValue(limited());
      const writer = createApiClient({ fetch: post, token: async () => 'tok', onUnauthenticated: () => {} });
      await expect(writer.post('/api/x', {}, z.unknown())).rejects.toMatchObject({ status: 429 });
      expect(post).toHaveBeenCalledOnce();
    } finally {
      vi.useRealTimers();
    }
  });

  it('keeps the field problems of a validation error, whichever way the path is spelled', async () => {
    const fetch = respond(400, {
      error: {
        code: 'invalid_request',
        message: 'request failed validation',
        details: [
          { in: 'json', path: 'targets.roasTarget', message: 'Too small' },
          { path: ['reason'], message: 'Required' },
        ],
      },
    });
    const api = createApiClient({ fetch, token: async () => 'tok', onUnauthenticated: () => {} });
    await expect(api.post('/api/x', {}, z.unknown())).rejects.toMatchObject({
      fieldErrors: [
        { path: 'targets.roasTarget', message: 'Too small' },
        { path: 'reason', message: 'Required' },
      ],
    });
  });

  it('reports a 401 so the app can ask for sign-in again', async () => {
    const onUnauthenticated = vi.fn();
    const fetch = respond(401, { error: { code: 'unauthenticated', message: 'token has expired' } });
    const api = createApiClient({ fetch, token: async () => 'old', onUnauthenticated });
    await expect(api.get('/api/brands', z.unknown())).rejects.toThrow('token has expired');
    expect(onUnauthenticated).toHaveBeenCalledOnce();
  });

  it('passes on why: a signed-in account that belongs to no workspace is not an expired session', async () => {
    const onUnauthenticated = vi.fn();
    const fetch = respond(401, {
      error: { code: 'unauthenticated', message: 'not a member', details: { reason: 'not_a_member' } },
    });
    const api = createApiClient({ fetch, token: async () => 'tok', onUnauthenticated });
    await expect(api.get('/api/me', z.unknown())).rejects.toThrow('not a member');
    expect(onUnauthenticated).toHaveBeenCalledWith('not_a_member');
  });

  it('refuses a response that does not match its schema', async () => {
    const api = createApiClient({
      fetch: respond(200, { n: 'one' }),
      token: async () => undefined,
      onUnauthenticated: () => {},
    });
    await expect(api.get('/api/x', z.object({ n: z.number() }))).rejects.toMatchObject({
      code: 'unexpected_response',
    });
  });

  it('builds query strings from defined values only', () => {
    expect(query({ from: '2026-01-01', to: undefined, limit: 5 })).toBe('?from=2026-01-01&limit=5');
    expect(query({ a: undefined })).toBe('');
  });
});
