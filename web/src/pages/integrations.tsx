import { useState } from 'preact/hooks';
import { z } from 'zod';
import { PLATFORMS, type Platform } from '../../../shared/domain/entities';
import { connectResponse, type IntegrationView, integrationList } from '../api/schemas';
import { FormStatus } from '../components/form-status';
import { Async, describeError } from '../components/states';
import { useBrand, useServices } from '../context';
import { useResource } from '../hooks/use-resource';
import { humanize, platformLabel } from '../labels';

const oauthStart = z.object({ authorizeUrl: z.string().url() });

/** What the OAuth callback said on its way back (`?connected=meta` or `?connect_error=meta`). */
function returnNotice(search: string): { ok: boolean; text: string } | undefined {
  const q = new URLSearchParams(search);
  const connected = q.get('connected');
  const failed = q.get('connect_error');
  if (connected && connected !== 'shopify')
    return { ok: true, text: `${platformLabel(connected)} is connected; its first sync has started.` };
  if (failed)
    return { ok: false, text: `${platformLabel(failed)} was not connected: the authorization was declined.` };
  return undefined;
}
const adAccountList = z.object({
  accounts: z.array(z.object({ platform: z.string(), accountId: z.string(), name: z.string().optional() })),
});

/**
 * The accounts line of a platform: those its connection syncs; else those imported from export
 * files (an imported store has accounts but no connection), said so; else none yet.
 */
export function accountsLine(
  connected: readonly string[],
  imported: readonly string[],
  name: (accountId: string) => string,
): string {
  if (connected.length > 0) return connected.map(name).join(', ');
  if (imported.length > 0) return `Imported from files: ${imported.map(name).join(', ')}`;
  return 'No account yet';
}

/** An account no sync has named yet: its platform and the end of its id, as banks show cards. */
const accountStandIn = (platform: string, id: string) =>
  `${platformLabel(platform)} account ending ${id.replace(/\D/g, '').slice(-4) || id.slice(-4)}`;

interface AdCredentials {
  accountId: string;
  /** Sent once to the API, which keeps it in the secret store; never shown again. */
  accessToken: string;
}

/** Each platform's connection: status, accounts, last sync and error; connect or disconnect. */
export function IntegrationsPanel(props: { onChange?: () => void }) {
  const { api, can } = useServices();
  const { brand, fmt } = useBrand();
  const base = `/api/brands/${encodeURIComponent(brand.id)}/integrations`;
  const list = useResource(`integrations:${brand.id}`, () => api.get(base, integrationList));
  // Accounts by the names their platforms give them; a role that may not list them sees stand-ins.
  const accounts = useResource(`ad-accounts:${brand.id}`, () =>
    api
      .get(`/api/brands/${encodeURIComponent(brand.id)}/ad-accounts`, adAccountList)
      .catch(() => ({ accounts: [] })),
  );
  const accountNames = new Map(
    accounts.status === 'ready'
      ? accounts.data.accounts.flatMap((a) =>
          a.name ? [[`${a.platform}:${a.accountId}`, a.name] as const] : [],
        )
      : [],
  );
  const [busy, setBusy] = useState<Platform>();
  const [error, setError] = useState<string>();
  const canEdit = can('integrations:manage');
  const notice = returnNotice(typeof location === 'undefined' ? '' : location.search);

  async function run(platform: Platform, action: () => Promise<void>) {
    setBusy(platform);
    setError(undefined);
    try {
      await action();
      list.reload();
      props.onChange?.();
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(undefined);
    }
  }

  const connect = (platform: Platform, credentials: AdCredentials | undefined) =>
    run(platform, async () => {
      const res = await api.post(
        `${base}/${platform}`,
        credentials ? { accessToken: credentials.accessToken, accountIds: [credentials.accountId] } : {},
        connectResponse,
      );
      // Shopify installs through its own OAuth screen; the API's callback brings the merchant back.
      if (res.kind === 'install') window.location.assign(res.installUrl);
    });
  // Ad platforms: the platform's own consent screen; its callback brings the merchant back here.
  const authorize = (platform: Platform) =>
    run(platform, async () => {
      const { authorizeUrl } = await api.post(`${base}/${platform}/oauth`, {}, oauthStart);
      window.location.assign(authorizeUrl);
    });
  const disconnect = (platform: Platform) =>
    run(platform, async () => void (await api.delete(`${base}/${platform}`, z.unknown())));

  return (
    <article class="card" aria-labelledby="integrations-title">
      <h2 id="integrations-title">Integrations</h2>
      <FormStatus done={notice?.ok && notice.text} error={notice && !notice.ok && notice.text} />
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
                accountName={(id) => accountNames.get(`${p}:${id}`) ?? accountStandIn(p, id)}
                importedAccounts={
                  accounts.status === 'ready'
                    ? accounts.data.accounts.filter((a) => a.platform === p).map((a) => a.accountId)
                    : []
                }
                formatInstant={fmt.instant}
                onConnect={(credentials) => void connect(p, credentials)}
                onAuthorize={() => void authorize(p)}
                onDisconnect={() => void disconnect(p)}
              />
            ))}
          </ul>
        )}
      </Async>
      <FormStatus error={error} />
    </article>
  );
}

