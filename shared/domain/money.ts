/**
 * Money is an integer count of the currency's minor unit (cents, yen) with its ISO 4217 code.
 * Sums stay integers; conversion rounds once, half away from zero.
 */
export interface Money {
  readonly amountMinor: number;
  readonly currency: string;
}

/** ISO 4217 exponents that differ from the default of 2. */
const MINOR_UNIT_EXPONENT: Readonly<Record<string, number>> = {
  JPY: 0,
  KRW: 0,
  VND: 0,
  CLP: 0,
  ISK: 0,
  HUF: 2,
  BHD: 3,
  KWD: 3,
  OMR: 3,
  JOD: 3,
  TND: 3,
};

export function minorUnitExponent(currency: string): number {
  return MINOR_UNIT_EXPONENT[currency.toUpperCase()] ?? 2;
}

export function money(amountMinor: number, currency: string): Money {
  if (!Number.isSafeInteger(amountMinor))
    throw new RangeError(`amountMinor must be a safe integer, got ${amountMinor}`);
  return { amountMinor, currency: currency.toUpperCase() };
}

/** Parses a decimal string as platforms send it ("12.50", "-3", "1e2" is rejected) into minor units. */
export function parseDecimalToMinor(value: string, currency: string): number {
  const trimmed = value.trim();
  const match = /^(-)?(\d+)(?:\.(\d+))?$/.exec(trimmed);
  if (!match) throw new RangeError(`not a decimal amount: "${value}"`);
  const [, sign, whole, fraction = ''] = match;
  const exp = minorUnitExponent(currency);
  const padded = (fraction + '0'.repeat(exp + 1)).slice(0, exp + 1);
  let minor = Number(whole) * 10 ** exp + Number(padded.slice(0, exp) || '0');
  // Round half away from zero on the first dropped digit.
  if (Number(padded[exp]) >= 5) minor += 1;
  return sign ? -minor : minor;
}

export function formatMinor(amountMinor: number, currency: string): string {
  const exp = minorUnitExponent(currency);
  const sign = amountMinor < 0 ? '-' : '';
  const abs = Math.abs(amountMinor);
  if (exp === 0) return `${sign}${abs}`;
  const s = String(abs).padStart(exp + 1, '0');
  return `${sign}${s.slice(0, -exp)}.${s.slice(-exp)}`;
}

/** Converts with a dated rate (units of `to` per unit of `from`), rounding once. */
export function convertMinor(amountMinor: number, from: string, to: string, rate: number): number {
  if (from.toUpperCase() === to.toUpperCase()) return amountMinor;
  const scale = 10 ** (minorUnitExponent(to) - minorUnitExponent(from));
  const exact = amountMinor * rate * scale;
  return Math.sign(exact) * Math.round(Math.abs(exact));
}

export function sumMinor(values: Iterable<number>): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}

/**
 * Splits an integer amount by weights so the parts sum exactly to the whole (largest remainder).
 * Used wherever spend or revenue is shared out: no cent is created or lost.
 */
export function allocateMinor(amountMinor: number, weights: readonly number[]): number[] {
  const n = weights.length;
  // One share takes everything, whatever its weight: the common case in attribution's hot loop.
  if (n === 1) return [amountMinor];
  if (n === 0) return [];
  let total = 0;
  for (let i = 0; i < n; i++) total += weights[i]!;
  const parts = new Array<number>(n).fill(0);
  if (total <= 0) {
    parts[0] = amountMinor;
    return parts;
  }
  const sign = amountMinor < 0 ? -1 : 1;
  const abs = Math.abs(amountMinor);
  // Called millions of times per attribution pass: plain arrays and loops, no object per share.
  const remainder = new Array<number>(n);
  let rest = abs;
  for (let i = 0; i < n; i++) {
    const exact = (abs * weights[i]!) / total;
    const whole = Math.floor(exact);
    parts[i] = whole;
    remainder[i] = exact - whole;
    rest -= whole;
  }
  if (rest > 0) {
    const order = Array.from({ length: n }, (_, i) => i).sort(
      (a, b) => remainder[b]! - remainder[a]! || a - b,
    );
    for (let k = 0; rest > 0; k = (k + 1) % n, rest--) parts[order[k]!]! += 1;
  }
  if (sign < 0) for (let i = 0; i < n; i++) parts[i] = parts[i]! * sign;
  return parts;
}
