import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../../../test/support/api';

let api: TestApi;
let owner: string;
const TRACE = '0af7651916cd43dd8448eb211c80319c';

beforeAll(async () => {
  api = await createTestApi({
    maxBodyBytes: 1024,
    mount: (app) =>
      app.get('/boom', () => {
        throw new Error('database password=hunter2 at /srv/secret/path');
      }),
  });
  await api.seedTenant('t_obs', [{ id: 'obs' }]);
  owner = await api.token({ tenantId: 't_obs', role: 'owner' });
});
afterAll(async () => api?.close());

const logs = () => api.logger.lines.map((l) => JSON.parse(l) as Record<string, unknown>);

describe('request logs, traces and metrics', () => {
  it('logs each request in Cloud Logging’s shape, in the caller’s trace, without the credentials', async () => {
    const res = await api.request('/api/brands/obs?x=1', {
      token: owner,
      headers: { traceparent: `00-${TRACE}-b7ad6b7169203331-01`, 'x-request-id': 'req-42' },
    });
    expect(res.headers.get('x-request-id')).toBe('req-42');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('traceparent')).toMatch(new RegExp(`^00-${TRACE}-[0-9a-f]{16}-01$`));
    const line = logs().find(
      (l) => (l.httpRequest as { requestUrl?: string })?.requestUrl === '/api/brands/obs',
    );
    expect(line).toMatchObject({
      severity: 'INFO',
      route: 'GET /api/brands/{id}',
      tenantId: 't_obs',
      httpRequest: { requestMethod: 'GET', status: 200 },
      'logging.googleapis.com/trace': TRACE,
      'logging.googleapis.com/labels': { requestId: 'req-42' },
    });
    expect(api.logger.lines.join('\n')).not.toContain(owner);
  });

  it('marks every API response no-store: JSON, errors, CSV exports and unknown routes', async () => {
    const paths = [
      '/api/brands/obs', // JSON
      '/api/brands/obs/drilldown/campaign/nope?from=2026-11-01&to=2026-11-07', // 404 from a handler
      '/api/brands/obs/dashboard?from=not-a-date', // 400 from validation
      '/api/brands/obs/export?from=2026-11-01&to=2026-11-07', // a streamed CSV
      '/api/no-such-route', // no route
    ];
    for (const path of paths) {
      const res = await api.request(path, { token: owner });
      await res.arrayBuffer();
      expect(res.headers.get('cache-control'), path).toBe('no-store');
    }
    const unauthenticated = await api.request('/api/brands/obs');
    expect(unauthenticated.status).toBe(401);
    expect(unauthenticated.headers.get('cache-control')).toBe('no-store');
  });

  it('at successLogLevel debug, a success is below an INFO log and a refusal still a WARNING', async () => {
    const quiet = await createTestApi({ successLogLevel: 'debug' });
    try {
      await quiet.seedTenant('t_quiet', [{ id: 'quiet' }]);
      const token = await quiet.token({ tenantId: 't_quiet', role: 'owner' });
      await quiet.request('/api/brands/quiet', { token });
      await quiet.request('/api/brands/nowhere', { token });
      const lines = quiet.logger.lines.map((l) => JSON.parse(l) as Record<string, unknown>);
      const of = (url: string) =>
        lines.find((l) => (l.httpRequest as { requestUrl?: string })?.requestUrl === url)?.severity;
      expect(of('/api/brands/quiet')).toBeUndefined(); // the test API logs at INFO
      expect(of('/api/brands/nowhere')).toBe('WARNING');
    } finally {
      await quiet.close();
    }
  });

  it('writes request events to the warehouse ops table in batches', async () => {
    await api.request('/api/brands', { token: owner });
    await api.app.opsEvents.flush();
    const rows = await api.deps.warehouse.queryOps<{ tenant_id: string; status: string; trace: string }>(
      "SELECT tenant_id, status, trace FROM {{observability_events}} WHERE kind = 'http_request' AND name = 'GET /api/brands/{id}'",
    );
    expect(rows).toContainEqual({ tenant_id: 't_obs', status: '200', trace: TRACE });
  });

  it('keeps a latency histogram per route', async () => {
    const body = await (await api.request('/api/admin/metrics', { token: owner })).json();
    const route = body.routes.find((r: { route: string }) => r.route === 'GET /api/brands');
    expect(route.count).toBeGreaterThanOrEqual(1);
    expect(route.p95Ms).toBeGreaterThan(0);
  });
});

describe('errors', () => {
  it('hides an unexpected failure behind a bare 500 and logs it', async () => {
    const res = await api.request('/boom');
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ error: { code: 'internal', message: 'internal error' } });
    expect(
      api.logger.lines.some((l) => l.includes('unhandled error') && l.includes('/srv/secret/path')),
    ).toBe(true);
  });

  it.each([
    ['an unknown route', '/api/nope', { method: 'GET' }, 404, 'not_found'],
    [
      'a body over the limit',
      '/api/brands',
      { method: 'POST', json: { name: 'x'.repeat(2000) } },
      413,
      'payload_too_large',
    ],
    [
      'malformed JSON',
      '/api/brands',
      { method: 'POST', body: '{"name":', headers: { 'content-type': 'application/json' } },
      400,
      'invalid_request',
    ],
    ['no credentials', '/api/brands', { method: 'GET', noToken: true }, 401, 'unauthenticated'],
  ])('answers %s with the one error shape', async (_name, path, init, status, code) => {
    const { noToken, ...rest } = init as RequestInit & { noToken?: boolean; json?: unknown };
    const res = await api.request(path, { ...rest, ...(noToken ? {} : { token: owner }) });
    expect(res.status).toBe(status);
    expect((await res.json()).error.code).toBe(code);
  });
});
