import { describe, expect, it } from 'vitest';
import { countryCode, regionFromGeoNamesId, regionFromName, regionFromNameAnyCountry } from './regions';

describe('region names to ISO 3166-2', () => {
  it.each([
    ['California', 'US', 'US-CA'],
    ['England', 'GB', 'GB-ENG'],
    ['Ontario', 'CA', 'CA-ON'],
    ['New South Wales', 'AU', 'AU-NSW'],
    ['Bavaria', 'DE', 'DE-BY'],
    ['Bayern', 'DE', 'DE-BY'],
    ['  New   York ', 'us', 'US-NY'],
  ])('%s in %s is %s', (name, country, code) => {
    expect(regionFromName(name, country)).toEqual({ country: country.toUpperCase(), region: code });
  });

  it('keeps only the country for a name it does not know', () => {
    expect(regionFromName('Atlantis', 'US')).toEqual({ country: 'US' });
  });

  it('finds the country from the region name alone (Meta’s region breakdown)', () => {
    expect(regionFromNameAnyCountry('England')).toEqual({ country: 'GB', region: 'GB-ENG' });
    expect(regionFromNameAnyCountry('Atlantis')).toBeUndefined();
  });

  it('maps TikTok’s GeoNames province ids, but not one from another country', () => {
    expect(regionFromGeoNamesId('5332921', 'US')).toEqual({ country: 'US', region: 'US-CA' });
    expect(regionFromGeoNamesId('5332921', 'CA')).toEqual({ country: 'CA' });
    expect(regionFromGeoNamesId('999', 'DE')).toEqual({ country: 'DE' });
  });

  it.each([
    ['US', 'US'],
    ['gb', 'GB'],
    ['United Kingdom', 'GB'],
    ['Narnia', undefined],
    [undefined, undefined],
  ])('country %s is %s', (value, code) => {
    expect(countryCode(value)).toBe(code);
  });
});
