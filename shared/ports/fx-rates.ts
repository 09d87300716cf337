import type { RateSeries } from '../domain/ads/fx';
import type { LocalDate } from '../domain/time';

/**
 * Dated foreign-exchange reference rates (ECB euro reference rates in production, the sandbox's
 * ECB-format endpoint in the demo and tests). The series covers a few days before `from` so a
 * weekend or holiday at the start of the range still finds its previous fixing.
 * `currencies` are the ones amounts will be converted between (accounts' and the brand's): when
 * they are all one currency, nothing is fetched and the series is empty (crossRate gives 1).
 */
export interface FxRates {
  series(currencies: readonly string[], from: LocalDate, to: LocalDate): Promise<RateSeries>;
}
