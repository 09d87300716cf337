import { describe, expect, it } from 'vitest';
import { createFormat } from '../format';
import { type Calibration, calibrationSentence } from './calibration';

const fmt = createFormat({ locale: 'en-US', currency: 'USD', timeZone: 'UTC' });
const summary = (s: Partial<Calibration['summary']>): Calibration => ({
  currency: 'USD',
  points: [],
  summary: {
    measured: 0,
    predictedMinor: 0,
    actualMinor: 0,
    realisedShare: null,
    directionRight: 0,
    meanAbsoluteErrorMinor: null,
    ...s,
  },
});

describe('the track record sentence', () => {
  it('says what was predicted and what happened, in money and as a share', () => {
    expect(
      calibrationSentence(
        summary({
          measured: 3,
          predictedMinor: 20_000,
          actualMinor: 11_000,
          realisedShare: 0.55,
          directionRight: 2,
        }),
        fmt,
      ),
    ).toBe(
      '3 accepted recommendations measured: we predicted $200.00 a week, $110.00 happened (55% of the prediction); 2 of 3 went the way we said.',
    );
  });

  it('writes the share as the app writes shares, to one decimal', () => {
    expect(
      calibrationSentence(
        summary({ measured: 1, predictedMinor: 30_000, actualMinor: 10_000, realisedShare: 1 / 3 }),
        fmt,
      ),
    ).toContain('happened (33.3% of the prediction)');
  });

  it('says when nothing is measured yet rather than showing zeros', () => {
    expect(calibrationSentence(summary({}), fmt)).toMatch(/^No accepted recommendation has had its week/);
  });
});
