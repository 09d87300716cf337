import { useState } from 'preact/hooks';
import { z } from 'zod';
import { useServices } from '../context';
import { useResource } from '../hooks/use-resource';

export const featuredProducts = z.object({
  products: z.array(z.object({ id: z.string(), productId: z.string(), name: z.string() })),
});
export type FeaturedProduct = z.infer<typeof featuredProducts>['products'][number];

/** The brand's products by id, for showing a campaign's or automation's featured products by name. */
export function useFeaturedProducts(brandId: string) {
  const { api } = useServices();
  return useResource(`engagement-products:${brandId}`, () =>
    api.get(`/api/brands/${encodeURIComponent(brandId)}/engagement/products`, featuredProducts),
  );
}

/** Names for ids (a variant's, or its parent product's: the first variant's name stands for it). */
export function productNames(ids: readonly string[], products: readonly FeaturedProduct[]): string[] {
  return ids.map(
    (id) =>
      products.find((p) => p.id === id)?.name ??
      products.find((p) => p.productId === id)?.name.split(' — ')[0] ??
      'A product no longer in the catalog',
  );
}

/** Products whose name holds every word of the query, case-insensitive. */
export function matchProducts(products: readonly FeaturedProduct[], query: string): FeaturedProduct[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return products.filter((p) => words.every((w) => p.name.toLowerCase().includes(w)));
}

const SHOWN = 8;

/**
 * Picks the products a campaign or automation features: a search over the brand's product names
 * and the chosen ones as removable chips. A stockout of one pauses what features it (decision 934).
 */
export function ProductPicker(props: {
  brandId: string;
  value: readonly string[];
  onChange: (ids: string[]) => void;
}) {
  const list = useFeaturedProducts(props.brandId);
  const [query, setQuery] = useState('');
  const products = list.status === 'ready' ? list.data.products : [];
  const chosen = new Set(props.value);
  const matches = query.trim() ? matchProducts(products, query).filter((p) => !chosen.has(p.id)) : [];
  return (
    <fieldset class="product-picker">
      <legend>Featured products</legend>
      <p class="muted small">If one of these runs out of stock, this is paused until you resume it.</p>
      {props.value.length > 0 ? (
        <ul class="chips" aria-label="Chosen products">
          {productNames(props.value, products).map((name, i) => (
            <li key={props.value[i]} class="chip">
              {name}
              <button
                type="button"
                class="chip-remove"
                aria-label={`Remove ${name}`}
                onClick={() => props.onChange(props.value.filter((_, j) => j !== i))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <label>
        Add a product
        <input
          type="search"
          value={query}
          placeholder={list.status === 'loading' ? 'Loading products…' : 'Search by name'}
          onInput={(e) => setQuery(e.currentTarget.value)}
        />
      </label>
      {list.status === 'error' ? <p class="form-error">The products could not be loaded.</p> : null}
      {matches.length > 0 ? (
        <ul class="product-matches" aria-label="Matching products">
          {matches.slice(0, SHOWN).map((p) => (
            <li key={p.id}>
              <button
                type="button"
                class="secondary"
                onClick={() => {
                  props.onChange([...props.value, p.id]);
                  setQuery('');
                }}
              >
                {p.name}
              </button>
            </li>
          ))}
          {matches.length > SHOWN ? (
            <li class="muted small">{matches.length - SHOWN} more: type more of the name</li>
          ) : null}
        </ul>
      ) : query.trim() && list.status === 'ready' ? (
        <p class="muted small">No product matches “{query.trim()}”.</p>
      ) : null}
    </fieldset>
  );
}
