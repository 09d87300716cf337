import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestWarehouse } from '../../../test/support/warehouse';
import { systemContext } from '../../domain/tenancy';
import { localDate } from '../../domain/time';
import { readFit, writeFit } from './fit';

const ctx = systemContext('t_fit', 'test');
let w: Awaited<ReturnType<typeof createTestWarehouse>>;
beforeAll(async () => {
  w = await createTestWarehouse();
});
afterAll(async () => w.close());

describe('the stored attribution fit', () => {
  it('reads back exactly what was written, and a later pass replaces it whole', async () => {
    const scope = { ctx, brandId: 'b1' };
    const first = {
      asOf: localDate('2026-03-31'),
      removalEffects: new Map([
        ['meta:act_1:c1', 0.1 + 0.2],
        ['email', 1 / 3],
      ]),
      salesMix: new Map([
        [
          'meta:act_1:c1',
          new Map([
            ['v1', 123_456_789],
            ['v2', 1],
          ]),
        ],
      ]),
    };
    await writeFit(w.warehouse, scope, first);
    expect(await readFit(w.warehouse, scope)).toEqual(first);

    const second = {
      asOf: localDate('2026-04-01'),
      removalEffects: new Map([['google', 0.5]]),
      salesMix: new Map(),
    };
    await writeFit(w.warehouse, scope, second);
    expect(await readFit(w.warehouse, scope)).toEqual(second);
  });

  it('is per brand, and a pass that found nothing still counts as a fit', async () => {
    expect(await readFit(w.warehouse, { ctx, brandId: 'never' })).toBeNull();
    const empty = { asOf: localDate('2026-03-31'), removalEffects: new Map(), salesMix: new Map() };
    await writeFit(w.warehouse, { ctx, brandId: 'quiet' }, empty);
    expect(await readFit(w.warehouse, { ctx, brandId: 'quiet' })).toEqual(empty);
  });
});
