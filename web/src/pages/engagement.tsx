import { useState } from 'preact/hooks';
import { segmentsResponseSchema } from '../../../shared/api/schemas/customers';
import { SEGMENT_LABELS, type Segment } from '../../../shared/domain/customers/segments/rfm';
import { type Column, DataTable } from '../components/data-table';
import { FormStatus } from '../components/form-status';
import { Link } from '../components/link';
import { ProductPicker } from '../components/product-picker';
import { SegmentSelect } from '../components/segment-select';
import { Async, describeError, Empty } from '../components/states';
import { Tabs } from '../components/tabs';
import { useBrand, useServices } from '../context';
import { useResource } from '../hooks/use-resource';
import { useTitle } from '../hooks/use-title';
import { navigate, useLocation } from '../router';
import { href } from '../routes';
import { audienceWords, draftFromSearch, emptyAudienceReason } from './engage-draft';
import { AutomationsPanel } from './engagement-automations';
import {
  audienceCount,
  type Campaign,
  CHANNEL_LABELS,
  CHANNELS,
  campaignList,
  campaign as campaignSchema,
  type Message,
  outbox,
  REASON_LABELS,
  STATUS_LABELS,
} from './engagement-schemas';

export const segmentLabel = (segment: string | null) =>
  segment === null ? 'Every customer' : (SEGMENT_LABELS[segment as keyof typeof SEGMENT_LABELS] ?? segment);
export const CAMPAIGN_STATUS: Readonly<Record<Campaign['status'], string>> = {
  draft: 'Draft',
  sending: 'Sending',
  sent: 'Sent',
  paused: 'Paused',
};

/** Engagement: campaigns, automations and the outbox of one brand. */
export function EngagementPage() {
  const { brand } = useBrand();
  useTitle('Engagement', brand.name);
  const [tab, setTab] = useState('campaigns');
  return (
    <section class="page">
      <div class="page-head">
        <h1>Engagement</h1>
      </div>
      <Tabs
        label="Engagement"
        tabs={[
          { id: 'campaigns', label: 'Campaigns' },
          { id: 'automations', label: 'Automations' },
          { id: 'outbox', label: 'Outbox' },
        ]}
        selected={tab}
        onSelect={setTab}
      >
        {tab === 'campaigns' ? (
          <CampaignsPanel />
        ) : tab === 'automations' ? (
          <AutomationsPanel />
        ) : (
          <OutboxPanel />
        )}
      </Tabs>
    </section>
  );
}

function CampaignsPanel() {
  const { api, can } = useServices();
  const { brand, fmt } = useBrand();
  const base = `/api/brands/${encodeURIComponent(brand.id)}/engagement`;
  const list = useResource(`engagement-campaigns:${brand.id}`, () =>
    api.get(`${base}/campaigns`, campaignList),
  );
  const columns: Column<Campaign>[] = [
    {
      label: 'Campaign',
      cell: (c) => (
        <Link href={href('engagementCampaign', { brandId: brand.id, campaignId: c.id })}>{c.name}</Link>
      ),
      sortValue: (c) => c.name,
    },
    { label: 'Channel', cell: (c) => CHANNEL_LABELS[c.channel] },
    { label: 'Audience', cell: (c) => segmentLabel(c.segment) },
    { label: 'Holdout', numeric: true, cell: (c) => fmt.share(c.holdoutShare) },
    { label: 'Status', cell: (c) => CAMPAIGN_STATUS[c.status] },
    { label: 'Sent', cell: (c) => (c.sentAt ? fmt.instant(c.sentAt) : '—'), sortValue: (c) => c.sentAt },
  ];
  return (
    <>
      <Async resource={list} label="Loading campaigns…">
        {({ campaigns }) =>
          campaigns.length === 0 ? (
            <Empty title="No campaign yet." />
          ) : (
            <section class="card">
              <DataTable caption="Campaigns" columns={columns} rows={campaigns} rowKey={(c) => c.id} />
            </section>
          )
        }
      </Async>
      {can('engagement:send') ? <NewCampaign base={base} /> : null}
    </>
  );
}

