import { useState } from 'preact/hooks';
import { z } from 'zod';
import { splitTextLinks } from '../../../shared/domain/engagement/links';
import { ConfirmDialog } from '../components/confirm-dialog';
import { FormStatus } from '../components/form-status';
import { Link } from '../components/link';
import { productNames, useFeaturedProducts } from '../components/product-picker';
import { Async, describeError, Empty } from '../components/states';
import { useBrand, useServices } from '../context';
import { useResource } from '../hooks/use-resource';
import { useTitle } from '../hooks/use-title';
import { href } from '../routes';
import { CAMPAIGN_STATUS, segmentLabel } from './engagement';
import { OPENS_NOTE, ResultsCharts, ResultsKpis, ResultsTable } from './engagement-results';
import {
  type CampaignWithAudience,
  CHANNEL_LABELS,
  campaignWithAudience,
  preview,
  results,
} from './engagement-schemas';

export function EngagementCampaignPage(props: { campaignId: string }) {
  const { api, can } = useServices();
  const { brand, fmt } = useBrand();
  const base = `/api/brands/${encodeURIComponent(brand.id)}/engagement/campaigns/${encodeURIComponent(props.campaignId)}`;
  const campaign = useResource(`engagement-campaign:${brand.id}:${props.campaignId}`, () =>
    api.get(base, campaignWithAudience),
  );
  useTitle(campaign.status === 'ready' ? campaign.data.name : 'Campaign', brand.name);
  return (
    <section class="page">
      <p class="crumbs">
        <Link href={href('engagement', { brandId: brand.id })}>Engagement</Link>
      </p>
      <Async resource={campaign} label="Loading the campaign…">
        {(c) => (
          <>
            <div class="page-head">
              <h1>{c.name}</h1>
              <span class="pill">{CAMPAIGN_STATUS[c.status]}</span>
            </div>
            <p class="muted">
              {CHANNEL_LABELS[c.channel]} to {segmentLabel(c.segment)}
              {c.interestIn ? ' interested in its product' : ''} — {fmt.integer(c.audienceCount)} customers
              today · holdout {fmt.share(c.holdoutShare)} · orders counted for {c.attributionDays} days after
              sending
              {c.sentAt ? ` · sent ${fmt.instant(c.sentAt)}` : ''}
            </p>
            <FeaturedLine ids={c.productIds ?? []} />
            <div class="grid-2">
              <Preview base={base} />
              {can('engagement:send') ? <SendCard base={base} campaign={c} onSent={campaign.reload} /> : null}
            </div>
            {c.status === 'draft' || c.status === 'paused' ? null : <ResultsCard base={base} />}
          </>
        )}
      </Async>
    </section>
  );
}

/**
 * A message's text with its links shown as a reader's mail app shows them: clickable, named by
 * their address without the tracking tags (`?utm_…`), which the full URL keeps as its title.
 */
export function messageParts(text: string): Array<{ text: string } | { url: string; label: string }> {
  return splitTextLinks(text).map((part) => {
    if (!('url' in part)) return part;
    try {
      const u = new URL(part.url);
      return { url: part.url, label: `${u.host}${u.pathname === '/' ? '' : u.pathname}` };
    } catch {
      return { url: part.url, label: part.url };
    }
  });
}

function Preview(props: { base: string }) {
  const { api } = useServices();
  const data = useResource(`engagement-preview:${props.base}`, () =>
    api.get(`${props.base}/preview`, preview),
  );
  return (
    <article class="card" aria-labelledby="preview-title">
      <h2 id="preview-title">Preview</h2>
      <Async resource={data} label="Rendering…">
        {(p) => (
          <>
            <p class="muted">
              As {p.sample.values.first_name ?? 'a customer without a first name'} would read it.
            </p>
            {p.variants.map((v) => (
              <div key={v.variantId} class="message-preview">
                {v.subject ? <p class="state-title">{v.subject}</p> : null}
                <p>
                  {messageParts(v.text).map((part, i) =>
                    'url' in part ? (
                      <a key={i} href={part.url} target="_blank" rel="noopener noreferrer" title={part.url}>
                        {part.label}
                      </a>
                    ) : (
                      part.text
                    ),
                  )}
                </p>
              </div>
            ))}
          </>
        )}
      </Async>
    </article>
  );
}

/** The products the campaign features, by name. */
function FeaturedLine(props: { ids: readonly string[] }) {
  const { brand } = useBrand();
  const products = useFeaturedProducts(brand.id);
  if (props.ids.length === 0) return null;
  return (
    <p class="small" data-testid="featured-products">
      Features{' '}
      {products.status === 'ready'
        ? productNames(props.ids, products.data.products).join(', ')
        : `${props.ids.length} products`}
      : a stockout of one pauses it.
    </p>
  );
}

