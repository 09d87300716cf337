import type { AdPlatform } from '../entities/integration';
import { type LocalDate, weekStart } from '../time';

export interface ReconciliationRow {
  /** Monday of the ISO week. */
  readonly weekStart: LocalDate;
  readonly platform: AdPlatform;
  /** What Shopify orders credit the platform with (chosen model, before refunds, like the platforms count). */
  readonly attributedRevenueMinor: number;
  /** What the platform says its ads drove (its own conversion value, its own window). */
  readonly claimedValueMinor: number;
  /** claimed ÷ attributed: 1.4 means the platform claims 40% more than Shopify sees; null if nothing attributed. */
  readonly overClaimRatio: number | null;
}

export interface DatedAmount {
  readonly date: LocalDate;
  readonly platform: AdPlatform;
  readonly amountMinor: number;
}

/** Platform claims against Shopify truth, per platform and week. */
export function reconcile(
  attributed: Iterable<DatedAmount>,
  claimed: Iterable<DatedAmount>,
): ReconciliationRow[] {
  const acc = new Map<string, { weekStart: LocalDate; platform: AdPlatform; a: number; c: number }>();
  const add = (d: DatedAmount, field: 'a' | 'c') => {
    const ws = weekStart(d.date);
    const key = `${ws}|${d.platform}`;
    let r = acc.get(key);
    if (!r) {
      r = { weekStart: ws, platform: d.platform, a: 0, c: 0 };
      acc.set(key, r);
    }
    r[field] += d.amountMinor;
  };
  for (const d of attributed) add(d, 'a');
  for (const d of claimed) add(d, 'c');
  return [...acc.values()]
    .sort((x, y) => x.weekStart.localeCompare(y.weekStart) || x.platform.localeCompare(y.platform))
    .map((r) => ({
      weekStart: r.weekStart,
      platform: r.platform,
      attributedRevenueMinor: r.a,
      claimedValueMinor: r.c,
      overClaimRatio: r.a > 0 ? r.c / r.a : null,
    }));
}
