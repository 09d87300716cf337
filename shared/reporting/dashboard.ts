import type { AttributionModel, Brand, Product } from '../domain/entities';
import { channelName, type NameBook, withoutCampaignRow } from '../domain/names/names';
import { type Drilldown, type DrilldownDimension, drilldownOf } from '../domain/reporting/drilldown';
import type { Kpis } from '../domain/reporting/kpis';
import type { Comparison, Period } from '../domain/reporting/period';
import { type ModelCreditDay, reattributed } from '../domain/reporting/reattribute';
import {
  type BrandRollup,
  type Dashboard,
  dashboardOf,
  dataDaysOf,
  incompleteComparison,
  kpisOf,
} from '../domain/reporting/rollup';
import { withDaysReplaced } from '../domain/reporting/rollup-days';
import type { TenantContext } from '../domain/tenancy';
import type { LocalDate } from '../domain/time';
import { createLruCache, type LruCache } from '../kernel/util/lru';
import { type Clock, systemClock } from '../ports/clock';
import type { Warehouse } from '../ports/warehouse';
import type { FreshnessChanges, PerformanceFreshness } from './freshness';
import { loadModelCredits } from './model-credits';
import { loadNameBook } from './names';
import { loadBrandRollup, loadRollupDays } from './rollup-loader';

export type { Breakdown, Dashboard, InventorySpendRow, TrendPoint } from '../domain/reporting/rollup';

/**
 * The dashboard's numbers. Spend comes from ad_performance and revenue/orders from Shopify's
 * orders and refunds (the truth, whatever attribution says); profit and the breakdowns from
 * unified_performance. The attribution pass writes unified rows for the brand's model of the
 * moment and replaces whole date ranges, so each day holds exactly one model's rows: reports do
 * not filter by model (after a model change, days outside the re-computed window keep the old one).
 *
 * Each brand's history is read once as daily aggregates (a few thousand rows however many
 * orders) and kept until the brand's freshness version moves (then only the days the updates name
 * are read again, behind readers) or `ttlMs` passes; every period is then summed in memory. It
 * turns a dashboard from ~12 warehouse queries into none; drilldowns read the same rollup
 * (docs/decisions/503-dashboard-rollups.md, 963).
 */
export interface DashboardQueryOptions {
  clock?: Clock;
  /**
   * How long a brand's rollup is reused (default 60 s). Without `freshness` the request that finds
   * it expired reads again (0: every request reads the warehouse); with it, the rollup is read again
   * behind readers, who are served the loaded one meanwhile.
   */
  ttlMs?: number;
  /** Brands kept in memory at once (least recently used go first). */
  maxBrands?: number;
  /** The brand's catalog, to name inventory rows as the merchant knows them (cached with the rollup). */
  catalog?: (ctx: TenantContext, brandId: string) => Promise<readonly Product[]>;
  /**
   * Incremental attribution updates: a cached rollup is refreshed once the brand's version moved,
   * checked at most every `freshnessCheckMs` (default 1 s) per brand, so a new order shows within
   * about a second of its update rather than after the time-to-live (docs/decisions/305). Only
   * the days the updates name are read again, behind readers (decision 963).
   */
  freshness?: Pick<PerformanceFreshness, 'version' | 'changesSince'>;
  freshnessCheckMs?: number;
  /**
   * A rollup nobody has asked for in this long (default 5 s) is not served as it is: the request
   * reads the brand's version first and, when it moved, waits for the refreshed entry. Serving
   * behind a refresh keeps a busy dashboard fast, where the entry is at most a check old; after a
   * quiet spell it would show whatever was loaded minutes ago (the demo's first view once ready
   * showed the TikTok spend synced first and no revenue, loaded during the backfill).
   */
  waitWhenIdleMs?: number;
}

type Names = ReadonlyMap<string, { title: string; sku?: string }>;

/** The brand settings a dashboard view is computed from (part of its memo key). */
const dashboardInputs = (brand: Brand) => [brand.currency, brand.targets];

