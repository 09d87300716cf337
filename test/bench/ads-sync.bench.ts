import { SANDBOX_CREDENTIALS } from '../../infra/sandbox/ads';
import { AD_ACCOUNTS } from '../../infra/sandbox/world';
import { AD_PLATFORMS } from '../../shared/domain/entities';
import { addDays, type LocalDate } from '../../shared/domain/time';
import { AD_CONNECTORS } from '../../shared/platforms/ads/session';
import { startAdsWorld } from '../e2e/ads-fixture';
import type { Benchmark } from './run';

const END = '2026-03-10' as LocalDate;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * A 28-day ad sync of all three platforms against the sandboxes, end to end (read, FX, normalize,
 * warehouse replace, integration and sync-run updates), against the baseline of only reading and
 * parsing the same platform reports. The ratio is what Pulsepoint adds on top of the API reads.
 */
export const bench: Benchmark = {
  name: 'ads sync (28 days, 3 platforms)',
  async run() {
    const world = await startAdsWorld({ endDate: END });
    try {
      const readOnly = async () => {
        const started = performance.now();
        for (const platform of AD_PLATFORMS) {
          const connector = AD_CONNECTORS[platform]({
            fetch,
            credentials: SANDBOX_CREDENTIALS[platform],
            baseUrl: world.sandboxes.urls[platform],
            pollIntervalMs: 1,
          });
          const account = await connector.account(AD_ACCOUNTS[platform].accountId);
          await connector.report(account, addDays(END, -27), END);
          await connector.campaigns(account);
        }
        return performance.now() - started;
      };
      const fullSync = async () => {
        const started = performance.now();
        for (const platform of AD_PLATFORMS) await world.sync(platform);
        return performance.now() - started;
      };
      await fullSync(); // warm-up: DuckDB schema, JIT
      const base: number[] = [];
      const subject: number[] = [];
      for (let i = 0; i < 5; i++) {
        base.push(await readOnly());
        subject.push(await fullSync());
      }
      const s = median(subject);
      const b = median(base);
      return [
        {
          name: 'full sync',
          value: s,
          unit: 'ms',
          ratio: s / b,
          baseline: 'reading the reports only',
          target: '< 3×',
        },
      ];
    } finally {
      await world.close();
    }
  },
};
