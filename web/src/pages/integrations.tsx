import { useState } from 'preact/hooks';
import { z } from 'zod';
import { type Integration, PLATFORMS, type Platform } from '../../../shared/domain/entities';
import { connectResponse, integrationList } from '../api/schemas';
import { Async, describeError } from '../components/states';
import { useBrand, useServices } from '../context';
import { useResource } from '../hooks/use-resource';
import { humanize, platformLabel } from '../labels';

/** Each platform's connection: status, accounts, last sync and error; connect or disconnect. */
export function IntegrationsPanel(props: { onChange?: () => void }) {
  const { api, session } = useServices();
  const { brand, fmt } = useBrand();
  const base = `/api/brands/${encodeURIComponent(brand.id)}/integrations`;
  const list = useResource(`integrations:${brand.id}`, () => api.get(base, integrationList));
  const [busy, setBusy] = useState<Platform>();
  const [error, setError] = useState<string>();
  const canEdit = session.identity.role === 'owner' || session.identity.role === 'admin';

  async function run(platform: Platform, action: () => Promise<void>) {
    setBusy(platform);
    setError(undefined);
    try {
      await action();
      list.reload();
      props.onChange?.();
    } catch (err) {
      setError(err instanceof Error ? describeError(err) : String(err));
    } finally {
      setBusy(undefined);
    }
  }

  const connect = (platform: Platform, accountId: string) =>
    run(platform, async () => {
      const res = await api.post(
        base,
        { platform, ...(accountId ? { accountIds: [accountId] } : {}) },
        connectResponse,
      );
      // Shopify installs through its OAuth screen; the API's callback brings the merchant back here.
      if (res.authorizeUrl) window.location.assign(res.authorizeUrl);
    });
  const disconnect = (platform: Platform) =>
    run(platform, async () => void (await api.delete(`${base}/${platform}`, z.unknown())));

  return (
    <article class="card" aria-labelledby="integrations-title">
      <h2 id="integrations-title">Integrations</h2>
      <Async resource={list} label="Loading integrations…">
        {({ integrations }) => (
          <ul class="integrations">
            {PLATFORMS.map((p) => (
              <IntegrationRow
                key={p}
                platform={p}
                integration={integrations.find((i) => i.platform === p)}
                busy={busy === p}
                canEdit={canEdit}
                shopDomain={brand.shopDomain}
                formatInstant={fmt.instant}
                onConnect={(account) => void connect(p, account)}
                onDisconnect={() => void disconnect(p)}
              />
            ))}
          </ul>
        )}
      </Async>
      {error ? (
        <p class="form-error" role="alert">
          {error}
        </p>
      ) : null}
    </article>
  );
}

function IntegrationRow(props: {
  platform: Platform;
  integration: Integration | undefined;
  busy: boolean;
  canEdit: boolean;
  shopDomain: string;
  formatInstant: (iso: string) => string;
  onConnect: (accountId: string) => void;
  onDisconnect: () => void;
}) {
  const { platform, integration: i } = props;
  const [account, setAccount] = useState('');
  const connected = i && i.status !== 'disconnected';
  const inputId = `account-${platform}`;
  return (
    <li class="integration" data-platform={platform}>
      <div>
        <strong>{platformLabel(platform)}</strong>{' '}
        <span class={`pill status-${i?.status ?? 'disconnected'}`}>
          {humanize(i?.status ?? 'not connected')}
        </span>
        <p class="muted small">
          {platform === 'shopify' ? props.shopDomain : i?.accountIds.join(', ') || 'No account yet'}
          {i?.lastSyncAt ? ` · last sync ${props.formatInstant(i.lastSyncAt)}` : ''}
        </p>
        {i?.lastError ? <p class="form-error small">{i.lastError}</p> : null}
      </div>
      {props.canEdit ? (
        connected ? (
          <button type="button" class="secondary" disabled={props.busy} onClick={props.onDisconnect}>
            Disconnect
          </button>
        ) : (
          <form
            class="inline"
            onSubmit={(e) => {
              e.preventDefault();
              props.onConnect(account.trim());
            }}
          >
            {platform === 'shopify' ? null : (
              <>
                <label for={inputId} class="visually-hidden">
                  {platformLabel(platform)} ad account id
                </label>
                <input
                  id={inputId}
                  value={account}
                  onInput={(e) => setAccount(e.currentTarget.value)}
                  placeholder="Ad account id"
                  required
                />
              </>
            )}
            <button type="submit" disabled={props.busy}>
              {props.busy ? 'Connecting…' : `Connect ${platformLabel(platform)}`}
            </button>
          </form>
        )
      ) : null}
    </li>
  );
}
