import { useState } from 'preact/hooks';
import type { BrandProfile } from '../../../../shared/domain/content/profile';
import { maybeProfile, profileView } from '../../api/content-schemas';
import { FormStatus } from '../../components/form-status';
import { Async, describeError, Empty } from '../../components/states';
import { useBrand, useServices } from '../../context';
import { useResource } from '../../hooks/use-resource';
import { useTitle } from '../../hooks/use-title';
import { ContentNav, contentBase } from './common';

const SOURCE: Record<BrandProfile['source'], string> = {
  claude: 'Written by Claude from your storefront',
  local: 'Drafted by Pulsepoint from your storefront',
  edited: 'Edited by your team',
};
const list = (s: string) =>
  s
    .split('\n')
    .map((x) => x.trim())
    .filter(Boolean);

/** The brand profile the posts are written in: extracted from the storefront, editable. */
export function ContentProfilePage() {
  const { api, can } = useServices();
  const { brand } = useBrand();
  useTitle('Brand profile', 'Content', brand.name);
  const url = `${contentBase(brand.id)}/profile`;
  // A brand without a profile yet answers null: the empty state below, not an error.
  const profile = useResource(`content-profile:${brand.id}`, () => api.get(url, maybeProfile));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  // Kept here: a save reloads the profile and remounts the form, which must not lose the message.
  const [saved, setSaved] = useState<string | undefined>();
  async function extract() {
    setBusy(true);
    setError(undefined);
    try {
      await api.post(`${url}/extract`, {}, profileView);
      setSaved('Extracted from the storefront.');
      profile.reload();
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(false);
    }
  }
  const extractButton = can('content:write') ? (
    <button type="button" class="secondary" disabled={busy} onClick={extract}>
      {busy ? 'Reading the storefront…' : 'Extract from the storefront'}
    </button>
  ) : null;
  return (
    <section class="page content-page">
      <h1>Brand profile</h1>
      <ContentNav />
      <FormStatus error={error} />
      <FormStatus done={saved} />
      <Async resource={profile} label="Loading the brand profile…">
        {(p) =>
          p ? (
            <ProfileForm
              key={p.updatedAt}
              profile={p}
              url={url}
              onSaved={() => {
                setSaved('Saved.');
                profile.reload();
              }}
              extract={extractButton}
            />
          ) : (
            <Empty title="No brand profile yet.">
              <p>Pulsepoint reads your storefront (title, description, headings, colours) and drafts one.</p>
              {extractButton}
            </Empty>
          )
        }
      </Async>
    </section>
  );
}

function ProfileForm(props: {
  profile: BrandProfile;
  url: string;
  onSaved: () => void;
  extract: preact.ComponentChildren;
}) {
  const { api, can } = useServices();
  const { fmt } = useBrand();
  const p = props.profile;
  const [name, setName] = useState(p.name);
  const [voice, setVoice] = useState(p.voice);
  const [audience, setAudience] = useState(p.audience);
  const [pillars, setPillars] = useState(p.pillars.join('\n'));
  const [palette, setPalette] = useState(p.palette.join(' '));
  const [dos, setDos] = useState(p.dos.join('\n'));
  const [donts, setDonts] = useState(p.donts.join('\n'));
  const [message, setMessage] = useState<{ ok: boolean; text: string } | undefined>();
  const editable = can('content:write');
  const colours = palette.split(/[\s,]+/).filter(Boolean);

  async function save(e: Event) {
    e.preventDefault();
    try {
      await api.put(
        props.url,
        {
          name,
          voice,
          audience,
          pillars: list(pillars),
          palette: colours,
          dos: list(dos),
          donts: list(donts),
        },
        profileView,
      );
      setMessage(undefined);
      props.onSaved();
    } catch (err) {
      setMessage({ ok: false, text: describeError(err) });
    }
  }
  return (
    <form class="card profile-form" onSubmit={save}>
      <p class="muted small">
        {SOURCE[p.source]} · {fmt.instant(p.updatedAt)}
        {p.site ? ` · from “${p.site.title}”` : ''}
      </p>
      <label for="p-name">Name</label>
      <input
        class="wide"
        id="p-name"
        value={name}
        disabled={!editable}
        onInput={(e) => setName(e.currentTarget.value)}
      />
      <label for="p-voice">Voice</label>
      <textarea
        class="wide"
        id="p-voice"
        rows={3}
        value={voice}
        disabled={!editable}
        onInput={(e) => setVoice(e.currentTarget.value)}
      />
      <label for="p-audience">Audience</label>
      <textarea
        class="wide"
        id="p-audience"
        rows={2}
        value={audience}
        disabled={!editable}
        onInput={(e) => setAudience(e.currentTarget.value)}
      />
      <label for="p-pillars">Content pillars (one per line)</label>
      <textarea
        class="wide"
        id="p-pillars"
        rows={4}
        value={pillars}
        disabled={!editable}
        onInput={(e) => setPillars(e.currentTarget.value)}
      />
      <label for="p-palette">Palette (hex colours)</label>
      <input
        class="wide"
        id="p-palette"
        value={palette}
        disabled={!editable}
        onInput={(e) => setPalette(e.currentTarget.value)}
      />
      <div class="swatches" aria-hidden="true">
        {colours
          .filter((c) => /^#[0-9a-fA-F]{6}$/.test(c))
          .map((c) => (
            <span key={c} class="swatch" style={{ background: c }} title={c} />
          ))}
      </div>
      <label for="p-dos">Do (one per line)</label>
      <textarea
        class="wide"
        id="p-dos"
        rows={3}
        value={dos}
        disabled={!editable}
        onInput={(e) => setDos(e.currentTarget.value)}
      />
      <label for="p-donts">Don’t (one per line)</label>
      <textarea
        class="wide"
        id="p-donts"
        rows={3}
        value={donts}
        disabled={!editable}
        onInput={(e) => setDonts(e.currentTarget.value)}
      />
      <div class="actions">
        {editable ? (
          <button type="submit">Save the profile</button>
        ) : (
          <span class="muted small">Your role can read the profile but not change it.</span>
        )}
        {props.extract}
      </div>
      <FormStatus done={message?.ok && message.text} error={message && !message.ok && message.text} />
    </form>
  );
}
