/**
 * Diagnostic (issue 15, decision 996): where does the demo's spend → revenue signal get lost?
 * Per campaign, R² of the Hill-with-adstock fit on
 *   (a) the planted expected conversions (response.ts, no noise),
 *   (b) the generated orders the generator meant for the campaign (count, then order revenue),
 *   (b') those orders as a last touch would credit them (UTM of the last visit, else its code),
 *   (c) with `--full`: attributed revenue as the product stores it (npm start's demo: sandboxes,
 *       real syncs, the real attribution pass) and the R² the budget plan itself gets.
 * Run: `npx tsx test/diagnostics/demo-curves.ts [--full] [--end YYYY-MM-DD]`; `--sweep` counts the
 * campaigns whose (b') fit reaches R² 0.3 over ten end dates, `--sweep --from YYYY-MM-DD [--count N]`
 * over N (30) consecutive end dates from that day.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { campaignSpendUsdMinor, dailyConversions } from '../../infra/sandbox/response';
import { generateShopifyStore } from '../../infra/sandbox/shopify/generate';
import { CAMPAIGNS, isStockedOut, STORE } from '../../infra/sandbox/world';
import { type CurveDay, fitHillCurve } from '../../shared/domain/curves';
import { addDays, type LocalDate, toLocalDate } from '../../shared/domain/time';

const args = process.argv.slice(2);
const full = args.includes('--full');
const endArg = args.indexOf('--end');
const argAfter = (flag: string) => {
  const i = args.indexOf(flag);
  return i >= 0 ? args[i + 1] : undefined;
};
const DAYS = 91;

function r2(spend: number[], y: number[], censored: boolean[] = []): number {
  const days: CurveDay[] = spend.map((s, i) => ({
    spendMinor: s,
    revenueMinor: y[i]!,
    censored: censored[i] ?? false,
  }));
  const fit = fitHillCurve(days);
  return fit.ok ? fit.curve.quality.r2 : Number.NaN;
}
const f = (x: number) => (Number.isNaN(x) ? '  —  ' : x.toFixed(3).padStart(6));
const cv = (xs: number[]) => {
  const m = xs.reduce((s, x) => s + x, 0) / xs.length;
  return Math.sqrt(xs.reduce((s, x) => s + (x - m) ** 2, 0) / xs.length) / m;
};

export function generatorSeries(endDate: LocalDate) {
  const store = generateShopifyStore({ endDate });
  const dates = Array.from({ length: DAYS }, (_, i) => addDays(endDate, -(DAYS - 1 - i)));
  const index = new Map(dates.map((d, i) => [d, i]));
  const byNative = new Map(CAMPAIGNS.map((c) => [c.nativeId, c.id]));
  const code: Record<string, string> = { FB15: CAMPAIGNS[1]!.id, TT10: CAMPAIGNS[4]!.id };
  const rows = CAMPAIGNS.map((c) => ({
    campaign: c,
    spend: dates.map((d) => campaignSpendUsdMinor(c, d, endDate)),
    expected: dates.map((d) => dailyConversions(c, d, endDate)),
    censored: dates.map(
      (d) => c.promotedSkus.length > 0 && c.promotedSkus.every((k) => isStockedOut(k, d, endDate)),
    ),
    orders: dates.map(() => 0),
    revenue: dates.map(() => 0),
    lastTouch: dates.map(() => 0),
    values: [] as number[],
  }));
  const byId = new Map(rows.map((r) => [r.campaign.id, r]));
  for (const o of store.orders) {
    const i = index.get(o.date);
    if (i === undefined || o.cancelledAt) continue;
    const meant = o.campaignId ? byId.get(o.campaignId) : undefined;
    if (meant) {
      meant.orders[i]! += 1;
      meant.revenue[i]! += o.totalMinor;
      meant.values.push(o.totalMinor);
    }
    const utm = o.journey?.lastVisit.utm?.campaign;
    const credited = (utm && byNative.get(utm)) || o.discountCodes.map((k) => code[k]).find(Boolean);
    if (credited) byId.get(credited)!.lastTouch[i]! += o.totalMinor;
  }
  return { dates, rows };
}

async function productSeries(endDate: LocalDate) {
  const { startLocalRuntime } = await import('../../infra/local/runtime');
  const { loadConfig } = await import('../../shared/kernel/config');
  const { createAttributeJob } = await import('../../shared/attribution/attribute-job');
  const { systemContext } = await import('../../shared/domain/tenancy');
  const { loadBrandWindow } = await import('../../shared/attribution/brand-window');
  const { createPerformanceQueries } = await import('../../shared/reporting/read-model/performance-queries');
  const { allocationInputs } = await import('../../shared/domain/recommendations/budget-plan');
  const dir = mkdtempSync(join(tmpdir(), 'pp-diag-'));
  const runtime = await startLocalRuntime(
    loadConfig({ PULSEPOINT_DATA_DIR: dir, LOG_LEVEL: 'ERROR', PORT: process.env.PORT ?? '18150' }),
    { webDist: join(dir, 'no-web') },
  );
  try {
    const { deps } = runtime.embedded;
    const ctx = systemContext('demo', 'diag');
    const started = Date.now();
    for (;;) {
      const all = await deps.store.integrations.list(ctx, 'demo-brand');
      if (
        ['shopify', 'meta', 'tiktok', 'google_ads'].every((p) =>
          all.some((i) => i.platform === p && i.lastSyncAt),
        )
      )
        break;
      if (Date.now() - started > 900_000) throw new Error('backfills timed out');
      await new Promise((r) => setTimeout(r, 2_000));
    }
    await createAttributeJob(deps).runPass({
      tenantId: 'demo',
      brandId: 'demo-brand',
      idempotencyKey: 'diag',
    });
    const brand = (await deps.store.brands.get(ctx, 'demo-brand'))!;
    const queries = createPerformanceQueries(deps.warehouse);
    const latest = (await queries.latestDate(ctx, brand.id, brand.targets.attributionModel))!;
    if (latest !== endDate) console.log(`note: warehouse ends ${latest}, generator ${endDate}`);
    // The days the recommend job and the budget curves judge (decision 977).
    const { reportingDay, stockDay } = await import('../../shared/domain/reporting/judged-window');
    const { toLocalDate } = await import('../../shared/domain/time');
    const today = toLocalDate(deps.clock.now(), brand.timezone);
    const asOf = reportingDay(latest, today)!;
    const window = await loadBrandWindow(
      { store: deps.store, queries },
      ctx,
      brand,
      asOf,
      stockDay({ judged: asOf, passTo: today, today }),
    );
    const { campaigns, fitted } = allocationInputs(window.recommendations);
    const out = new Map<string, { days: readonly CurveDay[]; planR2: number | null; held: boolean }>();
    for (const c of window.recommendations.campaigns) {
      const fc = fitted.get(c.campaignId);
      out.set(c.campaignId, {
        days: c.daily,
        planR2: fc ? fc.curve.quality.r2 : null,
        held: campaigns.find((a) => a.id === c.campaignId)?.heldReason != null,
      });
    }
    const { planBudget } = await import('../../shared/domain/recommendations/budget-plan');
    for (const [id, p] of planBudget(window.recommendations))
      console.log(
        `  job plan ${id.padEnd(34)} ${(p.currentDailyMinor / 100).toFixed(2)} → ${(p.row.proposedSpendMinor / 100).toFixed(2)} ${p.row.binding} mROAS ${p.row.marginalRoas.toFixed(2)} shape ${p.curve.params.shape.toFixed(2)}`,
      );
    const { createBudgetCurves } = await import('../../shared/recommendations/budget-curves');
    const plan = await createBudgetCurves(deps)(ctx, brand);
    console.log(
      `plan: today $${(plan.todayBudgetMinor / 100).toFixed(2)}/day, allocated $${(plan.allocatedMinor / 100).toFixed(2)}; ${plan.note ?? ''}`,
    );
    for (const r of plan.rows)
      console.log(
        `  ${r.campaignName.padEnd(32)} $${(r.currentSpendMinor / 100).toFixed(2).padStart(8)} → $${(r.proposedSpendMinor / 100).toFixed(2).padStart(8)} ${r.binding}`,
      );
    console.log('  totals', JSON.stringify(plan.totals));
    return out;
  } finally {
    await runtime.close(1_000);
    rmSync(dir, { recursive: true, force: true });
  }
}

function vf(r: { orders: number[]; revenue: number[]; values: number[] }) {
  const v = r.values;
  const m = v.reduce((s, x) => s + x, 0) / v.length;
  return v.reduce((s, x) => s + x * x, 0) / v.length / (m * m);
}
async function main() {
  if (args.includes('--sweep')) {
    const from = argAfter('--from') as LocalDate | undefined;
    const count = Number(argAfter('--count') ?? 30);
    const ends = from
      ? Array.from({ length: count }, (_, i) => addDays(from, i))
      : [
          '2026-03-31',
          '2026-05-10',
          '2026-06-15',
          '2026-08-01',
          '2026-09-20',
          '2026-11-20',
          '2026-12-05',
          '2026-12-06',
          '2026-12-13',
          '2027-01-20',
        ];
    const held = new Map<string, number>();
    const counts: number[] = [];
    for (const e of ends) {
      const { rows } = generatorSeries(e as LocalDate);
      let n = 0;
      for (const r of rows) {
        const v = r2(r.spend, r.lastTouch, r.censored);
        if (v >= 0.3) n++;
        else held.set(r.campaign.name, (held.get(r.campaign.name) ?? 0) + 1);
      }
      counts.push(n);
      if (from) console.log(`  ${e}: ${n}`);
    }
    const lam =
      generatorSeries('2026-12-05' as LocalDate).rows.reduce(
        (s, r) => s + r.expected.reduce((a, b) => a + b, 0),
        0,
      ) / DAYS;
    console.log(
      `qualifying per end date: ${counts.join(' ')} (min ${Math.min(...counts)}); campaign orders/day ${lam.toFixed(1)}`,
    );
    for (const r of generatorSeries('2026-12-05' as LocalDate).rows) {
      const sp = r.spend.slice(-28).reduce((a, b) => a + b, 0),
        rv = r.lastTouch.slice(-28).reduce((a, b) => a + b, 0);
      console.log(
        `  ${r.campaign.name.padEnd(32)} ROAS(28d) ${(rv / sp).toFixed(2)}  spend/day $${(sp / 2800).toFixed(0)}`,
      );
    }
    console.log('held how often:', [...held].map(([k, v]) => `${k} ${v}`).join(', '));
    return;
  }
  const endDate = (
    endArg >= 0 ? args[endArg + 1] : addDays(toLocalDate(new Date(), STORE.timezone), -1)
  ) as LocalDate;
  const t0 = Date.now();
  const { rows } = generatorSeries(endDate);
  const product = full ? await productSeries(endDate) : undefined;
  console.log(`demo world ending ${endDate}, last ${DAYS} days (generated in ${Date.now() - t0} ms)`);
  console.log(
    "campaign                          λ/day  cv(λ) 1/√λ cvS  v²/v | R² (a)plant (b)orders (b)revenue (b')lastTouch | (c)attributed (c)plan held",
  );
  for (const r of rows) {
    const mean = r.expected.reduce((s, x) => s + x, 0) / r.expected.length;
    const p = product?.get(r.campaign.id);
    const attributed = p
      ? r2(
          p.days.map((d) => d.spendMinor),
          p.days.map((d) => d.revenueMinor),
        )
      : Number.NaN;
    console.log(
      `${r.campaign.name.padEnd(32)} ${mean.toFixed(2).padStart(6)} ${cv(r.expected).toFixed(2).padStart(5)} ${(1 / Math.sqrt(mean)).toFixed(2).padStart(5)} ${cv(r.spend).toFixed(2)} ${vf(r).toFixed(2)} |` +
        `   ${f(r2(r.spend, r.expected))}    ${f(r2(r.spend, r.orders, r.censored))}    ${f(r2(r.spend, r.revenue, r.censored))}     ${f(r2(r.spend, r.lastTouch, r.censored))}     |` +
        `   ${f(attributed)}  ${f(p?.planR2 ?? Number.NaN)} ${p ? (p.held ? 'held' : 'moves') : ''}`,
    );
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
