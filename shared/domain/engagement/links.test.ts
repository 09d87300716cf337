import { describe, expect, it } from 'vitest';
import { rewriteHtmlLinks, rewriteTextLinks, tagLinks, type UtmTags, utmSlug, withUtm } from './links';

const tags: UtmTags = { medium: 'email', campaign: 'Win-back: 10% off!', content: 'a' };
const UTM = 'utm_source=pulsepoint&utm_medium=email&utm_campaign=win-back-10-off&utm_content=a';

describe('withUtm', () => {
  it.each([
    ['a bare link', 'https://shop.example/p/mug', `https://shop.example/p/mug?${UTM}`],
    [
      'the query and the fragment kept as written',
      'https://shop.example/search?q=red%20mug&page=2#reviews',
      `https://shop.example/search?q=red%20mug&page=2&${UTM}#reviews`,
    ],
    [
      "the merchant's own utm_campaign and utm_source kept",
      'https://shop.example/?utm_campaign=bfcm&utm_source=newsletter',
      'https://shop.example/?utm_campaign=bfcm&utm_source=newsletter&utm_medium=email&utm_content=a',
    ],
    ['not a URL', 'https://', 'https://'],
    ['not http(s)', 'mailto:hi@shop.example', 'mailto:hi@shop.example'],
  ])('%s', (_name, raw, expected) => {
    expect(withUtm(raw, tags)).toBe(expected);
  });

  it('leaves out utm_content when the message has no variant', () => {
    expect(withUtm('http://shop.example/a', { medium: 'sms', campaign: 'Cart', content: null })).toBe(
      'http://shop.example/a?utm_source=pulsepoint&utm_medium=sms&utm_campaign=cart',
    );
  });
});

describe('utmSlug', () => {
  it.each([
    ['Win-back: 10% off!', 'win-back-10-off'],
    ['Crème brûlée  drop', 'creme-brulee-drop'],
    ['  --  ', ''],
  ])('%s → %s', (name, slug) => {
    expect(utmSlug(name)).toBe(slug);
  });
});

describe('finding links', () => {
  it('in text: every http(s) URL, without the sentence punctuation after it', () => {
    const seen: string[] = [];
    const out = rewriteTextLinks(
      'Shop https://shop.example/a. Or (see https://shop.example/b) and https://en.wikipedia.org/wiki/Mug_(cup)!',
      (url, i) => {
        seen.push(url);
        return `<${i}>`;
      },
    );
    expect(seen).toEqual([
      'https://shop.example/a',
      'https://shop.example/b',
      'https://en.wikipedia.org/wiki/Mug_(cup)',
    ]);
    expect(out).toBe('Shop <0>. Or (see <1>) and <2>!');
  });

  it('in HTML: href attributes, entities decoded for the rewrite and encoded again', () => {
    const seen: string[] = [];
    const out = rewriteHtmlLinks(
      '<a class="x" href="https://shop.example/?a=1&amp;b=2">Shop</a> <a href=\'mailto:x@y\'>m</a> https://not-a-link.example',
      (url) => {
        seen.push(url);
        return `${url}&c=3`;
      },
    );
    expect(seen).toEqual(['https://shop.example/?a=1&b=2']);
    expect(out).toBe(
      '<a class="x" href="https://shop.example/?a=1&amp;b=2&amp;c=3">Shop</a> <a href=\'mailto:x@y\'>m</a> https://not-a-link.example',
    );
  });
});

describe('tagLinks', () => {
  const unsubscribe = (url: string) => url.startsWith('https://app.pulsepoint.example/unsubscribe/');

  it('tags the links of an SMS and leaves the unsubscribe link alone', () => {
    const text = 'New drop: https://shop.example/new Stop: https://app.pulsepoint.example/unsubscribe/t/x.y';
    expect(tagLinks(text, { ...tags, medium: 'sms' }, { keep: unsubscribe })).toBe(
      `New drop: https://shop.example/new?${UTM.replace('email', 'sms')} Stop: https://app.pulsepoint.example/unsubscribe/t/x.y`,
    );
  });

  it('tags the hrefs of an HTML email', () => {
    expect(tagLinks('<a href="https://shop.example/">Shop</a>', tags, { html: true })).toBe(
      `<a href="https://shop.example/?${UTM.replace(/&/g, '&amp;')}">Shop</a>`,
    );
  });
});
