import { describe, expect, it } from 'vitest';
import { productCostsWords } from './dashboard';

const fmt = { integer: (n: number) => n.toLocaleString('en-US') };

describe('what profit leaves out', () => {
  it('says nothing when every product has a unit cost', () => {
    expect(productCostsWords({ products: 240, withUnitCost: 240 }, fmt)).toBeNull();
  });

  it('says how many products have no unit cost, and that their profit is overstated', () => {
    expect(productCostsWords({ products: 1240, withUnitCost: 1000 }, fmt)).toBe(
      'Profit counts the cost of goods for 1,000 of 1,240 products; the other 240 have no unit cost ("Cost per item" in Shopify), so their profit is overstated.',
    );
  });

  it('says profit has no cost of goods at all when no product has a unit cost, or there are no products', () => {
    expect(productCostsWords({ products: 3, withUnitCost: 0 }, fmt)).toMatch(
      /^Profit leaves out the cost of goods: none of your 3 products/,
    );
    expect(productCostsWords({ products: 0, withUnitCost: 0 }, fmt)).toMatch(
      /no products are synced or imported yet/,
    );
  });
});
