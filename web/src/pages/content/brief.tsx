import { useEffect, useState } from 'preact/hooks';
import type { Brief } from '../../../../shared/domain/content/brief';
import { briefView, briefWithHistory } from '../../api/content-schemas';
import { FormStatus } from '../../components/form-status';
import { Async, describeError } from '../../components/states';
import { useBrand, useServices } from '../../context';
import { useResource } from '../../hooks/use-resource';
import { useTitle } from '../../hooks/use-title';
import { CONTENT_CHANNEL_IDS, CONTENT_CHANNELS } from '../../labels';
import { ContentNav, contentBase, useActorName, useBrandMonth } from './common';

const lines = (s: string) =>
  s
    .split(/[\n,]/)
    .map((x) => x.trim())
    .filter(Boolean);

/** The month's brief: what to push, offers, tone, channels and rhythm; every save is kept as a version. */
export function ContentBriefPage() {
  const { api } = useServices();
  const { brand } = useBrand();
  useTitle('Brief', 'Content', brand.name);
  const thisMonth = useBrandMonth();
  const [month, setMonth] = useState(thisMonth);
  // No brief for the month yet (`brief: null`) is an empty form, not an error.
  const brief = useResource(`content-brief:${brand.id}:${month}`, () =>
    api.get(`${contentBase(brand.id)}/briefs/${month}`, briefWithHistory),
  );
  return (
    <section class="page content-page">
      <h1>Brief</h1>
      <ContentNav />
      <label for="brief-month">Month</label>
      <input
        id="brief-month"
        type="month"
        value={month}
        onChange={(e) => e.currentTarget.value && setMonth(e.currentTarget.value)}
      />
      <Async resource={brief} label="Loading the brief…">
        {(b) => (
          <BriefForm
            key={month}
            month={month}
            brief={b.brief ?? undefined}
            history={b.history}
            onSaved={brief.reload}
          />
        )}
      </Async>
    </section>
  );
}

function BriefForm(props: {
  month: string;
  brief: Brief | undefined;
  history: Brief[];
  onSaved: () => void;
}) {
  const { api, can } = useServices();
  const { brand, fmt } = useBrand();
  const actor = useActorName();
  const b = props.brief;
  const [goals, setGoals] = useState(b?.goals ?? '');
  const [push, setPush] = useState((b?.pushProducts ?? []).join('\n'));
  const [offers, setOffers] = useState(b?.offers ?? '');
  const [tone, setTone] = useState(b?.tone ?? '');
  const [channels, setChannels] = useState<string[]>(b?.channels ?? [...CONTENT_CHANNEL_IDS]);
  const [perWeek, setPerWeek] = useState(b?.postsPerWeek ?? 3);
  const [language, setLanguage] = useState(b?.language ?? 'en');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | undefined>();
  const [busy, setBusy] = useState(false);
  useEffect(() => setMessage(undefined), [props.month]);
  const editable = can('content:write');
  const toggle = (c: string) =>
    setChannels((cs) => (cs.includes(c) ? cs.filter((x) => x !== c) : [...cs, c]));

  async function save(e: Event) {
    e.preventDefault();
    setBusy(true);
    try {
      const saved = await api.put(
        `${contentBase(brand.id)}/briefs/${props.month}`,
        { goals, pushProducts: lines(push), offers, tone, channels, postsPerWeek: perWeek, language },
        briefView,
      );
      setMessage({ ok: true, text: `Saved as version ${saved.version}.` });
      props.onSaved();
    } catch (err) {
      setMessage({ ok: false, text: describeError(err) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div class="grid-2">
      <form class="card brief-form" onSubmit={save}>
        <h2>{fmt.month(props.month)}</h2>
        {!b ? <p class="muted">No brief for this month yet.</p> : null}
        <label for="goals">Goals</label>
        <textarea
          class="wide"
          id="goals"
          rows={3}
          value={goals}
          disabled={!editable}
          onInput={(e) => setGoals(e.currentTarget.value)}
        />
        <label for="push">Products to push (SKU or name, one per line)</label>
        <textarea
          class="wide"
          id="push"
          rows={3}
          value={push}
          disabled={!editable}
          onInput={(e) => setPush(e.currentTarget.value)}
        />
        <label for="offers">Offers</label>
        <input
          class="wide"
          id="offers"
          value={offers}
          disabled={!editable}
          onInput={(e) => setOffers(e.currentTarget.value)}
        />
        <label for="tone">Tone</label>
        <input
          class="wide"
          id="tone"
          value={tone}
          disabled={!editable}
          onInput={(e) => setTone(e.currentTarget.value)}
        />
        <fieldset>
          <legend>Channels</legend>
          {CONTENT_CHANNEL_IDS.map((c) => (
            <label key={c} class="inline">
              <input
                type="checkbox"
                checked={channels.includes(c)}
                disabled={!editable}
                onChange={() => toggle(c)}
              />{' '}
              {CONTENT_CHANNELS[c].label}
            </label>
          ))}
        </fieldset>
        <label for="per-week">Posts per week</label>
        <input
          class="wide"
          id="per-week"
          type="number"
          min={1}
          max={21}
          value={perWeek}
          disabled={!editable}
          onInput={(e) => setPerWeek(Number(e.currentTarget.value))}
        />
        <label for="language">Language</label>
        <select
          class="wide"
          id="language"
          value={language}
          disabled={!editable}
          onChange={(e) => setLanguage(e.currentTarget.value)}
        >
          {languageChoices(language).map((code) => (
            <option key={code} value={code}>
              {languageName(code)}
            </option>
          ))}
        </select>
        <div class="actions">
          {editable ? (
            <button type="submit" disabled={busy || channels.length === 0}>
              {b ? 'Save a new version' : 'Save the brief'}
            </button>
          ) : (
            <span class="muted small">Your role can read the brief but not change it.</span>
          )}
        </div>
        <FormStatus done={message?.ok && message.text} error={message && !message.ok && message.text} />
      </form>
      <section class="card">
        <h2>History</h2>
        {props.history.length === 0 ? <p class="muted">No versions yet.</p> : null}
        <ol class="history">
          {props.history.map((v) => (
            <li key={v.version}>
              <strong>Version {v.version}</strong> · {fmt.instant(v.updatedAt)} · {actor(v.updatedBy)}
              <p class="muted small">
                {v.postsPerWeek} posts a week{v.goals ? ` · ${v.goals}` : ''}
                {v.offers ? ` · ${v.offers}` : ''}
              </p>
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}

/** Languages a brief is commonly written in; a brief saved in another keeps its own. */
const LANGUAGES = ['en', 'fr', 'de', 'es', 'it', 'nl', 'pt', 'sv', 'da', 'nb', 'fi', 'pl', 'ja', 'ko', 'zh'];

export function languageChoices(current: string): string[] {
  return LANGUAGES.includes(current) ? LANGUAGES : [current, ...LANGUAGES];
}

/** "English", "French"… in English, the app's language; a code the browser cannot name stays as it is. */
export function languageName(code: string): string {
  try {
    return new Intl.DisplayNames(['en'], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}
