import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Context, Hono, MiddlewareHandler } from 'hono';
import type { AdPlatform } from '../../../shared/domain/entities';
import { addDays, eachDay, isoWeekday, type LocalDate } from '../../../shared/domain/time';
import { usdPer } from '../world';
import { createCampaignSettings } from './facts';
import { createFaultInjector, type FaultInjector, type FaultKind, type FaultPlan } from './faults';

/** Listens on 127.0.0.1 (an OS-assigned port unless one is given) and returns how to reach and stop it. */
export async function listen(app: Hono, port = 0): Promise<{ url: string; close(): Promise<void> }> {
  const server = serve({ fetch: app.fetch, port, hostname: '127.0.0.1' });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', () => resolve());
    server.once('error', reject);
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        // Hung fault responses would keep the server open; drop their sockets.
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

/** Access tokens the sandbox accepts; `expireAll` makes the current ones fail like an expired token. */
export function createTokenBook(prefix: string, initial: string) {
  const valid = new Set([initial]);
  let issued = 0;
  return {
    accepts: (token: string | undefined) => token !== undefined && valid.has(token),
    expireAll: () => valid.clear(),
    issue(): string {
      const token = `${prefix}-${++issued}-${Math.random().toString(36).slice(2, 10)}`;
      valid.add(token);
      return token;
    },
    get refreshes() {
      return issued;
    },
  };
}
export type TokenBook = ReturnType<typeof createTokenBook>;

/**
 * Applies the fault plan before the platform routes. `render` turns a throttle or server error into
 * the platform's own wire shape; timeouts hang and bad pages send truncated JSON.
 */
export function faultMiddleware(
  faults: FaultInjector,
  render: (c: Context, kind: Extract<FaultKind, 'throttle' | 'server_error'>) => Response,
): MiddlewareHandler {
  return async function injectFaults(c, next) {
    const kind = faults.next();
    if (kind === 'throttle' || kind === 'server_error') return render(c, kind);
    if (kind === 'timeout') await new Promise((r) => setTimeout(r, faults.hangMs));
    if (kind === 'bad_page')
      return c.body('{"data": [{"campaign_id": "12', 200, { 'content-type': 'application/json' });
    await next();
  };
}

/**
 * The ECB Data Portal's `EXR` series in `csvdata` form (units of currency per 1 EUR, business days
 * only), derived from the world's dated USD rates, so the FX connector runs unchanged against it.
 */
export function ecbRatesCsv(currencies: readonly string[], from: LocalDate, to: LocalDate): string {
  const lines = ['KEY,FREQ,CURRENCY,CURRENCY_DENOM,EXR_TYPE,EXR_SUFFIX,TIME_PERIOD,OBS_VALUE,TITLE'];
  for (const currency of currencies) {
    for (const day of eachDay(from, to)) {
      if (isoWeekday(day) >= 5) continue;
      const perEur = usdPer('EUR', day) / usdPer(currency, day);
      lines.push(
        `EXR.D.${currency}.EUR.SP00.A,D,${currency},EUR,SP00,A,${day},${perEur},"${currency}/EUR, reference rate"`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

/** The fixing a day converts with: that day's, or the latest business day before it (ECB convention). */
export function sandboxFixingDay(date: LocalDate): LocalDate {
  let d = date;
  while (isoWeekday(d) >= 5) d = addDays(d, -1);
  return d;
}

export function mountEcbRates(app: Hono): void {
  app.get('/service/data/EXR/:key', (c) => {
    const m = /^D\.([A-Z+]+)\.EUR\.SP00\.A$/.exec(c.req.param('key'));
    const from = c.req.query('startPeriod');
    const to = c.req.query('endPeriod');
    if (!m || !from || !to) return c.text('Bad request', 400);
    return c.body(ecbRatesCsv(m[1]!.split('+'), from as LocalDate, to as LocalDate), 200, {
      'content-type': 'text/csv',
    });
  });
}

export interface SandboxOptions {
  port?: number;
  /** The last (account-local) day with data; recent days are restated as it moves. */
  endDate: string;
  faults?: FaultPlan;
}

/**
 * What every ad sandbox keeps in memory: the day it reports as of, its fault plan, the tokens it
 * accepts and its campaigns' live settings; `serve` starts the app and hands tests the handles.
 */
export function createSandboxState(platform: AdPlatform, options: SandboxOptions, initialToken: string) {
  let asOf = options.endDate as LocalDate;
  const faults = createFaultInjector(options.faults);
  const tokens = createTokenBook(platform, initialToken);
  const settings = createCampaignSettings(platform);
  return {
    faults,
    tokens,
    settings,
    asOf: () => asOf,
    async serve(app: Hono) {
      const server = await listen(app, options.port);
      return {
        ...server,
        faults: faults.injected,
        tokens,
        settings,
        setEndDate(date: string) {
          asOf = date as LocalDate;
        },
      };
    },
  };
}
