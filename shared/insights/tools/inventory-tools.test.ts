import { describe, expect, it } from 'vitest';
import { aBrand, anAlert } from '../../../test/support/builders';
import { systemContext } from '../../domain/tenancy';
import { localDate } from '../../domain/time';
import { toolLeaves } from '../../domain/tool-units';
import type { OperationalStore } from '../../ports/operational-store';
import type { PerformanceQueries } from '../../reporting/read-model/performance-queries';
import { getAlerts } from './inventory-tools';
import { callLabels, type ToolContext } from './types';

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

  it('labels each alert’s evidence as its rule does, at the path the Ask page shows it under', async () => {
    const risk = anAlert('b1', {
      type: 'stockout_risk',
      title: 'Runner will stock out',
      dedupeKey: 'stockout_risk:p1',
      evidence: { product: 'Velocity Runner — M', threshold_days: 7 },
    });
    const out = {
      alerts: [{ id: risk.id, type: risk.type, title: risk.title, evidence: risk.evidence }],
    };
    const labels = callLabels(getAlerts, out) ?? {};
    expect(labels).toEqual({
      'alerts[Runner will stock out].evidence.product': 'Product running low',
      'alerts[Runner will stock out].evidence.threshold_days': 'Alerts below (days of cover)',
    });
    // Every label names a leaf of the output, as the page walks it.
    const paths = new Set(toolLeaves(out).map((l) => l.path));
    expect(Object.keys(labels).filter((p) => !paths.has(p))).toEqual([]);
  });
});
