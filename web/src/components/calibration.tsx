import { z } from 'zod';
import type { Format } from '../../../shared/domain/format';
import { useBrand, useServices } from '../context';
import { useResource } from '../hooks/use-resource';
import { DataTable } from './data-table';
import { Async } from './states';

export const calibrationResponse = z.object({
  currency: z.string(),
  points: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      type: z.string(),
      measure: z.enum(['profit_change', 'spend_avoided']),
      decidedOn: z.string(),
      predictedMinor: z.number(),
      actualMinor: z.number(),
    }),
  ),
  summary: z.object({
    measured: z.number(),
    predictedMinor: z.number(),
    actualMinor: z.number(),
    realisedShare: z.number().nullable(),
    directionRight: z.number(),
    meanAbsoluteErrorMinor: z.number().nullable(),
  }),
});
export type Calibration = z.infer<typeof calibrationResponse>;

const MEASURE = { profit_change: 'profit a week', spend_avoided: 'spend avoided a week' } as const;

/** One sentence a merchant can hold us to: what the accepted advice promised, and what happened. */
export function calibrationSentence(c: Calibration, fmt: Pick<Format, 'money' | 'share'>): string {
  const s = c.summary;
  if (s.measured === 0)
    return 'No accepted recommendation has had its week after yet; once one has, what we predicted and what happened appear here.';
  const share = s.realisedShare === null ? '' : ` (${fmt.share(s.realisedShare)} of the prediction)`;
  return `${s.measured} accepted ${s.measured === 1 ? 'recommendation' : 'recommendations'} measured: we predicted ${fmt.money(s.predictedMinor)} a week, ${fmt.money(s.actualMinor)} happened${share}; ${s.directionRight} of ${s.measured} went the way we said.`;
}

/** The honesty loop on the dashboard: predicted against measured for accepted recommendations. */
export function CalibrationCard() {
  const { api } = useServices();
  const { brand, fmt } = useBrand();
  const calibration = useResource(`calibration:${brand.id}`, () =>
    api.get(`/api/brands/${encodeURIComponent(brand.id)}/recommendations/calibration`, calibrationResponse),
  );
  return (
    <article class="card" aria-labelledby="calibration-title">
      <h2 id="calibration-title">Did our advice work?</h2>
      <Async resource={calibration} label="Loading the track record…">
        {(c) => (
          <>
            <p>{calibrationSentence(c, fmt)}</p>
            {c.points.length > 0 && (
              <DataTable
                caption="Accepted recommendations: predicted against measured"
                rowKey={(p) => p.id}
                rows={c.points.slice(0, 8)}
                columns={[
                  { label: 'Recommendation', cell: (p) => p.title },
                  { label: 'Decided', cell: (p) => fmt.day(p.decidedOn), sortValue: (p) => p.decidedOn },
                  { label: 'Measured as', cell: (p) => MEASURE[p.measure] },
                  {
                    label: 'Predicted',
                    numeric: true,
                    cell: (p) => fmt.money(p.predictedMinor),
                    sortValue: (p) => p.predictedMinor,
                  },
                  {
                    label: 'Happened',
                    numeric: true,
                    cell: (p) => fmt.money(p.actualMinor),
                    sortValue: (p) => p.actualMinor,
                  },
                ]}
              />
            )}
            <p class="muted small">
              Each measured over the 7 days after the decision against the 7 before, in attributed numbers.
            </p>
          </>
        )}
      </Async>
    </article>
  );
}
