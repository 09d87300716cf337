import { INTERVAL_LEVEL } from '../../../shared/domain/phrasing';
import { query } from '../api/client';
import { budgetCurvesResponse, recommendationList } from '../api/schemas';
import { useBrand, useServices } from '../context';
import { useResource } from '../hooks/use-resource';
import { href } from '../routes';
import { CurveChart } from './charts/curve-chart';
import { Link } from './link';
import { heldWords, planReason } from './plan-reasons';
import { Async, Empty } from './states';

/**
 * A campaign's response curve on its drilldown: expected daily revenue along daily spend, today's
 * point, the proposed budget and the target-ROAS line, with marginal ROAS and how well the curve
 * fits (GET /api/brands/{brandId}/budget-curves).
 *
 * When an open recommendation sets this campaign's budget, that is the proposal shown — the same
 * budget, and the same "today", as on the Recommendations page — since it also weighs stock and the
 * brand's ROAS target (decision 974). Otherwise the optimiser's split of today's budget is shown,
 * named as such.
 */
export function ResponseCurveCard(props: { campaignId: string; name: string }) {
  const { api } = useServices();
  const { brand, fmt } = useBrand();
  const base = `/api/brands/${encodeURIComponent(brand.id)}`;
  const data = useResource(`curves:${brand.id}`, () =>
    api.get(`${base}/budget-curves`, budgetCurvesResponse),
  );
  const open = useResource(`recs:${brand.id}:open:budgets`, () =>
    api.get(
      `${base}/recommendations${query({ status: 'open', sort_by: 'score', limit: 50 })}`,
      recommendationList,
    ),
  );
  const rec =
    open.status === 'ready'
      ? open.data.recommendations.find(
          (r) => r.change.campaignId === props.campaignId && r.change.proposedDailySpendMinor !== undefined,
        )
      : undefined;
  return (
    <article class="card">
      <h2>Response curve</h2>
      <Async resource={data} label="Fitting the response curve…">
        {(d) => {
          const curve = d.curves.find((c) => c.campaignId === props.campaignId);
          const row = d.rows.find((r) => r.campaignId === props.campaignId);
          if (!curve) {
            const why = d.unfitted.find((u) => u.campaignId === props.campaignId)?.reason;
            return (
              <Empty title="No curve for this campaign yet">
                <p class="muted">{why ?? 'It had no spend in the last two weeks.'}</p>
              </Empty>
            );
          }
          const i = curve.marginalRoasInterval;
          // A curve that does not explain revenue moves no budget (decision 990): no proposal point.
          const held = rec ? null : (row?.heldReason ?? null);
          const proposed = rec
            ? {
                spendMinor: rec.change.proposedDailySpendMinor as number,
                revenueMinor: revenueOnCurve(curve.points, rec.change.proposedDailySpendMinor as number),
              }
            : row && !held
              ? { spendMinor: row.proposedSpendMinor, revenueMinor: row.proposedRevenueMinor }
              : null;
          return (
            <>
              <CurveChart
                title={`${props.name}: expected daily revenue by daily spend`}
                points={curve.points}
                today={{ spendMinor: curve.currentSpendMinor, revenueMinor: curve.currentRevenueMinor }}
                proposed={proposed}
                roasTarget={d.roasTarget}
                weak={held !== null}
                formatMoney={fmt.compactMoney}
                describePoint={(label, p) =>
                  `${label}: ${fmt.money(p.spendMinor)} a day for ${fmt.money(p.revenueMinor)} of revenue`
                }
              />
              <dl class="stats">
                <div class="kpi">
                  <dt class="kpi-label">Marginal ROAS today</dt>
                  <dd class="kpi-value">{fmt.ratio(curve.marginalRoas)}</dd>
                  <dd class="muted">
                    {fmt.share(INTERVAL_LEVEL)} interval {fmt.ratio(i.low)} – {fmt.ratio(i.high)}
                  </dd>
                </div>
                <div class="kpi">
                  <dt class="kpi-label">Half of its ceiling at</dt>
                  <dd class="kpi-value">{fmt.money(curve.halfSaturationMinor)} a day</dd>
                </div>
                {rec ? (
                  <div class="kpi">
                    <dt class="kpi-label">Recommended</dt>
                    <dd class="kpi-value">{fmt.money(rec.change.proposedDailySpendMinor as number)} a day</dd>
                    <dd class="muted">
                      today {fmt.money(rec.change.currentDailySpendMinor ?? curve.currentSpendMinor)} ·{' '}
                      <a href={href('recommendations', { brandId: brand.id })}>see why</a>
                    </dd>
                  </div>
                ) : held ? (
                  <div class="kpi">
                    <dt class="kpi-label">Budget held</dt>
                    <dd class="kpi-value">{fmt.money(curve.currentSpendMinor)} a day</dd>
                    <dd class="muted">not enough signal to move it</dd>
                  </div>
                ) : row ? (
                  <div class="kpi">
                    <dt class="kpi-label">Today’s budget split by the curves</dt>
                    <dd class="kpi-value">{fmt.money(row.proposedSpendMinor)} a day</dd>
                    <dd class="muted">today {fmt.money(curve.currentSpendMinor)}; not a recommendation</dd>
                  </div>
                ) : null}
              </dl>
              {held ? <p>{held}</p> : null}
              {row && !rec && !held ? (
                <p data-plan-reason>{planReason(row, { objective: d.objective, targetRoas: null }, fmt)}.</p>
              ) : null}
              {row && !rec && row.binding === 'stock' ? <p>{heldWords(row, d.restockDays, fmt)}</p> : null}
              <p>
                <Link href={href('budgetPlan', { brandId: brand.id })}>
                  The brand’s budget plan: every campaign, and what it leaves unplaced
                </Link>
              </p>
              <p class="muted">
                Hill saturation curve with carry-over, fitted on {curve.daysUsed} days
                {curve.window ? ` (${fmt.day(curve.window.from)} – ${fmt.day(curve.window.to)})` : ''}
                {curve.daysCensored
                  ? `; ${curve.daysCensored} days left out because its products were out of stock`
                  : ''}
                ; R² {curve.r2.toFixed(2)}
                {curve.pooled ? '; steadied by the brand’s other campaigns' : ''}.
              </p>
            </>
          );
        }}
      </Async>
    </article>
  );
}

/** Expected daily revenue at `spendMinor`, read off the curve's points (linear between two). */
export function revenueOnCurve(
  points: readonly { spendMinor: number; revenueMinor: number }[],
  spendMinor: number,
): number {
  const after = points.findIndex((p) => p.spendMinor >= spendMinor);
  if (after === 0) return points[0]!.revenueMinor;
  if (after < 0) return points.at(-1)?.revenueMinor ?? 0;
  const a = points[after - 1]!;
  const b = points[after]!;
  return Math.round(
    a.revenueMinor +
      ((b.revenueMinor - a.revenueMinor) * (spendMinor - a.spendMinor)) / (b.spendMinor - a.spendMinor),
  );
}