/** Memoised reads kept per brand beside its rollup (periods a merchant flips between). */
const MEMO_PER_BRAND = 32;
/** Computed views kept per brand (the periods, comparisons and models people have open). */
const VIEWS_PER_BRAND = 16;
/**
 * Response bodies (JSON text) kept per brand, apart from the views so neither evicts the other: the
 * windows a team keeps open cost a lookup rather than a view and its serialisation (decision 975).
 */
const BODIES_PER_BRAND = 16;

/**
 * A warehouse read kept with a rollup (`withRollup`): its value, how to read it again (whole, or
 * only the days an update rewrote), and whether a request asked for it while this rollup was served.
 */
type KeptRead = {
  value: Promise<unknown>;
  load: () => Promise<unknown>;
  byDays?: ((kept: unknown, days: readonly LocalDate[]) => Promise<unknown>) | undefined;
  asked: boolean;
};

/** A computed value kept in `cache` under `key` (a failed computation is not kept). */
function memoised<T>(
  cache: LruCache<string, Promise<unknown>>,
  key: string,
  load: () => Promise<T>,
): Promise<T> {
  const hit = cache.get(key) as Promise<T> | undefined;
  if (hit) return hit;
  const loading = load();
  cache.set(key, loading);
  loading.catch(() => cache.peek(key) === loading && cache.delete(key));
  return loading;
}

/** Variant and product gids → the catalog's name (product — variant) and SKU. */
function namesOf(catalog: readonly Product[]): Names {
  const names = new Map<string, { title: string; sku?: string }>();
  for (const v of catalog) {
    const title =
      v.variantTitle && v.variantTitle !== 'Default Title' ? `${v.title} — ${v.variantTitle}` : v.title;
    names.set(v.id, { title, ...(v.sku ? { sku: v.sku } : {}) });
    if (!names.has(v.productId)) names.set(v.productId, { title: v.title });
  }
  return names;
}

