/**
 * `customer-analytics` (nightly cron): for every brand of every tenant, fits the lifetime model on
 * the customers' orders up to yesterday (the brand's local day), scores it on a time-split
 * holdout, and writes the model version, per-customer predictions and segments, segment movement
 * since the previous run and the cohort tables. A brand that fails is logged and skipped so the
 * others still get theirs; a re-run on the same day replaces that day's rows.
 */
import { buildCohorts, COHORT_DIMENSIONS, monthIndex } from '../domain/customers/cohorts';
import { DEFAULT_ANNUAL_DISCOUNT_RATE } from '../domain/customers/lifetime-value/value';
import { segmentMovement } from '../domain/customers/segments/movement';
import { SEGMENTS, type Segment } from '../domain/customers/segments/rfm';
import type { Brand } from '../domain/entities/brand';
import { reportingEnd } from '../domain/reporting/judged-window';
import { systemContext, type TenantContext } from '../domain/tenancy';
import { addDays, type LocalDate, localDate, toLocalDate } from '../domain/time';
import type { Logger } from '../kernel/logging/logger';
import type { Clock } from '../ports/clock';
import type { BrandRepository, SystemDirectory } from '../ports/operational-store';
import type { Warehouse } from '../ports/warehouse';
import { createPerformanceQueries } from '../reporting/read-model/performance-queries';
import { readCustomerActivity } from './activity-query';
import { analyzeCustomers, dayNumber, holdoutDays } from './analysis';
import { readCohortInputs } from './cohort-query';
import { customerOrdersSql } from './customer-key';
import { cohortRows, modelRow, moveRows, predictionRows, type RunIdentity, segmentRows } from './rows';

export interface CustomerAnalyticsJobDeps {
  readonly directory: Pick<SystemDirectory, 'listTenantIds'>;
  readonly brands: Pick<BrandRepository, 'list'>;
  readonly warehouse: Warehouse;
  readonly clock: Clock;
  readonly logger: Logger;
  /**
   * Customers per batch read from and written to the warehouse (default 50 000): a batch is the
   * most of them the job holds as row objects at once. Tests pass small ones to cross batch edges.
   */
  readonly batchRows?: number;
}

const BATCH_ROWS = 50_000;

/** One model version per brand and as-of day; a re-run that day replaces it. */
const modelIdOf = (asOf: LocalDate) => `ltv-${asOf}`;

/** Each customer with their segment now, in the columns' order. */
function* currentSegments(
  customerIds: readonly string[],
  segments: readonly Segment[],
): Generator<readonly [string, Segment]> {
  for (let i = 0; i < customerIds.length; i++) yield [customerIds[i]!, segments[i]!];
}

/** Predictions are replaced for every first-order day from here on (no Shopify order is older). */
const EARLIEST_DAY = localDate('2000-01-01');

export interface BrandRunSummary {
  readonly brandId: string;
  readonly asOf: LocalDate;
  readonly modelId: string;
  readonly customers: number;
  readonly bgNbdSource: string;
  readonly holdoutAuc: number | null;
}

/** Rows [from, to) of `size`, `batchRows` at a time, each made only when the writer asks for it. */
async function* inBatches<T>(
  size: number,
  batchRows: number,
  make: (from: number, to: number) => T[],
): AsyncGenerator<T[]> {
  for (let from = 0; from < size; from += batchRows) yield make(from, Math.min(size, from + batchRows));
}