function IntegrationRow(props: {
  platform: Platform;
  integration: IntegrationView | undefined;
  busy: boolean;
  canEdit: boolean;
  shopDomain: string;
  accountName: (accountId: string) => string;
  /** The platform's accounts known from imported export files. */
  importedAccounts: readonly string[];
  formatInstant: (iso: string) => string;
  onConnect: (credentials: AdCredentials | undefined) => void;
  onAuthorize: () => void;
  onDisconnect: () => void;
}) {
  const { platform, integration: i } = props;
  const [accountId, setAccountId] = useState('');
  const [accessToken, setAccessToken] = useState('');
  const connected = i && i.status !== 'disconnected';
  const isShopify = platform === 'shopify';
  return (
    <li class="integration" data-platform={platform}>
      <div>
        <strong>{platformLabel(platform)}</strong>{' '}
        <span class={`pill status-${i?.status ?? 'disconnected'}`}>
          {humanize(i?.status ?? 'not connected')}
        </span>
        <p class="muted small">
          {platform === 'shopify'
            ? props.shopDomain
            : accountsLine(i?.accountIds ?? [], props.importedAccounts, props.accountName)}
          {i?.lastSyncAt ? ` · last sync ${props.formatInstant(i.lastSyncAt)}` : ''}
        </p>
        {i?.lastError ? <p class="form-error small">{i.lastError}</p> : null}
      </div>
      {props.canEdit ? (
        connected ? (
          <button type="button" class="secondary" disabled={props.busy} onClick={props.onDisconnect}>
            Disconnect
          </button>
        ) : isShopify ? (
          <button type="button" disabled={props.busy} onClick={() => props.onConnect(undefined)}>
            {props.busy ? 'Connecting…' : 'Connect Shopify'}
          </button>
        ) : (
          <div class="connect">
            <button type="button" disabled={props.busy} onClick={props.onAuthorize}>
              {props.busy ? 'Connecting…' : `Connect ${platformLabel(platform)}`}
            </button>
            <details>
              <summary>Paste an access token instead</summary>
              <form
                class="inline"
                onSubmit={(e) => {
                  e.preventDefault();
                  props.onConnect({ accountId: accountId.trim(), accessToken: accessToken.trim() });
                }}
              >
                <label>
                  <span class="visually-hidden">{platformLabel(platform)} </span>Ad account id
                  <input
                    value={accountId}
                    onInput={(e) => setAccountId(e.currentTarget.value)}
                    autocomplete="off"
                    required
                  />
                </label>
                <label>
                  <span class="visually-hidden">{platformLabel(platform)} </span>Access token
                  <input
                    type="password"
                    value={accessToken}
                    onInput={(e) => setAccessToken(e.currentTarget.value)}
                    autocomplete="off"
                    minLength={8}
                    required
                  />
                </label>
                <button type="submit" disabled={props.busy}>
                  {props.busy ? 'Saving…' : 'Save token'}
                </button>
              </form>
            </details>
          </div>
        )
      ) : null}
    </li>
  );
}
