import { describe, expect, it } from 'vitest';
import { createPostImageRenderer, IMAGE_SIZE, loadDefaultFonts, postImageTree } from './render';

describe('post images', () => {
  it('renders a 1080×1080 PNG of the product, its price and the offer', async () => {
    const renderer = createPostImageRenderer(await loadDefaultFonts());
    const png = await renderer.render({
      brandName: 'Demo Brand',
      palette: ['#1f3a2e', '#c86a2a', '#faf7f0'],
      product: { title: 'Alpine Throw', priceMinor: 8900, currency: 'USD', kind: 'overstock' },
      offer: 'Free shipping over $75',
    });
    expect([...png.slice(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const view = new DataView(png.buffer, png.byteOffset);
    expect([view.getUint32(16), view.getUint32(20)]).toEqual([IMAGE_SIZE, IMAGE_SIZE]);
    expect(png.byteLength).toBeGreaterThan(5_000);
  });

  it('puts the formatted price and the badge in the template, dark text on a light palette', () => {
    const tree = JSON.stringify(
      postImageTree({
        brandName: 'B',
        palette: ['#faf7f0', '#c86a2a'],
        product: { title: 'Camp Mug', priceMinor: 2400, currency: 'EUR', kind: 'bestseller' },
      }),
    );
    expect(tree).toContain('€24.00');
    expect(tree).toContain('Best seller');
    expect(tree).toContain('"color":"#111111"');
  });
});
