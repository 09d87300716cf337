import { formatMinor } from './money';

/** "USD 1234.56": amounts in sentences carry their currency and exact minor-unit value. */
export const amount = (minor: number, currency: string) => `${currency} ${formatMinor(minor, currency)}`;

export const ratio = (value: number) => value.toFixed(2);

export const days = (value: number) => `${value.toFixed(1)} days`;

/** Rounds for evidence: ratios to 4 places so what a person reads equals what is stored. */
export const round4 = (value: number) => Math.round(value * 10_000) / 10_000;
