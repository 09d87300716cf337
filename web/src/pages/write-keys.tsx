import { useState } from 'preact/hooks';
import { z } from 'zod';
import { DataTable } from '../components/data-table';
import { FormStatus } from '../components/form-status';
import { Async, describeError, Empty } from '../components/states';
import { useBrand, useServices } from '../context';
import { useResource } from '../hooks/use-resource';

const writeKey = z.object({
  id: z.string(),
  name: z.string(),
  key: z.string(),
  allowedOrigins: z.array(z.string()),
  requestsPerMinute: z.number(),
  createdAt: z.string(),
  revokedAt: z.string().optional(),
});
const keyList = z.object({ keys: z.array(writeKey) });

/** Origins typed one per line or comma-separated, as the API wants them (no trailing slash). */
export function parseOrigins(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((o) => o.trim().replace(/\/+$/, ''))
    .filter(Boolean);
}

/**
 * The brand's collect write keys: the publishable key the storefront pixel (or any collector)
 * sends with its events, where it may send from, and revoking one (collect refuses it at once).
 * Owners and admins only, as the API enforces.
 */
export function WriteKeysPanel() {
  const { api, can } = useServices();
  const { brand, fmt } = useBrand();
  const base = `/api/brands/${encodeURIComponent(brand.id)}/write-keys`;
  const allowed = can('write-keys:manage');
  const keys = useResource(`write-keys:${brand.id}`, () =>
    allowed ? api.get(base, keyList) : Promise.resolve({ keys: [] }),
  );
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const collectUrl = `${window.location.origin}/collect`;

  if (!allowed) return null;

  async function run(action: () => Promise<unknown>) {
    setBusy(true);
    setError(undefined);
    try {
      await action();
      keys.reload();
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(false);
    }
  }

  function create(form: HTMLFormElement) {
    const data = new FormData(form);
    const body = {
      name: String(data.get('name') ?? '').trim(),
      allowedOrigins: parseOrigins(String(data.get('origins') ?? '')),
    };
    void run(async () => {
      await api.post(base, body, writeKey);
      form.reset();
    });
  }

  return (
    <article class="card" aria-labelledby="write-keys-title">
      <h2 id="write-keys-title">Event collection keys</h2>
      <p class="muted">
        The storefront pixel sends browsing events to <code>{collectUrl}</code> with a publishable key. Events
        are accepted only from <code>https://{brand.shopDomain ?? '<your-shop>.myshopify.com'}</code> and the
        origins you list.
      </p>
      <Async resource={keys} label="Loading keys…">
        {({ keys: list }) =>
          list.length === 0 ? (
            <Empty title="No collection key yet: create one to install the pixel." />
          ) : (
            <DataTable
              caption="Collection keys"
              rowKey={(k) => k.id}
              rows={list}
              columns={[
                { label: 'Name', cell: (k) => k.name },
                { label: 'Key', cell: (k) => <code>{k.key}</code> },
                {
                  label: 'Also allowed from',
                  cell: (k) => (k.allowedOrigins.length ? k.allowedOrigins.join(', ') : '—'),
                },
                { label: 'Created', cell: (k) => fmt.instant(k.createdAt) },
                {
                  label: 'Status',
                  cell: (k) =>
                    k.revokedAt ? (
                      <span class="muted">Revoked {fmt.instant(k.revokedAt)}</span>
                    ) : (
                      <button
                        type="button"
                        class="secondary"
                        disabled={busy}
                        onClick={() =>
                          void run(() => api.delete(`${base}/${encodeURIComponent(k.id)}`, z.unknown()))
                        }
                      >
                        Revoke
                      </button>
                    ),
                },
              ]}
            />
          )
        }
      </Async>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          create(e.currentTarget);
        }}
      >
        <label class="inline">
          Name
          <input name="name" required maxLength={100} placeholder="Storefront pixel" />
        </label>
        <label class="inline">
          Other storefront origins (optional)
          <input name="origins" placeholder="https://shop.example.com" />
        </label>
        <button type="submit" disabled={busy}>
          Create key
        </button>
      </form>
      <FormStatus error={error} />
    </article>
  );
}
