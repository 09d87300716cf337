import { buildVariants, STORE } from '../world';

/**
 * The demo store's home page, as an Online Store 2.0 theme (Dawn) renders one: a `<title>`, the
 * description and Open Graph tags the theme's `meta-tags.liquid` snippet writes, the theme's
 * colour scheme as CSS custom properties, a hero, featured collections and a product grid with
 * prices. Brand extraction (shared/content/extract.ts) reads it as it would a real storefront.
 */
export function storefrontHtml(baseUrl: string): string {
  const seen = new Set<string>();
  const products = buildVariants()
    .filter(
      // One card per product family, in its base colour (colourways carry "— Colour" in the title).
      (v) =>
        (v.variantTitle === 'M' || v.variantTitle === 'OS') &&
        !v.productTitle.includes('—') &&
        !seen.has(v.productTitle) &&
        seen.add(v.productTitle),
    )
    .slice(0, 8);
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
  const price = (minor: number) => `$${(minor / 100).toFixed(2)}`;
  const description =
    'Trail-tested outdoor gear and cosy camp layers, made to last for weekends outside. Free shipping over $75.';
  return `<!doctype html>
<html class="no-js" lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width,initial-scale=1">
  <meta name="theme-color" content="#1f3a2e">
  <link rel="canonical" href="https://${STORE.shopDomain}/">
  <title>${STORE.name} — Outdoor gear made to last</title>
  <meta name="description" content="${esc(description)}">
  <meta property="og:site_name" content="${STORE.name}">
  <meta property="og:url" content="https://${STORE.shopDomain}/">
  <meta property="og:title" content="${STORE.name} — Outdoor gear made to last">
  <meta property="og:type" content="website">
  <meta property="og:description" content="${esc(description)}">
  <meta property="og:image" content="${baseUrl}/cdn/shop/files/hero-trail.jpg">
  <meta name="twitter:card" content="summary_large_image">
  <style data-shopify>
    :root {
      --font-body-family: Inter, sans-serif;
      --font-heading-family: "Playfair Display", serif;
      --color-base-text: 31, 58, 46;
      --color-base-background-1: 250, 247, 240;
      --color-base-accent-1: 200, 106, 42;
      --color-base-accent-2: 122, 143, 106;
    }
    .announcement-bar { background-color: #1f3a2e; color: #faf7f0; }
    .button--primary { background: #c86a2a; color: #ffffff; }
  </style>
</head>
<body>
  <div class="announcement-bar" role="region"><p>Free shipping on orders over $75</p></div>
  <header class="header"><a href="/" class="header__heading-link">${STORE.name}</a>
    <nav><a href="/collections/layers">Layers</a><a href="/collections/trail">Trail</a><a href="/collections/camp">Camp</a></nav>
  </header>
  <main id="MainContent">
    <section class="banner">
      <h1>Gear for weekends outside</h1>
      <p>Designed in Vermont, tested on the trail, built to be handed down.</p>
      <a class="button button--primary" href="/collections/all">Shop the collection</a>
    </section>
    <section class="collection-list">
      <h2>Cosy camp layers</h2>
      <h2>Trail-tested footwear</h2>
      <h2>Made to last, repaired for free</h2>
    </section>
    <section class="featured-collection">
      <h2>Best sellers</h2>
      <ul class="grid product-grid">
${products
  .map(
    (v) => `        <li class="grid__item"><div class="card">
          <h3 class="card__heading">${esc(v.productTitle)}</h3>
          <span class="price-item price-item--regular">${price(v.priceMinor)}</span>
        </div></li>`,
  )
  .join('\n')}
      </ul>
    </section>
  </main>
  <footer><h2>Our promise</h2><p>Every piece is guaranteed for life. Send it back and we will fix it.</p></footer>
</body>
</html>`;
}
