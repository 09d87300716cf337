import { describe, expect, it } from 'vitest';
import { href, matchRoute, menuCurrent } from './routes';

const pageOf = (path: string) => matchRoute(path)?.name;

describe('menuCurrent', () => {
  it('marks the entry of the page itself as the page', () => {
    expect(menuCurrent('content', pageOf(href('content', { brandId: 'b1' })))).toBe('page');
    expect(menuCurrent('agency', pageOf('/agency'))).toBe('page');
  });

  it('marks the entry a sub-page sits under, so a content tab or a drill-down keeps its menu entry lit', () => {
    expect(menuCurrent('content', pageOf(href('contentCalendar', { brandId: 'b1' })))).toBe('true');
    expect(
      menuCurrent('dashboard', pageOf(href('drilldown', { brandId: 'b1', kind: 'channel', id: 'meta' }))),
    ).toBe('true');
    expect(menuCurrent('customers', pageOf(href('customer', { brandId: 'b1', profileId: 'p1' })))).toBe(
      'true',
    );
    expect(
      menuCurrent('engagement', pageOf(href('engagementCampaign', { brandId: 'b1', campaignId: 'c1' }))),
    ).toBe('true');
  });

  it('marks no other entry', () => {
    const calendar = pageOf(href('contentCalendar', { brandId: 'b1' }));
    expect(menuCurrent('dashboard', calendar)).toBeUndefined();
    expect(menuCurrent('engagement', calendar)).toBeUndefined();
    expect(menuCurrent('dashboard', pageOf(href('onboarding', { brandId: 'b1' })))).toBeUndefined();
    expect(menuCurrent('dashboard', undefined)).toBeUndefined();
  });
});
