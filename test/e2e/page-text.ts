/**
 * What a merchant must never read on a page: platform ids, field names from the API, stand-ins
 * for names, and numbers that skipped the formatting module (web/src/format.ts). Each rule names
 * what it caught, so a failing crawl says which page shows what.
 */
interface Rule {
  readonly name: string;
  readonly pattern: RegExp;
  /** Keeps only the matches that really are the thing (the pattern alone is too broad). */
  readonly is?: (found: string) => boolean;
}

/** Country codes CLDR names: `US` yes, `PP` (a SKU prefix) no. */
const COUNTRY = new Intl.DisplayNames('en', { type: 'region', fallback: 'none' });
const isCountry = (code: string) => COUNTRY.of(code) !== undefined;

const RULES: readonly Rule[] = [
  { name: 'a campaign id', pattern: /\b(?:meta|tiktok|google_ads):[\w.-]+:[\w.-]+/g },
  { name: 'an ad account id', pattern: /\bact_\d+/g },
  { name: 'a Shopify gid', pattern: /gid:\/\/\S+/g },
  // Nine digits or more in a row: platform ids (TikTok advertisers, Meta campaigns), never a
  // formatted number, which has group separators.
  { name: 'a long digit run', pattern: /(?<![\w.,-])\d{9,}(?![\w.,-])/g },
  { name: 'a minor-units field', pattern: /\w*_minor\b|\bminor\s+-?[\d,]+/gi },
  { name: 'a name stand-in', pattern: /\b(?:Product|Variant) \d+\b/g },
  { name: 'a model internal', pattern: /\bCurve (?:b|days)\b/gi },
  // Display precision is two decimals (money, ratios) or one (shares, days); an unformatted
  // number has no group separator either.
  { name: 'a float past display precision', pattern: /(?<![\d.])\d+\.\d{3,}(?![\d])/g },
  { name: 'an unformatted number', pattern: /(?<![\d.,])\d{4,}\.\d+/g },
  // Money is the currency's symbol and the amount ("$12.50", "€99.00"), never its ISO code on
  // either side ("USD 12.50", "12.50 USD").
  {
    name: 'money outside the formatter',
    pattern:
      /\b(?:USD|EUR|GBP|CAD|AUD|NZD|JPY|CHF|SEK|NOK|DKK) -?\d|\d (?:USD|EUR|GBP|CAD|AUD|NZD|JPY|CHF|SEK|NOK|DKK)\b/g,
  },
  // A percent is the number and "%" with nothing between ("12.5%", "80% interval", "+7.7%";
  // decision 982), at most one decimal.
  { name: 'a spaced percent sign', pattern: /\d[\s\u00a0\u202f]+%/g },
  { name: 'a percent past display precision', pattern: /(?<![\d.])\d+\.\d{2,}%/g },
  // A region key (`US-NY`, `GB-ENG`) where its name belongs ("New York, US"; decision 986).
  {
    name: 'a region code',
    pattern: /(?<![\w-])[A-Z]{2}-[A-Z0-9]{1,3}(?![\w-])/g,
    is: (found) => isCountry(found.slice(0, 2)),
  },
];

export interface TextProblem {
  rule: string;
  found: string;
  context: string;
}

export function textProblems(text: string): TextProblem[] {
  const problems: TextProblem[] = [];
  for (const rule of RULES)
    for (const m of text.matchAll(rule.pattern)) {
      if (rule.is && !rule.is(m[0])) continue;
      const at = m.index ?? 0;
      problems.push({
        rule: rule.name,
        found: m[0],
        context: text.slice(Math.max(0, at - 40), at + m[0].length + 40).replace(/\s+/g, ' '),
      });
    }
  return problems;
}

/**
 * A record id (`rec_…`, `alert_…`), a Shopify gid or an app key (`reduce_spend`) in a table cell,
 * where the app's words belong. A URL parameter the merchant is told to add (`utm_campaign`, in a
 * "how to fix it" note) is written as they must type it, so it is not one.
 */
export const showsKeyOrId = (cell: string): boolean =>
  /\b(rec|alert)_|\b(?!utm_)[a-z]+_[a-z_]+\b|gid:\/\//.test(cell);
