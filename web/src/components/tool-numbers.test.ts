import { describe, expect, it } from 'vitest';
import { toolLeaves } from './tool-numbers';

describe('tool leaves', () => {
  it('lists every scalar of a tool result with its path, rows named by their name', () => {
    const output = {
      kpis: { spendMinor: 1200, roas: 2.5 },
      campaigns: [{ name: 'Spring', spendMinor: 700 }, { spendMinor: 5 }],
    };
    expect(toolLeaves(output)).toEqual([
      { path: 'kpis.spendMinor', value: 1200 },
      { path: 'kpis.roas', value: 2.5 },
      { path: 'campaigns[Spring].name', value: 'Spring' },
      { path: 'campaigns[Spring].spendMinor', value: 700 },
      { path: 'campaigns[1].spendMinor', value: 5 },
    ]);
  });

  it('stops at the limit and names a bare value', () => {
    expect(toolLeaves([1, 2, 3], 2)).toEqual([
      { path: '[0]', value: 1 },
      { path: '[1]', value: 2 },
    ]);
    expect(toolLeaves(42)).toEqual([{ path: 'value', value: 42 }]);
  });
});
