import { describe, expect, it } from 'vitest';
import { parseProductList } from './campaign-products';

describe('the promoted products field', () => {
  it('reads a comma or line separated list, without blanks or repeats', () => {
    expect(parseProductList(' SKU-1, SKU-2,,SKU-1\nSKU-3 ')).toEqual(['SKU-1', 'SKU-2', 'SKU-3']);
    expect(parseProductList('  ')).toEqual([]);
  });
});
