/**
 * The person fields the probabilistic matcher compares. They come from events' `person` JSON and
 * from order addresses, so every field may be missing; values are cleaned (lower case, single
 * spaces, no punctuation) before comparison.
 */
export interface PersonFields {
  firstName?: string | null;
  lastName?: string | null;
  /** Street line, including the house number when the source has one. */
  address1?: string | null;
  address2?: string | null;
  city?: string | null;
  postcode?: string | null;
  /** ISO date `YYYY-MM-DD` or `YYYYMMDD`. */
  dateOfBirth?: string | null;
}

/** A person record cleaned for comparison: empty strings for missing values. */
export interface PersonKey {
  firstName: string;
  lastName: string;
  address1: string;
  address2: string;
  city: string;
  postcode: string;
  /** Digits only, `YYYYMMDD`. */
  dateOfBirth: string;
}

export function cleanText(value: string | null | undefined): string {
  if (!value) return '';
  return value
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9 ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export function personKey(fields: PersonFields): PersonKey {
  return {
    firstName: cleanText(fields.firstName),
    lastName: cleanText(fields.lastName),
    address1: cleanText(fields.address1),
    address2: cleanText(fields.address2),
    city: cleanText(fields.city),
    postcode: cleanText(fields.postcode).replace(/ /g, ''),
    dateOfBirth: (fields.dateOfBirth ?? '').replace(/\D/g, ''),
  };
}

/** True when the record has too little to match on: a name and one of address, postcode or birth date. */
export function isMatchable(key: PersonKey): boolean {
  const named = key.lastName !== '' || key.firstName !== '';
  return named && (key.address1 !== '' || key.postcode !== '' || key.dateOfBirth !== '');
}
