import { budgetCurvesResponse } from '../api/schemas';
import { useBrand, useServices } from '../context';
import { useResource } from '../hooks/use-resource';
import { CurveChart } from './charts/curve-chart';
import { Async, Empty } from './states';

/**
 * A campaign's response curve on its drilldown: expected daily revenue along daily spend, today's
 * point, the optimiser's proposal and the target-ROAS line, with marginal ROAS and how well the
 * curve fits (GET /api/brands/{brandId}/budget-curves).
 */
export function ResponseCurveCard(props: { campaignId: string; name: string }) {
  const { api } = useServices();
  const { brand, fmt } = useBrand();
  const data = useResource(`curves:${brand.id}`, () =>
    api.get(`/api/brands/${encodeURIComponent(brand.id)}/budget-curves`, budgetCurvesResponse),
  );
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
          const held = row?.heldReason ?? null;
          return (
            <>
              <CurveChart
                title={`${props.name}: expected daily revenue by daily spend`}
                points={curve.points}
                today={{ spendMinor: curve.currentSpendMinor, revenueMinor: curve.currentRevenueMinor }}
                proposed={
                  row && !held
                    ? { spendMinor: row.proposedSpendMinor, revenueMinor: row.proposedRevenueMinor }
                    : null
                }
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
                    80 % interval {fmt.ratio(i.low)} – {fmt.ratio(i.high)}
                  </dd>
                </div>
                <div class="kpi">
                  <dt class="kpi-label">Half of its ceiling at</dt>
                  <dd class="kpi-value">{fmt.money(curve.halfSaturationMinor)} a day</dd>
                </div>
                {held ? (
                  <div class="kpi">
                    <dt class="kpi-label">Budget held</dt>
                    <dd class="kpi-value">{fmt.money(curve.currentSpendMinor)} a day</dd>
                    <dd class="muted">not enough signal to move it</dd>
                  </div>
                ) : row ? (
                  <div class="kpi">
                    <dt class="kpi-label">Optimiser proposes</dt>
                    <dd class="kpi-value">{fmt.money(row.proposedSpendMinor)} a day</dd>
                    <dd class="muted">today {fmt.money(curve.currentSpendMinor)}</dd>
                  </div>
                ) : null}
              </dl>
              {held ? <p>{held}</p> : null}
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
