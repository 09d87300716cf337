import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestBrand, rows, type TestBrand } from '../../../test/support/attribution-pass';
import { rowsOf } from '../../../test/support/columns';
import { localDate } from '../../domain/time';
import { createPassReader } from './read';

const NOW = '2026-03-31T16:00:00Z';
const day = localDate('2026-03-10');

describe('the pass reader', () => {
  let w: TestBrand;
  beforeEach(async () => {
    w = await createTestBrand(NOW);
    const range = { brandId: 'b1', from: day, to: day };
    await w.deps.warehouse.replaceRange(w.ctx, 'orders', range, [
      rows.order({
        id: 'o1',
        at: '2026-03-10T20:00:00.000Z',
        date: day,
        cancelledAt: '2026-03-11T03:30:00.000Z',
      }),
    ]);
    await w.deps.warehouse.replaceRange(w.ctx, 'touchpoints', range, [
      rows.touch({ id: 't1', orderId: 'o1', at: '2026-03-10T19:00:00.500Z', date: day, clickType: 'fbclid' }),
      // A click id kind without the id itself (a malformed landing URL) is no click.
      {
        ...rows.touch({ id: 't2', orderId: 'o1', at: '2026-03-10T19:30:00.000Z', date: day }),
        click_id_type: 'gclid',
      },
    ]);
  });
  afterEach(async () => w.close());

  it('reads times as epoch milliseconds, and a click id kind only where there is a click id', async () => {
    const read = createPassReader(w.deps.warehouse, { ctx: w.ctx, brandId: 'b1' });
    const [order] = rowsOf(await read.orders(day, day));
    expect(order).toMatchObject({
      created_ms: Date.parse('2026-03-10T20:00:00.000Z'),
      cancelled_ms: Date.parse('2026-03-11T03:30:00.000Z'),
    });
    const touches = rowsOf(await read.orderTouches(day, day, 7));
    expect(touches.map((t) => [t.touchpoint_id, t.at_ms, t.click_type]).sort()).toEqual([
      ['t1', Date.parse('2026-03-10T19:00:00.500Z'), 'fbclid'],
      ['t2', Date.parse('2026-03-10T19:30:00.000Z'), null],
    ]);
  });

  it('numbers stray touches by customer and shape, each shape spelled out once', async () => {
    await w.deps.warehouse.replaceRange(w.ctx, 'touchpoints', { brandId: 'b1', from: day, to: day }, [
      rows.touch({
        id: 's1',
        orderId: null,
        customerId: 'c1',
        at: '2026-03-10T10:00:00.000Z',
        date: day,
        campaign: '101',
        clickType: 'fbclid',
      }),
      rows.touch({
        id: 's2',
        orderId: null,
        customerId: 'c1',
        at: '2026-03-10T11:00:00.000Z',
        date: day,
        campaign: '101',
        clickType: 'fbclid',
      }),
      rows.touch({
        id: 's3',
        orderId: null,
        at: '2026-03-10T12:00:00.000Z',
        date: day,
        campaign: '301',
        clickType: 'gclid',
      }),
    ]);
    const read = createPassReader(w.deps.warehouse, { ctx: w.ctx, brandId: 'b1' });
    const strays = rowsOf(await read.strayTouches(day, day));
    const [a, b] = strays.filter((s) => s.who !== null);
    const [anonymous] = strays.filter((s) => s.who === null);
    expect(a!.who).toBe(b!.who);
    expect(a!.shape).toBe(b!.shape);
    expect([a!.defines, b!.defines].sort()).toEqual([false, true]);
    expect([a, b].find((s) => s!.defines)).toMatchObject({ utm_campaign: '101', click_type: 'fbclid' });
    expect([a, b].find((s) => !s!.defines)).toMatchObject({ utm_campaign: null, click_type: null });
    expect(anonymous).toMatchObject({ defines: true, utm_campaign: '301', click_type: 'gclid' });
    expect(anonymous!.shape).not.toBe(a!.shape);
  });
  it("reads a range's stray touches once, each chunk's customers apart and in chunk order", async () => {
    const next = localDate('2026-03-11');
    const stray = (id: string, date: string, at: string) =>
      rows.touch({ id, orderId: null, customerId: 'c1', at: `${date}T${at}:00.000Z`, date: localDate(date) });
    await w.deps.warehouse.replaceRange(w.ctx, 'touchpoints', { brandId: 'b1', from: day, to: next }, [
      stray('late', '2026-03-11', '09:00'),
      stray('early2', '2026-03-10', '11:00'),
      stray('early1', '2026-03-10', '10:00'),
    ]);
    const read = createPassReader(w.deps.warehouse, { ctx: w.ctx, brandId: 'b1' });
    const strays = rowsOf(await read.strayTouches(day, next, [day, next]));
    expect(strays.map((s) => s.chunk)).toEqual([0, 0, 1]);
    // The same customer on both days: one path per chunk, so a different number in each.
    expect(strays[0]!.who).toBe(strays[1]!.who);
    expect(strays[2]!.who).not.toBe(strays[0]!.who);
    const whole = rowsOf(await read.strayTouches(day, next));
    expect(new Set(whole.map((s) => s.who)).size).toBe(1);
    expect(whole.map((s) => s.chunk)).toEqual([0, 0, 0]);
  });
  it("orders a chunk's stray touches by customer id, each customer's oldest first", async () => {
    // The Markov counter meets customers' paths in this order (decision 987 sorts on the
    // customer's number, which follows the id, instead of the id string).
    const stray = (id: string, customer: string, at: string, campaign: string) =>
      rows.touch({
        id,
        orderId: null,
        customerId: customer,
        at: `2026-03-10T${at}:00.000Z`,
        date: day,
        campaign,
      });
    await w.deps.warehouse.replaceRange(w.ctx, 'touchpoints', { brandId: 'b1', from: day, to: day }, [
      stray('b2', 'c2', '08:00', '301'),
      stray('a2', 'c1', '12:00', '302'),
      stray('b1', 'c2', '07:00', '302'),
      stray('a1', 'c1', '06:00', '301'),
    ]);
    const read = createPassReader(w.deps.warehouse, { ctx: w.ctx, brandId: 'b1' });
    const strays = rowsOf(await read.strayTouches(day, day));
    const campaignOf = new Map(strays.filter((s) => s.defines).map((s) => [s.shape, s.utm_campaign]));
    const c1 = strays[0]!.who;
    const c2 = strays[2]!.who;
    expect(c1).not.toBe(c2);
    expect(strays.map((s) => [s.who, campaignOf.get(s.shape)])).toEqual([
      [c1, '301'],
      [c1, '302'],
      [c2, '302'],
      [c2, '301'],
    ]);
  });
  it('keeps a missing UTM and an empty one apart: each its own shape, spelled out once', async () => {
    const touch = (id: string, source: string | undefined, at: string) =>
      rows.touch({ id, orderId: 'o1', at: `2026-03-10T${at}:00.000Z`, date: day, source, medium: 'email' });
    await w.deps.warehouse.replaceRange(w.ctx, 'touchpoints', { brandId: 'b1', from: day, to: day }, [
      touch('n1', undefined, '10:00'),
      touch('n2', undefined, '11:00'),
      touch('e1', '', '12:00'),
      touch('e2', '', '13:00'),
      touch('k1', 'klaviyo', '14:00'),
    ]);
    const read = createPassReader(w.deps.warehouse, { ctx: w.ctx, brandId: 'b1' });
    const touches = rowsOf(await read.orderTouches(day, day, 7));
    const shapeOf = new Map(touches.map((t) => [t.touchpoint_id, t.shape]));
    expect(shapeOf.get('n1')).toBe(shapeOf.get('n2'));
    expect(shapeOf.get('e1')).toBe(shapeOf.get('e2'));
    expect(new Set([shapeOf.get('n1'), shapeOf.get('e1'), shapeOf.get('k1')]).size).toBe(3);
    const definitions = touches.filter((t) => t.defines);
    expect(definitions.map((t) => t.shape).sort()).toEqual([...new Set(shapeOf.values())].sort());
    const spelled = (id: string) => definitions.find((t) => t.shape === shapeOf.get(id));
    expect(spelled('n1')).toMatchObject({ utm_source: null, utm_medium: 'email' });
    expect(spelled('e1')).toMatchObject({ utm_source: '', utm_medium: 'email' });
    expect(spelled('k1')).toMatchObject({ utm_source: 'klaviyo', utm_medium: 'email' });
    expect(
      touches.filter((t) => !t.defines).every((t) => t.utm_source === null && t.utm_medium === null),
    ).toBe(true);
  });
});
