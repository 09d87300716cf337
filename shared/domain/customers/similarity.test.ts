import { describe, expect, it } from 'vitest';
import { damerauLevenshtein, jaro, jaroWinkler } from './similarity';

describe('string similarity', () => {
  // Values from Winkler (1990) and the worked examples in Christen, "Data Matching" (2012), §5.2.
  it.each([
    ['martha', 'marhta', 0.944, 0.961],
    ['dwayne', 'duane', 0.822, 0.84],
    ['dixon', 'dicksonx', 0.767, 0.813],
  ])('jaro and jaro-winkler of %s / %s', (a, b, j, jw) => {
    expect(jaro(a, b)).toBeCloseTo(j, 3);
    expect(jaroWinkler(a, b)).toBeCloseTo(jw, 3);
  });

  it('scores identical strings 1 and strings with nothing in common 0', () => {
    expect(jaroWinkler('smith', 'smith')).toBe(1);
    expect(jaroWinkler('abc', 'xyz')).toBe(0);
    expect(jaroWinkler('', 'abc')).toBe(0);
  });

  it.each([
    ['19081209', '19082109', 1],
    ['4011', '4101', 1],
    ['4011', '4012', 1],
    ['kitten', 'sitting', 3],
    ['', 'abc', 3],
  ])('counts an adjacent transposition as one edit: %s → %s = %i', (a, b, d) => {
    expect(damerauLevenshtein(a, b)).toBe(d);
  });
});
