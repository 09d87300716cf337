import { describe, expect, it } from 'vitest';
import { homeTarget } from './app';

const q = (s: string) => new URLSearchParams(s);

describe('where / leads', () => {
  it.each([
    [[], '', '/onboarding'],
    [['acme'], '', '/brands/acme'],
    [['acme', 'globex'], '', '/agency'],
    [['acme', 'globex'], 'connected=shopify&brand=globex', '/brands/globex/onboarding?connected=shopify'],
    // A brand the user cannot see is not followed (the API would 404 it anyway).
    [['acme'], 'connected=shopify&brand=other', '/brands/acme'],
  ])('with brands %o and ?%s goes to %s', (brands, search, target) => {
    expect(homeTarget(brands, q(search))).toBe(target);
  });
});
