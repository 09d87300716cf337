import { subdivisionNameOf } from '../ads/regions';

/**
 * Regions as a merchant reads them. Keys stay ISO 3166-2 codes (`US-NY`, made from the order's
 * shipping address) in the warehouse, the API and URLs; only what is shown changes:
 * "New York, US", "England, UK", "Bavaria, Germany" — the subdivision as the store's own orders
 * name it, then the country in CLDR's short form, which fits a table at 390 px
 * (docs/decisions/986-region-names.md).
 */

/** A subdivision name as the store's orders carry it (Shopify's `shipping_address.province`). */
export interface RegionNameEntry {
  /** ISO 3166-2, e.g. `US-NY`. */
  readonly region: string;
  /** e.g. "New York". */
  readonly name: string;
}

const SHORT_COUNTRY = new Intl.DisplayNames('en', { type: 'region', style: 'short', fallback: 'none' });
const LONG_COUNTRY = new Intl.DisplayNames('en', { type: 'region', fallback: 'none' });

/** CLDR only names well-formed region codes; anything else is shown as it came. */
function countryName(code: string, names: Intl.DisplayNames): string {
  if (!/^[A-Z]{2}$/.test(code)) return code;
  return names.of(code) ?? code;
}

/** The word for the row whose region the orders did not carry. */
export const UNKNOWN_REGION_NAME = 'Region not known';

/**
 * `US-NY` → "New York, US" (a `storeName` from the store's own data wins over the built-in
 * English names); a code no one names keeps the country by name and the code ("France (75)");
 * a bare country is its full name ("United States").
 */
export function regionName(code: string, storeName?: string | null): string {
  const key = code.trim().toUpperCase();
  if (!key || key === 'UNKNOWN') return UNKNOWN_REGION_NAME;
  const dash = key.indexOf('-');
  if (dash < 0) return countryName(key, LONG_COUNTRY);
  const country = key.slice(0, dash);
  const sub = key.slice(dash + 1);
  const name = storeName?.trim() || subdivisionNameOf(key);
  const countryShort = countryName(country, SHORT_COUNTRY);
  return name ? `${name}, ${countryShort}` : `${countryShort} (${sub})`;
}

/** The store's names by region key, for `regionName`; an empty or blank name is left out. */
export function regionNamesOf(entries: readonly RegionNameEntry[]): ReadonlyMap<string, string> {
  const byRegion = new Map<string, string>();
  for (const e of entries) if (e.name.trim()) byRegion.set(e.region.toUpperCase(), e.name.trim());
  return byRegion;
}
