import { describe, expect, it } from 'vitest';
import { subdivisionNameOf } from '../ads/regions';
import { createNameBook } from './names';
import { regionName, UNKNOWN_REGION_NAME } from './regions';

describe('region names a merchant reads', () => {
  it('uses the name the store’s own orders carry, with the country’s short name', () => {
    expect(regionName('US-NY', 'New York')).toBe('New York, US');
    expect(regionName('FR-75', 'Paris')).toBe('Paris, France');
    expect(regionName('JP-13', '  Tokyo ')).toBe('Tokyo, Japan');
  });

  it.each([
    ['US-NY', 'New York, US'],
    ['GB-ENG', 'England, UK'],
    ['DE-BY', 'Bavaria, Germany'],
    ['CA-ON', 'Ontario, Canada'],
    ['AU-NSW', 'New South Wales, Australia'],
    ['us-ca', 'California, US'],
  ])('names %s as %s from the code alone when the country is one ads report by name', (code, name) => {
    expect(regionName(code)).toBe(name);
  });

  it('keeps the country by name and the code when no one names the subdivision', () => {
    expect(regionName('FR-75')).toBe('France (75)');
    expect(regionName('US-PR', '')).toBe('US (PR)');
  });

  it('names a bare country in full, and says when the region is not known', () => {
    expect(regionName('DE')).toBe('Germany');
    expect(regionName('unknown')).toBe(UNKNOWN_REGION_NAME);
    expect(regionName('')).toBe(UNKNOWN_REGION_NAME);
  });

  it('shows a code CLDR cannot read as it came rather than inventing a country', () => {
    expect(regionName('XX-YY')).toBe('XX (YY)');
    expect(regionName('Q1-2')).toBe('Q1 (2)');
  });

  it('finds the English name where the ad tables also list the German one', () => {
    expect(subdivisionNameOf('DE-NW')).toBe('North Rhine-Westphalia');
    expect(subdivisionNameOf('DE-ZZ')).toBeUndefined();
    expect(subdivisionNameOf('US')).toBeUndefined();
  });

  it('asks the name book, which holds the store’s names beside campaigns’', () => {
    const book = createNameBook(
      [],
      new Map(),
      [],
      [
        { region: 'US-NY', name: 'Nueva York' },
        { region: 'IT-MI', name: 'Milano' },
      ],
    );
    expect(book.region('US-NY')).toBe('Nueva York, US');
    expect(book.region('IT-MI')).toBe('Milano, Italy');
    expect(book.region('US-TX')).toBe('Texas, US');
  });
});
