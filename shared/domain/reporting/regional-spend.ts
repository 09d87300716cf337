import type { Period } from './period';
import { type BrandRollup, totalsIn } from './rollup';

/**
 * Whether a channel's spend in a period is known by region (decision 1001). Ad platforms report
 * spend by region only when the report asks for it: a Meta or TikTok export downloaded without the
 * Region breakdown has none, and its spend lands under no region (the `unknown` key). On a
 * region's page that channel's $0.00 is then not a fact, so it is judged from the data:
 * - reported: all of the channel's spend in the period has a region;
 * - partly: some has (one account's report has regions, another's has not);
 * - not_reported: it spent in the period and none of it has a region.
 */
export const REGIONAL_SPEND = ['reported', 'partly', 'not_reported'] as const;
export type RegionalSpend = (typeof REGIONAL_SPEND)[number];

/** A channel whose spend in the period is, wholly or partly, under no region. */
export interface SpendWithoutRegion {
  channel: string;
  /** Its spend in the period that has no region (all of it when `regionalSpend` is not_reported). */
  spendMinor: number;
  regionalSpend: Exclude<RegionalSpend, 'reported'>;
}

/** The rollup's key for a row without a region (rollup-loader's COALESCE). */
const NO_REGION = 'unknown';

/** Each channel that spent in the period, and whether its spend is known by region. */
export function regionalSpendOf(r: BrandRollup, p: Period): Map<string, RegionalSpend> {
  const spend = new Map<string, { inRegion: number; noRegion: number }>();
  for (const [region, channels] of r.regionChannel)
    for (const [channel, entries] of channels) {
      const s = totalsIn(entries, p).spend;
      if (s === 0) continue;
      const t = spend.get(channel) ?? { inRegion: 0, noRegion: 0 };
      if (region === NO_REGION) t.noRegion += s;
      else t.inRegion += s;
      spend.set(channel, t);
    }
  return new Map(
    [...spend].map(([channel, t]) => [
      channel,
      t.noRegion === 0 ? 'reported' : t.inRegion === 0 ? 'not_reported' : 'partly',
    ]),
  );
}

/** The channels whose spend in the period is, wholly or partly, under no region: most spend first. */
export function spendWithoutRegionOf(r: BrandRollup, p: Period): SpendWithoutRegion[] {
  const status = regionalSpendOf(r, p);
  const rows: SpendWithoutRegion[] = [];
  for (const [channel, entries] of r.regionChannel.get(NO_REGION) ?? []) {
    const regionalSpend = status.get(channel);
    const spendMinor = totalsIn(entries, p).spend;
    if (spendMinor !== 0 && regionalSpend && regionalSpend !== 'reported')
      rows.push({ channel, spendMinor, regionalSpend });
  }
  return rows.sort((a, b) => b.spendMinor - a.spendMinor || a.channel.localeCompare(b.channel));
}
