import { useState } from 'preact/hooks';
import { countedThing } from '../../../shared/domain/names/counts';
import { type ImportPreviewView, importPreview, importResult } from '../api/schemas';
import { DataTable } from '../components/data-table';
import { FormStatus } from '../components/form-status';
import { describeError } from '../components/states';
import { useBrand, useServices } from '../context';
import { useTitle } from '../hooks/use-title';

/**
 * Import a platform's own export files: choose the platform (and, for ads, the account), drop the
 * files, read the preview — what would be written, samples, every problem with its file:line:column
 * — and confirm. Nothing is written until the merchant confirms a preview without problems.
 */
const SOURCES = [
  ['shopify', 'Shopify: orders, catalog, customers'],
  ['meta', 'Meta Ads Manager export'],
  ['google_ads', 'Google Ads report'],
  ['tiktok', 'TikTok Ads Manager report'],
] as const;
type Source = (typeof SOURCES)[number][0];

export function ImportPage() {
  useTitle('Import files');
  const { api, can } = useServices();
  const { brand } = useBrand();
  const [source, setSource] = useState<Source>('shopify');
  const [account, setAccount] = useState('');
  const [currency, setCurrency] = useState('');
  const [timezone, setTimezone] = useState('');
  const [files, setFiles] = useState<Array<{ name: string; content: string }>>([]);
  const [preview, setPreview] = useState<ImportPreviewView>();
  const [busy, setBusy] = useState<'reading' | 'importing'>();
  const [failure, setFailure] = useState<string>();
  const [done, setDone] = useState<string>();
  const [dragging, setDragging] = useState(false);
  const base = `/api/brands/${encodeURIComponent(brand.id)}/imports`;
  if (!can('imports:run'))
    return (
      <section class="page">
        <h1>Import files</h1>
        <p>Only owners and admins can import files.</p>
      </section>
    );

  const request = (chosen = files) => ({
    source,
    files: chosen,
    ...(source !== 'shopify' && account.trim() ? { account: account.trim() } : {}),
    ...(source !== 'shopify' && currency ? { currency } : {}),
    ...(source !== 'shopify' && timezone.trim() ? { timezone: timezone.trim() } : {}),
  });

  async function check(chosen: Array<{ name: string; content: string }>) {
    setBusy('reading');
    setFailure(undefined);
    setDone(undefined);
    try {
      setPreview(await api.post(`${base}/preview`, request(chosen), importPreview));
    } catch (err) {
      setPreview(undefined);
      setFailure(describeError(err));
    } finally {
      setBusy(undefined);
    }
  }

  async function choose(list: FileList | null) {
    if (!list?.length) return;
    const chosen = await Promise.all([...list].map(async (f) => ({ name: f.name, content: await f.text() })));
    setFiles(chosen);
    await check(chosen);
  }

  async function confirm() {
    setBusy('importing');
    setFailure(undefined);
    try {
      const result = await api.post(base, request(), importResult);
      setDone(
        `Imported ${result.summary}. Attribution is recalculating; the dashboard follows in a few minutes.`,
      );
      setPreview(undefined);
      setFiles([]);
    } catch (err) {
      setFailure(describeError(err));
    } finally {
      setBusy(undefined);
    }
  }

  const isAds = source !== 'shopify';
  return (
    <section class="page import-page">
      <h1>Import files</h1>
      <p class="muted">
        Load your own exports into {brand.name}. Nothing is saved until you confirm, and a file with a problem
        is not imported at all.
      </p>
      <form class="card settings" onSubmit={(e) => e.preventDefault()}>
        <div class="field">
          <label for="import-source">Exported from</label>
          <select
            id="import-source"
            value={source}
            onChange={(e) => {
              setSource(e.currentTarget.value as Source);
              setPreview(undefined);
              setFiles([]);
            }}
          >
            {SOURCES.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        {isAds ? (
          <>
            <div class="field">
              <label for="import-account">Ad account id</label>
              <input
                id="import-account"
                value={account}
                placeholder={
                  source === 'meta'
                    ? 'act_1234567890'
                    : source === 'google_ads'
                      ? '123-456-7890'
                      : '7000000000001'
                }
                onInput={(e) => setAccount(e.currentTarget.value)}
              />
            </div>
            <div class="field">
              <label for="import-currency">Account currency (when the file does not say)</label>
              <input
                id="import-currency"
                value={currency}
                maxLength={3}
                placeholder="USD"
                onInput={(e) => setCurrency(e.currentTarget.value.toUpperCase())}
              />
            </div>
            <div class="field">
              <label for="import-timezone">Account timezone (new accounts)</label>
              <input
                id="import-timezone"
                value={timezone}
                placeholder={brand.timezone}
                onInput={(e) => setTimezone(e.currentTarget.value)}
              />
            </div>
          </>
        ) : null}
        <label
          class={`dropzone${dragging ? ' dragging' : ''}`}
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={(e) => {
            e.preventDefault();
            setDragging(false);
            void choose(e.dataTransfer?.files ?? null);
          }}
        >
          <input
            type="file"
            multiple
            accept=".csv,.jsonl,.json,.txt"
            class="visually-hidden"
            onChange={(e) => void choose(e.currentTarget.files)}
          />
          <strong>Drop export files here</strong>
          <span class="muted">or click to choose · several part files of one export are read together</span>
          {files.length ? <span>{files.map((f) => f.name).join(', ')}</span> : null}
        </label>
        {files.length && isAds ? (
          <div class="actions">
            <button type="button" class="button" disabled={Boolean(busy)} onClick={() => void check(files)}>
              Check again
            </button>
          </div>
        ) : null}
      </form>
      {busy === 'reading' ? <p aria-live="polite">Reading the files…</p> : null}
      <FormStatus error={failure} />
      <FormStatus done={done} />
      {preview ? (
        <PreviewCard preview={preview} busy={busy === 'importing'} onConfirm={() => void confirm()} />
      ) : null}
    </section>
  );
}

function PreviewCard(props: { preview: ImportPreviewView; busy: boolean; onConfirm: () => void }) {
  const { preview } = props;
  const { fmt } = useBrand();
  const counts = Object.entries(preview.counts).filter(([, n]) => n > 0);
  // The server heads the sample in words; the page formats dates and counts as the app does.
  const columns = preview.sample.columns.map((column, i) => ({
    label: column.header,
    numeric: column.kind === 'number',
    cell: (row: (string | number | null)[]) => {
      const value = row[i];
      if (value === null || value === undefined) return '—';
      if (column.kind === 'date' && typeof value === 'string') return fmt.day(value);
      if (typeof value === 'number') return fmt.integer(value);
      return value;
    },
  }));
  return (
    <article class="card" aria-labelledby="preview-title">
      <h2 id="preview-title">{preview.valid ? 'Ready to import' : 'Nothing can be imported yet'}</h2>
      <p>
        {preview.kinds.join(', ')}
        {preview.range ? ` · ${fmt.dayRange(preview.range.from, preview.range.to)}` : ''}
      </p>
      {counts.length ? (
        <ul class="import-counts">
          {counts.map(([k, n]) => (
            <li key={k}>{countedThing(k, n)}</li>
          ))}
        </ul>
      ) : null}
      {preview.notes.length ? (
        <ul class="import-notes">
          {preview.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      ) : null}
      {preview.problemCount ? (
        <section aria-labelledby="problems-title">
          <h3 id="problems-title">
            {preview.problemCount} problem{preview.problemCount === 1 ? '' : 's'} to fix in the files
            {preview.problemCount > preview.problems.length
              ? ` (the first ${preview.problems.length} shown)`
              : ''}
          </h3>
          <ol class="import-problems">
            {preview.problems.map((p) => (
              <li key={`${p.file}:${p.line}:${p.column}:${p.message}`}>
                <code>
                  {p.file}:{p.line}:{p.column}
                </code>{' '}
                {p.message}
              </li>
            ))}
          </ol>
        </section>
      ) : null}
      {preview.sample.rows.length ? (
        <DataTable
          caption="Sample of the rows to import"
          columns={columns}
          rows={preview.sample.rows}
          rowKey={(row) => JSON.stringify(row)}
        />
      ) : null}
      <div class="actions">
        <button type="button" disabled={!preview.valid || props.busy} onClick={props.onConfirm}>
          {props.busy ? 'Importing…' : 'Confirm and import'}
        </button>
      </div>
    </article>
  );
}