export function createDashboardQueries(
  warehouse: Pick<Warehouse, 'query'>,
  options: DashboardQueryOptions = {},
) {
  const clock = options.clock ?? systemClock;
  const ttl = options.ttlMs ?? 60_000;
  const maxBrands = options.maxBrands ?? 500;
  const freshness = options.freshness;
  const checkEveryMs = options.freshnessCheckMs ?? 1_000;
  const waitWhenIdleMs = options.waitWhenIdleMs ?? 5_000;
  type Entry = {
    /** When the brand's history was last read whole (the time-to-live counts from it). */
    at: number;
    rollup: Promise<BrandRollup>;
    names: Promise<Names>;
    campaigns: Promise<NameBook>;
    /** Every model's credit per day, channel and campaign: read the first time a view asks for another model. */
    credits?: Promise<ReadonlyMap<AttributionModel, ModelCreditDay[]>>;
    /** The rollup re-credited under another model, per model asked for. */
    underModel?: Map<AttributionModel, BrandRollup>;
    /** The brand's freshness version read before the load (undefined until it is known). */
    version?: string | null;
    checkedAt: number;
    /**
     * When a request was last served this brand (this entry or the ones it replaced): what a quiet
     * spell is measured from. Not `checkedAt`, which a replacement takes from when its refresh
     * started: a refresh slower than `waitWhenIdleMs` would make a busy brand look idle (988).
     */
    askedAt: number;
    /** Other per-brand reads that live and die with this rollup (see `withRollup`). */
    memo: LruCache<string, KeptRead>;
    /** The reads asked for on the entry this one replaces, read again (settles, never rejects). */
    readAgain: Promise<unknown>;
    /** Views computed from this rollup (a period's dashboard), apart so they never evict a read. */
    views: LruCache<string, Promise<unknown>>;
    /** Response bodies serialised from this rollup's views (`withBody`). */
    bodies: LruCache<string, Promise<unknown>>;
    /** A newer rollup is being read to replace this one. */
    replacing?: boolean;
    /** After a quiet spell: the check (and the refresh it found needed) requests wait for. */
    catchingUp?: Promise<void>;
  };
  const cache = createLruCache<string, Entry>(maxBrands);
  const keyOf = (ctx: TenantContext, brand: Brand) => {
    const t = brand.targets;
    return `${ctx.tenantId}/${brand.id}/${t.attributionModel}/${t.revenueBasis}/${t.refundTiming}/${t.geoFallback}`;
  };

  /**
   * What every new entry reads again beside its rollup (names: a new order may bring a new campaign
   * or region) and starts anew (the views kept with a rollup). The reads a request asked for on the
   * entry it replaces (`from`) are read again before it is served: after a refresh, the requests
   * that need one (every dashboard needs the LTV days) would otherwise all wait for its query
   * (decision 968). A read nobody asked for while `from` was served is not carried further.
   * `days`: the days an update rewrote (a refresh by days); a read that can be read by days then
   * reads only those and puts them in place of theirs in its kept value (decision 979).
   */
  function namesAndKept(
    ctx: TenantContext,
    brand: Brand,
    after: <T>(load: () => Promise<T>) => Promise<T> = (load) => load(),
    from?: Entry,
    days?: Promise<readonly LocalDate[]>,
  ): Pick<Entry, 'memo' | 'readAgain' | 'views' | 'bodies' | 'campaigns' | 'names'> {
    const memo = createLruCache<string, KeptRead>(MEMO_PER_BRAND);
    const again = [...(from?.memo.entries() ?? [])].filter(([, read]) => read.asked);
    const readAgain = Promise.all(
      again.map(([key, { load, byDays, value: kept }]) => {
        const value =
          days && byDays
            ? Promise.all([kept, days]).then(([k, d]) => (d.length === 0 ? k : byDays(k, d)))
            : after(load);
        const read: KeptRead = { value, load, byDays, asked: false };
        memo.set(key, read);
        // A failed read is not kept: the next request that asks reads it.
        return read.value.catch(() => memo.peek(key) === read && memo.delete(key));
      }),
    );
    return {
      memo,
      readAgain,
      views: createLruCache(VIEWS_PER_BRAND),
      bodies: createLruCache(BODIES_PER_BRAND),
      campaigns: after(() => loadNameBook(warehouse, ctx, brand.id, { regions: true })),
      names: options.catalog
        ? options.catalog(ctx, brand.id).then(namesOf)
        : Promise.resolve<Names>(new Map()),
    };
  }

  /** Starts reading a brand's whole history and what lives with it (`from`: the entry it replaces). */
  function loadEntry(ctx: TenantContext, brand: Brand, now: number, from?: Entry): Entry {
    // The version is read before the rollup, so an update landing during the load is seen next time.
    const version = freshness?.version(ctx, brand.id);
    const after = <T>(load: () => Promise<T>) => (version ? version.then(load) : load());
    const entry: Entry = {
      at: now,
      checkedAt: now,
      askedAt: from?.askedAt ?? now,
      rollup: after(() => loadBrandRollup(warehouse, ctx, brand)),
      ...namesAndKept(ctx, brand, after, from),
    };
    version?.then(
      (v) => {
        entry.version = v;
      },
      () => undefined, // the rollup's own promise carries the failure
    );
    return entry;
  }
  const loaded = (entry: Entry) => Promise.all([entry.rollup, entry.names, entry.campaigns, entry.readAgain]);

  /** One load per brand at a time: 32 cold requests share a single read. */
  function entryOf(ctx: TenantContext, brand: Brand): Entry {
    const key = keyOf(ctx, brand);
    const now = clock.now().getTime();
    const hit = cache.peek(key);
    // With freshness, an expired entry that has loaded is replaced behind readers (`current`).
    if (hit && (now - hit.at < ttl || (freshness && hit.version !== undefined))) return cache.get(key) ?? hit;
    const entry = loadEntry(ctx, brand, now);
    cache.set(key, entry);
    // A failed load is not kept (the next request tries again), unless a newer one replaced it.
    loaded(entry).catch(() => cache.peek(key) === entry && cache.delete(key));
    return entry;
  }

  /**
   * The entry after an update that named its days: those days read again and put in place of
   * theirs in the loaded rollup (shared/domain/reporting/rollup-days.ts); the names read again
   * (a new order may bring a new campaign or region), the reads kept with the rollup read again
   * and its views started over. The time-to-live still counts from the last whole read.
   */
  function refreshedEntry(
    ctx: TenantContext,
    brand: Brand,
    from: Entry,
    change: FreshnessChanges & { days: LocalDate[] },
    now: number,
  ): Entry {
    const fresh = change.days.length === 0 ? undefined : loadRollupDays(warehouse, ctx, brand, change.days);
    return {
      at: from.at,
      checkedAt: now,
      askedAt: from.askedAt,
      version: change.version,
      rollup: fresh
        ? Promise.all([from.rollup, fresh]).then(([rollup, f]) => withDaysReplaced(rollup, f.days, f.rollup))
        : from.rollup,
      // The kept reads that can, read the days the rollup reads (with those refunds tie to them).
      ...namesAndKept(ctx, brand, undefined, from, fresh ? fresh.then((f) => f.days) : Promise.resolve([])),
    };
  }

  /**
   * Replaces a brand's cached entry when an update moved its version since the load: with the
   * days the updates name read again, or the whole history when they are not known (a full pass,
   * or this instance fell further behind than the changes kept) or the time-to-live has passed. On a
   * busy brand nobody waits for it: every request meanwhile, the one that noticed included, is
   * served the loaded entry, and the new one takes its place whole once it is ready (its rollup,
   * names and the reads asked for on the old one), so a response never mixes two versions. Resolves
   * with whether the version moved and the replacement (which never rejects), so the catch-up after
   * a quiet spell (`current`) can wait for it; undefined when nothing was started.
   */
  async function refresh(
    ctx: TenantContext,
    brand: Brand,
    key: string,
    hit: Entry,
    now: number,
  ): Promise<{ moved: boolean; replaced: Promise<void> } | undefined> {
    if (!freshness) return;
    const expired = now - hit.at >= ttl;
    const change = await freshness.changesSince(ctx, brand.id, hit.version ?? null);
    const moved = change.version !== hit.version;
    if ((!moved && !expired) || cache.peek(key) !== hit || hit.replacing) return;
    hit.replacing = true;
    const days = change.days;
    const next =
      days && !expired
        ? refreshedEntry(ctx, brand, hit, { ...change, days }, now)
        : loadEntry(ctx, brand, now, hit);
    const replaced = loaded(next).then(
      () => {
        if (cache.peek(key) !== hit) return;
        next.askedAt = Math.max(next.askedAt, hit.askedAt); // the requests served meanwhile
        cache.set(key, next);
      },
      () => {
        hit.replacing = false; // keep serving what was loaded; the next check tries again
      },
    );
    return { moved, replaced };
  }

  /**
   * The brand's entry to serve now; at most once per `checkEveryMs`, a freshness check behind it.
   * After `waitWhenIdleMs` without a request, requests wait for the check instead, and for the
   * refresh when the version moved (an unchanged brand past its time-to-live is still read again
   * behind readers: nothing moved, so what is served is current).
   */
  async function current(ctx: TenantContext, brand: Brand): Promise<Entry> {
    const entry = entryOf(ctx, brand);
    const key = keyOf(ctx, brand);
    if (entry.catchingUp) {
      await entry.catchingUp;
      return cache.peek(key) ?? entry;
    }
    const now = clock.now().getTime();
    const quiet = now - entry.askedAt >= waitWhenIdleMs;
    entry.askedAt = Math.max(entry.askedAt, now);
    if (
      !freshness ||
      entry.version === undefined ||
      entry.replacing ||
      (now - entry.checkedAt < checkEveryMs && now - entry.at < ttl)
    )
      return entry;
    entry.checkedAt = now; // one check per interval however many requests arrive meanwhile
    if (!quiet) {
      // A failed check changes nothing: the entry is served as loaded and the next interval tries again.
      refresh(ctx, brand, key, entry, now).catch(() => undefined);
      return entry;
    }
    entry.catchingUp = (async () => {
      try {
        // The refresh's own check says whether anything moved: only then is its replacement awaited.
        const started = await refresh(ctx, brand, key, entry, now);
        if (started?.moved) await started.replaced;
      } catch {
        // Serve what was loaded; the next check tries again.
      } finally {
        entry.catchingUp = undefined;
      }
    })();
    await entry.catchingUp;
    return cache.peek(key) ?? entry;
  }
  const rollupOf = async (ctx: TenantContext, brand: Brand) => (await current(ctx, brand)).rollup;

  /** The rollup under the model the view asks for: the brand's own as stored, another re-credited. */
  async function rollupUnder(ctx: TenantContext, brand: Brand, entry: Entry, model?: AttributionModel) {
    const rollup = await entry.rollup;
    if (!model || model === brand.targets.attributionModel) return rollup;
    entry.credits ??= loadModelCredits(warehouse, ctx, brand.id);
    const credits = await entry.credits.catch((err) => {
      entry.credits = undefined; // the next request reads again
      throw err;
    });
    // Kept per model with the rollup: a re-credited rollup is a whole copy, and its day lists are
    // sorted once when first asked for a period (rollup.ts entriesIn).
    entry.underModel ??= new Map();
    let under = entry.underModel.get(model);
    if (!under) {
      under = reattributed(rollup, credits.get(model) ?? []);
      entry.underModel.set(model, under);
    }
    return under;
  }

  return {
    async kpis(
      ctx: TenantContext,
      brand: Brand,
      period: Period,
      previous: Period,
    ): Promise<{ current: Kpis; previous: Kpis; incomplete: (keyof Kpis)[]; dataDays: Period | null }> {
      const r = await rollupOf(ctx, brand);
      return {
        current: kpisOf(r, period),
        previous: kpisOf(r, previous),
        incomplete: incompleteComparison(r, period, previous),
        dataDays: dataDaysOf(r),
      };
    },
    /** `model`: the attribution model to credit channels and campaigns under (the brand's by default). */
    async dashboard(
      ctx: TenantContext,
      brand: Brand,
      period: Period,
      model?: AttributionModel,
      comparison?: Comparison,
    ): Promise<Dashboard> {
      const entry = await current(ctx, brand);
      // A view is computed once per rollup: a team watching the same periods on a launch day costs
      // one computation until the data moves (the memo dies with the rollup; decision 503).
      const key = JSON.stringify([
        'dashboard',
        dashboardInputs(brand),
        period,
        comparison ?? null,
        model ?? null,
      ]);
      return memoised(entry.views, key, async () => {
        const [rollup, viewed, names, book] = await Promise.all([
          entry.rollup,
          rollupUnder(ctx, brand, entry, model),
          entry.names,
          entry.campaigns,
        ]);
        const dashboard = dashboardOf(rollup, brand, period, comparison);
        // The KPIs, trend and inventory do not depend on attribution; the channels and the
        // attributed / not attributed split do.
        const view = viewed === rollup ? dashboard : dashboardOf(viewed, brand, period, comparison);
        return {
          ...dashboard,
          byChannel: view.byChannel,
          // Each platform's revenue without a campaign by its drill-down row's name, with how to add
          // the tag (decision 998).
          attribution: {
            ...view.attribution,
            campaignNotIdentified: view.attribution.campaignNotIdentified.map((p) => {
              const row = withoutCampaignRow(p.channel);
              return { ...p, name: row.name, note: row.note ?? undefined };
            }),
          },
          model: model ?? brand.targets.attributionModel,
          defaultModel: brand.targets.attributionModel,
          inventory: dashboard.inventory.map((r) => ({ ...r, ...names.get(r.productId) })),
          // Regions by name ("New York, US"); the code stays the key the drilldown links use.
          byRegion: dashboard.byRegion.map((r) => ({ ...r, name: book.region(r.key) })),
        };
      });
    },
    /** The brand's name book (campaigns, ad sets, regions), cached with the rollup. */
    async nameBook(ctx: TenantContext, brand: Brand): Promise<NameBook> {
      return (await current(ctx, brand)).campaigns;
    },
    /** Product and variant ids → the catalog's titles, for exports (cached with the rollup). */
    async productTitles(ctx: TenantContext, brand: Brand): Promise<ReadonlyMap<string, string>> {
      const names = await (await current(ctx, brand)).names;
      return new Map([...names].map(([id, n]) => [id, n.title]));
    },
    /** Undefined when the brand never had this channel, campaign, product or region. */
    async drilldown(
      ctx: TenantContext,
      brand: Brand,
      dimension: DrilldownDimension,
      id: string,
      period: Period,
      model?: AttributionModel,
      comparison?: Comparison,
    ): Promise<(Drilldown & { model: string; defaultModel: string }) | undefined> {
      const entry = await current(ctx, brand);
      const [rollup, campaigns, products] = await Promise.all([
        rollupUnder(ctx, brand, entry, model),
        entry.campaigns,
        entry.names,
      ]);
      const drill = drilldownOf(rollup, brand.currency, dimension, id, period, comparison);
      if (!drill) return drill;
      // Campaigns and products by the names the merchant knows; the id stays as the key (links, tooltips).
      const named = (dim: string, key: string): { name?: string; note?: string } => {
        if (dim === 'region') return { name: campaigns.region(key) };
        // A channel's credit without a campaign is one named row, a platform's explained (decision 981).
        if (key === 'unknown' && dim === 'campaign' && dimension === 'channel') {
          const row = withoutCampaignRow(id);
          return { name: row.name, ...(row.note ? { note: row.note } : {}) };
        }
        if (key === 'unknown') return {};
        if (dim === 'campaign') return { name: campaigns.campaign(key) };
        if (dim === 'channel') return { name: channelName(key) };
        const title = dim === 'product' ? products.get(key)?.title : undefined;
        return title ? { name: title } : {};
      };
      return {
        ...drill,
        model: model ?? brand.targets.attributionModel,
        defaultModel: brand.targets.attributionModel,
        ...named(dimension, id),
        breakdown: {
          ...drill.breakdown,
          rows: drill.breakdown.rows.map((r) => ({ ...r, ...named(drill.breakdown.dimension, r.key) })),
        },
      };
    },
    /**
     * A read of the same brand's warehouse data that is kept, under `key`, exactly as long as the
     * rollup is (its time-to-live, freshness checks and invalidation), e.g. the dashboard's LTV by
     * campaign for a period: a page of the app then costs no warehouse query until the data moves.
     * When the data moves, a read asked for meanwhile is read again before the new rollup is served
     * (`load` is kept for it), so no request waits for it (decision 968). With `byDays`, an update
     * that names its days has the kept value read again on those days only (decision 979); an
     * update without days, or the time-to-live, reads it whole.
     */
    async withRollup<T>(
      ctx: TenantContext,
      brand: Brand,
      key: string,
      load: () => Promise<T>,
      byDays?: (kept: T, days: readonly LocalDate[]) => Promise<T>,
    ): Promise<T> {
      const memo = (await current(ctx, brand)).memo;
      const hit = memo.get(key);
      if (hit) {
        hit.asked = true;
        return hit.value as Promise<T>;
      }
      const read: KeptRead = {
        value: load(),
        load,
        byDays: byDays as KeptRead['byDays'],
        asked: true,
      };
      memo.set(key, read);
      read.value.catch(() => memo.peek(key) === read && memo.delete(key));
      return read.value as Promise<T>;
    },
    /** Like `withRollup`, for a value computed from reads (kept apart, so views never evict reads). */
    async withView<T>(ctx: TenantContext, brand: Brand, key: string, compute: () => Promise<T>): Promise<T> {
      return memoised((await current(ctx, brand)).views, key, compute);
    },
    /**
     * A response body computed from this brand's views and kept with them (dies with the rollup, like
     * a view), under `key` and the brand settings the views are computed from. A window requested
     * again until the data moves is then a lookup: no view, no serialisation (decision 975). The
     * route keeps it as UTF-8 bytes, so sending it encodes nothing (decision 988).
     */
    async withBody<B extends string | Uint8Array>(
      ctx: TenantContext,
      brand: Brand,
      key: string,
      compute: () => Promise<B>,
    ): Promise<B> {
      return memoised(
        (await current(ctx, brand)).bodies,
        JSON.stringify([key, dashboardInputs(brand)]),
        compute,
      );
    },
    /** Drops a brand's rollup (after a sync or attribution pass this instance knows of). */
    invalidate(tenantId: string, brandId: string): void {
      cache.deleteWhere((key) => key.startsWith(`${tenantId}/${brandId}/`));
    },
  };
}
export type DashboardQueries = ReturnType<typeof createDashboardQueries>;
