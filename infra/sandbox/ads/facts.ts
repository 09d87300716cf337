/**
 * What the ad sandboxes report, computed from the shared world (infra/sandbox/world.ts) so that the
 * Shopify sandbox's UTMs and click ids name the same campaigns. One fact = campaign × account-local
 * day × region, in the account currency's minor units, as the platform reports it on `asOf`
 * (recent days restated upwards until they settle).
 */
import type { AdPlatform } from '../../../shared/domain/entities';
import { addDays, type LocalDate } from '../../../shared/domain/time';
import { seededRandom } from '../../../shared/kernel/util/random';
import { sumByKey } from '../../../shared/kernel/util/sum-by-key';
import { expectedConversions } from '../response';
import {
  buildVariants,
  CAMPAIGNS,
  type Campaign,
  dailySpendMinor,
  isStockedOut,
  REGIONS,
  type Region,
  restatementFactor,
  STORE,
  seedOf,
  usdPer,
} from '../world';

export interface AdFact {
  campaign: Campaign;
  date: LocalDate;
  region: Region;
  spendMinor: number;
  impressions: number;
  clicks: number;
  /** Platform-reported (over-claimed) conversions, two decimals like the platforms' modelled figures. */
  conversions: number;
  conversionValueMinor: number;
}

/** Average selling price of what a campaign promotes (USD minor); catalogue average otherwise. */
export function averageOrderValueUsd(c: Campaign): number {
  const variants = buildVariants();
  const promoted = variants.filter((v) => c.promotedSkus.includes(v.sku));
  const pool = promoted.length ? promoted : variants;
  return pool.reduce((s, v) => s + v.priceMinor, 0) / pool.length;
}
const aovCache = new Map<string, number>();

export function campaignsOf(platform: AdPlatform): Campaign[] {
  return CAMPAIGNS.filter((c) => c.platform === platform);
}

/** The first day the world has data for, given its last day. */
export function firstDay(endDate: LocalDate): LocalDate {
  return addDays(endDate, -(STORE.days - 1));
}

export function factsFor(platform: AdPlatform, from: LocalDate, to: LocalDate, asOf: LocalDate): AdFact[] {
  const out: AdFact[] = [];
  const start = from < firstDay(asOf) ? firstDay(asOf) : from;
  const end = to > asOf ? asOf : to;
  for (const campaign of campaignsOf(platform)) {
    let aov = aovCache.get(campaign.id);
    if (aov === undefined) {
      aov = averageOrderValueUsd(campaign);
      aovCache.set(campaign.id, aov);
    }
    for (let date = start; date <= end; date = addDays(date, 1)) {
      const usdRate = usdPer(campaign.accountCurrency, date);
      const restated = restatementFactor(date, asOf);
      const converting = converts(campaign, date, asOf) ? modelledNoise(campaign, date) : 0;
      for (const region of REGIONS) {
        const spendMinor = Math.round(dailySpendMinor(campaign, date, region, asOf) * restated);
        const spendUsdMinor = spendMinor * usdRate;
        // ~$8 CPM and ~1.2% CTR, so delivery moves with spend like a real auction.
        const impressions = Math.round((spendUsdMinor / 100 / 8) * 1000);
        const clicks = Math.round(impressions * 0.012);
        const conversions =
          Math.round(
            expectedConversions(campaign, date, region, asOf) *
              restated *
              converting *
              campaign.overClaim *
              100,
          ) / 100;
        out.push({
          campaign,
          date,
          region,
          spendMinor,
          impressions,
          clicks,
          conversions,
          conversionValueMinor: Math.round((conversions * aov) / usdRate),
        });
      }
    }
  }
  return out;
}

/** A campaign whose promoted SKUs are all out of stock converts nobody: the shop has nothing to sell. */
function converts(c: Campaign, date: LocalDate, asOf: LocalDate): boolean {
  return c.promotedSkus.length === 0 || c.promotedSkus.some((sku) => !isStockedOut(sku, date, asOf));
}

/** Platforms' modelled conversions wobble around the truth: ±2 % per campaign-day, seeded. */
function modelledNoise(c: Campaign, date: LocalDate): number {
  return 0.98 + 0.04 * seededRandom(seedOf('claimed', c.id, date))();
}

/** Facts summed per key (a country, a campaign-day): the first fact names the group. */
export function sumFacts(facts: readonly AdFact[], keyOf: (f: AdFact) => string): AdFact[] {
  return sumByKey(facts, keyOf, [
    'spendMinor',
    'impressions',
    'clicks',
    'conversions',
    'conversionValueMinor',
  ]);
}

/** One ad set (ad group) of a campaign in the sandboxes: its native id suffix, name and share. */
export interface SandboxAdSet {
  suffix: string;
  name: string;
}

/**
 * A campaign's fact split over two ad sets (ad groups): the first takes `share`, the second the
 * exact remainder (integers split, conversions in hundredths), so the campaign's sums never move.
 */
export function splitFact(
  f: AdFact,
  adSets: readonly [SandboxAdSet, SandboxAdSet],
  share: number,
): Array<AdFact & { adsetId: string; adsetName: string }> {
  const cut = (v: number) => Math.round(v * share);
  const one = {
    spendMinor: cut(f.spendMinor),
    impressions: cut(f.impressions),
    clicks: cut(f.clicks),
    conversions: Math.round(f.conversions * 100 * share) / 100,
    conversionValueMinor: cut(f.conversionValueMinor),
  };
  const two = {
    spendMinor: f.spendMinor - one.spendMinor,
    impressions: f.impressions - one.impressions,
    clicks: f.clicks - one.clicks,
    conversions: Math.round((f.conversions - one.conversions) * 100) / 100,
    conversionValueMinor: f.conversionValueMinor - one.conversionValueMinor,
  };
  return [one, two].map((part, i) => ({
    ...f,
    ...part,
    adsetId: `${f.campaign.nativeId}${adSets[i]!.suffix}`,
    adsetName: adSets[i]!.name,
  }));
}

/** Live campaign settings the budget endpoints change (in memory, per sandbox instance). */
export interface CampaignSettings {
  status: 'active' | 'paused';
  dailyBudgetMinor: number;
}

export function createCampaignSettings(platform: AdPlatform) {
  const settings = new Map<string, CampaignSettings>(
    campaignsOf(platform).map((c) => [
      c.nativeId,
      { status: 'active', dailyBudgetMinor: c.dailyBudgetMinor },
    ]),
  );
  return {
    get: (nativeId: string) => settings.get(nativeId),
    update(nativeId: string, change: Partial<CampaignSettings>): boolean {
      const current = settings.get(nativeId);
      if (!current) return false;
      settings.set(nativeId, { ...current, ...change });
      return true;
    },
  };
}
export type CampaignSettingsBook = ReturnType<typeof createCampaignSettings>;
