import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../../../test/support/api';

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi({
    rateLimits: {
      default: { user: { capacity: 3, refillPerSecond: 1 }, tenant: { capacity: 5, refillPerSecond: 1 } },
      ai: {
        user: { capacity: 1, refillPerSecond: 1 / 60 },
        tenant: { capacity: 2, refillPerSecond: 1 / 60 },
      },
    },
    // The MCP server is another area's; a stand-in handler is enough to route to.
    mount: (app) => app.post('/mcp', (c) => c.json({})),
  });
  await api.seedTenant('t_rl', [{ id: 'rl' }]);
  await api.seedTenant('t_rl2', [{ id: 'rl2' }]);
});
afterAll(async () => api?.close());

const get = (token: string, path = '/api/brands') => api.request(path, { token });

describe('rate limits', () => {
  it('answers 429 with Retry-After once a user’s bucket is empty, without touching others', async () => {
    const alice = await api.token({ tenantId: 't_rl', role: 'viewer', uid: 'alice' });
    const other = await api.token({ tenantId: 't_rl2', role: 'viewer', uid: 'alice' });
    for (let i = 0; i < 3; i++) expect((await get(alice)).status).toBe(200);
    const refused = await get(alice);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect((await refused.json()).error.code).toBe('rate_limited');
    expect((await get(other)).status).toBe(200);
    api.clock.advance(1_000);
    expect((await get(alice)).status).toBe(200);
  });

  it('caps a whole tenant across its users', async () => {
    api.clock.advance(60_000);
    const statuses: number[] = [];
    for (const uid of ['u1', 'u2', 'u3'])
      for (let i = 0; i < 2; i++)
        statuses.push((await get(await api.token({ tenantId: 't_rl', role: 'viewer', uid }))).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
  });

  it('gives model-backed routes their own, much smaller bucket', async () => {
    api.clock.advance(600_000);
    const bob = await api.token({ tenantId: 't_rl', role: 'owner', uid: 'bob' });
    const mcp = () => api.request('/mcp', { method: 'POST', token: bob, json: {} });
    expect((await mcp()).status).not.toBe(429);
    const second = await mcp();
    expect(second.status).toBe(429);
    expect(Number(second.headers.get('retry-after'))).toBe(60);
    expect((await get(bob)).status).toBe(200);
  });
});