export function createCustomerAnalyticsJob(deps: CustomerAnalyticsJobDeps) {
  const segmentSet = new Set<string>(SEGMENTS);
  const batchRows = deps.batchRows ?? BATCH_ROWS;
  const performance = createPerformanceQueries(deps.warehouse);

  async function previousSegments(ctx: TenantContext, brandId: string): Promise<Map<string, Segment>> {
    const out = new Map<string, Segment>();
    for await (const rows of deps.warehouse.queryBatches<{ customer_id: string; segment: string }>(
      ctx,
      'SELECT customer_id, segment FROM {{customer_predictions}} WHERE brand_id = @brandId',
      { brandId },
      batchRows,
    ))
      for (const r of rows) if (segmentSet.has(r.segment)) out.set(r.customer_id, r.segment as Segment);
    return out;
  }

  async function firstOrderDay(ctx: TenantContext, brandId: string, asOf: LocalDate): Promise<string | null> {
    const [row] = await deps.warehouse.query<{ first: string | null }>(
      ctx,
      `SELECT MIN(date) AS first FROM (${customerOrdersSql('@brandId')}) o
       WHERE customer_id IS NOT NULL AND cancelled_at IS NULL AND date <= CAST(@asOf AS DATE)`,
      { brandId, asOf },
    );
    return row?.first ?? null;
  }

  /** The brand's last day with a (not cancelled) order, if any. */
  async function lastOrderDay(ctx: TenantContext, brandId: string): Promise<LocalDate | undefined> {
    const [row] = await deps.warehouse.query<{ last: string | null }>(
      ctx,
      `SELECT CAST(MAX(date) AS STRING) AS last FROM (${customerOrdersSql('@brandId')}) o WHERE cancelled_at IS NULL`,
      { brandId },
    );
    return row?.last ? localDate(row.last) : undefined;
  }

  /**
   * Reads, analyses and writes the brand's customers: their predictions, segments and moves. The
   * per-customer columns live only in here, so they are garbage before the cohort queries run;
   * what the run keeps is the model's row.
   */
  async function writeCustomers(
    ctx: TenantContext,
    brand: Brand,
    window: { asOf: LocalDate; cutoff: LocalDate },
    id: RunIdentity,
  ) {
    const { asOf, cutoff } = window;
    const [activity, previous] = await Promise.all([
      readCustomerActivity(
        deps.warehouse,
        ctx,
        { brandId: brand.id, asOf, cutoff, model: brand.targets.attributionModel },
        batchRows,
      ),
      previousSegments(ctx, brand.id),
    ]);
    const analysis = analyzeCustomers(activity, { asOf, annualDiscountRate: DEFAULT_ANNUAL_DISCOUNT_RATE });
    const movement = segmentMovement(previous, currentSegments(activity.customerId, analysis.scores.segment));
    previous.clear();

    const day = { brandId: brand.id, from: asOf, to: asOf };
    // The model row goes last: it is what readers look for, so a run that dies half-way leaves
    // the previous model (and its rows, replaced or not by the same customers' newer ones) current.
    await deps.warehouse.replaceRangeBatches(
      ctx,
      'customer_predictions',
      { brandId: brand.id, from: EARLIEST_DAY, to: asOf },
      inBatches(activity.size, batchRows, (from, to) => predictionRows(analysis, activity, id, from, to)),
    );
    await deps.warehouse.replaceRange(
      ctx,
      'customer_segments',
      day,
      segmentRows(analysis, activity, movement, id),
    );
    await deps.warehouse.replaceRange(ctx, 'customer_segment_moves', day, moveRows(analysis, movement, id));
    return {
      customers: activity.size,
      modelRow: modelRow(analysis, id, activity.size),
      bgNbdSource: analysis.model.bgNbd.source,
      holdoutAuc: analysis.holdout?.metrics.aucPAlive ?? null,
    };
  }

  /**
   * The day a run judges the brand's customers as of: the day the rest of the app reports as "now"
   * (`reportingDay`, decision 971) — yesterday for a store whose data is current, the last day with
   * data for one whose imported files end earlier. Judged as of yesterday, an export ending in March
   * would make every customer look gone since March: predicted value near zero, nobody active.
   */
  async function judgedAsOf(ctx: TenantContext, brand: Brand): Promise<LocalDate> {
    const today = toLocalDate(deps.clock.now(), brand.timezone);
    // Before the first attribution pass (an import's customers refresh runs in 20 s, its pass after
    // a 2-minute debounce) the orders' last day stands in, so the model is not judged as of
    // yesterday and left, dated later, in front of the pass's own (decision 1020).
    const latest =
      (await performance.latestDate(ctx, brand.id, brand.targets.attributionModel)) ??
      (await lastOrderDay(ctx, brand.id));
    return reportingEnd(latest, today);
  }

  /** Runs one brand as of `asOf` (default: `judgedAsOf`). */
  async function runBrand(
    ctx: TenantContext,
    brand: Brand,
    asOfOverride?: LocalDate,
  ): Promise<BrandRunSummary> {
    const now = deps.clock.now();
    const asOf = asOfOverride ?? (await judgedAsOf(ctx, brand));
    const first = await firstOrderDay(ctx, brand.id, asOf);
    const h = first ? holdoutDays(dayNumber(asOf) - dayNumber(first)) : 0;
    const cutoff = addDays(asOf, -h);
    const id: RunIdentity = {
      brandId: brand.id,
      modelId: modelIdOf(asOf),
      fittedAt: now.toISOString(),
      currency: brand.currency,
      annualDiscountRate: DEFAULT_ANNUAL_DISCOUNT_RATE,
    };
    const written = await writeCustomers(ctx, brand, { asOf, cutoff }, id);

    const day = { brandId: brand.id, from: asOf, to: asOf };
    const cohorts = [];
    for (const dimension of COHORT_DIMENSIONS) {
      const inputs = await readCohortInputs(deps.warehouse, ctx, { brandId: brand.id, asOf, dimension });
      cohorts.push(
        ...cohortRows(asOf, dimension, buildCohorts(inputs.sizes, inputs.cells, monthIndex(asOf)), id),
      );
    }
    await deps.warehouse.replaceRange(ctx, 'customer_cohorts', day, cohorts);
    await deps.warehouse.replaceKeys(
      ctx,
      'customer_models',
      { brandId: brand.id, keyColumn: 'model_id', keys: [id.modelId] },
      [written.modelRow],
    );
    return {
      brandId: brand.id,
      asOf,
      modelId: id.modelId,
      customers: written.customers,
      bgNbdSource: written.bgNbdSource,
      holdoutAuc: written.holdoutAuc,
    };
  }

  async function runAll(): Promise<{ brands: number; failed: number }> {
    const counts = { brands: 0, failed: 0 };
    for (const tenantId of await deps.directory.listTenantIds()) {
      const ctx = systemContext(tenantId, 'customer-analytics');
      for (const brand of await deps.brands.list(ctx)) {
        const started = Date.now();
        try {
          const summary = await runBrand(ctx, brand);
          counts.brands++;
          deps.logger.info('customer analytics written', {
            tenant: tenantId,
            ...summary,
            ms: Date.now() - started,
          });
        } catch (err) {
          counts.failed++;
          deps.logger.error('customer analytics failed', { tenant: tenantId, brand: brand.id, error: err });
        }
      }
    }
    return counts;
  }

  /**
   * Runs a brand that has no model for today's as-of day yet. The embedded runtime calls it after
   * each attribution pass, so a freshly connected store — the demo — has its customer analytics
   * without waiting for the night; later passes the same day find the model and do nothing.
   */
  async function runIfMissing(tenantId: string, brandId: string): Promise<BrandRunSummary | null> {
    const ctx = systemContext(tenantId, 'customer-analytics');
    const brand = (await deps.brands.list(ctx)).find((b) => b.id === brandId);
    if (!brand) return null;
    const asOf = await judgedAsOf(ctx, brand);
    // A model fitted before the store's first orders arrived (an attribution pass over ad spend
    // alone, minutes into a new brand) counts as missing: it would hold zero customers all day.
    const [existing] = await deps.warehouse.query<{ customers: number }>(
      ctx,
      'SELECT MAX(customers) AS customers FROM {{customer_models}} WHERE brand_id = @brandId AND model_id = @modelId',
      { brandId, modelId: modelIdOf(asOf) },
    );
    if (Number(existing?.customers ?? 0) > 0) return null;
    return runBrand(ctx, brand, asOf);
  }

  return { runAll, runBrand, runIfMissing };
}

export type CustomerAnalyticsJob = ReturnType<typeof createCustomerAnalyticsJob>;
