import type { AdPlatform } from '../entities/integration';

/** How an order (or one touch of its journey) was tied to a campaign, strongest first. */
export const MATCH_METHODS = [
  'click_id',
  'utm',
  'discount_code',
  'geo_time',
  'click_id_platform',
  'channel',
  'unattributed',
] as const;
export type MatchMethod = (typeof MATCH_METHODS)[number];

/**
 * Confidence per method. A click id is issued by the ad platform for one click on one ad, so it
 * names the campaign nearly for certain; UTMs are typed by people and copied around; a discount
 * code leaks to coupon sites; geo + time only says a campaign was running nearby. A click id whose
 * URL named no campaign (`click_id_platform`) proves the platform, not the campaign: its confidence
 * is in the channel (docs/decisions/981).
 */
export const MATCH_CONFIDENCE = {
  click_id: 0.95,
  utm: 0.8,
  discount_code: 0.6,
  geo_time: 0.2,
  click_id_platform: 0.9,
  channel: 0.5,
  unattributed: 0,
} as const satisfies Record<MatchMethod, number>;

/** A journey visit as the warehouse holds it (touchpoints), times in epoch ms. */
export interface Touch {
  readonly id: string;
  readonly at: number;
  readonly source: string | null;
  readonly medium: string | null;
  /** utm_campaign: the platform's native campaign id or the campaign's name (Meta's `{{campaign.name}}`). */
  readonly campaign: string | null;
  /**
   * The kind of click id in the landing URL (fbclid, ttclid, gclid…), null without one. The id's
   * value names one click, not a campaign: matching needs only its kind (which platform issued it)
   * next to the UTM campaign of the same URL.
   */
  readonly clickIdType: string | null;
  /**
   * The campaign the click id itself maps to, when a mapping knows it (Google Ads `click_view`, or
   * an imported `platform,click_id,campaign` file): that platform and its campaign id or name.
   */
  readonly clickPlatform?: string | null;
  readonly clickCampaign?: string | null;
}

/** Where a touch (or a fallback) sends credit. `channel` is a platform for paid touches. */
export interface Destination {
  readonly channel: string;
  readonly platform: AdPlatform | null;
  readonly campaignId: string | null;
  readonly method: MatchMethod;
  readonly confidence: number;
}

export interface CreditedTouch extends Destination {
  readonly touchId: string | null;
  readonly at: number;
}

/** One share of one order under one model: credits of an order sum to 1, revenue to the order's. */
export interface Credit extends CreditedTouch {
  readonly credit: number;
  readonly revenueMinor: number;
}

/** What decides where a touch sends credit: its UTMs and the kind of click id it carried. */
export type TouchShape = Pick<
  Touch,
  'source' | 'medium' | 'campaign' | 'clickIdType' | 'clickPlatform' | 'clickCampaign'
>;

export const UNATTRIBUTED_CHANNEL = 'direct';
