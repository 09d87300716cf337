import { useState } from 'preact/hooks';
import { type FunnelResponse, funnelResponseSchema } from '../../../shared/api/schemas/customers';
import type { FunnelBreakdown, FunnelStepResult } from '../../../shared/domain/customers/funnels';
import type { Format } from '../../../shared/domain/format';
import { DataTable } from '../components/data-table';
import { Async, Empty } from '../components/states';
import { useBrand, useServices } from '../context';
import { type Resource, useResource } from '../hooks/use-resource';
import { humanize, platformLabel } from '../labels';
import { headingWithPeriod } from '../period';

const WINDOWS = [1, 7, 30] as const;
const SPLITS: ReadonlyArray<{ by: FunnelBreakdown; label: string }> = [
  { by: 'channel', label: 'Channel' },
  { by: 'device', label: 'Device' },
];

/** One bar of the funnel as a merchant reads it: "1,204 visitors · 38.2% of the step before". */
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

const DEVICE_LABELS: Record<string, string> = {
  mobile: 'Phone',
  tablet: 'Tablet',
  desktop: 'Desktop',
  unknown: 'Not known',
};

/** A breakdown row's name: a channel as `funnelChannelLabel` says it, a device class in words. */
export const funnelRowLabel = (by: FunnelBreakdown, key: string) =>
  by === 'device' ? (DEVICE_LABELS[key] ?? humanize(key)) : funnelChannelLabel(key);

/** The days a loaded customer-analytics answer reads, or null while it loads (or failed). */
export const readyPeriod = (r: Resource<{ period: { from: string; to: string } }>) =>
  r.status === 'ready' ? r.data.period : null;

/**
 * The storefront conversion funnel of the 30 days up to the day the customer model is judged as of
 * (the API's default, decision 1020), by the channel or device visitors came with.
 */
export function FunnelSection() {
  const { api } = useServices();
  const { brand, fmt } = useBrand();
  const [windowDays, setWindowDays] = useState<number>(7);
  const [by, setBy] = useState<FunnelBreakdown>('channel');
  const base = `/api/brands/${encodeURIComponent(brand.id)}/customer-analytics`;
  const funnel = useResource(`funnel:${brand.id}:${windowDays}:${by}`, () =>
    api.get(`${base}/funnel?window_days=${windowDays}&by=${by}`, funnelResponseSchema),
  );
  return (
    <>
      <h2 id="funnel-title">{headingWithPeriod('Conversion funnel', readyPeriod(funnel), fmt)}</h2>
      <div class="field-row">
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
        <label class="field inline">
          <span>Split by</span>
          <select
            value={by}
            onChange={(e) => setBy((e.target as HTMLSelectElement).value as FunnelBreakdown)}
          >
            {SPLITS.map((s) => (
              <option key={s.by} value={s.by}>
                {s.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      <Async resource={funnel} label="Loading the funnel…">
        {(f) =>
          (f.steps[0]?.visitors ?? 0) === 0 ? (
            <Empty title={`No storefront visits from ${fmt.dayRange(f.period.from, f.period.to)}.`}>
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

type BreakdownRow = FunnelResponse['breakdown'][number];

function FunnelView(props: { data: FunnelResponse; fmt: Format }) {
  const { data, fmt } = props;
  const later = data.steps.slice(1);
  const byDevice = data.by === 'device';
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
        {byDevice
          ? "By the device each visitor browsed on (from the browser's user agent; search-engine crawlers are never counted); in brackets, the share of that device's visitors who reached the step."
          : "By where each visitor came from (the landing page's campaign parameters); in brackets, the share of that channel's visitors who reached the step."}
      </p>
      <DataTable
        caption={byDevice ? 'Funnel by device' : 'Funnel by channel'}
        rowKey={(r) => r.key}
        rows={data.breakdown}
        columns={[
          { label: byDevice ? 'Device' : 'Came from', cell: (r) => funnelRowLabel(data.by, r.key) },
          {
            label: 'Visitors',
            numeric: true,
            cell: (r) => fmt.integer(r.steps[0]?.visitors ?? 0),
            sortValue: (r) => r.steps[0]?.visitors ?? 0,
          },
          ...later.map((s, i) => ({
            label: s.label,
            numeric: true,
            cell: (r: BreakdownRow) => {
              const step = r.steps[i + 1];
              return step
                ? `${fmt.integer(step.visitors)} (${fmt.share(step.conversionFromStart ?? 0)})`
                : '—';
            },
            sortValue: (r: BreakdownRow) => r.steps[i + 1]?.conversionFromStart ?? null,
          })),
        ]}
      />
    </>
  );
}
