import { describe, expect, it } from 'vitest';
import { crossRate } from '../../domain/ads/fx';
import type { LocalDate } from '../../domain/time';
import { UpstreamError } from '../../kernel/errors';
import { createHttpClient } from '../../kernel/http';
import { createEcbFxRates } from './ecb';

/** The ECB Data Portal's csvdata shape (TITLE is quoted and contains commas). */
const ECB_CSV = `KEY,FREQ,CURRENCY,CURRENCY_DENOM,EXR_TYPE,EXR_SUFFIX,TIME_PERIOD,OBS_VALUE,OBS_STATUS,TITLE
EXR.D.USD.EUR.SP00.A,D,USD,EUR,SP00,A,2026-03-06,1.0841,A,"US dollar/Euro, reference rate"
EXR.D.USD.EUR.SP00.A,D,USD,EUR,SP00,A,2026-03-09,1.0856,A,"US dollar/Euro, reference rate"
EXR.D.GBP.EUR.SP00.A,D,GBP,EUR,SP00,A,2026-03-06,0.8402,A,"UK pound sterling/Euro, reference rate"
`;

function stubFetch(body: string) {
  const urls: string[] = [];
  const fetch = (async (url: string) => {
    urls.push(url);
    return new Response(body, { headers: { 'content-type': 'text/csv' } });
  }) as unknown as typeof globalThis.fetch;
  return { fetch, urls };
}
const d = (s: string) => s as LocalDate;

describe('ECB reference rates', () => {
  it('asks for the daily EXR series of every currency, from a week before the range', async () => {
    const stub = stubFetch(ECB_CSV);
    const fx = createEcbFxRates({
      http: createHttpClient({ fetch: stub.fetch }),
      baseUrl: 'https://ecb.test/service/data',
    });
    await fx.series(['usd', 'GBP', 'EUR'], d('2026-03-08'), d('2026-03-09'));
    expect(stub.urls).toEqual([
      'https://ecb.test/service/data/EXR/D.GBP+USD.EUR.SP00.A?startPeriod=2026-03-01&endPeriod=2026-03-09&format=csvdata',
    ]);
  });

  it('parses fixings so cross rates and weekend fills work', async () => {
    const fx = createEcbFxRates({ http: createHttpClient({ fetch: stubFetch(ECB_CSV).fetch }) });
    const series = await fx.series(['USD', 'GBP'], d('2026-03-06'), d('2026-03-09'));
    expect(crossRate(series, 'EUR', 'USD', d('2026-03-08'))).toBe(1.0841);
    expect(crossRate(series, 'GBP', 'USD', d('2026-03-06'))).toBeCloseTo(1.0841 / 0.8402, 12);
  });

  it('reads each range once', async () => {
    const stub = stubFetch(ECB_CSV);
    const fx = createEcbFxRates({ http: createHttpClient({ fetch: stub.fetch }) });
    await Promise.all([
      fx.series(['USD'], d('2026-03-06'), d('2026-03-09')),
      fx.series(['USD'], d('2026-03-06'), d('2026-03-09')),
    ]);
    expect(stub.urls).toHaveLength(1);
  });

  it('rejects a row it cannot read instead of guessing a rate', async () => {
    const bad = `${ECB_CSV}EXR.D.JPY.EUR.SP00.A,D,JPY,EUR,SP00,A,2026-03-06,NaN,A,x\n`;
    const fx = createEcbFxRates({ http: createHttpClient({ fetch: stubFetch(bad).fetch }) });
    await expect(fx.series(['JPY'], d('2026-03-06'), d('2026-03-09'))).rejects.toThrow(UpstreamError);
  });
});
