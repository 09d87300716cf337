import { describe, expect, it } from 'vitest';
import { storefrontHtml } from '../../infra/sandbox/shopify/storefront';
import { extractSiteFacts } from './extract';

describe('brand extraction from a storefront', () => {
  it("reads the demo storefront's title, description, Open Graph, headings and palette", () => {
    const facts = extractSiteFacts(storefrontHtml('http://127.0.0.1:1'), 'http://127.0.0.1:1/');
    expect(facts.title).toBe('Demo Brand — Outdoor gear made to last');
    expect(facts.siteName).toBe('Demo Brand');
    expect(facts.description).toMatch(/^Trail-tested outdoor gear/);
    expect(facts.ogImage).toBe('http://127.0.0.1:1/cdn/shop/files/hero-trail.jpg');
    expect(facts.headings).toEqual(
      expect.arrayContaining(['Gear for weekends outside', 'Cosy camp layers', 'Alpine Throw']),
    );
    // theme-color + the announcement bar make the dark green the most used; Dawn's rgb triplets count too.
    expect(facts.colours[0]).toBe('#1f3a2e');
    expect(facts.colours).toEqual(expect.arrayContaining(['#c86a2a', '#faf7f0', '#7a8f6a']));
    expect(facts.language).toBe('en');
    expect(facts.keywords).toContain('gear');
  });

  it('a page without metadata still yields facts (empty, not a crash)', () => {
    const facts = extractSiteFacts('<html><body><p>hi</p></body></html>', 'https://x.example/');
    expect(facts).toMatchObject({ title: '', description: '', headings: [], colours: [] });
  });
});
