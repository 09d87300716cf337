import { describe, expect, it } from 'vitest';
import { aBrand, anAlert } from '../../../test/support/builders';
import { systemContext } from '../../domain/tenancy';
import { localDate } from '../../domain/time';
import type { OperationalStore } from '../../ports/operational-store';
import type { PerformanceQueries } from '../../reporting/read-model/performance-queries';
import { getAlerts } from './inventory-tools';
import type { ToolContext } from './types';

describe('get_alerts', () => {
  it('names what each alert is about and gives the page the app shows it on', async () => {
    const alert = anAlert('b1', {
      type: 'stockout_risk',
      dedupeKey: 'stockout_risk:gid://shopify/ProductVariant/1001',
      evidence: { product: 'Velocity Runner — M', days_of_cover: 2.5 },
    });
    const store = {
      alerts: { listByStatus: async () => [alert] },
    } as unknown as OperationalStore;
    const tc: ToolContext = {
      ctx: systemContext('t1', 'test'),
      brand: aBrand('b1'),
      asOf: localDate('2026-11-20'),
      today: localDate('2026-11-20'),
      now: new Date('2026-11-20T12:00:00Z'),
      queries: {} as PerformanceQueries,
      store,
    };
    const out = (await getAlerts.run(tc, {})) as { alerts: { about: string; link: string }[] };
    expect(out.alerts).toEqual([
      expect.objectContaining({
        about: 'Velocity Runner — M',
        link: '/brands/b1/drilldown/product/gid%3A%2F%2Fshopify%2FProductVariant%2F1001',
      }),
    ]);
  });
});
