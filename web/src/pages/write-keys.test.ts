import { describe, expect, it } from 'vitest';
import { parseOrigins } from './write-keys';

describe('storefront origins typed by a merchant', () => {
  it('takes one per line or comma-separated, without trailing slashes or blanks', () => {
    expect(
      parseOrigins('https://shop.example.com/, https://www.example.com\n\n https://m.example.com//'),
    ).toEqual(['https://shop.example.com', 'https://www.example.com', 'https://m.example.com']);
    expect(parseOrigins('  ')).toEqual([]);
  });
});