/** "Paused mid-send: 3 sent, 4 customers not reached yet." */
export function pausedProgress(
  progress: CampaignWithAudience['progress'],
  fmt: { integer: (n: number) => string },
): string | null {
  if (!progress || progress.done) return null;
  const left =
    progress.remaining === null
      ? 'the rest of the audience not reached yet'
      : `${fmt.integer(progress.remaining)} customers not reached yet`;
  return `It stopped mid-send: ${fmt.integer(progress.sent)} messages sent, ${left}. Resuming sends only to the customers who have not had it.`;
}

function SendCard(props: { base: string; campaign: CampaignWithAudience; onSent: () => void }) {
  const status = props.campaign.status;
  const audience = props.campaign.audienceCount;
  const midSend = pausedProgress(props.campaign.progress, useBrand().fmt);
  const { api } = useServices();
  const { fmt } = useBrand();
  const [to, setTo] = useState('');
  const [note, setNote] = useState<string>();
  const [error, setError] = useState<string>();
  const [confirming, setConfirming] = useState<false | 'send' | 'dry'>(false);
  const [busy, setBusy] = useState(false);
  async function run(action: () => Promise<string>) {
    setBusy(true);
    setError(undefined);
    setNote(undefined);
    try {
      setNote(await action());
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  }
  const send = (dryRun: boolean) =>
    run(async () => {
      await api.post(`${props.base}/send`, { dryRun }, z.object({ status: z.string() }));
      props.onSent();
      return dryRun ? 'Dry run started: the outbox shows what would be sent.' : 'Sending has started.';
    });
  return (
    <article class="card" aria-labelledby="send-title">
      <h2 id="send-title">Test and send</h2>
      <form
        class="inline"
        onSubmit={(e) => {
          e.preventDefault();
          void run(async () => {
            const r = await api.post(
              `${props.base}/test-send`,
              { to },
              z.object({ results: z.array(z.object({ ok: z.boolean() })) }),
            );
            return r.results.every((x) => x.ok)
              ? `Test sent to ${to}.`
              : 'The provider refused the test message.';
          });
        }}
      >
        <label class="inline">
          Send a test to
          <input
            value={to}
            onInput={(e) => setTo(e.currentTarget.value)}
            required
            placeholder="you@yourshop.com"
          />
        </label>
        <button type="submit" disabled={busy || to.trim().length < 3}>
          Send test
        </button>
      </form>
      {status === 'paused' ? (
        <div class="actions">
          <p class="muted" data-testid="paused-note">
            Paused because a product it features is out of stock. It sends nothing until you resume it.
            {midSend ? ` ${midSend}` : ''}
          </p>
          <button
            type="button"
            disabled={busy}
            onClick={() =>
              void run(async () => {
                const r = await api.post(`${props.base}/resume`, {}, z.object({ status: z.string() }));
                props.onSent();
                return r.status === 'sending'
                  ? 'Resumed: sending to the customers who have not had it yet.'
                  : 'Resumed: the campaign is a draft again.';
              })
            }
          >
            Resume
          </button>
        </div>
      ) : null}
      {status === 'draft' ? (
        <div class="actions">
          <button type="button" disabled={busy} onClick={() => setConfirming('send')}>
            Send to {fmt.integer(audience)} customers
          </button>
          <button type="button" class="secondary" disabled={busy} onClick={() => setConfirming('dry')}>
            Dry run
          </button>
        </div>
      ) : null}
      <FormStatus done={note} error={error} />
      {confirming ? (
        <ConfirmDialog
          title={confirming === 'send' ? 'Send this campaign?' : 'Dry run this campaign?'}
          confirmLabel={confirming === 'send' ? 'Send' : 'Dry run'}
          busy={busy}
          onConfirm={() => void send(confirming === 'dry')}
          onCancel={() => setConfirming(false)}
        >
          <p>
            {confirming === 'send'
              ? `Customers with consent in the audience get one message each, paced to the channel's rate limit; the holdout gets nothing. This cannot be undone.`
              : 'Every message is checked and recorded in the outbox, and none is sent.'}
          </p>
        </ConfirmDialog>
      ) : null}
    </article>
  );
}

function ResultsCard(props: { base: string }) {
  const { api } = useServices();
  const { fmt } = useBrand();
  const data = useResource(`engagement-results:${props.base}`, () =>
    api.get(`${props.base}/results`, results),
  );
  return (
    <article class="card" aria-labelledby="results-title">
      <h2 id="results-title">Results</h2>
      <Async resource={data} label="Loading results…">
        {(r) => {
          if (r.window === null) return <Empty title="No results yet: nothing has been sent." />;
          const input = { ...r, rows: r.variants.map((v) => ({ ...v, label: v.name })) };
          return (
            <>
              <ResultsKpis results={input} />
              <ResultsCharts results={input} chartLabel={(v) => v.name} />
              <p class="muted">
                Orders from {fmt.day(r.window.from)} to {fmt.day(r.window.to)}; link orders are those whose
                visit came through the message's links
                {r.variants.some((v) => v.delivered === null)
                  ? '; email delivery is not reported by mail servers'
                  : ''}
                . {OPENS_NOTE}
              </p>
              <ResultsTable caption="Results by group" results={input} />
            </>
          );
        }}
      </Async>
    </article>
  );
}
