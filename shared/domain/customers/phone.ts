/**
 * Phone numbers to E.164 (ITU-T E.164: `+`, country code, subscriber number, at most 15 digits).
 * A number written with `+` or an international `00` prefix keeps its country code; a national
 * number takes the brand's country's calling code and drops the national trunk prefix `0`
 * (Italy keeps it, as its numbering plan includes the leading 0). North American numbers may
 * carry the trunk `1`.
 */
const CALLING_CODES: Record<
  string,
  { code: string; keepsTrunkZero?: boolean; nationalDigits: [number, number] }
> = {
  US: { code: '1', nationalDigits: [10, 10] },
  CA: { code: '1', nationalDigits: [10, 10] },
  GB: { code: '44', nationalDigits: [9, 10] },
  IE: { code: '353', nationalDigits: [7, 9] },
  IN: { code: '91', nationalDigits: [10, 10] },
  AU: { code: '61', nationalDigits: [9, 9] },
  NZ: { code: '64', nationalDigits: [8, 10] },
  DE: { code: '49', nationalDigits: [6, 13] },
  FR: { code: '33', nationalDigits: [9, 9] },
  ES: { code: '34', nationalDigits: [9, 9] },
  IT: { code: '39', keepsTrunkZero: true, nationalDigits: [6, 11] },
  NL: { code: '31', nationalDigits: [9, 9] },
  BE: { code: '32', nationalDigits: [8, 9] },
  PT: { code: '351', nationalDigits: [9, 9] },
  SE: { code: '46', nationalDigits: [7, 9] },
  BR: { code: '55', nationalDigits: [10, 11] },
  MX: { code: '52', nationalDigits: [10, 10] },
  AE: { code: '971', nationalDigits: [8, 9] },
  SG: { code: '65', nationalDigits: [8, 8] },
  ZA: { code: '27', nationalDigits: [9, 9] },
  JP: { code: '81', nationalDigits: [9, 10] },
};

export type PhoneResult = { ok: true; value: string } | { ok: false; reason: string };

export function toE164(raw: string, defaultCountry: string | undefined): PhoneResult {
  const trimmed = raw.trim();
  if (/[a-z]/i.test(trimmed.replace(/(ext|x)\.?\s*\d+$/i, '')))
    return { ok: false, reason: 'letters in a phone number' };
  const withoutExtension = trimmed.replace(/\s*(ext|x)\.?\s*\d+$/i, '');
  const digits = withoutExtension.replace(/\D/g, '');
  const international = withoutExtension.startsWith('+') || digits.startsWith('00');
  if (international) {
    const number = withoutExtension.startsWith('+') ? digits : digits.slice(2);
    if (number.length < 8 || number.length > 15 || number.startsWith('0')) {
      return { ok: false, reason: 'not a valid international number (8–15 digits after +)' };
    }
    return { ok: true, value: `+${number}` };
  }
  const country = defaultCountry ? CALLING_CODES[defaultCountry.toUpperCase()] : undefined;
  if (!country)
    return {
      ok: false,
      reason: `national number without a known default country (${defaultCountry ?? 'none'})`,
    };
  let national = digits;
  if (country.code === '1' && national.length === 11 && national.startsWith('1'))
    national = national.slice(1);
  if (!country.keepsTrunkZero && national.startsWith('0')) national = national.slice(1);
  const [min, max] = country.nationalDigits;
  if (national.length < min || national.length > max) {
    return {
      ok: false,
      reason: `a ${defaultCountry} number has ${min === max ? min : `${min}–${max}`} digits`,
    };
  }
  return { ok: true, value: `+${country.code}${national}` };
}

/** Currencies used by one country only, to guess a brand's region when it has not set one. */
const SINGLE_COUNTRY_CURRENCIES: Record<string, string> = {
  USD: 'US',
  CAD: 'CA',
  GBP: 'GB',
  INR: 'IN',
  AUD: 'AU',
  NZD: 'NZ',
  BRL: 'BR',
  MXN: 'MX',
  AED: 'AE',
  SGD: 'SG',
  ZAR: 'ZA',
  JPY: 'JP',
  SEK: 'SE',
};

/** The region national phone numbers of a brand's customers are read in. */
export function defaultRegion(brand: { country?: string | undefined; currency: string }): string | undefined {
  return brand.country ?? SINGLE_COUNTRY_CURRENCIES[brand.currency];
}
