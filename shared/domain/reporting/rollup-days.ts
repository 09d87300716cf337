import type { LocalDate } from '../time';
import type { BrandRollup, DimensionDay } from './rollup';

type Days = ReadonlySet<string>;
type ByKey = ReadonlyMap<string, readonly DimensionDay[]>;
type ByPair = ReadonlyMap<string, ByKey>;

/**
 * A loaded rollup with some days read again: every entry on `days` is dropped and `fresh`'s
 * entries (read for exactly those days) put in their place; stock is a level, so `fresh`'s is
 * taken whole. What an incremental update changed then costs a read of its days, not of the
 * brand's whole history (decision 963). A new rollup is returned; `r` is left as it was, so a
 * view being computed from it never sees half of the change.
 */
export function withDaysReplaced(
  r: BrandRollup,
  days: readonly LocalDate[],
  fresh: BrandRollup,
): BrandRollup {
  const replaced: Days = new Set(days);
  return {
    spend: daily(r.spend, replaced, fresh.spend),
    sales: daily(r.sales, replaced, fresh.sales),
    refunds: daily(r.refunds, replaced, fresh.refunds),
    modelled:
      r.modelled && fresh.modelled ? daily(r.modelled, replaced, fresh.modelled) : (fresh.modelled ?? null),
    channel: byKey(r.channel, replaced, fresh.channel),
    region: byKey(r.region, replaced, fresh.region),
    product: byKey(r.product, replaced, fresh.product),
    variant: byKey(r.variant, replaced, fresh.variant),
    stockByVariant: fresh.stockByVariant,
    channelCampaign: byPair(r.channelCampaign, replaced, fresh.channelCampaign),
    campaignProduct: byPair(r.campaignProduct, replaced, fresh.campaignProduct),
    campaignVariant: byPair(r.campaignVariant, replaced, fresh.campaignVariant),
    regionChannel: byPair(r.regionChannel, replaced, fresh.regionChannel),
  };
}

function daily<V>(
  old: ReadonlyMap<string, V>,
  replaced: Days,
  fresh: ReadonlyMap<string, V>,
): Map<string, V> {
  const out = new Map<string, V>();
  for (const [day, v] of old) if (!replaced.has(day)) out.set(day, v);
  for (const [day, v] of fresh) out.set(day, v);
  return out;
}

const EMPTY: readonly DimensionDay[] = [];

/**
 * Per key: the old entries off the replaced days, then the fresh ones. A key untouched by the
 * change keeps its very list (its day order, sorted once, is kept with it: rollup.ts entriesIn);
 * a key left without entries is dropped, as a load would not have read it.
 */
function byKey(old: ByKey, replaced: Days, fresh: ByKey): Map<string, readonly DimensionDay[]> {
  const out = new Map<string, readonly DimensionDay[]>();
  for (const key of new Set([...old.keys(), ...fresh.keys()])) {
    const before = old.get(key) ?? EMPTY;
    const added = fresh.get(key) ?? EMPTY;
    const kept = before.some((e) => replaced.has(e.day))
      ? before.filter((e) => !replaced.has(e.day))
      : before;
    const list = added.length === 0 ? kept : [...kept, ...added];
    if (list.length > 0) out.set(key, list);
  }
  return out;
}

function byPair(
  old: ByPair,
  replaced: Days,
  fresh: ByPair,
): Map<string, ReadonlyMap<string, readonly DimensionDay[]>> {
  const out = new Map<string, ReadonlyMap<string, readonly DimensionDay[]>>();
  for (const parent of new Set([...old.keys(), ...fresh.keys()])) {
    const children = byKey(old.get(parent) ?? new Map(), replaced, fresh.get(parent) ?? new Map());
    if (children.size > 0) out.set(parent, children);
  }
  return out;
}
