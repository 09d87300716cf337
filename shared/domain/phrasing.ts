import { formatMinor } from './money';

/**
 * Numbers in the sentences the API writes (recommendations, alerts), formatted as the web app
 * formats them (web/src/format.ts), so a title and the card under it never disagree: money as
 * "$1,234.56" in the brand's currency, exact to the minor unit; days to a tenth under ten, whole
 * days under a year, then only "over a year" (a cover of 6,585 days says nothing more).
 */
const moneyFormats = new Map<string, Intl.NumberFormat>();

export const amount = (minor: number, currency: string) => {
  const code = currency.toUpperCase();
  let f = moneyFormats.get(code);
  if (!f) {
    f = new Intl.NumberFormat('en-US', { style: 'currency', currency: code });
    moneyFormats.set(code, f);
  }
  // Formats the exact decimal string, so no float rounding creeps into a cent.
  return f.format(formatMinor(minor, code) as Intl.StringNumericLiteral);
};

export const ratio = (value: number) => value.toFixed(2);

export const days = (value: number) => {
  if (value >= 365) return 'over a year';
  return `${Math.abs(value) < 10 ? value.toFixed(1) : Math.round(value).toFixed(0)} days`;
};

/** Rounds for evidence: ratios to 4 places so what a person reads equals what is stored. */
export const round4 = (value: number) => Math.round(value * 10_000) / 10_000;
