import { describe, expect, it } from 'vitest';
import { createFormat } from '../format';
import { impactAmount } from './recommendations';

const { money } = createFormat({ locale: 'en-US', currency: 'USD', timeZone: 'UTC' });

describe('expected impact', () => {
  it('does not repeat an amount the sentence already states', () => {
    const description = 'avoids about $3,052.49 a week of spend on demand the stock cannot serve.';
    expect(impactAmount({ description, amountMinor: 305_249 }, money)).toBe('');
  });
  it('adds the amount when the sentence does not give it', () => {
    expect(
      impactAmount({ description: 'Stops spend on units that cannot ship', amountMinor: 84_000 }, money),
    ).toBe(' ($840.00)');
  });
});
