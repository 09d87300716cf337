import type { BillingOverview } from '../../../shared/api/schemas/billing';
import { formatMinor } from '../../../shared/domain/money';

/** Labels and numbers of the Billing page, kept apart from the markup so they are testable. */
export type UsageRow = BillingOverview['usage'][number];

export const LIMIT_LABELS: Record<UsageRow['limit'], string> = {
  brands: 'Brands',
  seats: 'Seats (users and API keys)',
  aiBudgetMicros: 'AI included this month',
  postsPerMonth: 'Posts this month',
  messagesPerMonth: 'Messages this month',
};

/** Share of a limit used, 0–1 (over 1 only when overage is billed). */
export function shareOf(row: Pick<UsageRow, 'used' | 'allowed'>): number {
  if (row.allowed <= 0) return row.used > 0 ? 1 : 0;
  return row.used / row.allowed;
}

export type MeterTone = 'ok' | 'near' | 'over';
export function toneOf(share: number): MeterTone {
  if (share >= 1) return 'over';
  if (share >= 0.8) return 'near';
  return 'ok';
}

export function usd(micros: number, locale: string): string {
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: 'USD',
    minimumFractionDigits: 2,
  }).format(micros / 1_000_000);
}

export function money(amountMinor: number, currency: string, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(
    Number(formatMinor(amountMinor, currency)),
  );
}

export function usageValue(row: UsageRow, locale: string): string {
  const n = new Intl.NumberFormat(locale).format;
  return row.limit === 'aiBudgetMicros'
    ? `${usd(row.used, locale)} of ${usd(row.allowed, locale)}`
    : `${n(row.used)} of ${n(row.allowed)}`;
}

const STATUS_LABELS: Record<string, string> = {
  trialing: 'Trial',
  active: 'Active',
  past_due: 'Payment due',
  canceled: 'Canceled',
  unpaid: 'Unpaid',
  paused: 'Paused',
  incomplete: 'Incomplete',
  incomplete_expired: 'Expired',
};
export const statusLabel = (s: string) => STATUS_LABELS[s] ?? s;
