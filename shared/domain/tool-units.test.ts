import { describe, expect, it } from 'vitest';
import { declaredButMissing, shownRaw } from './tool-units';

describe('fields a tool would show raw', () => {
  const output = {
    recommendations: [
      { id: 'rec_1', type: 'reduce_spend', title: 'Cut Meta', campaignId: 'c1', note: 'last_touch' },
    ],
    product_ids: ['p1'],
    model: 'linear',
  };

  it('names every id not declared internal and every app key not declared a label', () => {
    expect(shownRaw({}, output)).toEqual([
      'recommendations[].id',
      'recommendations[].type',
      'recommendations[].campaignId',
      'recommendations[].note',
      'product_ids[]',
    ]);
  });

  it('passes an output whose ids are internal and whose keys are labels, by path or by name', () => {
    const units = {
      'recommendations[].id': 'internal',
      type: 'label',
      campaignId: 'internal',
      note: 'label',
      product_ids: 'internal',
    } as const;
    expect(shownRaw(units, output)).toEqual([]);
    expect(declaredButMissing(units, output)).toEqual([]);
  });

  it('does not take words, names or a field merely ending in "id" for an id', () => {
    expect(shownRaw({}, { paid: 3, valid: true, title: 'Reduce spend', region: 'US-NY' })).toEqual([]);
  });
});
