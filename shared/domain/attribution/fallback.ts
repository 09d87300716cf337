import { type AdPlatform, isAdPlatform } from '../entities/integration';
import type { LocalDate } from '../time';
import type { CampaignDirectory } from './channels';
import { type Destination, MATCH_CONFIDENCE, UNATTRIBUTED_CHANNEL } from './types';

const DAY_MS = 86_400_000;
const dayNumber = (date: LocalDate | string) => Math.floor(Date.parse(`${date}T00:00:00Z`) / DAY_MS);

export interface RegionSpend {
  readonly date: LocalDate | string;
  readonly region: string | null;
  readonly campaignId: string;
  readonly spendMinor: number;
}

/** Per region and day, the campaign that spent most there: what "active in the region" means. */
export interface GeoActivity {
  mostRecent(region: string, date: LocalDate, windowDays: number): string | null;
}

export function createGeoActivity(rows: Iterable<RegionSpend>): GeoActivity {
  const byRegion = new Map<string, Map<number, { campaignId: string; spend: number }>>();
  for (const r of rows) {
    if (!r.region || r.spendMinor <= 0) continue;
    let days = byRegion.get(r.region);
    if (!days) {
      days = new Map();
      byRegion.set(r.region, days);
    }
    const d = dayNumber(r.date);
    const best = days.get(d);
    if (!best || r.spendMinor > best.spend || (r.spendMinor === best.spend && r.campaignId < best.campaignId))
      days.set(d, { campaignId: r.campaignId, spend: r.spendMinor });
  }
  return {
    mostRecent(region, date, windowDays) {
      const days = byRegion.get(region);
      if (!days) return null;
      const end = dayNumber(date);
      for (let d = end; d >= end - windowDays; d--) {
        const hit = days.get(d);
        if (hit) return hit.campaignId;
      }
      return null;
    },
  };
}

export interface FallbackInput {
  readonly date: LocalDate;
  readonly region: string | null;
  readonly discountCodes: readonly string[];
  /** The channel of the journey's last touch when it named no campaign (email, organic …). */
  readonly journeyChannel: string | null;
}

export interface FallbackContext {
  readonly campaigns: CampaignDirectory;
  /** Upper-cased discount code → campaign id (brand.discountCodeCampaigns). */
  readonly discountCodeCampaigns: Readonly<Record<string, string>>;
  readonly geo: GeoActivity;
  readonly windowDays: number;
  /**
   * Whether the brand turned on the geo-and-time guess (off by default: it hands direct, organic
   * and email orders to whichever campaign spent nearby). Its credit is modelled, never counted as
   * Shopify-attributed revenue (`isModelled`).
   */
  readonly geoFallback: boolean;
}

const paid = (campaignId: string, campaigns: CampaignDirectory, method: 'discount_code' | 'geo_time') => {
  const platform: AdPlatform | null = campaigns.platformOf.get(campaignId) ?? platformFromId(campaignId);
  return {
    channel: platform ?? UNATTRIBUTED_CHANNEL,
    platform,
    campaignId,
    method,
    confidence: MATCH_CONFIDENCE[method],
  } satisfies Destination;
};

function platformFromId(campaignId: string): AdPlatform | null {
  const p = campaignId.slice(0, campaignId.indexOf(':'));
  return isAdPlatform(p) ? p : null;
}

/**
 * For an order whose journey names no campaign: a mapped discount code; then, only when the brand
 * turned the fallback on and the journey shows no other channel (an email or organic visit is
 * evidence of its own), the campaign most recently active in the order's region within the window
 * (low confidence); else the journey's own channel or "direct / unattributed".
 */
export function matchFallback(order: FallbackInput, ctx: FallbackContext): Destination {
  for (const code of order.discountCodes) {
    const id = ctx.discountCodeCampaigns[code.trim().toUpperCase()];
    if (id) return paid(id, ctx.campaigns, 'discount_code');
  }
  const noEvidence = order.journeyChannel === null || order.journeyChannel === UNATTRIBUTED_CHANNEL;
  if (ctx.geoFallback && noEvidence && order.region) {
    const id = ctx.geo.mostRecent(order.region, order.date, ctx.windowDays);
    if (id) return paid(id, ctx.campaigns, 'geo_time');
  }
  return {
    channel: order.journeyChannel ?? UNATTRIBUTED_CHANNEL,
    platform: null,
    campaignId: null,
    method: 'unattributed',
    confidence: MATCH_CONFIDENCE.unattributed,
  };
}

/**
 * A geo-and-time match is a guess from where campaigns spent, not evidence from the order: its
 * credit is reported apart as "modelled" and counts as unattributed in Shopify-truth revenue and
 * in the over-claim ratio.
 */
export const isModelled = (d: Pick<Destination, 'method'>): boolean => d.method === 'geo_time';
