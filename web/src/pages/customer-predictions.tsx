import { Fragment } from 'preact';
import type { Customer360Prediction } from '../../../shared/api/schemas/customers';
import type { Format } from '../../../shared/domain/format';
import { INTERVAL_LEVEL } from '../../../shared/domain/phrasing';

/** What the 360's prediction card says: facts when the nightly run predicted, a sentence when not. */
export type PredictionCard =
  | { kind: 'facts'; facts: Array<[string, string]>; footnote: string }
  | { kind: 'message'; message: string };

type Fmt = Pick<Format, 'money' | 'share' | 'probability' | 'decimal' | 'day'>;

/** P(alive) in words a merchant acts on: high churn risk under 40% alive, medium under 70%. */
export function churnRisk(pAlive: number): string {
  return pAlive < 0.4 ? 'high' : pAlive < 0.7 ? 'medium' : 'low';
}

export function predictionCard(p: Customer360Prediction, fmt: Fmt): PredictionCard {
  if (p.status === 'not_computed')
    return {
      kind: 'message',
      message:
        p.reason === 'no_model'
          ? 'Not yet computed: customer analytics have not run for this store yet (they run nightly).'
          : `Not yet computed: this customer had no orders under a store account when the last run looked${p.asOf ? ` (${fmt.day(p.asOf)})` : ''}.`,
    };
  return {
    kind: 'facts',
    facts: [
      ['Segment', p.segmentLabel],
      ['Predicted value, next 365 days', fmt.money(p.value365Minor)],
      [
        `${fmt.share(INTERVAL_LEVEL)} interval`,
        `${fmt.money(p.value365LowMinor)} – ${fmt.money(p.value365HighMinor)}`,
      ],
      ['Expected purchases, next 90 days', fmt.decimal(p.purchases90)],
      // After one order BG/NBD cannot tell a lapsed customer from an active one (P(alive) is 1
      // by construction), so the card does not claim a low risk the segment contradicts.
      ...(p.orders <= 1
        ? ([
            ['Probability still active', 'not measurable after one order'],
            ['Churn risk', 'unknown until a second order; the segment reads how recent the order was'],
          ] as Array<[string, string]>)
        : ([
            ['Probability still active', fmt.probability(p.pAlive)],
            ['Churn risk', `${churnRisk(p.pAlive)} (${fmt.probability(1 - p.pAlive)})`],
          ] as Array<[string, string]>)),
    ],
    footnote: `${p.asOf ? `Nightly run of ${fmt.day(p.asOf)}` : `Model ${p.modelId}`}${
      p.storeCustomers > 1 ? `; from the most recent of ${p.storeCustomers} store accounts` : ''
    }.`,
  };
}

export function PredictionsCard(props: { predictions: Customer360Prediction; fmt: Fmt }) {
  const card = predictionCard(props.predictions, props.fmt);
  return (
    <article class="card">
      <h2>Predictions</h2>
      {card.kind === 'message' ? (
        <p class="muted">{card.message}</p>
      ) : (
        <>
          <dl class="facts">
            {card.facts.map(([label, value]) => (
              <Fragment key={label}>
                <dt>{label}</dt>
                <dd>{value}</dd>
              </Fragment>
            ))}
          </dl>
          <p class="muted small">{card.footnote}</p>
        </>
      )}
    </article>
  );
}
