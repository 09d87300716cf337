import { useState } from 'preact/hooks';
import { z } from 'zod';
import { useBrand, useServices } from '../context';
import { useResource } from '../hooks/use-resource';
import { platformLabel } from '../labels';
import { Pager, TableWrap, useTableView } from './data-table';
import { FormStatus } from './form-status';
import { Async, describeError, Empty } from './states';

const campaignProducts = z.object({
  campaignId: z.string(),
  platform: z.string(),
  name: z.string(),
  products: z.array(z.string()),
});
const campaignList = z.object({ campaigns: z.array(campaignProducts) });
const imported = z.object({ rows: z.number() });

/** "SKU-1, SKU-2" ↔ ['SKU-1', 'SKU-2']: what a merchant types and what the API keeps. */
export const parseProductList = (text: string): string[] => [
  ...new Set(
    text
      .split(/[,\n]/)
      .map((s) => s.trim())
      .filter(Boolean),
  ),
];

/**
 * The products each campaign promotes: what spend is shared over when its own sync does not say.
 * Campaigns by name (the id in a tooltip); one list per campaign, or a CSV of
 * `platform,campaign,product` rows.
 */
export function CampaignProductsEditor() {
  const { api, can } = useServices();
  const { brand } = useBrand();
  const base = `/api/brands/${encodeURIComponent(brand.id)}`;
  const list = useResource(`campaign-products:${brand.id}`, () =>
    api.get(`${base}/campaign-products`, campaignList),
  );
  const [status, setStatus] = useState<string | null>(null);
  const [problems, setProblems] = useState<string | null>(null);
  const canEdit = can('brands:update');

  async function saveOne(campaignId: string, text: string) {
    setStatus(null);
    setProblems(null);
    try {
      await api.put(
        `${base}/campaign-products/${encodeURIComponent(campaignId)}`,
        { products: parseProductList(text) },
        campaignProducts,
      );
      setStatus('Saved. Numbers update after the next attribution pass.');
      list.reload();
    } catch (err) {
      setProblems(describeError(err));
    }
  }

  async function importCsv(file: File) {
    setStatus(null);
    setProblems(null);
    try {
      const res = await api.post(
        `${base}/campaign-products/import`,
        { fileName: file.name, csv: await file.text() },
        imported,
      );
      setStatus(`Imported ${res.rows} rows.`);
      list.reload();
    } catch (err) {
      setProblems(describeError(err));
    }
  }

  return (
    <article class="card" aria-labelledby="campaign-products-title">
      <h2 id="campaign-products-title">Products each campaign promotes</h2>
      <p class="muted small">
        SKUs, variant or product ids, separated by commas. Campaign spend is shared over these products;
        without a list, over what the campaign sold.
      </p>
      <Async resource={list} label="Loading campaigns…">
        {(data) =>
          data.campaigns.length === 0 ? (
            <Empty title="No campaigns yet: import or sync ad data first" />
          ) : (
            <CampaignTable campaigns={data.campaigns} disabled={!canEdit} onSave={saveOne} />
          )
        }
      </Async>
      {canEdit && (
        <label class="inline">
          Import CSV (platform,campaign,product)
          <input
            type="file"
            accept=".csv,text/csv"
            onChange={(e) => {
              const file = e.currentTarget.files?.[0];
              if (file) void importCsv(file);
            }}
          />
        </label>
      )}
      <FormStatus done={status} error={problems} />
    </article>
  );
}

const CAPTION = 'Campaigns and the products they promote';

/** Paged: an agency's brand can run hundreds of campaigns. */
function CampaignTable(props: {
  campaigns: readonly z.infer<typeof campaignProducts>[];
  disabled: boolean;
  onSave: (campaignId: string, text: string) => Promise<void>;
}) {
  const view = useTableView(props.campaigns, []);
  return (
    <>
      <TableWrap label={CAPTION}>
        <table class="data-table">
          <thead>
            <tr>
              <th>Campaign</th>
              <th>Platform</th>
              <th>Products</th>
            </tr>
          </thead>
          <tbody>
            {view.shown.rows.map((c) => (
              <CampaignRow key={c.campaignId} c={c} disabled={props.disabled} onSave={props.onSave} />
            ))}
          </tbody>
        </table>
      </TableWrap>
      <Pager caption={CAPTION} view={view} />
    </>
  );
}

function CampaignRow(props: {
  c: z.infer<typeof campaignProducts>;
  disabled: boolean;
  onSave: (campaignId: string, text: string) => Promise<void>;
}) {
  const { c } = props;
  const [text, setText] = useState(c.products.join(', '));
  return (
    <tr>
      <td title={c.campaignId}>{c.name}</td>
      <td>{platformLabel(c.platform)}</td>
      <td>
        <input
          aria-label={`Products of ${c.name}`}
          value={text}
          disabled={props.disabled}
          onInput={(e) => setText(e.currentTarget.value)}
        />
        <button
          type="button"
          class="secondary"
          disabled={props.disabled}
          onClick={() => void props.onSave(c.campaignId, text)}
        >
          Save
        </button>
      </td>
    </tr>
  );
}
