import { describe, expect, it } from 'vitest';
import { barLabelWidth, fitLabel } from './bar-chart';

describe('bar chart labels', () => {
  it('keep the narrow column for region codes and widen it for names like "Free shipping"', () => {
    expect(barLabelWidth(['CA', 'NY', 'TX'], 640)).toBe(110);
    const width = barLabelWidth(['15% off', 'Free shipping', 'Holdout'], 640);
    expect(width).toBe(Math.round(13 * 11.5 + 12));
    expect(fitLabel('Free shipping', width)).toBe('Free shipping');
  });

  it('cap the column at 40 % of the chart and end a longer label in an ellipsis', () => {
    const long = 'Retargeting — all products, lookalike 1% purchasers';
    const width = barLabelWidth([long], 640);
    expect(width).toBe(256);
    const shown = fitLabel(long, width);
    expect(shown.endsWith('…')).toBe(true);
    expect(shown.length * 11.5).toBeLessThanOrEqual(width);
    expect(long.startsWith(shown.slice(0, -1))).toBe(true);
  });
});
