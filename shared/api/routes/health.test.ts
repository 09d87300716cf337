import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../../../test/support/api';

describe('/health', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi();
  });
  afterAll(async () => api?.close());

  it('is public and probes the store, the warehouse and the secret store', async () => {
    const res = await api.request('/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      status: 'ok',
      checks: { store: 'ok', warehouse: 'ok', secrets: 'ok' },
    });
  });

  it('answers 503 naming the backend that fails', async () => {
    const original = api.deps.warehouse.queryOps;
    api.deps.warehouse.queryOps = async () => Promise.reject(new Error('connection refused'));
    try {
      const res = await api.request('/health');
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({
        status: 'degraded',
        checks: { store: 'ok', warehouse: 'failing', secrets: 'ok' },
      });
    } finally {
      api.deps.warehouse.queryOps = original;
    }
  });
});
