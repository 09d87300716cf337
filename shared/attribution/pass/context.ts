import type { Brand } from '../../domain/entities';
import type { TenantContext } from '../../domain/tenancy';
import { addDays, type LocalDate, toLocalDate, weekStart } from '../../domain/time';
import type { Logger } from '../../kernel/logging/logger';
import type { Clock } from '../../ports/clock';
import type { OperationalStore } from '../../ports/operational-store';
import type { Warehouse } from '../../ports/warehouse';
import type { AttributionFit } from './fit';
import { createPassReader, type PassReader } from './read';

export interface PassDeps {
  readonly warehouse: Warehouse;
  readonly store: OperationalStore;
  readonly clock: Clock;
  readonly logger: Logger;
}

export interface PassOptions {
  /** Days before today the pass recomputes (then aligned back to a Monday for weekly rows). */
  readonly lookbackDays?: number;
  /** Orders are read and credited this many days at a time. */
  readonly chunkDays?: number;
  /** Chunks read ahead of the one whose journeys are being resolved (decision 978). */
  readonly readAheadChunks?: number;
  /** Chunks whose stray touches are read together (decision 978). */
  readonly strayReadChunks?: number;
  /** Chunks are written to `attributions` in groups of at least this many orders (one transaction each). */
  readonly writeGroupOrders?: number;
  readonly velocityDays?: number;
  /** Recent spend that alignment compares with stock. */
  readonly alignmentDays?: number;
  /** Explicit range (tests, backfills); defaults to the lookback ending today, brand-local. */
  readonly range?: { from: LocalDate; to: LocalDate };
  /**
   * An incremental update: the removal effects and sales mix a full pass stored, used as they are
   * rather than refitted over the range, which is then taken as given (not aligned to a Monday).
   */
  readonly fit?: AttributionFit;
}

export interface PassResult {
  readonly range: { from: LocalDate; to: LocalDate };
  readonly asOf: LocalDate;
  readonly orders: number;
  readonly foreignCurrencyOrders: number;
  /** Cancelled orders, left out whole whatever their financial status. */
  readonly cancelledOrders: number;
  readonly attributionRows: number;
  readonly unifiedRows: number;
  readonly inventoryRows: number;
  readonly timingsMs: Readonly<Record<string, number>>;
}

/** What every stage of one pass shares: the brand, its range, the reader and the stage clock. */
export interface PassContext {
  readonly deps: PassDeps;
  readonly ctx: TenantContext;
  readonly brand: Brand;
  readonly brandId: string;
  readonly options: PassOptions;
  /** Today, brand-local; the range ends here unless options.range says otherwise. */
  readonly asOf: LocalDate;
  /** The recomputed range, starting on a Monday. */
  readonly from: LocalDate;
  readonly to: LocalDate;
  readonly windowDays: number;
  readonly chunkDays: number;
  readonly read: PassReader;
  /** Time spent per stage name (summed when a stage runs more than once). */
  readonly timings: Record<string, number>;
  timed<T>(name: string, fn: () => Promise<T> | T): Promise<T>;
}

/** Today (brand-local) and the days a pass with these options recomputes. */
export function passRange(
  clock: Clock,
  brand: Pick<Brand, 'timezone'>,
  options: Pick<PassOptions, 'range' | 'lookbackDays' | 'fit'>,
): { asOf: LocalDate; from: LocalDate; to: LocalDate } {
  const asOf = toLocalDate(clock.now(), brand.timezone);
  const to = options.range?.to ?? asOf;
  const start = options.range?.from ?? addDays(to, -(options.lookbackDays ?? 90));
  // A full pass starts on a Monday so its weekly reconciliation rows are whole; an incremental
  // update writes no weekly rows and rebuilds exactly the days it was given.
  return { asOf, from: options.fit ? start : weekStart(start), to };
}

export function openPass(
  deps: PassDeps,
  ctx: TenantContext,
  brand: Brand,
  options: PassOptions,
): PassContext {
  const timings: Record<string, number> = {};
  const { asOf, from, to } = passRange(deps.clock, brand, options);
  return {
    deps,
    ctx,
    brand,
    brandId: brand.id,
    options,
    asOf,
    from,
    to,
    windowDays: brand.targets.attributionWindowDays,
    chunkDays: options.chunkDays ?? 14,
    read: createPassReader(deps.warehouse, { ctx, brandId: brand.id }),
    timings,
    async timed(name, fn) {
      const t0 = performance.now();
      try {
        return await fn();
      } finally {
        timings[name] = (timings[name] ?? 0) + performance.now() - t0;
      }
    },
  };
}

export const minDate = (a: LocalDate, b: LocalDate) => (a < b ? a : b);
export const maxDate = (a: LocalDate, b: LocalDate) => (a > b ? a : b);
