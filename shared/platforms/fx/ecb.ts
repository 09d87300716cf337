import { z } from 'zod';
import type { RateSeries } from '../../domain/ads/fx';
import { addDays, isLocalDate, type LocalDate } from '../../domain/time';
import type { Config } from '../../kernel/config';
import { UpstreamError } from '../../kernel/errors';
import { createHttpClient, type HttpClient } from '../../kernel/http';
import type { Logger } from '../../kernel/logging/logger';
import { parseCsv } from '../../kernel/util/csv';
import type { FxRates } from '../../ports/fx-rates';

/**
 * ECB euro foreign exchange reference rates from the ECB Data Portal (SDMX REST, `csvdata`):
 * `EXR/D.USD+GBP.EUR.SP00.A` = daily spot rates, units of currency per 1 EUR, published around
 * 16:00 CET on TARGET business days. Free, no key, the reference most accountants accept.
 * The sandboxes serve the same path and CSV shape.
 */
export const ECB_DATA_API = 'https://data-api.ecb.europa.eu/service/data';

const rowSchema = z.object({
  CURRENCY: z.string().regex(/^[A-Z]{3}$/),
  CURRENCY_DENOM: z.literal('EUR'),
  TIME_PERIOD: z.string().refine(isLocalDate, 'YYYY-MM-DD'),
  OBS_VALUE: z.coerce.number().positive(),
});

/** Leading days fetched before `from` so a range starting on a holiday finds its fixing. */
const LEAD_DAYS = 7;

export function createEcbFxRates(deps: { http: HttpClient; baseUrl?: string }): FxRates {
  const base = (deps.baseUrl ?? ECB_DATA_API).replace(/\/$/, '');
  const cache = new Map<string, Promise<RateSeries>>();

  async function fetchSeries(currencies: string[], from: LocalDate, to: LocalDate): Promise<RateSeries> {
    const fixings = new Map<string, Map<LocalDate, number>>();
    if (currencies.length === 0) return { base: 'EUR', fixings };
    const url = `${base}/EXR/D.${currencies.join('+')}.EUR.SP00.A?startPeriod=${addDays(from, -LEAD_DAYS)}&endPeriod=${to}&format=csvdata`;
    const res = await deps.http.request<unknown>({ url, headers: { accept: 'text/csv' } });
    if (typeof res.body !== 'string') throw new UpstreamError('ECB answered without CSV');
    const [header, ...records] = parseCsv(res.body);
    const names = (header ?? []).map((c) => c.value);
    for (const record of records) {
      const parsed = rowSchema.safeParse(Object.fromEntries(names.map((n, i) => [n, record[i]?.value])));
      if (!parsed.success)
        throw new UpstreamError(`ECB rates line ${record[0]?.line}: ${parsed.error.issues[0]?.message}`);
      const r = parsed.data;
      const days = fixings.get(r.CURRENCY) ?? new Map<LocalDate, number>();
      days.set(r.TIME_PERIOD as LocalDate, r.OBS_VALUE);
      fixings.set(r.CURRENCY, days);
    }
    return { base: 'EUR', fixings };
  }

  return {
    series(currencies, from, to) {
      const wanted = [...new Set(currencies.map((c) => c.toUpperCase()))].filter((c) => c !== 'EUR').sort();
      const key = `${wanted.join('+')}|${from}|${to}`;
      let hit = cache.get(key);
      if (!hit) {
        hit = fetchSeries(wanted, from, to);
        // A failed fetch is not cached: the next sync tries again.
        hit.catch(() => cache.delete(key));
        cache.set(key, hit);
      }
      return hit;
    },
  };
}

/** The reference-rate source the composition roots use: ECB (or its sandbox) per configuration. */
export function createConfiguredFxRates(deps: {
  config: Pick<Config, 'PULSEPOINT_FX_RATES_URL'>;
  fetch: typeof fetch;
  logger: Logger;
}): FxRates {
  return createEcbFxRates({
    http: createHttpClient({ fetch: deps.fetch, logger: deps.logger }),
    baseUrl: deps.config.PULSEPOINT_FX_RATES_URL,
  });
}
