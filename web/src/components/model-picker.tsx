import { ATTRIBUTION_MODELS, type AttributionModel } from '../../../shared/domain/entities/brand';
import { useBrand } from '../context';
import { usePeriod } from '../hooks/use-period';
import { humanize } from '../labels';

/**
 * Which attribution model the view credits channels and campaigns under, kept in the URL like the
 * period. The brand's own (Settings) is marked and is the default; picking it clears the choice.
 */
export function ModelPicker() {
  const { brand } = useBrand();
  const { model, setModel } = usePeriod();
  const own = brand.targets.attributionModel;
  return (
    <label class="inline">
      Attribution
      <select
        value={model ?? own}
        onChange={(e) => {
          const next = e.currentTarget.value as AttributionModel;
          setModel(next === own ? null : next);
        }}
      >
        {ATTRIBUTION_MODELS.map((m) => (
          <option key={m} value={m}>
            {humanize(m)}
            {m === own ? ' (your setting)' : ''}
          </option>
        ))}
      </select>
    </label>
  );
}

/**
 * What a view under another model changes and what it does not, in one sentence; nothing under
 * the brand's own model.
 */
export function modelNote(view: { model: string; defaultModel: string }, keeps: string): string | null {
  if (view.model === view.defaultModel) return null;
  return `Channels and campaigns are credited under ${humanize(view.model).toLowerCase()}, their profit estimated at the day's margin; ${keeps} under ${humanize(view.defaultModel).toLowerCase()}, your setting.`;
}
