/**
 * Region names as the ad platforms report them → ISO 3166-2 subdivision codes. Meta reports
 * English names ("California", "England"), Google Ads resolves geo target constants to names
 * ("California", "England"), TikTok reports GeoNames location ids as `province_id`. A name we do
 * not know keeps the country only; the caller logs it so the table can grow.
 */
export interface RegionMatch {
  country: string;
  /** ISO 3166-2, e.g. `US-CA`; undefined when only the country is known. */
  region?: string;
}

const US: Record<string, string> = {
  Alabama: 'AL',
  Alaska: 'AK',
  Arizona: 'AZ',
  Arkansas: 'AR',
  California: 'CA',
  Colorado: 'CO',
  Connecticut: 'CT',
  Delaware: 'DE',
  'District of Columbia': 'DC',
  Florida: 'FL',
  Georgia: 'GA',
  Hawaii: 'HI',
  Idaho: 'ID',
  Illinois: 'IL',
  Indiana: 'IN',
  Iowa: 'IA',
  Kansas: 'KS',
  Kentucky: 'KY',
  Louisiana: 'LA',
  Maine: 'ME',
  Maryland: 'MD',
  Massachusetts: 'MA',
  Michigan: 'MI',
  Minnesota: 'MN',
  Mississippi: 'MS',
  Missouri: 'MO',
  Montana: 'MT',
  Nebraska: 'NE',
  Nevada: 'NV',
  'New Hampshire': 'NH',
  'New Jersey': 'NJ',
  'New Mexico': 'NM',
  'New York': 'NY',
  'North Carolina': 'NC',
  'North Dakota': 'ND',
  Ohio: 'OH',
  Oklahoma: 'OK',
  Oregon: 'OR',
  Pennsylvania: 'PA',
  'Rhode Island': 'RI',
  'South Carolina': 'SC',
  'South Dakota': 'SD',
  Tennessee: 'TN',
  Texas: 'TX',
  Utah: 'UT',
  Vermont: 'VT',
  Virginia: 'VA',
  Washington: 'WA',
  'West Virginia': 'WV',
  Wisconsin: 'WI',
  Wyoming: 'WY',
};
const CA: Record<string, string> = {
  Alberta: 'AB',
  'British Columbia': 'BC',
  Manitoba: 'MB',
  'New Brunswick': 'NB',
  'Newfoundland and Labrador': 'NL',
  'Nova Scotia': 'NS',
  Ontario: 'ON',
  'Prince Edward Island': 'PE',
  Quebec: 'QC',
  Saskatchewan: 'SK',
  'Northwest Territories': 'NT',
  Nunavut: 'NU',
  Yukon: 'YT',
};
const GB: Record<string, string> = {
  England: 'ENG',
  Scotland: 'SCT',
  Wales: 'WLS',
  'Northern Ireland': 'NIR',
};
const DE: Record<string, string> = {
  'Baden-Württemberg': 'BW',
  Bavaria: 'BY',
  Bayern: 'BY',
  Berlin: 'BE',
  Brandenburg: 'BB',
  Bremen: 'HB',
  Hamburg: 'HH',
  Hesse: 'HE',
  Hessen: 'HE',
  'Lower Saxony': 'NI',
  Niedersachsen: 'NI',
  'Mecklenburg-Vorpommern': 'MV',
  'North Rhine-Westphalia': 'NW',
  'Nordrhein-Westfalen': 'NW',
  'Rhineland-Palatinate': 'RP',
  'Rheinland-Pfalz': 'RP',
  Saarland: 'SL',
  Saxony: 'SN',
  Sachsen: 'SN',
  'Saxony-Anhalt': 'ST',
  'Sachsen-Anhalt': 'ST',
  'Schleswig-Holstein': 'SH',
  Thuringia: 'TH',
  Thüringen: 'TH',
};
const AU: Record<string, string> = {
  'Australian Capital Territory': 'ACT',
  'New South Wales': 'NSW',
  'Northern Territory': 'NT',
  Queensland: 'QLD',
  'South Australia': 'SA',
  Tasmania: 'TAS',
  Victoria: 'VIC',
  'Western Australia': 'WA',
};

const BY_COUNTRY: Record<string, Record<string, string>> = { US, CA, GB, DE, AU };

/** Country names as Meta's region breakdown and CSV exports sometimes spell them. */
const COUNTRY_NAMES: Record<string, string> = {
  'United States': 'US',
  Canada: 'CA',
  'United Kingdom': 'GB',
  Germany: 'DE',
  Australia: 'AU',
};

/**
 * TikTok's `province_id` is a GeoNames id (TikTok location ids are GeoNames ids). Only the regions
 * our merchants sell into are listed; an unknown id keeps the country from `country_code`.
 */
const GEONAMES: Record<string, string> = {
  '5332921': 'US-CA',
  '5128638': 'US-NY',
  '4736286': 'US-TX',
  '4155751': 'US-FL',
  '5815135': 'US-WA',
  '4896861': 'US-IL',
  '6093943': 'CA-ON',
  '6269131': 'GB-ENG',
  '2950157': 'DE-BE',
  '2155400': 'AU-NSW',
  '6251999': 'CA',
  '6252001': 'US',
};

const normalizeName = (s: string) => s.trim().replace(/\s+/g, ' ');

/** ISO country code from a code or an English name; undefined when unknown. */
export function countryCode(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const v = normalizeName(value);
  if (/^[A-Za-z]{2}$/.test(v)) return v.toUpperCase();
  return COUNTRY_NAMES[v];
}

/** Maps a platform's region name within a country (`California`, `US`) to ISO 3166-2. */
export function regionFromName(name: string | undefined, country: string): RegionMatch {
  const c = country.toUpperCase();
  if (!name) return { country: c };
  const code = BY_COUNTRY[c]?.[normalizeName(name)];
  return code ? { country: c, region: `${c}-${code}` } : { country: c };
}

/** Finds the country when the platform gives only a region name (Meta's region breakdown alone). */
export function regionFromNameAnyCountry(name: string): RegionMatch | undefined {
  const n = normalizeName(name);
  for (const [country, table] of Object.entries(BY_COUNTRY)) {
    const code = table[n];
    if (code) return { country, region: `${country}-${code}` };
  }
  return undefined;
}

/**
 * The English name of an ISO 3166-2 subdivision the tables above know (`US-NY` → "New York"):
 * the first name listed for its code, which is the English one where a German name follows.
 */
export function subdivisionNameOf(isoRegion: string): string | undefined {
  const dash = isoRegion.indexOf('-');
  const table = dash > 0 ? BY_COUNTRY[isoRegion.slice(0, dash).toUpperCase()] : undefined;
  const code = isoRegion.slice(dash + 1).toUpperCase();
  return table ? Object.entries(table).find(([, c]) => c === code)?.[0] : undefined;
}

/** Maps a TikTok GeoNames location id; the country comes from the report's `country_code`. */
export function regionFromGeoNamesId(id: string | undefined, country: string): RegionMatch {
  const c = country.toUpperCase();
  const code = id ? GEONAMES[id] : undefined;
  return code?.startsWith(`${c}-`) ? { country: c, region: code } : { country: c };
}

/** The GeoNames id TikTok would report for an ISO region (the sandbox speaks TikTok with it). */
export function geoNamesIdOf(isoRegion: string): string | undefined {
  return Object.entries(GEONAMES).find(([, code]) => code === isoRegion)?.[0];
}
