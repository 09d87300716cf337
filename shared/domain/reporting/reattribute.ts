import { allocateMinor } from '../money';
import type { LocalDate } from '../time';
import { type BrandRollup, type DimensionDay, sumByDay } from './rollup';

/**
 * One day × channel × campaign of the `attributions` table under one model: the revenue it
 * credits and the orders (summed credit). Geo-and-time guesses arrive as `direct` / `unknown`,
 * as the pass writes them into unified performance.
 */
export interface ModelCreditDay {
  day: LocalDate;
  channel: string;
  campaign: string;
  revenue: number;
  orders: number;
}

const KEY = '\u0000';

/**
 * The rollup as another attribution model would credit it, for the channel and campaign views.
 *
 * Unified performance holds one model (the brand's); `attributions` holds all six, per order, but
 * as each order's own revenue — not under the brand's revenue definition, and without refunds on
 * the refund's day. So each day's revenue stays what unified performance says it is (the truth
 * every other number rests on) and is shared out over channels and campaigns in the proportions
 * the chosen model gives that day's orders (to the cent: largest remainder). Orders are the
 * model's own credit; spend is unchanged (ad platforms, not attribution). Profit follows the
 * day's margin: revenue × (profit + spend) ÷ revenue of the day, less the campaign's spend —
 * cost of goods in proportion to revenue, an estimate the view says it is — and units likewise. A day the model
 * credits nothing (a refund-only day) keeps the brand's split. Products and regions are left
 * under the brand's model: `attributions` has neither.
 */
export function reattributed(r: BrandRollup, credits: readonly ModelCreditDay[]): BrandRollup {
  type Cell = { channel: string; campaign: string; entry: DimensionDay };
  const unified = new Map<string, Cell[]>();
  for (const [channel, campaigns] of r.channelCampaign)
    for (const [campaign, days] of campaigns)
      for (const entry of days) push(unified, entry.day, { channel, campaign, entry });
  const credited = new Map<string, ModelCreditDay[]>();
  for (const c of credits) push(credited, c.day, c);

  const byCampaign = new Map<string, Map<string, DimensionDay[]>>();
  const add = (channel: string, campaign: string, entry: DimensionDay) => {
    const campaigns = byCampaign.get(channel) ?? new Map<string, DimensionDay[]>();
    byCampaign.set(channel, campaigns);
    push(campaigns, campaign, entry);
  };
  for (const [day, cells] of unified) {
    const model = (credited.get(day) ?? []).filter((c) => c.revenue !== 0 || c.orders !== 0);
    if (model.reduce((s, c) => s + c.revenue, 0) <= 0) {
      for (const c of cells) add(c.channel, c.campaign, c.entry);
      continue;
    }
    const revenue = cells.reduce((s, c) => s + c.entry.revenue, 0);
    const spend = cells.reduce((s, c) => s + c.entry.spend, 0);
    const profit = cells.reduce((s, c) => s + c.entry.profit, 0);
    const units = cells.reduce((s, c) => s + c.entry.units, 0);
    const margin = revenue !== 0 ? (profit + spend) / revenue : 0;
    const unitsPerMinor = revenue !== 0 ? units / revenue : 0;
    // Every destination either side knows of this day: a campaign with spend and no credit, and one
    // the model credits that the brand's model did not.
    const keys = new Map<string, { channel: string; campaign: string; spend: number; rows: number }>();
    for (const c of cells)
      keys.set(c.channel + KEY + c.campaign, {
        channel: c.channel,
        campaign: c.campaign,
        spend: c.entry.spend,
        rows: c.entry.rows,
      });
    const credit = new Map<string, ModelCreditDay>();
    for (const c of model) {
      const k = c.channel + KEY + c.campaign;
      const seen = credit.get(k);
      credit.set(
        k,
        seen ? { ...seen, revenue: seen.revenue + c.revenue, orders: seen.orders + c.orders } : c,
      );
      if (!keys.has(k)) keys.set(k, { channel: c.channel, campaign: c.campaign, spend: 0, rows: 1 });
    }
    const list = [...keys.entries()];
    const shares = allocateMinor(
      revenue,
      list.map(([k]) => Math.max(0, credit.get(k)?.revenue ?? 0)),
    );
    list.forEach(([k, d], i) => {
      const share = shares[i] ?? 0;
      add(d.channel, d.campaign, {
        day: day as LocalDate,
        spend: d.spend,
        revenue: share,
        profit: Math.round(share * margin) - d.spend,
        orders: credit.get(k)?.orders ?? 0,
        units: share * unitsPerMinor,
        rows: Math.max(1, d.rows),
        stock: null,
        cover: null,
      });
    });
  }
  const channel = new Map<string, DimensionDay[]>();
  for (const [name, campaigns] of byCampaign) channel.set(name, sumByDay([...campaigns.values()].flat()));
  return { ...r, channel, channelCampaign: byCampaign };
}

function push<K, V>(map: Map<K, V[]>, k: K, v: V): void {
  const list = map.get(k);
  if (list) list.push(v);
  else map.set(k, [v]);
}
