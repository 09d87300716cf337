import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { z } from 'zod';
import { ATTRIBUTION_MODELS, ATTRIBUTION_WINDOWS, brandTargetsSchema } from '../../../shared/domain/entities';
import { brandResponse } from '../api/schemas';
import { CampaignProductsEditor } from '../components/campaign-products';
import { FormStatus } from '../components/form-status';
import { Link } from '../components/link';
import { describeError } from '../components/states';
import { useBrand, useServices } from '../context';
import { useTitle } from '../hooks/use-title';
import { humanize } from '../labels';
import { href } from '../routes';
import { IntegrationsPanel } from './integrations';
import { WriteKeysPanel } from './write-keys';

/** The form's fields, checked with the same schema the server uses before anything is sent. */
const settingsForm = z.object({
  targets: brandTargetsSchema,
  notificationWebhookUrl: z.union([
    z.literal(''),
    z.string().url('Enter a full URL, e.g. https://hooks.example.com/…'),
  ]),
});

const NUMBER_FIELDS = [
  ['roasTarget', 'ROAS target', '×', '0.1'],
  ['lowCoverDays', 'Low stock below', 'days of cover', '1'],
  ['overstockCoverDays', 'Overstock above', 'days of cover', '1'],
  ['roasDropAlertPct', 'Alert when ROAS drops by', '%', '1'],
  ['timeDecayHalfLifeDays', 'Time-decay half-life', 'days', '1'],
] as const;

