import { describe, expect, it } from 'vitest';
import { barLabelWidth, fitLabel, LABEL_CHAR, wrapLabel } from './bar-chart';

describe('bar chart labels', () => {
  it('keep the narrow column for region codes and widen it for names like "Free shipping"', () => {
    expect(barLabelWidth(['CA', 'NY', 'TX'], 640)).toBe(110);
    const width = barLabelWidth(['15% off', 'Free shipping', 'Holdout'], 640);
    expect(width).toBe(Math.ceil(13 * LABEL_CHAR + 12));
    expect(fitLabel('Free shipping', width)).toBe('Free shipping');
  });

  it.each(['< $111.13', '< $55.56', '$889.04+', 'Free shipping', 'California, US'])(
    'keep "%s" on one line in the column made for it (the column is never a fraction of a character short)',
    (label) => {
      expect(wrapLabel(label, barLabelWidth([label, 'CA'], 640))).toEqual([label]);
    },
  );

  it('wrap a region name too long for 40 % of the chart to two whole lines, the column as wide as the longer line', () => {
    const nsw = 'New South Wales, Australia';
    const width = barLabelWidth([nsw, 'California, US'], 640);
    expect(width).toBe(Math.ceil('New South Wales,'.length * LABEL_CHAR + 12));
    expect(wrapLabel(nsw, width)).toEqual(['New South Wales,', 'Australia']);
    expect(wrapLabel('California, US', width)).toEqual(['California, US']);
    expect(
      wrapLabel(
        'Newfoundland and Labrador, Canada',
        barLabelWidth(['Newfoundland and Labrador, Canada'], 640),
      ),
    ).toEqual(['Newfoundland and', 'Labrador, Canada']);
  });

  it('cap the column at 40 % of the chart and end only what two lines cannot hold in an ellipsis', () => {
    const long = 'Retargeting — all products, lookalike 1% purchasers';
    const width = barLabelWidth([long], 640);
    expect(width).toBeLessThanOrEqual(256);
    const [first, second] = wrapLabel(long, width);
    expect(first).toBe('Retargeting — all');
    expect(second?.endsWith('…')).toBe(true);
    expect((second?.length ?? 0) * LABEL_CHAR).toBeLessThanOrEqual(width);
    expect(long.startsWith(`${first} ${second?.slice(0, -1)}`)).toBe(true);
    expect(fitLabel('Pneumonoultramicroscopicsilicovolcanoconiosis', width).endsWith('…')).toBe(true);
  });
});
