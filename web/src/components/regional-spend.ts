import type { Drilldown } from '../api/schemas';
import type { Format } from '../format';
import { platformLabel } from '../labels';

/** Words for a region's spend that a platform did not report by region (decision 1001). */
export const NOT_BY_REGION = 'not reported by region';

type WithoutRegion = NonNullable<Drilldown['spendWithoutRegion']>;
type RegionalSpend = Drilldown['breakdown']['rows'][number]['regionalSpend'];

const names = (list: readonly string[]) =>
  list.length <= 1 ? (list[0] ?? '') : `${list.slice(0, -1).join(', ')} and ${list[list.length - 1]}`;

/**
 * What a region's spend, blended ROAS and profit leave out, in a sentence: the platforms whose
 * spend in the period has no region and how much, so "$0.00 on TikTok" is never read as a fact.
 * Null when every platform that spent reported its spend by region.
 */
export function regionalSpendNote(without: WithoutRegion | undefined, fmt: Format): string | null {
  if (!without?.length) return null;
  const none = without.filter((w) => w.regionalSpend === 'not_reported').map((w) => platformLabel(w.channel));
  const part = without.filter((w) => w.regionalSpend === 'partly').map((w) => platformLabel(w.channel));
  const said = [
    none.length ? `${names(none)} ${none.length === 1 ? 'does' : 'do'} not report spend by region` : '',
    part.length
      ? `${names(part)} ${part.length === 1 ? 'reports' : 'report'} only part of its spend by region`
      : '',
  ].filter(Boolean);
  const amounts = names(without.map((w) => `${platformLabel(w.channel)}’s ${fmt.money(w.spendMinor)}`));
  return `${names(said)} in this period. This region’s spend, blended ROAS and profit count only spend reported by region: ${amounts} without a region ${without.length === 1 ? 'is' : 'are'} in none of them.`;
}

/** A channel row's spend on a region's page: its amount, or why there is none to show. */
export function regionalSpendCell(spendMinor: number, regionalSpend: RegionalSpend, fmt: Format): string {
  if (regionalSpend === 'not_reported') return `Spend ${NOT_BY_REGION}`;
  if (regionalSpend === 'partly') return `${fmt.money(spendMinor)} (part ${NOT_BY_REGION})`;
  return fmt.money(spendMinor);
}

/** Under a channel's regions chart: what its spend bars cannot show, or null when they show it all. */
export function channelRegionsNote(channel: string, regionalSpend: RegionalSpend): string | null {
  const name = platformLabel(channel);
  if (regionalSpend === 'not_reported')
    return `${name}’s spend is ${NOT_BY_REGION} in this period: its spend bars are not known, only its revenue by region.`;
  if (regionalSpend === 'partly')
    return `Part of ${name}’s spend is ${NOT_BY_REGION} in this period: its spend bars show only the part that is.`;
  return null;
}
