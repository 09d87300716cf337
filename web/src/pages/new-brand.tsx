import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { z } from 'zod';
import { brandSchema } from '../../../shared/domain/entities';
import { FormStatus } from '../components/form-status';
import { describeError } from '../components/states';
import { useServices } from '../context';
import { useTitle } from '../hooks/use-title';
import { navigate } from '../router';
import { href } from '../routes';

const newBrandForm = brandSchema.pick({
  id: true,
  name: true,
  shopDomain: true,
  currency: true,
  timezone: true,
});
const CURRENCIES = ['USD', 'EUR', 'GBP', 'CAD', 'AUD', 'JPY', 'SEK', 'DKK', 'CHF', 'NZD'];

/** `Acme Goods` → `acme-goods`: a brand id the schema accepts. */
export const slugify = (name: string) =>
  name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63);

/** Step zero of onboarding: the brand itself, then on to connecting its platforms. */
export function NewBrandPage() {
  useTitle('Add a brand');
  const { api, reloadBrands, can } = useServices();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string>();
  const [currency, setCurrency] = useState('USD');
  const timezone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (!can('brands:create'))
    return (
      <section class="page">
        <h1>Add a brand</h1>
        <p>Only owners and admins can add brands.</p>
      </section>
    );

  async function create(form: HTMLFormElement) {
    const data = Object.fromEntries(new FormData(form)) as Record<string, string>;
    const parsed = newBrandForm.safeParse({ ...data, id: slugify(data.name ?? '') });
    if (!parsed.success) {
      setErrors(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message])));
      return;
    }
    setErrors({});
    setBusy(true);
    setFailure(undefined);
    try {
      await api.post('/api/brands', parsed.data, z.unknown());
      reloadBrands();
      navigate(href('onboarding', { brandId: parsed.data.id }));
    } catch (err) {
      setFailure(describeError(err));
    } finally {
      setBusy(false);
    }
  }

  const field = (name: string, label: string, input: JSX.Element) => (
    <div class="field">
      <label for={name}>{label}</label>
      {input}
      <FormStatus error={errors[name] || (name === 'name' && errors.id)} />
    </div>
  );

  return (
    <section class="page">
      <h1>Add a brand</h1>
      <form
        class="card settings"
        onSubmit={(e) => {
          e.preventDefault();
          void create(e.currentTarget);
        }}
      >
        {field('name', 'Brand name', <input id="name" name="name" required maxLength={200} />)}
        {field(
          'shopDomain',
          'Shopify store domain',
          <input id="shopDomain" name="shopDomain" placeholder="your-store.myshopify.com" required />,
        )}
        {field(
          'currency',
          'Store currency',
          <select
            id="currency"
            name="currency"
            value={currency}
            onChange={(e) => setCurrency(e.currentTarget.value)}
          >
            {CURRENCIES.map((c) => (
              <option key={c}>{c}</option>
            ))}
          </select>,
        )}
        {field(
          'timezone',
          'Store timezone',
          <input id="timezone" name="timezone" defaultValue={timezone} required />,
        )}
        <div class="actions">
          <button type="submit" disabled={busy}>
            {busy ? 'Creating…' : 'Create and connect'}
          </button>
        </div>
        <FormStatus error={failure} />
      </form>
    </section>
  );
}