export function SettingsPage() {
  const { api, reloadBrands, can } = useServices();
  const { brand } = useBrand();
  useTitle('Settings', brand.name);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [status, setStatus] = useState<'idle' | 'saving' | 'saved' | { error: string }>('idle');
  const canEdit = can('brands:update');
  // Selects are controlled: Preact has no defaultValue for <select>.
  const [model, setModel] = useState(brand.targets.attributionModel);
  const [windowDays, setWindowDays] = useState(String(brand.targets.attributionWindowDays));
  const [basis, setBasis] = useState(brand.targets.revenueBasis);
  const [refunds, setRefunds] = useState(brand.targets.refundTiming);

  async function save(form: HTMLFormElement) {
    const data = new FormData(form);
    const raw = {
      targets: {
        ...Object.fromEntries(NUMBER_FIELDS.map(([k]) => [k, Number(data.get(k))])),
        attributionModel: data.get('attributionModel'),
        attributionWindowDays: Number(data.get('attributionWindowDays')),
        revenueBasis: data.get('revenueBasis'),
        refundTiming: data.get('refundTiming'),
        geoFallback: data.get('geoFallback') === 'on',
      },
      notificationWebhookUrl: String(data.get('notificationWebhookUrl') ?? '').trim(),
    };
    const parsed = settingsForm.safeParse(raw);
    if (!parsed.success) {
      setErrors(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path.at(-1)), i.message])));
      return;
    }
    setErrors({});
    setStatus('saving');
    try {
      const { notificationWebhookUrl, targets } = parsed.data;
      await api.patch(
        `/api/brands/${encodeURIComponent(brand.id)}`,
        { targets, notificationWebhookUrl: notificationWebhookUrl || null },
        z.union([brandResponse, z.object({ brand: brandResponse })]),
      );
      setStatus('saved');
      reloadBrands();
    } catch (err) {
      setStatus({ error: describeError(err) });
    }
  }

  return (
    <section class="page">
      <h1>Settings for {brand.name}</h1>
      <form
        class="card settings"
        onSubmit={(e) => {
          e.preventDefault();
          void save(e.currentTarget);
        }}
      >
        <fieldset disabled={!canEdit}>
          <legend>Targets and thresholds</legend>
          {NUMBER_FIELDS.map(([key, label, unit, step]) => (
            <Field key={key} id={key} label={label} error={errors[key]}>
              <input
                id={key}
                name={key}
                type="number"
                step={step}
                min="0"
                defaultValue={String(brand.targets[key])}
              />
              <span class="unit">{unit}</span>
            </Field>
          ))}
        </fieldset>
        <fieldset disabled={!canEdit}>
          <legend>Attribution</legend>
          <Field id="attributionModel" label="Model" error={errors.attributionModel}>
            <select
              id="attributionModel"
              name="attributionModel"
              value={model}
              onChange={(e) => setModel(e.currentTarget.value as typeof model)}
            >
              {ATTRIBUTION_MODELS.map((m) => (
                <option key={m} value={m}>
                  {humanize(m)}
                </option>
              ))}
            </select>
          </Field>
          <Field id="attributionWindowDays" label="Window" error={errors.attributionWindowDays}>
            <select
              id="attributionWindowDays"
              name="attributionWindowDays"
              value={windowDays}
              onChange={(e) => setWindowDays(e.currentTarget.value)}
            >
              {ATTRIBUTION_WINDOWS.map((w) => (
                <option key={w} value={w}>
                  {w} {w === 1 ? 'day' : 'days'}
                </option>
              ))}
            </select>
          </Field>
          <Field id="revenueBasis" label="Revenue is" error={errors.revenueBasis}>
            <select
              id="revenueBasis"
              name="revenueBasis"
              value={basis}
              onChange={(e) => setBasis(e.currentTarget.value as typeof basis)}
            >
              <option value="order_total">
                Order total: after discounts, with shipping and tax (default)
              </option>
              <option value="net_sales">Net sales: after discounts, without shipping and tax</option>
            </select>
          </Field>
          <Field id="refundTiming" label="Refunds count" error={errors.refundTiming}>
            <select
              id="refundTiming"
              name="refundTiming"
              value={refunds}
              onChange={(e) => setRefunds(e.currentTarget.value as typeof refunds)}
            >
              <option value="refund_day">On the day of the refund (default)</option>
              <option value="order_day">On the day of the order</option>
            </select>
          </Field>
          <Field id="geoFallback" label="Geo + time guess" error={errors.geoFallback}>
            <input
              id="geoFallback"
              name="geoFallback"
              type="checkbox"
              defaultChecked={brand.targets.geoFallback}
            />
            <span class="unit">
              Credit orders with no tracking to the campaign most active in their region, shown apart as
              “modelled”
            </span>
          </Field>
          <p class="muted small">
            Ad platforms report purchase value as the order total. Cancelled orders never count.
          </p>
        </fieldset>
        <fieldset disabled={!canEdit}>
          <legend>Notifications</legend>
          <Field
            id="notificationWebhookUrl"
            label="Alert webhook (Slack, n8n…)"
            error={errors.notificationWebhookUrl}
          >
            <input
              id="notificationWebhookUrl"
              name="notificationWebhookUrl"
              type="url"
              placeholder="https://hooks.slack.com/services/…"
              defaultValue={brand.notificationWebhookUrl ?? ''}
            />
          </Field>
          <p class="muted small">Each alert is POSTed as JSON, signed with an HMAC header.</p>
        </fieldset>
        {canEdit ? (
          <div class="actions">
            <button type="submit" disabled={status === 'saving'}>
              {status === 'saving' ? 'Saving…' : 'Save settings'}
            </button>
            <FormStatus
              inline
              done={status === 'saved' && 'Saved.'}
              error={typeof status === 'object' && status.error}
            />
          </div>
        ) : (
          <p class="muted">Only owners and admins can change settings.</p>
        )}
      </form>
      <CampaignProductsEditor />
      <IntegrationsPanel />
      <WriteKeysPanel />
      <p>
        <Link href={href('onboarding', { brandId: brand.id })}>Connect platforms and watch syncs</Link>
      </p>
    </section>
  );
}

function Field(props: { id: string; label: string; error: string | undefined; children: ComponentChildren }) {
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <div class="field-input">{props.children}</div>
      <FormStatus error={props.error} />
    </div>
  );
}
