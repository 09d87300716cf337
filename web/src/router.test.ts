import { describe, expect, it } from 'vitest';
import { createMatcher, pathTo } from './router';

const match = createMatcher([
  { name: 'dashboard', pattern: '/brands/:brandId' },
  { name: 'drilldown', pattern: '/brands/:brandId/drilldown/:kind/:id' },
  { name: 'agency', pattern: '/agency' },
]);

describe('router', () => {
  it.each([
    ['/agency', { name: 'agency', params: {} }],
    ['/agency/', { name: 'agency', params: {} }],
    ['/brands/demo-brand', { name: 'dashboard', params: { brandId: 'demo-brand' } }],
    [
      '/brands/b/drilldown/campaign/meta%3Aact_1%3Acamp_2',
      { name: 'drilldown', params: { brandId: 'b', kind: 'campaign', id: 'meta:act_1:camp_2' } },
    ],
  ])('matches %s', (path, expected) => {
    expect(match(path)).toEqual(expected);
  });

  it('matches nothing outside the table', () => {
    expect(match('/brands')).toBeUndefined();
    expect(match('/brands/b/unknown')).toBeUndefined();
  });

  it('builds paths that match back to the same params', () => {
    const params = { brandId: 'b', kind: 'product', id: 'gid://shopify/ProductVariant/1' };
    const path = pathTo('/brands/:brandId/drilldown/:kind/:id', params);
    expect(match(path)?.params).toEqual(params);
  });
});
