import { useState } from 'preact/hooks';
import { z } from 'zod';
import {
  type CustomerProfile,
  profileStrength,
  profileStrengthParts,
  type StrengthPart,
} from '../../../shared/domain/customers/profile';
import { phoneNumber } from '../../../shared/domain/format';
import {
  channelName,
  identifierName,
  matchMethodWords,
  unnamedCampaign,
} from '../../../shared/domain/names/names';
import { type CustomerView, customerView, mergeHistory } from '../api/customer-schemas';
import { DataTable } from '../components/data-table';
import { FormStatus } from '../components/form-status';
import { Link } from '../components/link';
import { Async } from '../components/states';
import { useBrand, useServices } from '../context';
import { useResource } from '../hooks/use-resource';
import { useTitle } from '../hooks/use-title';
import { humanize } from '../labels';
import { href } from '../routes';
import { PredictionsCard } from './customer-predictions';
import { displayName } from './customers';

export function CustomerPage(props: { profileId: string }) {
  const { api, can } = useServices();
  const { brand, fmt } = useBrand();
  const base = `/api/brands/${encodeURIComponent(brand.id)}`;
  const path = `${base}/customers/${encodeURIComponent(props.profileId)}`;
  const view = useResource(`customer:${brand.id}:${props.profileId}`, () => api.get(path, customerView));
  const history = useResource(`customer-merges:${brand.id}:${props.profileId}`, () =>
    api.get(`${path}/merges`, mergeHistory),
  );
  const [error, setError] = useState<string | null>(null);
  useTitle('Customer', brand.name);

  async function unmerge(mergeId: string) {
    setError(null);
    try {
      await api.post(`${base}/customer-merges/${encodeURIComponent(mergeId)}/unmerge`, {}, z.unknown());
      view.reload();
      history.reload();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }

  return (
    <section class="page">
      <Async resource={view} label="Loading the customer…">
        {(c: CustomerView) => (
          <>
            <div class="page-head">
              <h1>{displayName(c.profile)}</h1>
              <span class="pill">
                Profile strength {profileStrength(c.profile.identifiers, c.profile.person)}/100
              </span>
              {c.journey.stage ? <span class="pill">{humanize(c.journey.stage)}</span> : null}
            </div>
            <StrengthNote profile={c.profile} />
            <div class="kpis">
              <Kpi label="Revenue (net of refunds)" value={fmt.money(c.revenue.amountMinor)} />
              <Kpi label="Orders" value={fmt.integer(c.orderCount)} />
              <Kpi
                label="First order"
                value={c.firstOrderAt ? fmt.dayOfInstant(c.firstOrderAt) : 'None yet'}
              />
              <Kpi label="Last order" value={c.lastOrderAt ? fmt.dayOfInstant(c.lastOrderAt) : 'None yet'} />
            </div>
            <div class="cards">
              <PredictionsCard predictions={c.predictions} fmt={fmt} />
              <article class="card">
                <h2>Identifiers</h2>
                <ul>
                  {c.profile.identifiers.map((i) => (
                    <li key={`${i.kind}:${i.value}`}>
                      <span class="muted small">{identifierName(i.kind)}</span> <IdentifierValue {...i} />
                      {i.confidence < 1 ? (
                        <span class="muted small"> · confidence {fmt.probability(i.confidence)}</span>
                      ) : null}
                    </li>
                  ))}
                </ul>
              </article>
              <article class="card">
                <h2>Acquisition</h2>
                {c.acquisition ? (
                  <p>
                    {channelName(c.acquisition.channel)}
                    {c.acquisition.campaignId ? (
                      <>
                        {' · '}
                        <Link
                          href={href('drilldown', {
                            brandId: brand.id,
                            kind: 'campaign',
                            id: c.acquisition.campaignId,
                          })}
                        >
                          {c.acquisition.campaignName ?? unnamedCampaign(c.acquisition.campaignId)}
                        </Link>
                      </>
                    ) : null}{' '}
                    <span class="muted small">
                      ({matchMethodWords(c.acquisition.method)}
                      {c.acquisition.method === 'unattributed'
                        ? ''
                        : `, confidence ${fmt.probability(c.acquisition.confidence)}`}
                      )
                    </span>
                  </p>
                ) : (
                  <p class="muted">No attributed first order yet.</p>
                )}
                <h2>Journey</h2>
                <ol>
                  {c.journey.transitions.map((t) => (
                    <li key={t.stage}>
                      {humanize(t.stage)} <span class="muted small">{fmt.instant(t.at)}</span>
                    </li>
                  ))}
                </ol>
              </article>
              <article class="card">
                <h2>Product intent</h2>
                {c.productIntent.length === 0 ? <p class="muted">No open interest.</p> : null}
                <ul>
                  {c.productIntent.map((p) => (
                    <li key={p.productId}>
                      <meter
                        min={0}
                        max={100}
                        value={p.score}
                        aria-label={`Intent for ${p.title ?? 'a product not in the catalog'}`}
                      />{' '}
                      {p.score} <span class="small">{p.title ?? 'A product not in the catalog'}</span>
                    </li>
                  ))}
                </ul>
                <h2>Category affinity</h2>
                {c.categoryAffinity.length === 0 ? (
                  <p class="muted">None yet: no product this customer viewed or bought names a category.</p>
                ) : (
                  <p>{c.categoryAffinity.map((a) => `${a.key} ${fmt.share(a.share)}`).join(' · ')}</p>
                )}
                <h2>Channel preference</h2>
                {c.channelPreference.length === 0 ? (
                  <p class="muted">None yet: no orders or visits.</p>
                ) : (
                  <p>
                    {c.channelPreference.map((a) => `${humanize(a.key)} ${fmt.share(a.share)}`).join(' · ')}
                  </p>
                )}
              </article>
            </div>
            <article class="card">
              <h2>Orders</h2>
              {c.orders.length === 0 ? (
                <p class="muted">No orders yet.</p>
              ) : (
                <DataTable
                  caption="Orders"
                  rowKey={(o) => o.orderId}
                  rows={c.orders}
                  columns={[
                    { label: 'Order', cell: (o) => o.orderNumber ?? o.orderId },
                    { label: 'Placed', cell: (o) => fmt.instant(o.createdAt) },
                    { label: 'Channel', cell: (o) => humanize(o.channel) },
                    { label: 'Total', numeric: true, cell: (o) => fmt.money(o.total.amountMinor) },
                  ]}
                />
              )}
              {c.refunds.length > 0 ? (
                <p class="muted">
                  Refunds:{' '}
                  {c.refunds
                    .map((r) => `${fmt.money(r.amount.amountMinor)} on ${fmt.instant(r.createdAt)}`)
                    .join(', ')}
                </p>
              ) : null}
            </article>
            <article class="card">
              <h2>Timeline</h2>
              {c.recentEvents.length === 0 ? (
                <p class="muted">No visits, carts or other storefront events recorded for this customer.</p>
              ) : (
                <DataTable
                  caption="Recent events"
                  rowKey={(e) => e.event_id}
                  rows={c.recentEvents}
                  columns={[
                    { label: 'When', cell: (e) => fmt.instant(e.occurred_at) },
                    { label: 'Event', cell: (e) => humanize(e.type) },
                    { label: 'Channel', cell: (e) => humanize(e.channel) },
                  ]}
                />
              )}
            </article>
          </>
        )}
      </Async>
      <h2>Merge history</h2>
      <FormStatus error={error} />
      <Async resource={history} label="Loading merge history…">
        {({ merges }) =>
          merges.length === 0 ? (
            <p class="muted">Never merged.</p>
          ) : (
            <ul class="cards">
              {merges.map((m) => (
                <li key={m.id} class="card">
                  <strong>
                    {m.kind === 'merge' ? `Merged ${m.mergedIds.length + 1} profiles` : 'Unmerged'}
                  </strong>{' '}
                  <span class="muted small">
                    {fmt.instant(m.at)} by {m.by}
                  </span>
                  <p class="small">{m.evidence.map((e) => e.detail).join(' · ')}</p>
                  {m.kind === 'merge' && !m.undoneBy && can('customers:merge') ? (
                    <button type="button" onClick={() => void unmerge(m.id)}>
                      Unmerge
                    </button>
                  ) : null}
                  {m.undoneBy ? <span class="pill">Undone</span> : null}
                </li>
              ))}
            </ul>
          )
        }
      </Async>
    </section>
  );
}

/** What a merchant can collect and add to a profile (a platform's own ids and devices come by themselves). */
const COLLECTABLE: ReadonlySet<StrengthPart['part']> = new Set([
  'email',
  'phone',
  'loyalty_id',
  'whatsapp',
  'name',
  'address',
  'date_of_birth',
]);

/**
 * Profile strength in words (decision 1020): what it counts — the identifiers and details that let
 * the store recognise and reach this customer — which of them the profile has, with their points,
 * and what collecting the rest would add.
 */
export function strengthWords(profile: Pick<CustomerProfile, 'identifiers' | 'person'>): {
  has: string;
  toAdd: string | null;
} {
  const parts = profileStrengthParts(profile.identifiers, profile.person);
  const has = parts.filter((p) => p.points > 0).map((p) => `${identifierName(p.part)} ${p.points}`);
  const toAdd = parts
    .filter((p) => p.points === 0 && COLLECTABLE.has(p.part))
    .map((p) => `${identifierName(p.part)} +${p.max}`);
  return {
    has: has.length > 0 ? has.join(' · ') : 'nothing yet',
    toAdd: toAdd.length > 0 ? toAdd.join(', ') : null,
  };
}

function StrengthNote(props: { profile: CustomerProfile }) {
  const words = strengthWords(props.profile);
  return (
    <p class="muted small" data-profile-strength>
      Profile strength counts what lets you recognise and reach this customer (out of 100): {words.has}.
      {words.toAdd ? ` Collecting more would add: ${words.toAdd}.` : ''}
    </p>
  );
}

function Kpi(props: { label: string; value: string }) {
  return (
    <div class="kpi">
      <div class="kpi-label">{props.label}</div>
      <div class="kpi-value">{props.value}</div>
    </div>
  );
}

/**
 * Platform customer ids mean nothing to read: a Shopify customer is opened in the store's admin
 * (where the merchant knows them), everything else (email, phone, loyalty number) is shown.
 */
function IdentifierValue(props: { kind: string; value: string }) {
  const { brand } = useBrand();
  const shopify = /^gid:\/\/shopify\/Customer\/(\d+)$/.exec(props.value);
  if (!shopify)
    return (
      <>{props.kind === 'phone' || props.kind === 'whatsapp' ? phoneNumber(props.value) : props.value}</>
    );
  return brand.shopDomain ? (
    <a href={`https://${brand.shopDomain}/admin/customers/${shopify[1]}`} target="_blank" rel="noreferrer">
      Open in Shopify admin
    </a>
  ) : (
    <>on file</>
  );
}
