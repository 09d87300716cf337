import { readFileSync } from 'node:fs';
import type { RateSeries } from '../../shared/domain/ads/fx';
import type { TenantContext } from '../../shared/domain/tenancy';
import type { LocalDate } from '../../shared/domain/time';
import { addDays } from '../../shared/domain/time';
import type { FxRates } from '../../shared/ports/fx-rates';

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

/** A requestAttribution that remembers which brands asked for a pass. */
export function recordingAttribution() {
  const requested: Array<{ tenantId: string; brandId: string }> = [];
  return {
    requested,
    async requestAttribution(ctx: TenantContext, brandId: string) {
      requested.push({ tenantId: ctx.tenantId, brandId });
    },
  };
}
