import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { aBrand } from '../../../test/support/builders';
import { ADD_ONS, limitEveryPlanHas, PLAN_ORDER, PLANS } from '../../domain/billing/plans';
import { systemContext } from '../../domain/tenancy';
import { fixedClock } from '../../ports/clock';
import type { ApiEnv } from '../env';
import { historyRetention } from './plan-gates';

/** An app behind historyRetention whose plan keeps `keeps` days, counting the plan look-ups. */
function appKeeping(keeps: number) {
  const asked: number[] = [];
  const app = new Hono<ApiEnv>();
  app.use('*', async (c, next) => {
    c.set('tenant', systemContext('t1', 'test'));
    c.set('brand', aBrand('b1', { timezone: 'UTC' }));
    await next();
  });
  app.use(
    '*',
    historyRetention({
      clock: fixedClock('2026-11-20T12:00:00Z'),
      limits: {
        async assertHistory(_ctx, daysBack) {
          asked.push(daysBack);
          if (daysBack > keeps) throw new Error(`past ${keeps} days`);
        },
      },
    }),
  );
  app.get('/report', (c) => c.text('ok'));
  app.onError((err, c) => c.text(err.message, 402));
  return { app, asked };
}

describe('history retention', () => {
  const floor = limitEveryPlanHas('historyDays');

  it('the history every plan keeps is the least plan’s, and no add-on takes history away', () => {
    expect(floor).toBe(Math.min(...PLAN_ORDER.map((id) => PLANS[id].limits.historyDays)));
    for (const addOn of Object.values(ADD_ONS))
      for (const added of Object.values(addOn.adds)) expect(added).toBeGreaterThanOrEqual(0);
  });

  it('a window every plan keeps is served without reading the tenant’s plan', async () => {
    const { app, asked } = appKeeping(floor);
    // 2026-11-20 minus `floor` days: exactly as far back as every plan keeps.
    const from = new Date(Date.UTC(2026, 10, 20) - floor * 86_400_000).toISOString().slice(0, 10);
    const res = await app.request(`/report?from=${from}&to=2026-11-19`);
    expect(res.status).toBe(200);
    expect(asked).toEqual([]);
  });

  it('a window reaching one day further asks the plan, and is refused when the plan does not keep it', async () => {
    const { app, asked } = appKeeping(floor);
    const from = new Date(Date.UTC(2026, 10, 20) - (floor + 1) * 86_400_000).toISOString().slice(0, 10);
    const res = await app.request(`/report?from=${from}&to=2026-11-19`);
    expect(asked).toEqual([floor + 1]);
    expect(res.status).toBe(402);
    expect(await res.text()).toBe(`past ${floor} days`);
  });

  it('a longer plan serves the window it keeps after reading it', async () => {
    const { app, asked } = appKeeping(365);
    const res = await app.request('/report?from=2025-11-20&to=2026-11-19');
    expect(res.status).toBe(200);
    expect(asked).toEqual([365]);
  });
});
