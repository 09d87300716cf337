import { describe, expect, it } from 'vitest';
import { allClear } from './alerts';

describe('what no alert means', () => {
  it('says no advertised product is running out when the store has products to judge', () => {
    expect(allClear(true)).toMatch(/^No alerts: no product running out while advertised, /);
  });

  it('does not claim stock is fine for a store with no products, and says why it is not judged', () => {
    const text = allClear(false);
    expect(text).not.toMatch(/no product running out/);
    expect(text).toContain('Running out of stock is not judged: no products are synced or imported yet.');
  });
});
