import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../../../test/support/api';
import { registeredRoutes } from '../../../test/support/route-table';

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
});
afterAll(async () => api?.close());

describe('API documentation', () => {
  it('documents every route under /api in the OpenAPI 3.1 document, with bearer auth', async () => {
    const doc = await (await api.request('/openapi.json')).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    const undocumented = registeredRoutes(api.app)
      .filter((r) => r.path.startsWith('/api/'))
      .filter((r) => !doc.paths[r.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}')]?.[r.method.toLowerCase()]);
    expect(undocumented).toEqual([]);
  });

  it('serves a docs page that reads the document', async () => {
    const res = await api.request('/docs');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(await res.text()).toContain("fetch('/openapi.json')");
  });
});
