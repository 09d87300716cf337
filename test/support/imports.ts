import { readFileSync } from 'node:fs';
import { afterEach } from 'vitest';
import type { RateSeries } from '../../shared/domain/ads/fx';
import type { TenantContext } from '../../shared/domain/tenancy';
import type { LocalDate } from '../../shared/domain/time';
import { addDays } from '../../shared/domain/time';
import { createExportedConsentRecorder } from '../../shared/engagement/consent';
import { createImportService } from '../../shared/platforms/imports/service';
import type { ImportRequest } from '../../shared/platforms/imports/types';
import type { FxRates } from '../../shared/ports/fx-rates';
import { createTestApi } from './api';

/** Test helpers for imports: the documented fixtures, a fixed FX series, a recorded attribution request. */
const FIXTURES = new URL('../fixtures/imports/', import.meta.url);

/** A fixture file as an upload: its base name and its text. */
export function fixture(path: string): { name: string; content: string } {
  return { name: path.split('/').pop()!, content: readFileSync(new URL(path, FIXTURES), 'utf8') };
}

/** ECB-style rates (units per 1 EUR), the same every day: `{ USD: 1.1 }`. */
export function fixedFxRates(perEur: Record<string, number>): FxRates {
  return {
    async series(currencies, from, to): Promise<RateSeries> {
      const fixings = new Map<string, Map<LocalDate, number>>();
      for (const c of currencies) {
        if (c === 'EUR' || perEur[c] === undefined) continue;
        const days = new Map<LocalDate, number>();
        for (let d = addDays(from, -7); d <= to; d = addDays(d, 1)) days.set(d, perEur[c]);
        fixings.set(c, days);
      }
      return { base: 'EUR', fixings };
    },
  };
}

/**
 * A requestAttribution that remembers which brands asked for a pass, and from which day, and a
 * requestCustomersRefresh that remembers which brands asked for their customers refresh.
 */
export function recordingAttribution() {
  const requested: Array<{ tenantId: string; brandId: string; from?: string }> = [];
  const customersRefreshed: Array<{ tenantId: string; brandId: string }> = [];
  return {
    requested,
    customersRefreshed,
    async requestAttribution(ctx: TenantContext, brandId: string, from?: string) {
      requested.push({ tenantId: ctx.tenantId, brandId, ...(from ? { from } : {}) });
    },
    async requestCustomersRefresh(ctx: TenantContext, brandId: string) {
      customersRefreshed.push({ tenantId: ctx.tenantId, brandId });
    },
  };
}

/** USD per EUR in `importTestbed`'s fixed rates. */
export const TESTBED_USD_PER_EUR = 1.1;

/**
 * A brand `b1` of tenant `t1` (USD, New York) over real embedded backends, the import service on
 * fixed FX rates, and helpers to read the warehouse. Call `close()` when done.
 */
export async function importTestbed() {
  const api = await createTestApi({ now: '2026-04-20T12:00:00Z' });
  const ctx = await api.seedTenant('t1', [{ id: 'b1' }]);
  await api.deps.warehouse.ensureTenant(ctx);
  const attribution = recordingAttribution();
  const service = createImportService({
    ...api.deps,
    requestAttribution: attribution.requestAttribution,
    requestCustomersRefresh: attribution.requestCustomersRefresh,
    recordExportedConsents: createExportedConsentRecorder(api.deps),
    fxRates: fixedFxRates({ USD: TESTBED_USD_PER_EUR }),
  });
  const query = <T>(sql: string) => api.deps.warehouse.query<T>(ctx, sql);
  return {
    api,
    ctx,
    attribution,
    run: (request: ImportRequest) => service.run(ctx, 'b1', request),
    preview: (request: ImportRequest) => service.preview(ctx, 'b1', request),
    query,
    count: async (table: string) =>
      (await query<{ n: number }>(`SELECT COUNT(*) AS n FROM {{${table}}}`))[0]!.n,
    close: () => api.embedded.close(100),
  };
}

/** For a test file: a function that opens a fresh test bed per call, each closed after its test. */
export function importTestbeds() {
  const open: Array<{ close(): Promise<void> }> = [];
  afterEach(async () => {
    for (const bed of open.splice(0)) await bed.close();
  });
  return async () => {
    const bed = await importTestbed();
    open.push(bed);
    return bed;
  };
}
