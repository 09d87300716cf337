import { describe, expect, it } from 'vitest';
import { matchProducts, productNames } from './product-picker';

const products = [
  {
    id: 'gid://shopify/ProductVariant/303',
    productId: 'gid://shopify/Product/3',
    name: 'Trail Bottle — 750 ml',
  },
  {
    id: 'gid://shopify/ProductVariant/304',
    productId: 'gid://shopify/Product/3',
    name: 'Trail Bottle — 1 l',
  },
  { id: 'gid://shopify/ProductVariant/101', productId: 'gid://shopify/Product/1', name: 'Alpine Throw' },
];

describe('the featured-products picker', () => {
  it('finds products by every word of the query, in any case and order', () => {
    expect(matchProducts(products, 'bottle 750').map((p) => p.name)).toEqual(['Trail Bottle — 750 ml']);
    expect(matchProducts(products, 'THROW').map((p) => p.name)).toEqual(['Alpine Throw']);
    expect(matchProducts(products, 'scarf')).toEqual([]);
  });

  it('names featured ids, a parent product id by its product name, never an id', () => {
    expect(
      productNames(
        ['gid://shopify/ProductVariant/101', 'gid://shopify/Product/3', 'gid://shopify/ProductVariant/999'],
        products,
      ),
    ).toEqual(['Alpine Throw', 'Trail Bottle', 'A product no longer in the catalog']);
  });
});
