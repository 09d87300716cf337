import { seededRandom } from '../../../shared/kernel/util/random';

/**
 * Where the sandbox store's customers live: a street address and a postcode in their region's own
 * format, stable for one home (a seed). Orders ship there (serialize.ts writes them as the order's
 * MailingAddress) and the sandbox pixel's checkouts give the same address.
 */
export const STREETS = [
  'Maple Ave',
  'Oak St',
  'Cedar Rd',
  'Elm St',
  'Pine Ct',
  'Willow Way',
  'Lake Dr',
  'Hill Rd',
  'Birch Ln',
  'Harbor Blvd',
  'Mill St',
  'Park Pl',
  'River Rd',
  'Spring St',
  'Sunset Blvd',
  'Vine St',
  'Chestnut St',
  'Orchard Ln',
  'Meadow Dr',
  'Bay St',
  'Highland Ave',
  'Church St',
  'Station Rd',
  'Grove Ter',
];
/** A postcode in the region's own format, stable for one customer (seed) in one region. */
export function postcodeIn(region: string, seed: number): string {
  const rand = seededRandom(seed);
  const digits = (n: number) => Array.from({ length: n }, () => Math.floor(rand() * 10)).join('');
  const letter = () => 'ABCEGHJKLMNPRSTVWXYZ'[Math.floor(rand() * 20)]!;
  const us: Record<string, string> = { CA: '90', NY: '11', TX: '78', FL: '33', WA: '98', IL: '60' };
  const [country, sub] = region.split('-');
  if (country === 'US') return `${us[sub ?? ''] ?? '10'}${digits(3)}`;
  if (country === 'CA') return `M${digits(1)}${letter()} ${digits(1)}${letter()}${digits(1)}`;
  if (country === 'GB') return `${letter()}${letter()}${digits(1)} ${digits(1)}${letter()}${letter()}`;
  if (country === 'AU') return `2${digits(3)}`;
  return `1${digits(4)}`;
}
/** A stable street address for a customer number: one of ~48,000. */
export function streetAddress(seed: number): string {
  const rand = seededRandom(seed ^ 0x5f3759df);
  return `${1 + Math.floor(rand() * 1999)} ${STREETS[Math.floor(rand() * STREETS.length)]}`;
}

/** A home in `region` for a seed (a customer's id): the street line and postcode an order ships to. */
export function homeIn(region: string, seed: number): { address1: string; zip: string } {
  return { address1: streetAddress(seed), zip: postcodeIn(region, seed) };
}