function NewCampaign(props: { base: string }) {
  const { api } = useServices();
  const { brand, fmt } = useBrand();
  // Arriving from an engage recommendation: its product and a first message are filled in.
  const draft = draftFromSearch(useLocation().search);
  const [segment, setSegment] = useState<Segment | null>(draft ? null : 'at_risk');
  const [interested, setInterested] = useState(draft !== undefined);
  const [productIds, setProductIds] = useState<string[]>(draft ? [draft.productId] : []);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const interestIn = draft && interested ? { variantId: draft.productId, productId: draft.parentId } : null;
  const params = new URLSearchParams({
    ...(segment ? { segment } : {}),
    ...(interestIn ? { product: interestIn.variantId } : {}),
    ...(interestIn?.productId ? { parent: interestIn.productId } : {}),
  }).toString();
  const count = useResource(`engagement-audience:${brand.id}:${params}`, () =>
    api.get(`${props.base}/audience${params ? `?${params}` : ''}`, audienceCount),
  );
  // What says why an audience of 0 is empty (no analytics yet, no order names a customer, …).
  const segments = useResource(`segments:${brand.id}`, () =>
    api.get(
      `/api/brands/${encodeURIComponent(brand.id)}/customer-analytics/segments`,
      segmentsResponseSchema,
    ),
  );
  const why =
    count.status === 'ready' && segments.status === 'ready'
      ? emptyAudienceReason(
          count.data.count,
          segments.data,
          segment,
          interestIn ? (draft?.product ?? null) : null,
        )
      : null;
  async function create(form: HTMLFormElement) {
    const data = new FormData(form);
    const text = (k: string) => String(data.get(k) ?? '').trim();
    setBusy(true);
    setError(undefined);
    try {
      const created = await api.post(
        `${props.base}/campaigns`,
        {
          name: text('name'),
          channel: text('channel'),
          segment,
          holdoutShare: Number(text('holdout')) / 100,
          variants: [
            { id: 'a', name: 'Message', weight: 1, subject: text('subject') || null, text: text('text') },
          ],
          ...(productIds.length > 0 ? { productIds } : {}),
          ...(interestIn ? { interestIn } : {}),
        },
        campaignSchema,
      );
      navigate(href('engagementCampaign', { brandId: brand.id, campaignId: created.id }));
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <article class="card" aria-labelledby="new-campaign">
      <h2 id="new-campaign">New campaign</h2>
      {draft ? (
        <p class="muted" data-testid="engage-draft">
          Suggested for {draft.product}
          {draft.audience
            ? `: ${fmt.counted(draft.audience, 'customer')} showed interest in it or its category`
            : ''}
          . The campaign features {draft.product}: it is paused if that runs out of stock, even mid-send.
          Nothing is sent until you send it.
        </p>
      ) : null}
      <form
        class="engagement-form"
        onSubmit={(e) => {
          e.preventDefault();
          void create(e.currentTarget);
        }}
      >
        <label>
          Name
          <input
            name="name"
            required
            maxLength={200}
            placeholder="Win-back: we miss you"
            defaultValue={draft?.name}
          />
        </label>
        <label>
          Channel
          <select name="channel">
            {CHANNELS.map((c) => (
              <option key={c} value={c}>
                {CHANNEL_LABELS[c]}
              </option>
            ))}
          </select>
        </label>
        <SegmentSelect label="Audience" anyLabel={segmentLabel(null)} value={segment} onChange={setSegment} />
        {draft ? (
          <label class="inline">
            <input
              type="checkbox"
              checked={interested}
              onChange={(e) => setInterested(e.currentTarget.checked)}
            />
            Only customers interested in {draft.product} or its category (last 30 days)
          </label>
        ) : null}
        <p class="muted" aria-live="polite">
          {count.status === 'ready'
            ? audienceWords(count.data.count, why, fmt)
            : count.status === 'error'
              ? 'The audience could not be counted.'
              : 'Counting the audience…'}
        </p>
        <label>
          Holdout (receives nothing, measures the lift), %
          <input name="holdout" type="number" min={0} max={50} defaultValue="10" required />
        </label>
        <label>
          Subject (email)
          <input name="subject" maxLength={300} placeholder="We miss you, {{first_name|friend}}" />
        </label>
        <label>
          Message
          <textarea
            name="text"
            required
            maxLength={5000}
            rows={4}
            placeholder="Come back for 15% off with code {{discount_code|COMEBACK15}}."
            defaultValue={draft?.text}
          />
        </label>
        <ProductPicker brandId={brand.id} value={productIds} onChange={setProductIds} />
        <div class="actions">
          <button type="submit" disabled={busy}>
            Create draft
          </button>
        </div>
        <FormStatus error={error} />
      </form>
    </article>
  );
}

function OutboxPanel() {
  const { api } = useServices();
  const { brand, fmt } = useBrand();
  const data = useResource(`engagement-outbox:${brand.id}`, () =>
    api.get(`/api/brands/${encodeURIComponent(brand.id)}/engagement/outbox?limit=200`, outbox),
  );
  const columns: Column<Message>[] = [
    { label: 'To', cell: (m) => m.to ?? '—' },
    { label: 'Channel', cell: (m) => CHANNEL_LABELS[m.channel] },
    {
      label: 'Message',
      cell: (m) => (
        <span class="outbox-text">
          {m.subject ? <strong>{m.subject}</strong> : null} {m.text}
        </span>
      ),
    },
    {
      label: 'Status',
      cell: (m) =>
        `${STATUS_LABELS[m.status] ?? m.status}${m.reason ? ` — ${REASON_LABELS[m.reason] ?? m.reason}` : ''}`,
    },
    {
      label: 'When',
      cell: (m) => fmt.instant(m.sentAt ?? m.createdAt),
      sortValue: (m) => m.sentAt ?? m.createdAt,
    },
  ];
  return (
    <Async resource={data} label="Loading the outbox…">
      {(o) => (
        <>
          <p class="muted">
            What was sent, what would be sent in a dry run, and what was held back and why (newest 200).
            {o.dryRun ? ' Dry run is on: nothing reaches a customer.' : ''}
          </p>
          {o.messages.length === 0 ? (
            <Empty title="Nothing sent yet." />
          ) : (
            <section class="card">
              <DataTable caption="Outbox" columns={columns} rows={o.messages} rowKey={(m) => m.id} />
            </section>
          )}
        </>
      )}
    </Async>
  );
}
