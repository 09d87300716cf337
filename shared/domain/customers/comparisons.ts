import type { PersonKey } from './person';
import { damerauLevenshtein, jaroWinkler } from './similarity';

/**
 * Comparison levels of the Fellegi–Sunter model, Splink-style: each comparison maps a pair of
 * records to one level, level 0 meaning "a value is missing" (it contributes no evidence) and the
 * last level "disagree". Each level gets its own m and u probability, so near-agreement (a typo)
 * carries part of the weight of exact agreement instead of counting as a disagreement.
 */
export interface Comparison {
  readonly name: string;
  /** Labels of levels 0..n-1; 0 is always `missing`, the last is always `different`. */
  readonly levels: readonly string[];
  level(a: PersonKey, b: PersonKey): number;
}

function nameLevels(field: 'firstName' | 'lastName', other: 'firstName' | 'lastName'): Comparison {
  return {
    name: field,
    levels: [
      'missing',
      'exact',
      'jaro-winkler ≥ 0.92',
      'jaro-winkler ≥ 0.80',
      'swapped with the other name',
      'different',
    ],
    level(a, b) {
      const x = a[field];
      const y = b[field];
      if (x === '' || y === '') return 0;
      if (x === y) return 1;
      const jw = jaroWinkler(x, y);
      if (jw >= 0.92) return 2;
      if (jw >= 0.8) return 3;
      if ((x === b[other] && x !== '') || (y === a[other] && y !== '')) return 4;
      return 5;
    },
  };
}

function textLevels(field: 'address1' | 'address2' | 'city'): Comparison {
  return {
    name: field,
    levels: ['missing', 'exact', 'jaro-winkler ≥ 0.90', 'jaro-winkler ≥ 0.75', 'different'],
    level(a, b) {
      const x = a[field];
      const y = b[field];
      if (x === '' || y === '') return 0;
      if (x === y) return 1;
      const jw = jaroWinkler(x, y);
      if (jw >= 0.9) return 2;
      if (jw >= 0.75) return 3;
      return 4;
    },
  };
}

const postcode: Comparison = {
  name: 'postcode',
  levels: ['missing', 'exact', 'one edit', 'different'],
  level(a, b) {
    if (a.postcode === '' || b.postcode === '') return 0;
    if (a.postcode === b.postcode) return 1;
    return damerauLevenshtein(a.postcode, b.postcode) <= 1 ? 2 : 3;
  },
};

const dateOfBirth: Comparison = {
  name: 'dateOfBirth',
  levels: ['missing', 'exact', 'one edit', 'two edits', 'different'],
  level(a, b) {
    if (a.dateOfBirth === '' || b.dateOfBirth === '') return 0;
    if (a.dateOfBirth === b.dateOfBirth) return 1;
    const d = damerauLevenshtein(a.dateOfBirth, b.dateOfBirth);
    if (d <= 1) return 2;
    if (d <= 2) return 3;
    return 4;
  },
};

/** The comparisons the matcher uses, in the order of the comparison vector. */
export const PERSON_COMPARISONS: readonly Comparison[] = [
  nameLevels('firstName', 'lastName'),
  nameLevels('lastName', 'firstName'),
  textLevels('address1'),
  textLevels('address2'),
  textLevels('city'),
  postcode,
  dateOfBirth,
];
