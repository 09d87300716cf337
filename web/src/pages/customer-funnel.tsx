import { useState } from 'preact/hooks';
import { type FunnelResponse, funnelResponseSchema } from '../../../shared/api/schemas/customers';
import type { FunnelStepResult } from '../../../shared/domain/customers/funnels';
import type { Format } from '../../../shared/domain/format';
import { DataTable } from '../components/data-table';
import { Async, Empty } from '../components/states';
import { useBrand, useServices } from '../context';
import { useResource } from '../hooks/use-resource';
import { humanize, platformLabel } from '../labels';

const WINDOWS = [1, 7, 30] as const;

/** One bar of the funnel as a merchant reads it: "1,204 visitors · 38.2 % of the step before". */
export interface FunnelBar {
  label: string;
  visitors: string;
  /** Width of the bar, as a share of the visitors who entered (0–1). */
  width: number;
  note: string;
}

export function funnelBars(
  steps: readonly FunnelStepResult[],
  fmt: Pick<Format, 'integer' | 'share'>,
): FunnelBar[] {
  return steps.map((s, k) => ({
    label: s.label,
    visitors: `${fmt.integer(s.visitors)} ${s.visitors === 1 ? 'visitor' : 'visitors'}`,
    width: s.conversionFromStart ?? (k === 0 && s.visitors > 0 ? 1 : 0),
    note:
      k === 0
        ? 'entered'
        : s.conversionFromPrevious === null
          ? 'nobody reached the step before'
          : `${fmt.share(s.conversionFromPrevious)} of the step before`,
  }));
}

/** A channel id in words: ad platforms by their names, the rest as words ("Organic social"). */
export const funnelChannelLabel = (channel: string) => {
  const label = platformLabel(channel);
  return label === channel ? humanize(channel) : label;
};

/** The storefront conversion funnel of the last 30 days, by the channel visitors came from. */
export function FunnelSection() {
  const { api } = useServices();
  const { brand, fmt } = useBrand();
  const [windowDays, setWindowDays] = useState<number>(7);
  const base = `/api/brands/${encodeURIComponent(brand.id)}/customer-analytics`;
  const funnel = useResource(`funnel:${brand.id}:${windowDays}`, () =>
    api.get(`${base}/funnel?window_days=${windowDays}`, funnelResponseSchema),
  );
  return (
    <>
      <h2 id="funnel-title">Conversion funnel (last 30 days)</h2>
      <label class="field inline">
        <span>Each step within</span>
        <select
          value={String(windowDays)}
          onChange={(e) => setWindowDays(Number((e.target as HTMLSelectElement).value))}
        >
          {WINDOWS.map((w) => (
            <option key={w} value={String(w)}>
              {w === 1 ? '1 day' : `${w} days`} of the visit
            </option>
          ))}
        </select>
      </label>
      <Async resource={funnel} label="Loading the funnel…">
        {(f) =>
          (f.steps[0]?.visitors ?? 0) === 0 ? (
            <Empty title="No storefront visits in the last 30 days.">
              <p>The funnel is read from the web pixel's events: create a write key and install the pixel.</p>
            </Empty>
          ) : (
            <FunnelView data={f} fmt={fmt} />
          )
        }
      </Async>
    </>
  );
}

function FunnelView(props: { data: FunnelResponse; fmt: Format }) {
  const { data, fmt } = props;
  const later = data.steps.slice(1);
  return (
    <>
      <p class="muted small">
        Visitors (browsers) from {fmt.day(data.period.from)} to {fmt.day(data.period.to)}, each counted once
        at the furthest step they reached in order within{' '}
        {data.windowDays === 1 ? '1 day' : `${data.windowDays} days`} of a visit. Visitors of the last{' '}
        {data.windowDays === 1 ? 'day' : `${data.windowDays} days`} may still go further.
      </p>
      <ol class="meters funnel" aria-labelledby="funnel-title">
        {funnelBars(data.steps, fmt).map((b) => (
          <li key={b.label}>
            <div class="meter-head">
              <span>{b.label}</span>
              <span>
                <strong>{b.visitors}</strong> <span class="muted small">{b.note}</span>
              </span>
            </div>
            <div class="funnel-track">
              <div class="funnel-bar" style={{ width: `${(b.width * 100).toFixed(1)}%` }} />
            </div>
          </li>
        ))}
      </ol>
      <p class="muted small">
        By where each visitor came from (the landing page's campaign parameters); in brackets, the share of
        that channel's visitors who reached the step.
      </p>
      <DataTable
        caption="Funnel by channel"
        rowKey={(r) => r.channel}
        rows={data.byChannel}
        columns={[
          { label: 'Came from', cell: (r) => funnelChannelLabel(r.channel) },
          {
            label: 'Visitors',
            numeric: true,
            cell: (r) => fmt.integer(r.steps[0]?.visitors ?? 0),
            sortValue: (r) => r.steps[0]?.visitors ?? 0,
          },
          ...later.map((s, i) => ({
            label: s.label,
            numeric: true,
            cell: (r: FunnelResponse['byChannel'][number]) => {
              const step = r.steps[i + 1];
              return step
                ? `${fmt.integer(step.visitors)} (${fmt.share(step.conversionFromStart ?? 0)})`
                : '—';
            },
            sortValue: (r: FunnelResponse['byChannel'][number]) =>
              r.steps[i + 1]?.conversionFromStart ?? null,
          })),
        ]}
      />
    </>
  );
}
